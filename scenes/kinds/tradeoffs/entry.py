"""The trade-offs: steps per epoch, gradient variance and memory against batch size; the restaurant tables."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StrictInt

from scenes.scenario.fields import EntryBase, PositiveInt
from scenes.scenario.kind import Kind


class TradeoffsEntry(EntryBase):
    """Steps per epoch N/B, gradient variance and memory against batch size on one log–log plot; restaurant tables
    with one seat per sample, crossed out when larger than `memory_limit`; the practical advice."""

    scene: Literal["tradeoffs"]
    """Scene kind."""
    dataset_size: Annotated[StrictInt, Field(ge=2, le=10**9)] = 50_000
    """N, the size of a realistic training set the trade-offs are computed for."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=2, max_length=10)] = [1, 8, 32, 128, 512, 4096]
    """Batch sizes along the plot (each at most dataset_size)."""
    memory_limit: Optional[Annotated[StrictInt, Field(ge=1, le=10**9)]] = 64
    """The largest batch the hardware holds: a table with more seats does not fit the room."""
    tables: Annotated[list[Annotated[StrictInt, Field(ge=1, le=128)]], Field(min_length=1, max_length=4)] = [4, 32, 100]
    """Table sizes (seats = samples, 1 to 128: every seat is drawn) of the restaurant analogy."""


def check(checks, loc, e) -> None:
    for j, size in enumerate(e.batch_sizes):
        if size > e.dataset_size:
            checks.problem(loc + ("batch_sizes", j), f"batch size {size} exceeds dataset_size "
                                                     f"{e.dataset_size}; use at most {e.dataset_size}")


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_tradeoffs_plot", "sub_tradeoffs_tables", "sub_advice")

KIND = Kind(TradeoffsEntry, seconds=lambda scenario, e: 15.9, check=check, beats=BEATS)
