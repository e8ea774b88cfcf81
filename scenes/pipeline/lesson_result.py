"""What rendering a lesson gives back: each scene's outcome and the joined output."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Optional

from scenes.pipeline.render import RenderedScene


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
