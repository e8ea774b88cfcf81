"""Render a lesson: the one loop every output format goes through.

Each selected entry is rendered unless its file is current (scenes.pipeline.render_cache), by a runner
(scenes.pipeline.executors: this process, a process pool, or a Dask cluster); then the format
(scenes.pipeline.formats: mp4, webm, gif, png, slides) joins the scenes into its outputs. Formats that draw the
same pictures render the same scene files, so a lesson rendered as MP4 is not rendered again for its GIFs or
slides.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Optional

from scenes.pipeline.executors import scene_runner
from scenes.pipeline.formats import FORMATS
from scenes.pipeline.lesson_result import LessonJob, LessonResult, SceneOutcome
from scenes.pipeline.presets import GIF_FPS, GIF_WIDTH, QUALITIES
from scenes.pipeline.render import RenderedScene, render_entry, voice_suffix
from scenes.pipeline.render_cache import is_current, record, scene_key
from scenes.scenario.lesson_plan import entry_name, safe_name
from scenes.scenario.schema import Scenario

__all__ = ["LessonResult", "SceneOutcome", "render_lesson"]


def _render_timed(scenario: Scenario, index: int, scene_dir: str, language: str, size: tuple[int, int, int],
                  fmt: str, voice: str) -> tuple[RenderedScene, float]:
    """One scene, wherever the runner runs it: renders the very scenario the main process checked (pickled: the
    file may have changed since, and --pace may have replaced its pace); returns (result, seconds taken)."""
    started = time.perf_counter()
    result = render_entry(scenario, index, Path(scene_dir), language=language, size=size, fmt=fmt, voice=voice)
    return result, time.perf_counter() - started


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
    scenario's go to scenes-<lang>/, so that both languages stay rendered. ``on_scene`` hears of each scene as
    soon as it is known current or rendered.
    """
    output_format = FORMATS[fmt]
    language = language or scenario.language
    size = size or QUALITIES[quality]
    scene_fmt = output_format.scene_format
    scene_dir = out_dir / ("scenes" if language == scenario.language else f"scenes-{language}")
    names = [safe_name(entry_name(e, i)) for i, e in enumerate(scenario.lesson)]
    wanted = [i for i, (n, e) in enumerate(zip(names, scenario.lesson)) if not scenes or n in scenes or e.scene in scenes]
    keys = {i: scene_key(scenario, i, language, size, scene_fmt, voice) for i in wanted}
    outcomes: dict[int, SceneOutcome] = {}

    def done(i: int, outcome: SceneOutcome) -> None:
        outcomes[i] = outcome
        if on_scene:
            on_scene(outcome)

    todo = []
    for i in wanted:
        output = scene_dir / f"{names[i]}{voice_suffix(voice)}.{scene_fmt}"
        if is_current(output, keys[i]) and output_format.scene_ready(output):
            srt = output.with_suffix(".srt")
            done(i, SceneOutcome(RenderedScene(names[i], output, srt if srt.exists() else None), 0.0, True))
        else:
            todo.append((scenario, i, str(scene_dir), language, size, scene_fmt, voice))
    with scene_runner(jobs, len(todo), executor) as runner:
        for task, (result, seconds) in runner.run(_render_timed, todo):
            i = task[1]
            record(result.video, keys[i])
            done(i, SceneOutcome(result, seconds, False))
    job = LessonJob(scenario, out_dir, language, size, voice, wanted, keys, gif_width, gif_fps, burn)
    return output_format.finish(job, [outcomes[i] for i in wanted])
