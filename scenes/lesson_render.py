"""Render a whole lesson: every entry, then the joined MP4 with chapters and one .srt."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from scenes.lesson_plan import entry_name
from scenes.lesson_video import join_subtitles, join_videos, video_duration
from scenes.render import RenderedScene, render_entry, safe_name
from scenes.scenario import Scenario


@dataclass(frozen=True)
class LessonResult:
    scenes: list[RenderedScene]
    video: Path | None
    subtitles: Path | None
    seconds: Fraction


def render_lesson(scenario: Scenario, out_dir: Path, *, quality: str = "medium", language: str | None = None,
                  size: tuple[int, int, int] | None = None, on_scene=None) -> LessonResult:
    """Render each lesson entry into out_dir/scenes/, then join them into out_dir/<id>_<lang>.mp4."""
    language = language or scenario.language
    scene_dir = out_dir / "scenes"
    rendered = []
    for i in range(len(scenario.lesson)):
        result = render_entry(scenario, i, scene_dir, quality=quality, language=language, size=size)
        rendered.append(result)
        if on_scene:
            on_scene(result)
    starts, t = [], Fraction(0)
    for r in rendered:
        starts.append(t)
        t += video_duration(r.video)
    base = out_dir / safe_name(f"{scenario.id}_{language}")
    titles = [entry_name(e, i) for i, e in enumerate(scenario.lesson)]
    seconds = join_videos([r.video for r in rendered], titles, base.with_suffix(".mp4"))
    subs = base.with_suffix(".srt")
    join_subtitles([(r.subtitles, s) for r, s in zip(rendered, starts)], subs)
    return LessonResult(rendered, base.with_suffix(".mp4"), subs, seconds)
