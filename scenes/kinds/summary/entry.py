"""The summary: the lesson's points, each beside a small picture redrawn from data already shown."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StrictStr

from scenes.scenario.fields import EntryBase, LearningRate, PositiveInt
from scenes.scenario.kind import Kind


class SummaryEntry(EntryBase):
    """The lesson's three points, each beside a small picture redrawn from the data: the runs' paths, gradient
    clouds, the batch-size study's steps against samples (see `study`)."""

    scene: Literal["summary"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=4)]
    """Runs whose paths form the first picture (a small and a large batch)."""
    learning_rate: Optional[LearningRate] = None
    """Learning rate of those paths (default: the scenario's)."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 4]
    """Batch sizes of the gradient clouds in the second picture."""


def check(checks, loc, e) -> None:
    for j, name in enumerate(e.runs):
        checks.run_name(loc + ("runs", j), name)
    checks.batch_sizes_fit(loc, e.batch_sizes)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_summary_1 | sub_summary_1_agreed", "sub_summary_2 | sub_summary_2_longer | sub_summary_2_comparable",
         "sub_summary_3_true | sub_summary_3_false | sub_summary_3_undecided",
         # only when the lesson has a basins scene: what it measured about exploration
         "sub_summary_explores_true | sub_summary_explores_false | sub_summary_explores_undecided | "
         "sub_summary_explores_same")

KIND = Kind(SummaryEntry, seconds=lambda scenario, e: 15.1, check=check, beats=BEATS)
