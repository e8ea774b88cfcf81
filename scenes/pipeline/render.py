"""Render lesson entries to files: manim in a private media folder, then atomic moves."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from scenes.pipeline import tex_cache
from scenes.pipeline.heavy import manim_api
from scenes.pipeline.presets import QUALITIES
from scenes.pipeline.render_cache import shared_formula_manifest
from scenes.pipeline.staging import staged
from scenes.pipeline.unpainted import render_last_frame_only, render_unpainted
from scenes.scenario.lesson_plan import entry_name, safe_name
from scenes.scenario.schema import Scenario

PARSED_SVG_LIMIT = 400  # formulas kept parsed between renders in one process (a step scene draws about 40)


@dataclass(frozen=True)
class RenderedScene:
    name: str
    video: Path
    subtitles: Path | None


def voice_suffix(voice: str) -> str:
    """What a voiced output adds to its file name, so that it sits beside the silent one and never replaces it:
    "" (none), ".espeak", ".command-<hash>" or ".recorded-<hash>" (a hash of the command or folder)."""
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


def beats_file(video: Path) -> Path:
    """Where a scene's video keeps its beats (scenes/<name>.beats.json): when each ends and what it said."""
    return video.with_suffix(".beats.json")


def read_beats(video: Path) -> list[tuple[float, str]]:
    """The beats render_entry recorded beside ``video``: (seconds at its end, its narration), in order."""
    return [(float(end), str(text)) for end, text in json.loads(beats_file(video).read_text(encoding="utf-8"))]


def render_entry(scenario: Scenario, index: int, out_dir: Path, *, quality: str = "medium",
                 language: str | None = None, size: tuple[int, int, int] | None = None,
                 fmt: str = "mp4", voice: str = "none") -> RenderedScene:
    """Render lesson entry ``index`` into ``out_dir``; returns the published files.

    manim's partial-movie cache stays off: batchviz's own cache (render_cache) already decides which scenes to
    render, and manim's hashing of every play (JSON-encoding each mobject) cost a third of a scene's time. A video
    has its beats beside it (``beats_file``), from which `--format slides` cuts its slides.
    """
    manim = manim_api()
    # PyAV warns about manim's unused muxing options once per voiced scene: not the author's business
    for logger in ("manim", "av.container.output"):
        logging.getLogger(logger).setLevel(logging.ERROR)

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
    make = lambda scene_voice: manim.scene_class(entry.scene)(scenario=scenario, entry=entry, language=language,
                                                         voice=scene_voice, cue_prefix=name)
    manifest = out_dir / ".manim" / f"{name}.formulas"
    # the same scene (same lesson, entry, language and code) rendered before into any folder, at any size or format,
    # left its list in the shared TeX cache: a new folder or quality needs no listing pass either
    shared_manifest = shared_formula_manifest(scenario, index, language or scenario.language)
    if not (tex_cache.manifest_is_cached(manifest) or tex_cache.manifest_is_cached(shared_manifest)):
        try:  # a dry run lists the scene's formulas, so that the missing ones compile together
            with manim.tempconfig({**settings, "dry_run": True, "format": "mp4", "save_last_frame": False}):
                tex_cache.compile_batch(tex_cache.collect_documents(lambda: render_unpainted(make("none"))))
        except Exception:  # noqa: BLE001 - best effort: the real render compiles what is left and reports errors
            pass
    tex_cache.used.clear()
    # manim keeps every SVG it parsed in a process-wide map: bounded, so that a worker rendering scene after scene
    # does not grow with every formula it has met, and kept below the bound, so that `batchviz watch` re-rendering
    # an edited scene finds its formulas parsed (a third of a step scene's last frame)
    if len(manim.svg_cache) > PARSED_SVG_LIMIT:
        manim.svg_cache.clear()
    with manim.tempconfig(settings):
        scene = make(voice)
        if fmt == "png":
            render_last_frame_only(scene)
        else:
            scene.render()
        writer = scene.renderer.file_writer
        produced = Path(writer.image_file_path if fmt == "png" else writer.movie_file_path)
    tex_cache.write_manifest(manifest)
    tex_cache.write_manifest(shared_manifest)
    final = publish(produced, out_dir / f"{name}{voice_suffix(voice)}.{fmt}")
    srt = produced.with_suffix(".srt")
    subtitles = publish(srt, final.with_suffix(".srt")) if srt.exists() else None
    if fmt != "png":
        with staged(beats_file(final)) as staging:
            staging.write_text(json.dumps(scene.beat_marks, ensure_ascii=False), encoding="utf-8")
    return RenderedScene(name, final, subtitles)
