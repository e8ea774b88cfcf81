"""Which samples form each batch.

Reproducibility: a ``shuffled`` schedule draws one permutation per epoch with
``numpy.random.default_rng(seed).permutation(n)``, the same generator carried
across epochs, where n is the size of the (repeated) dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

import numpy as np


@dataclass(frozen=True)
class BatchSchedule:
    batch_size: int
    order: Literal["sequential", "shuffled"] = "sequential"
    seed: int = 0
    repeat: int = 1  # the dataset repeated k times before batching
    drop_last: bool = False

    def __post_init__(self) -> None:
        if self.repeat < 1:
            raise ValueError("repeat must be at least 1")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")


def steps_per_epoch(n: int, schedule: BatchSchedule) -> int:
    total = n * schedule.repeat
    full, rest = divmod(total, schedule.batch_size)
    return full + (1 if rest and not schedule.drop_last else 0)


def run_length(n: int, schedule: BatchSchedule, epochs: int | None, steps: int | None) -> int:
    """Steps in a run: ``epochs`` epochs (default 1), cut at ``steps``; ``steps`` alone runs as
    many epochs as it takes to make that many steps."""
    per_epoch = steps_per_epoch(n, schedule)
    if steps is None:
        return per_epoch * (epochs or 1)
    return min(steps, per_epoch * epochs) if epochs is not None else steps


def epochs_needed(n: int, schedule: BatchSchedule, total_steps: int) -> int:
    """Epochs that hold ``total_steps`` steps (the last one possibly cut short)."""
    per_epoch = steps_per_epoch(n, schedule)
    return max(1, -(-total_steps // per_epoch))


def batch_size_of_step(n: int, schedule: BatchSchedule, step: int) -> int:
    """Samples in the 1-based ``step``: batch_size, or fewer for an epoch's kept last batch."""
    total = n * schedule.repeat
    position = (step - 1) % steps_per_epoch(n, schedule)
    return min(schedule.batch_size, total - position * schedule.batch_size)


def batch_starts(total: int, schedule: BatchSchedule) -> np.ndarray:
    """Where each batch starts in an epoch's order of ``total`` samples (a short last batch dropped if asked)."""
    starts = np.arange(0, total, schedule.batch_size)
    if schedule.drop_last and total % schedule.batch_size:
        starts = starts[:-1]
    return starts


def epoch_orders(n: int, schedule: BatchSchedule, epochs: int) -> Iterator[np.ndarray]:
    """The order of the (repeated) samples in each epoch, as index arrays (batch_indices cuts them up)."""
    total = n * schedule.repeat
    base = np.tile(np.arange(n), schedule.repeat)
    rng = np.random.default_rng(schedule.seed) if schedule.order == "shuffled" else None
    for _ in range(epochs):
        yield base[rng.permutation(total)] if rng is not None else base


def batch_indices(n: int, schedule: BatchSchedule, epochs: int) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Yield (epoch, indices into the original dataset) for every batch, epoch by epoch."""
    total = n * schedule.repeat
    if schedule.batch_size > total:
        raise ValueError(f"batch_size {schedule.batch_size} exceeds the {total} samples available")
    for epoch, order in enumerate(epoch_orders(n, schedule, epochs)):
        for start in range(0, total, schedule.batch_size):
            chunk = order[start:start + schedule.batch_size]
            if len(chunk) < schedule.batch_size and schedule.drop_last:
                break
            yield epoch, tuple(int(i) for i in chunk)
