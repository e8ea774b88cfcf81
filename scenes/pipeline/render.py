"""Render lesson entries to files: manim in a private media folder, then atomic moves."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from scenes.pipeline.presets import QUALITIES
from scenes.pipeline.staging import staged
from scenes.scenario.lesson_plan import entry_name, safe_name
from scenes.scenario.schema import Scenario

@dataclass(frozen=True)
class RenderedScene:
    name: str
    video: Path
    subtitles: Path | None


def voice_suffix(voice: str) -> str:
    """What a voiced output adds to its file name, so that it sits beside the silent one and never replaces it:
    "" (none), ".espeak", ".command-<hash>" or ".recorded-<hash>" (a hash of the command or folder)."""
    import hashlib

    if voice in ("none", ""):
        return ""
    engine, _, rest = voice.partition(":")
    if not rest:
        return f".{engine}"
    return f".{engine}-{hashlib.sha256(rest.strip().encode()).hexdigest()[:8]}"


def publish(tmp: Path, final: Path) -> Path:
    """Move a finished file into place atomically (same folder, then rename)."""
    with staged(final) as staging:
        shutil.copyfile(tmp, staging)
    return final


def render_entry(scenario: Scenario, index: int, out_dir: Path, *, quality: str = "medium",
                 language: str | None = None, size: tuple[int, int, int] | None = None,
                 fmt: str = "mp4", voice: str = "none", slides_folder: Optional[Path] = None) -> RenderedScene:
    """Render lesson entry ``index`` into ``out_dir``; returns the published files.

    manim's partial-movie cache stays off: batchviz's own cache (render_cache) already decides which scenes to
    render, and manim's hashing of every play (JSON-encoding each mobject) cost a third of a scene's time.
    ``slides_folder``: also write the scene as manim-slides slides there (scenes.pipeline.slides).
    """
    import logging

    from manim import tempconfig

    # PyAV warns about manim's unused muxing options once per voiced scene: not the author's business
    for name in ("manim", "av.container.output"):
        logging.getLogger(name).setLevel(logging.ERROR)

    from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP

    from scenes.pipeline import tex_cache
    from scenes.kinds.registry import scene_class

    entry = scenario.lesson[index]
    name = safe_name(entry_name(entry, index))
    width, height, fps = size or QUALITIES[quality]
    # manim's own media folder, one per entry: manim names partial movies by Scene class, and two
    # entries of one class rendering at once (--jobs) must not share them
    work = out_dir / ".manim" / name
    # formulas come from the user's shared TeX cache (scenes.pipeline.tex_cache), compiled in one batch per scene
    tex_cache.install()
    settings = {
        "media_dir": str(work), "tex_dir": str(tex_cache.cache_dir()),
        "pixel_width": width, "pixel_height": height, "frame_rate": fps,
        "format": fmt, "output_file": name, "verbosity": "ERROR",
        "progress_bar": "none", "disable_caching": True,
    }
    if fmt == "png":
        settings["save_last_frame"] = True
    make = lambda scene_voice: scene_class(entry.scene)(scenario=scenario, entry=entry, language=language,
                                                         voice=scene_voice, cue_prefix=name)
    manifest = out_dir / ".manim" / f"{name}.formulas"
    if not tex_cache.manifest_is_cached(manifest):
        try:  # a dry run lists the scene's formulas, so that the missing ones compile together
            with tempconfig({**settings, "dry_run": True, "format": "mp4", "save_last_frame": False}):
                tex_cache.compile_batch(tex_cache.collect_documents(lambda: make("none").render()))
        except Exception:  # noqa: BLE001 - best effort: the real render compiles what is left and reports errors
            pass
    tex_cache.used.clear()
    # manim keeps every SVG it parsed in a process-wide map: a scene starts from an empty one, so that a worker
    # rendering scene after scene does not grow with every formula it has met
    SVG_HASH_TO_MOB_MAP.clear()
    cls, extra = scene_class(entry.scene), {}
    if slides_folder is not None:  # a manim-slides Slide of its own name: each beat a slide step
        from scenes.pipeline.slides import slide_class

        cls = slide_class(name, cls)
        extra = {"output_folder": slides_folder}
        settings["max_files_cached"] = -1  # manim-slides cuts the slides from every play's partial movie
    with tempconfig(settings):
        scene = cls(scenario=scenario, entry=entry, language=language, voice=voice, cue_prefix=name, **extra)
        scene.render()
        writer = scene.renderer.file_writer
        produced = Path(writer.image_file_path if fmt == "png" else writer.movie_file_path)
    tex_cache.write_manifest(manifest)
    final = publish(produced, out_dir / f"{name}{voice_suffix(voice)}.{fmt}")
    srt = produced.with_suffix(".srt")
    subtitles = publish(srt, final.with_suffix(".srt")) if srt.exists() else None
    return RenderedScene(name, final, subtitles)
