"""`render --format slides`: the lesson as a manim-slides presentation, one slide per narration beat, so that a
teacher advances at their own pace; and its HTML export (reveal.js), which plays offline in a browser.

Each scene renders as a manim-slides ``Slide`` (LessonScene.beat ends a slide), into OUT/<id>/slides-<lang>/;
``manim-slides convert`` joins every scene into OUT/<id>/<id>_<lang>.slides.html with its videos and reveal.js
beside it. manim-slides downloads reveal.js from a CDN; here its cache is filled from the npm registry's
tarball instead (BATCHVIZ_NPM_REGISTRY, default https://registry.npmjs.org), once per user.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from fractions import Fraction
from pathlib import Path

REVEAL_ASSETS = ("dist/reveal.js", "dist/reveal.css", "dist/theme/black.css", "dist/plugin/markdown.js",
                 "dist/plugin/notes.js", "dist/plugin/highlight/zenburn.css")


class SlidesError(Exception):
    """The presentation could not be made (one line for the author)."""


def reveal_version() -> str:
    from manim_slides.convert import RevealJS

    return RevealJS.model_fields["reveal_version"].default


def ensure_reveal_assets() -> Path:
    """manim-slides' reveal.js cache, filled from the npm registry if it lacks a file."""
    from platformdirs import user_cache_path

    version = reveal_version()
    cache = user_cache_path("manim-slides") / f"revealjs{version}"
    if all((cache / Path(a).name).exists() for a in REVEAL_ASSETS):
        return cache
    registry = os.environ.get("BATCHVIZ_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
    url = f"{registry}/reveal.js/-/reveal.js-{version}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read(50_000_000)
    except OSError as exc:
        raise SlidesError(f"cannot download reveal.js {version} from {url} ({exc}); set BATCHVIZ_NPM_REGISTRY to a "
                          "reachable npm registry") from None
    cache.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for asset in REVEAL_ASSETS:
                try:
                    member = tar.extractfile(f"package/{asset}")
                except KeyError:
                    member = None
                if member is None:
                    raise SlidesError(f"reveal.js {version} from {url} has no {asset}; set BATCHVIZ_NPM_REGISTRY "
                                      "to a working npm registry")
                target = cache / Path(asset).name
                partial = target.with_suffix(target.suffix + ".partial")
                partial.write_bytes(member.read(20_000_000))
                os.replace(partial, target)
    except (tarfile.TarError, EOFError, OSError, ValueError):  # zlib errors are OSError / ValueError subclasses
        raise SlidesError(f"the download of reveal.js {version} from {url} is not an npm package (tar.gz); set "
                          "BATCHVIZ_NPM_REGISTRY to a working npm registry") from None
    return cache


def slide_class_name(scene_name: str) -> str:
    """A class name per lesson entry (manim-slides names its files after the class; two step scenes share one)."""
    return "Slides_" + "".join(ch if ch.isalnum() else "_" for ch in scene_name)


def slide_class(scene_name: str, scene_cls: type) -> type:
    """``scene_cls`` as a manim-slides Slide named after the entry. manim-slides 5.7 sets two manim settings that
    manim 0.22 refuses (``write_to_movie``, removed; ``max_files_cached = inf``): its set-up and its render run
    here without them, as they are otherwise."""
    from manim_slides import Slide
    from manim_slides.slide.base import BaseSlide

    def __init__(self, *args, **kwargs):
        BaseSlide.__init__(self, *args, **kwargs)

    def slide_notes(self, text: str):
        """Add a beat's narration to the speaker notes of the slide being played (manim-slides' next_slide(notes=)
        sets the notes of the slide that follows it: a beat adds its own to the slide it is part of). The notes
        are Markdown inside the reveal.js HTML, written unescaped: the text is encoded for both."""
        config = self._base_slide_config
        config.notes = (config.notes + "\n\n" if config.notes else "") + notes_markdown(text)

    def render(self, *args, **kwargs):
        # Slide.render sets max_files_cached to inf, which manim 0.22 refuses; render_entry keeps every partial
        # movie instead (max_files_cached = -1), then the slides are saved from them
        super(Slide, self).render(*args, **kwargs)
        self._save_slides(use_cache=False, flush_cache=False, skip_reversing=True)

    return type(slide_class_name(scene_name), (Slide, scene_cls),
                {"__init__": __init__, "render": render, "slide_notes": slide_notes})


def notes_markdown(text: str) -> str:
    """Narration as speaker notes: HTML-escaped (manim-slides' template does not escape), Markdown's marks
    (B_simple, *, `) taken literally."""
    return re.sub(r"([\\`*_{}\[\]#!])", r"\\\1", html.escape(text, quote=False))


TITLE_PLACEHOLDER = "BATCHVIZSLIDESTITLE"


def convert_to_html(folder: Path, class_names: list[str], output: Path, title: str) -> Path:
    """The scenes' slides, in order, as one offline HTML presentation (videos and reveal.js beside it)."""
    from scenes.pipeline.staging import staged

    ensure_reveal_assets()
    with staged(output) as tmp:
        # the title never reaches the command line: manim-slides cannot parse "=" in it and writes it into the HTML
        # unescaped; a placeholder goes in, the escaped title replaces it afterwards
        command = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(folder), "--to", "html",
                   "-coffline=true", f"-ctitle={TITLE_PLACEHOLDER}", *class_names, str(tmp.with_suffix(".html"))]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise SlidesError(f"manim-slides convert failed: {last[:200]}")
        made = tmp.with_suffix(".html")
        os.replace(made, tmp)
        page = tmp.read_text(encoding="utf-8")
        tmp.write_text(page.replace(TITLE_PLACEHOLDER, html.escape(title)), encoding="utf-8")
        assets = made.parent / f"{made.stem}_assets"
        if assets.exists():  # the videos and reveal.js, named after the file
            final_assets = output.parent / f"{output.stem}_assets"
            if final_assets.exists():
                shutil.rmtree(final_assets)
            os.replace(assets, final_assets)
            text = tmp.read_text(encoding="utf-8").replace(f"{made.stem}_assets/", f"{output.stem}_assets/")
            tmp.write_text(text, encoding="utf-8")
    return output


