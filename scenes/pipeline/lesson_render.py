"""Render a lesson: each selected entry (skipping unchanged ones, optionally in parallel), then the
joined video with chapters and one .srt, or per-scene GIFs / PNGs."""

from __future__ import annotations

import os
import time
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Optional

from scenes.scenario.lesson_plan import entry_name
from scenes.pipeline.lesson_video import join_subtitles, join_videos, video_duration
from scenes.pipeline.presets import GIF_FPS, GIF_WIDTH, QUALITIES
from scenes.pipeline.render import RenderedScene, render_entry, voice_suffix
from scenes.scenario.lesson_plan import safe_name
from scenes.pipeline.render_cache import is_current, record, scene_key
from scenes.scenario.schema import Scenario

VIDEO_FORMATS = ("mp4", "webm")


@dataclass(frozen=True)
class SceneOutcome:
    rendered: RenderedScene
    seconds_taken: float
    reused: bool  # unchanged since the last render: not rendered again


@dataclass(frozen=True)
class LessonResult:
    scenes: list[SceneOutcome]
    video: Optional[Path]  # the joined lesson (video formats with every scene selected)
    subtitles: Optional[Path]
    seconds: Fraction  # total video length


def _render_one(scenario: Scenario, index: int, scene_dir: str, language: str, size, fmt: str, voice: str):
    """Worker for --jobs: renders the very scenario the main process checked (pickled: the file may have changed
    since, and --pace may have replaced its pace); returns (result, seconds taken)."""
    started = time.perf_counter()
    result = render_entry(scenario, index, Path(scene_dir), language=language, size=size, fmt=fmt, voice=voice)
    return result, time.perf_counter() - started


def _with_burned_subtitles(outcome: SceneOutcome, key: str) -> SceneOutcome:
    """The scene's video with its subtitles drawn in (scenes/<name>.subtitled.mp4, made again only when the
    scene changed)."""
    from scenes.pipeline.burn_subtitles import burn_subtitles

    video = outcome.rendered.video
    burned = video.with_name(f"{video.stem}.subtitled.mp4")
    if not is_current(burned, key):
        burn_subtitles(video, outcome.rendered.subtitles, burned)
        record(burned, key)
    return SceneOutcome(RenderedScene(outcome.rendered.name, burned, outcome.rendered.subtitles),
                        outcome.seconds_taken, outcome.reused)


def render_lesson(scenario: Scenario, out_dir: Path, *, quality: str = "medium", language: str | None = None,
                  size: tuple[int, int, int] | None = None, fmt: str = "mp4", scenes: list[str] | None = None,
                  jobs: Optional[int] = None, gif_width: int = GIF_WIDTH, voice: str = "none",
                  gif_fps: float = GIF_FPS, burn: bool = False, executor: Optional[Executor] = None,
                  on_scene: Callable[[SceneOutcome], None] | None = None) -> LessonResult:
    """Render the lesson into out_dir; see the module docstring.

    ``scenes`` selects entries by name (01_setup) or kind (step); ``jobs`` > 1 renders scenes in separate
    processes (default: one per core, at most one per scene); ``executor`` (scenes.pipeline.executors) runs them
    instead, e.g. on a Dask cluster, and may be shared by many lessons. ``burn`` draws the subtitles into the
    pictures of MP4 and GIF outputs (scenes.pipeline.burn_subtitles). Scenes in another language than the
    scenario's go to scenes-<lang>/, so that both languages stay rendered.
    """
    language = language or scenario.language
    size = size or QUALITIES[quality]
    if fmt == "slides":
        from scenes.pipeline.slides import render_slides

        return render_slides(scenario, out_dir, language=language, size=size, voice=voice, scenes=scenes,
                             jobs=jobs, on_scene=on_scene)
    scene_dir = out_dir / ("scenes" if language == scenario.language else f"scenes-{language}")
    names = [safe_name(entry_name(e, i)) for i, e in enumerate(scenario.lesson)]
    wanted = [i for i, (n, e) in enumerate(zip(names, scenario.lesson)) if not scenes or n in scenes or e.scene in scenes]
    render_fmt = "mp4" if fmt == "gif" else fmt
    outcomes: dict[int, SceneOutcome] = {}
    keys: dict[int, str] = {}
    todo = []
    for i in wanted:
        key = keys[i] = scene_key(scenario, i, language, size, render_fmt, voice)
        output = scene_dir / f"{names[i]}{voice_suffix(voice)}.{render_fmt}"
        if is_current(output, key):
            srt = output.with_suffix(".srt")
            outcome = SceneOutcome(RenderedScene(names[i], output, srt if srt.exists() else None), 0.0, True)
            outcomes[i] = outcome
            if on_scene:
                on_scene(outcome)
        else:
            todo.append((i, key))

    def finished(i, key, result, seconds):
        record(result.video, key)
        outcomes[i] = SceneOutcome(result, seconds, False)
        if on_scene:
            on_scene(outcomes[i])

    jobs = min(jobs or os.cpu_count() or 1, len(todo))  # default: one process per core

    def run_on(pool: Executor) -> None:
        futures = {pool.submit(_render_one, scenario, i, str(scene_dir), language, size, render_fmt, voice): (i, key)
                   for i, key in todo}
        for future in as_completed(futures):
            i, key = futures[future]
            finished(i, key, *future.result())

    if executor is not None and todo:
        run_on(executor)
    elif jobs > 1:
        from scenes.pipeline.executors import scene_executor

        with scene_executor("process", jobs) as pool:
            run_on(pool)
    else:
        for i, key in todo:
            started = time.perf_counter()
            result = render_entry(scenario, i, scene_dir, language=language, size=size, fmt=render_fmt, voice=voice)
            finished(i, key, result, time.perf_counter() - started)

    ordered = [outcomes[i] for i in wanted]
    if burn and render_fmt == "mp4":
        ordered = [_with_burned_subtitles(o, keys[i]) for i, o in zip(wanted, ordered)]
    if fmt == "gif":
        from scenes.pipeline.gif import video_to_gif

        converted = []
        for o in ordered:
            gif = video_to_gif(o.rendered.video, o.rendered.video.with_suffix(".gif"),
                               width=min(gif_width, size[0]), fps=min(gif_fps, size[2]))
            converted.append(SceneOutcome(RenderedScene(o.rendered.name, gif, o.rendered.subtitles),
                                          o.seconds_taken, o.reused))
        ordered = converted
    total = sum((video_duration(o.rendered.video) for o in ordered), Fraction(0)) if fmt in VIDEO_FORMATS else Fraction(0)
    video = subs = None
    if fmt in VIDEO_FORMATS and len(wanted) == len(scenario.lesson):
        starts, t = [], Fraction(0)
        for o in ordered:
            starts.append(t)
            t += video_duration(o.rendered.video)
        from scenes.pipeline.chapters import chapter_titles, write_chapters_json

        base = safe_name(f"{scenario.id}_{language}") + voice_suffix(voice)  # a voiced lesson beside the silent one
        video = out_dir / f"{base}.{fmt}"
        titles = chapter_titles(scenario, language)  # the scenes' headings, not their file names
        total = join_videos([o.rendered.video for o in ordered], titles, video, container=fmt)
        subs = out_dir / f"{base}.srt"
        join_subtitles([(o.rendered.subtitles, s) for o, s in zip(ordered, starts)], subs)
        write_chapters_json(out_dir / f"{base}.chapters.json", titles, [float(a) for a in starts],
                            [float(a) for a in starts[1:]] + [float(total)], language)
    return LessonResult(ordered, video, subs, total)
