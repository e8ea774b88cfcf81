"""`render --format slides`: the lesson as a manim-slides presentation, one slide per narration beat, so that a
teacher advances at their own pace; and its HTML export (reveal.js), which plays offline in a browser.

The slides are cut from the scenes' MP4s, the very renders `--format mp4` makes (same files, same cache keys):
a lesson rendered as video is not rendered again for its slides. Each video has its beats beside it
(scenes.pipeline.render.beats_file): a slide ends where a beat ends, and the beat's narration is its speaker notes.
The cuts and manim-slides' JSON go to OUT/<id>/slides-<lang>/; ``manim-slides convert`` joins every scene into
OUT/<id>/<id>_<lang>.slides.html with its videos and reveal.js beside it. manim-slides downloads reveal.js from a
CDN; here its cache is filled from the npm registry's tarball instead (BATCHVIZ_NPM_REGISTRY, default
https://registry.npmjs.org), once per user.
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
import urllib.request
from bisect import bisect_right
from fractions import Fraction
from pathlib import Path

import av
import platformdirs

from scenes.pipeline import heavy
from scenes.pipeline.chapters import chapter_titles
from scenes.pipeline.lesson_result import LessonJob, LessonResult, SceneOutcome
from scenes.pipeline.render import beats_file, read_beats, voice_suffix
from scenes.pipeline.render_cache import is_current, record
from scenes.pipeline.staging import staged
from scenes.scenario.lesson_plan import safe_name

REVEAL_ASSETS = ("dist/reveal.js", "dist/reveal.css", "dist/theme/black.css", "dist/plugin/markdown.js",
                 "dist/plugin/notes.js", "dist/plugin/highlight/zenburn.css")


class SlidesError(Exception):
    """The presentation could not be made (one line for the author)."""


def reveal_version() -> str:
    return heavy.reveal_version()


def ensure_reveal_assets() -> Path:
    """manim-slides' reveal.js cache, filled from the npm registry if it lacks a file."""
    version = reveal_version()
    cache = platformdirs.user_cache_path("manim-slides") / f"revealjs{version}"
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


def notes_markdown(text: str) -> str:
    """Narration as speaker notes: HTML-escaped (manim-slides' template does not escape), Markdown's marks
    (B_simple, *, `) taken literally."""
    return re.sub(r"([\\`*_{}\[\]#!])", r"\\\1", html.escape(text, quote=False))


TITLE_PLACEHOLDER = "BATCHVIZSLIDESTITLE"


def convert_to_html(folder: Path, class_names: list[str], output: Path, title: str) -> Path:
    """The scenes' slides, in order, as one offline HTML presentation (videos and reveal.js beside it)."""
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


def cut_video(video: Path, starts: list[int], folder: Path) -> list[Path | None]:
    """``video`` cut into parts beginning at the frame indices ``starts`` (the first 0), one MP4 per part in
    ``folder`` (1.mp4, 2.mp4, ...); None for a part that holds no frame."""
    parts: list[Path | None] = [None] * len(starts)
    with av.open(str(video)) as source:
        stream = source.streams.video[0]
        rate = stream.average_rate or Fraction(30)
        target = encoder = None
        current = -1
        try:
            for n, frame in enumerate(source.decode(stream)):
                part = bisect_right(starts, n) - 1
                if part != current:
                    if target is not None:
                        for packet in encoder.encode():
                            target.mux(packet)
                        target.close()
                    current = part
                    path = parts[part] = folder / f"{part + 1}.mp4"
                    target = av.open(str(path), "w", format="mp4")
                    encoder = target.add_stream("libx264", rate=rate)
                    encoder.width, encoder.height, encoder.pix_fmt = stream.width, stream.height, "yuv420p"
                    encoder.options = {"crf": "18", "preset": "fast"}
                    first = n
                picture = av.VideoFrame.from_ndarray(frame.to_ndarray(format="rgb24"), format="rgb24")
                picture.pts, picture.time_base = n - first, 1 / rate
                for packet in encoder.encode(picture):
                    target.mux(packet)
            if target is not None:
                for packet in encoder.encode():
                    target.mux(packet)
        finally:
            if target is not None:
                target.close()
    return parts


def slide_starts(beats: list[tuple[float, str]], fps: float) -> list[int]:
    """The frame each slide starts at: the first at 0, each next one where a beat ends (the frames after the last
    beat stay on the last slide)."""
    return [0] + [round(end * fps) for end, _ in beats[:-1]]


def write_scene_slides(video: Path, folder: Path, class_name: str, title: str, background: str,
                       size: tuple[int, int, int]) -> Path:
    """One scene's slides (its MP4 cut at its beats) and manim-slides' JSON for it, ``folder/<class_name>.json``;
    each slide's speaker notes are its beat's narration, the first headed by the scene's chapter title."""
    beats = read_beats(video) or [(0.0, "")]
    files = folder / "files" / class_name
    shutil.rmtree(files, ignore_errors=True)
    files.mkdir(parents=True)
    cuts = cut_video(video, slide_starts(beats, size[2]), files)
    notes = [notes_markdown(text) for _, text in beats]
    notes[0] = f"**{notes_markdown(title)}**\n\n{notes[0]}"  # bold: the black theme draws headings white
    slides, carried = [], ""
    for path, note in zip(cuts, notes):
        note = f"{carried}\n\n{note}" if carried else note
        if path is None:  # a beat that ends on the frame the one before it ends: its notes join the next slide
            carried = note
            continue
        slides.append({"file": path, "rev_file": path, "notes": note})
        carried = ""
    if carried and slides:
        slides[-1]["notes"] += f"\n\n{carried}"
    config = heavy.manim_slides_config()
    presentation = config.PresentationConfig(slides=[config.SlideConfig(**s) for s in slides],
                                             resolution=(size[0], size[1]), background_color=background)
    json_file = folder / f"{class_name}.json"
    with staged(json_file) as staging:
        presentation.to_file(staging)
    return json_file


class SlidesFormat:
    """slides: each scene's MP4 (shared with --format mp4) cut at its beats, joined into one reveal.js page."""

    scene_format = "mp4"

    def scene_ready(self, video: Path) -> bool:
        return beats_file(video).exists()

    def finish(self, job: LessonJob, scenes: list[SceneOutcome]) -> LessonResult:
        """Paths are absolute: manim-slides stores them as given and resolves them from elsewhere."""
        sc = job.scenario
        base = safe_name(f"{sc.id}_{job.language}") + voice_suffix(job.voice)
        folder = job.out_dir.resolve() / f"slides-{job.language}{voice_suffix(job.voice)}"
        titles = chapter_titles(sc, job.language)
        background = sc.theme().background
        names = []
        for i, outcome in zip(job.wanted, scenes):
            class_name = slide_class_name(outcome.rendered.name)
            names.append(class_name)
            json_file = folder / f"{class_name}.json"
            if not is_current(json_file, job.keys[i]):
                write_scene_slides(outcome.rendered.video.resolve(), folder, class_name, titles[i], background,
                                   job.size)
                record(json_file, job.keys[i])
        html_file = job.out_dir / f"{base}.slides.html"
        convert_to_html(folder, names, html_file, sc.title.get(job.language) or sc.id)
        return LessonResult(scenes, html_file, None, Fraction(0))
