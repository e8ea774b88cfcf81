"""What a batch is made of: the share of positive examples among its labels (the sentiment example)."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence


def label_share(labels: Sequence[Fraction]) -> Fraction:
    """Mean label of a batch: for 0/1 sentiment labels, the share of positive examples."""
    return sum(labels, Fraction(0)) / len(labels)
