"""What each batch size costs on given hardware to reach the study's target: time, and whether the batch fits.

A step that processes B samples takes step_seconds + sample_seconds x B (a fixed cost per step, then work that
grows with the batch; on a GPU the fixed cost dominates small batches), so a run of S steps using E samples takes
step_seconds x S + sample_seconds x E. A batch larger than ``memory_limit`` samples does not fit (the restaurant
table with more seats than the room holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from mathcore.batch_size_study import BatchSizeResult


@dataclass(frozen=True)
class Hardware:
    step_seconds: float
    sample_seconds: float
    memory_limit: Optional[int] = None  # the largest batch that fits; None: no limit


@dataclass(frozen=True)
class BatchCost:
    batch_size: int
    seconds: Optional[float]  # median time to the target; None when the batch size never reached it
    fits: bool


def batch_costs(results: Sequence[BatchSizeResult], hardware: Hardware) -> list[BatchCost]:
    return [BatchCost(r.batch_size,
                      None if r.steps is None or r.samples is None else
                      hardware.step_seconds * r.steps + hardware.sample_seconds * r.samples,
                      hardware.memory_limit is None or r.batch_size <= hardware.memory_limit)
            for r in results]


def fastest(costs: Sequence[BatchCost]) -> Optional[BatchCost]:
    """The batch size that reaches the target soonest among those that fit (ties: the smaller batch)."""
    usable = [c for c in costs if c.fits and c.seconds is not None]
    return min(usable, key=lambda c: (c.seconds, c.batch_size)) if usable else None
