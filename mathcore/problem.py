"""The learning problem: data, model, loss, starting point, learning rate."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Union

from mathcore.exact import ExactSums

Number = Union[Fraction, float]


@dataclass(frozen=True)
class Params:
    """Model parameters (w, b) of y = w*x + b (before any link function)."""

    w: Number
    b: Number


@dataclass(frozen=True)
class Dataset:
    """Samples x and labels y, as exact fractions."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        if len(self.x) != len(self.y):
            raise ValueError(f"x has {len(self.x)} values but y has {len(self.y)}")
        if not self.x:
            raise ValueError("the dataset is empty")

    def __len__(self) -> int:
        return len(self.x)

    @cached_property
    def sums(self) -> ExactSums:
        """Exact sufficient statistics (mathcore.exact.ExactSums), computed once."""
        return ExactSums.of(self.x, self.y)


@dataclass(frozen=True)
class Problem:
    """Everything a run of gradient descent needs except the batch schedule."""

    model: str  # "linear" or "logistic"
    loss: str  # "mse" or "bce"
    data: Dataset
    init: Params
    lr: Fraction
