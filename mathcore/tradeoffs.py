"""What batch size costs and buys: steps per epoch, gradient variance, memory.

All relative to batch size 1 on a dataset of N samples: steps per epoch is
ceil(N / B); the variance of the minibatch gradient shrinks by the
finite-population factor (N - B) / (B (N - 1)); memory for activations grows
in proportion to B (the restaurant table that must seat the whole batch).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from mathcore.noise import finite_population_factor


@dataclass(frozen=True)
class Tradeoff:
    batch_size: int
    steps_per_epoch: int
    variance_factor: Fraction  # relative to batch size 1
    memory: Fraction  # relative to batch size 1
    fits: bool  # within the memory limit


def tradeoffs(n: int, batch_sizes: Sequence[int], memory_limit: int | None = None) -> list[Tradeoff]:
    """One row per batch size; ``memory_limit`` is the largest batch the hardware holds."""
    rows = []
    for b in batch_sizes:
        if not 1 <= b <= n:
            raise ValueError(f"batch size {b} outside 1..{n}")
        rows.append(Tradeoff(b, math.ceil(n / b), finite_population_factor(n, b) / finite_population_factor(n, 1)
                             if n > 1 else Fraction(0), Fraction(b), memory_limit is None or b <= memory_limit))
    return rows


def label_share(labels: Sequence[Fraction]) -> Fraction:
    """Mean label of a batch: for 0/1 sentiment labels, the share of positive examples."""
    return sum(labels, Fraction(0)) / len(labels)
