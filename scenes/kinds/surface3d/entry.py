"""A short 3D shot of the loss surface with the runs' paths lying on it."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from scenes.scenario.fields import EntryBase, LearningRate
from scenes.scenario.kind import Kind


class Surface3DEntry(EntryBase):
    """An optional short 3D shot: the loss surface as a low-poly sheet (heights clipped just above the highest point
    a path reaches) with the runs' paths on it, the camera turning slowly. 3D renders slowly in Cairo (about 0.1 s
    a frame at 14×14 faces), so keep it short."""

    scene: Literal["surface3d"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=4)]
    """Runs whose paths lie on the surface."""
    learning_rate: Optional[LearningRate] = None
    """Learning rate of those paths (default: the scenario's)."""
    seconds: Annotated[Union[StrictInt, StrictFloat], Field(ge=2, le=8)] = 4
    """Length of the shot; each second costs about 8 s of rendering at 15 fps (0.55 s a frame)."""


def check(checks, loc, e) -> None:
    for j, name in enumerate(e.runs):
        checks.run_name(loc + ("runs", j), name)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_surface3d_true | sub_surface3d_false | sub_surface3d_undecided",)

KIND = Kind(Surface3DEntry, seconds=lambda scenario, e: float(e.seconds), check=check, beats=BEATS)
