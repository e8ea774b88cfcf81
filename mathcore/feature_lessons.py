"""What a batch teaches: the husky and the wolf.

A logistic classifier p = sigmoid(b + sum_j w_j x_j) that starts from all-zero weights predicts p = 1/2 for every
image, so the gradient of the mean cross-entropy on a batch is exact:
  dL/dw_j = mean_i (1/2 - y_i) x_ij.
The first step moves w_j by -lr * dL/dw_j: a positive "lesson" mean_i (y_i - 1/2) x_ij says "this feature means
the label", a negative one "this feature means not the label", zero "nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

HALF = Fraction(1, 2)


@dataclass(frozen=True)
class Kind:
    """One kind of example (e.g. a husky): its feature values and its label (1 or 0)."""

    features: tuple[Fraction, ...]
    label: int


def batch_lesson(kinds: Mapping[str, Kind], counts: Mapping[str, int]) -> tuple[Fraction, ...]:
    """-dL/dw_j at zero weights for a batch with ``counts[kind]`` examples of each kind: per feature, exact."""
    total = sum(counts.values())
    if total <= 0:
        raise ValueError("a batch needs at least one example")
    width = len(next(iter(kinds.values())).features)
    sums = [Fraction(0)] * width
    for name, count in counts.items():
        kind = kinds[name]
        for j, value in enumerate(kind.features):
            sums[j] += count * (kind.label - HALF) * value
    return tuple(s / total for s in sums)


def _sign(value: Fraction | float) -> int:
    return int(value > 0) - int(value < 0)


def differences(lesson: Sequence[Fraction], reference: Sequence[Fraction]) -> tuple[list[int], list[int]]:
    """Features (indices) a batch learns the opposite way from the reference, and those it learns nothing about
    while the reference does: from the exact signs."""
    opposite = [j for j, (a, b) in enumerate(zip(lesson, reference)) if _sign(a) * _sign(b) < 0]
    missed = [j for j, (a, b) in enumerate(zip(lesson, reference)) if _sign(a) == 0 and _sign(b) != 0]
    return opposite, missed