def title_first_slide(config: Path, title: str) -> None:
    """The scene's chapter title as the heading of its first slide's speaker notes (manim-slides' JSON)."""
    import json

    presentation = json.loads(config.read_text(encoding="utf-8"))
    if presentation.get("slides"):
        first = presentation["slides"][0]
        # bold, not a heading: reveal.js' black theme draws headings white, unreadable in the notes panel
        first["notes"] = f"**{notes_markdown(title)}**\n\n{first.get('notes', '')}"
        config.write_text(json.dumps(presentation, indent=2, ensure_ascii=False), encoding="utf-8")


def _render_slide_scene(scenario, index: int, folder: str, language: str, size, voice: str):
    """Worker for --jobs: one entry as slides (and its MP4); returns (result, seconds taken)."""
    from scenes.pipeline.render import render_entry

    started = time.perf_counter()
    result = render_entry(scenario, index, Path(folder) / "scenes", language=language, size=size, fmt="mp4",
                          voice=voice, slides_folder=Path(folder))
    return result, time.perf_counter() - started


def render_slides(scenario, out_dir: Path, *, language: str, size, voice: str = "none", scenes=None,
                  jobs=None, on_scene=None):
    """Every scene (or those ``scenes`` names) as slides, unchanged ones reused, the others rendered in ``jobs``
    processes (default: one per core), then the HTML presentation; a LessonResult whose video is the HTML file.
    Paths are made absolute: manim-slides stores them as given and resolves them from elsewhere."""
    from concurrent.futures import as_completed

    from scenes.pipeline.lesson_render import LessonResult, SceneOutcome
    from scenes.pipeline.render import RenderedScene
    from scenes.pipeline.render_cache import is_current, record, scene_key
    from scenes.pipeline.chapters import chapter_titles
    from scenes.scenario.lesson_plan import entry_name, safe_name

    out_dir = out_dir.resolve()
    folder = out_dir / f"slides-{language}"
    names = [safe_name(entry_name(e, i)) for i, e in enumerate(scenario.lesson)]
    wanted = [i for i, (n, e) in enumerate(zip(names, scenario.lesson)) if not scenes or n in scenes or e.scene in scenes]
    outcomes, todo = {}, []
    for i in wanted:
        key = scene_key(scenario, i, language, size, "slides", voice)
        config = folder / f"{slide_class_name(names[i])}.json"
        video = folder / "scenes" / f"{names[i]}.mp4"
        if is_current(config, key) and video.exists():
            outcomes[i] = SceneOutcome(RenderedScene(names[i], video, None), 0.0, True)
            if on_scene:
                on_scene(outcomes[i])
        else:
            todo.append((i, key))

    titles = chapter_titles(scenario, language)

    def finished(i, key, rendered, seconds):
        config = folder / f"{slide_class_name(names[i])}.json"
        title_first_slide(config, titles[i])
        record(config, key)
        outcomes[i] = SceneOutcome(rendered, seconds, False)
        if on_scene:
            on_scene(outcomes[i])

    jobs = min(jobs or os.cpu_count() or 1, len(todo))
    if jobs > 1:
        from scenes.pipeline.executors import scene_executor

        with scene_executor("process", jobs) as pool:
            futures = {pool.submit(_render_slide_scene, scenario, i, str(folder), language, size, voice): (i, key)
                       for i, key in todo}
            for future in as_completed(futures):
                finished(*futures[future], *future.result())
    else:
        for i, key in todo:
            finished(i, key, *_render_slide_scene(scenario, i, str(folder), language, size, voice))
    html_file = out_dir / f"{safe_name(f'{scenario.id}_{language}')}.slides.html"
    convert_to_html(folder, [slide_class_name(names[i]) for i in wanted], html_file,
                    scenario.title.get(language) or scenario.id)
    return LessonResult([outcomes[i] for i in wanted], html_file, None, Fraction(0))
