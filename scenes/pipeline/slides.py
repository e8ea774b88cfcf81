"""`render --format slides`: the lesson as a manim-slides presentation, one slide per narration beat, so that a
teacher advances at their own pace; and its HTML export (reveal.js), which plays offline in a browser.

Each scene renders as a manim-slides ``Slide`` (LessonScene.beat ends a slide), into OUT/<id>/slides-<lang>/;
``manim-slides convert`` joins every scene into OUT/<id>/<id>_<lang>.slides.html with its videos and reveal.js
beside it. manim-slides downloads reveal.js from a CDN; here its cache is filled from the npm registry's
tarball instead (BATCHVIZ_NPM_REGISTRY, default https://registry.npmjs.org), once per user.
"""

from __future__ import annotations

import io
import os
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
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for asset in REVEAL_ASSETS:
            member = tar.extractfile(f"package/{asset}")
            if member is None:
                raise SlidesError(f"reveal.js {version} from {url} has no {asset}")
            target = cache / Path(asset).name
            partial = target.with_suffix(target.suffix + ".partial")
            partial.write_bytes(member.read())
            os.replace(partial, target)
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

    def render(self, *args, **kwargs):
        # Slide.render sets max_files_cached to inf, which manim 0.22 refuses; render_entry keeps every partial
        # movie instead (max_files_cached = -1), then the slides are saved from them
        super(Slide, self).render(*args, **kwargs)
        self._save_slides(use_cache=False, flush_cache=False, skip_reversing=True)

    return type(slide_class_name(scene_name), (Slide, scene_cls), {"__init__": __init__, "render": render})


def convert_to_html(folder: Path, class_names: list[str], output: Path, title: str) -> Path:
    """The scenes' slides, in order, as one offline HTML presentation (videos and reveal.js beside it)."""
    from scenes.pipeline.staging import staged

    ensure_reveal_assets()
    with staged(output) as tmp:
        command = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(folder), "--to", "html",
                   "-coffline=true", f"-ctitle={title}", *class_names, str(tmp.with_suffix(".html"))]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SlidesError(f"manim-slides convert failed: {done.stderr.strip().splitlines()[-1:]}")
        made = tmp.with_suffix(".html")
        os.replace(made, tmp)
        assets = made.parent / f"{made.stem}_assets"
        if assets.exists():  # the videos and reveal.js, named after the file
            final_assets = output.parent / f"{output.stem}_assets"
            if final_assets.exists():
                shutil.rmtree(final_assets)
            os.replace(assets, final_assets)
            text = tmp.read_text(encoding="utf-8").replace(f"{made.stem}_assets/", f"{output.stem}_assets/")
            tmp.write_text(text, encoding="utf-8")
    return output


def render_slides(scenario, out_dir: Path, *, language: str, size, voice: str = "none", scenes=None,
                  on_scene=None):
    """Every scene (or those ``scenes`` names) as slides, unchanged ones reused, then the HTML presentation; a
    LessonResult whose video is the HTML file."""
    from scenes.pipeline.lesson_render import LessonResult, SceneOutcome
    from scenes.pipeline.render import RenderedScene, render_entry
    from scenes.pipeline.render_cache import is_current, record, scene_key
    from scenes.scenario.lesson_plan import entry_name, safe_name

    folder = out_dir / f"slides-{language}"
    names = [safe_name(entry_name(e, i)) for i, e in enumerate(scenario.lesson)]
    wanted = [i for i, (n, e) in enumerate(zip(names, scenario.lesson)) if not scenes or n in scenes or e.scene in scenes]
    outcomes = []
    for i in wanted:
        name = names[i]
        key = scene_key(scenario, i, language, size, "slides", voice)
        config = folder / f"{slide_class_name(name)}.json"
        video = folder / "scenes" / f"{name}.mp4"
        if is_current(config, key) and video.exists():
            outcome = SceneOutcome(RenderedScene(name, video, None), 0.0, True)
        else:
            started = time.perf_counter()
            rendered = render_entry(scenario, i, folder / "scenes", language=language, size=size, fmt="mp4",
                                    voice=voice, slides_folder=folder)
            record(config, key)
            outcome = SceneOutcome(rendered, time.perf_counter() - started, False)
        outcomes.append(outcome)
        if on_scene:
            on_scene(outcome)
    html = out_dir / f"{safe_name(f'{scenario.id}_{language}')}.slides.html"
    convert_to_html(folder, [slide_class_name(names[i]) for i in wanted], html,
                    scenario.title.get(language) or scenario.id)
    return LessonResult(outcomes, html, None, Fraction(0))
