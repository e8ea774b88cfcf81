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


LIGHT_LUMINANCE = 0.5  # WCAG relative luminance from which a colour is called "white" rather than "black"


def heatmap_arrow_key(color: str) -> str:
    """The locale key naming the full-data arrow by the colour it is drawn in (the theme's heatmap markers):
    "white arrow" for a light colour, "black arrow" for a dark one, so the words match the picture in any theme."""
    rgb = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    light = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] >= LIGHT_LUMINANCE
    return "heatmap_arrow_light" if light else "heatmap_arrow_dark"


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_fog_intro", "sub_fog_steepest_true | sub_fog_steepest_false | sub_fog_steepest_undecided",
         "sub_fog_batch | sub_fog_batch_drawn | sub_fog_batch_drawn_vast | sub_fog_batch_whole",
         "sub_fog_summary | sub_fog_summary_mixed",
         "sub_fog_alike_true | sub_fog_alike_false | sub_fog_alike_undecided")

KIND = Kind(FogEntry, seconds=lambda scenario, e: BASE_SECONDS + SIZE_SECONDS * len(e.batch_sizes),
            check=lambda checks, loc, e: checks.batch_sizes_fit(loc, e.batch_sizes), beats=BEATS)
