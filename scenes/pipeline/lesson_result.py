"""A lesson being rendered (what a format needs to join its scenes), and what rendering it gives back: each scene's
outcome and the joined output."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Optional

from scenes.pipeline.render import RenderedScene
from scenes.scenario.schema import Scenario


@dataclass(frozen=True)
class SceneOutcome:
    rendered: RenderedScene
    seconds_taken: float
    reused: bool  # unchanged since the last render: not rendered again


@dataclass(frozen=True)
class LessonResult:
    scenes: list[SceneOutcome]
    video: Optional[Path]  # the joined lesson (video formats with every scene selected), or the slides' HTML
    subtitles: Optional[Path]
    seconds: Fraction  # total video length


@dataclass(frozen=True)
class LessonJob:
    """One lesson being rendered: what every format's ``finish`` may need."""

    scenario: Scenario
    out_dir: Path
    language: str
    size: tuple[int, int, int]
    voice: str
    wanted: list[int]  # the selected entries' indices, in lesson order
    keys: dict[int, str]  # entry index -> its scene's cache key
    gif_width: int
    gif_fps: float
    burn: bool  # subtitles drawn into the pictures (mp4, gif)

    @property
    def whole_lesson(self) -> bool:
        return len(self.wanted) == len(self.scenario.lesson)
