"""The grid-of-starts map of a basin study: for each batch size and each start of the grid, the minimum most of
its runs ended in (the colour of that start's dot in the basins scene), and the map's predicate.

A start's outcome is the minimum more than half of its runs ended in; when no minimum has more than half (runs
split, or most ended in no minimum), the start is MIXED. Counting only strict majorities keeps a start from being
called "flat" on a coin toss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.basin_study import BasinOutcome, BasinStudy
from mathcore.verdicts import Verdict, small_batch_reaches_flat_from_more_starts

MIXED = -1  # no minimum holds more than half of a start's runs


@dataclass(frozen=True)
class StartMap:
    """One batch size's map: per grid start (row by row, b rising by row), where most of its runs ended."""

    batch_size: int
    w: np.ndarray  # the starts
    b: np.ndarray
    majority: np.ndarray  # per start: the minimum's index (flattest first) or MIXED
    flat_share: np.ndarray  # per start: the share of its runs that ended in the flattest minimum

    def starts_in(self, k: int) -> int:
        """How many starts mostly ended in minimum k (or MIXED)."""
        return int(np.sum(self.majority == k))


def _start_map(study: BasinStudy, outcome: BasinOutcome) -> StartMap:
    per_start = outcome.ended.reshape(len(study.grid_w), study.grid_runs)
    majority = np.full(len(study.grid_w), MIXED, dtype=np.int64)
    for k in range(len(study.minima)):
        majority[np.sum(per_start == k, axis=1) * 2 > study.grid_runs] = k
    flat_share = np.mean(per_start == study.flat, axis=1)
    return StartMap(outcome.batch_size, study.grid_w, study.grid_b, majority, flat_share)


def start_maps(study: BasinStudy) -> tuple[StartMap, ...]:
    """One map per batch size, in the study's order (empty when the study ran no grid)."""
    return tuple(_start_map(study, o) for o in study.grid_outcomes)


def map_verdict(study: BasinStudy) -> Verdict:
    """Whether the smallest batch size mostly reaches the flattest minimum from more starts than the largest."""
    maps = start_maps(study)
    small = min(maps, key=lambda m: m.batch_size)
    large = max(maps, key=lambda m: m.batch_size)
    return small_batch_reaches_flat_from_more_starts(small.starts_in(study.flat), large.starts_in(study.flat),
                                                     len(study.grid_w))
