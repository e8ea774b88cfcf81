"""The foggy forest: the way down each batch points, at the start, and how widely the directions fan out."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from scenes.scenario.fields import EntryBase, PositiveInt
from scenes.scenario.kind import Kind

BASE_SECONDS, SIZE_SECONDS = 6.0, 3.4


class FogEntry(EntryBase):
    """The foggy forest: on the loss surface, at the starting point, the way down that each batch of a size points
    (up to 60 batches drawn as a fan of arrows) around the whole data's direction (white), and the widest angle
    between them, size by size: small batches point every which way, larger ones agree. w and b are drawn at one
    scale, so the angles on screen are the angles stated."""

    scene: Literal["fog"]
    """Scene kind."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 2, 4]
    """Batch sizes shown in turn, each at most the number of samples (up to 60 batches of each are drawn)."""


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_fog_intro", "sub_fog_steepest_true | sub_fog_steepest_false | sub_fog_steepest_undecided",
         "sub_fog_batch", "sub_fog_summary | sub_fog_summary_mixed",
         "sub_fog_alike_true | sub_fog_alike_false | sub_fog_alike_undecided")

KIND = Kind(FogEntry, seconds=lambda scenario, e: BASE_SECONDS + SIZE_SECONDS * len(e.batch_sizes),
            check=lambda checks, loc, e: checks.batch_sizes_fit(loc, e.batch_sizes), beats=BEATS)
