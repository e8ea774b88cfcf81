"""The teacher's estimate: a class's average from a random sample of its students (and the one-neighbourhood poll).

A sample of n students drawn without replacement from a class of N with scores s_i has
  E[mean] = mu,   Var[mean] = sigma^2 / n * (N - n) / (N - 1),   sigma^2 = (1/N) sum (s_i - mu)^2,
the same finite-population law as a minibatch gradient (mathcore.noise). Exact in fractions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from mathcore.noise import finite_population_factor


@dataclass(frozen=True)
class SampleAverage:
    """How far the average of a random sample of ``size`` strays from the class average."""

    size: int
    population: int
    mean: Fraction          # the class average mu
    sigma_squared: Fraction  # one student's variance around mu
    factor: Fraction        # (N - n) / (n (N - 1)): the sample average's variance relative to one student's

    @property
    def variance(self) -> Fraction:
        return self.sigma_squared * self.factor

    @property
    def spread(self) -> float:
        """The standard deviation of the sample average."""
        return math.sqrt(self.variance)

    def spreads_away(self, value: Fraction) -> float | None:
        """How many spreads of the sample average ``value`` lies from the class average (None when no sample can
        differ: every student scores the same, or the sample is the whole class)."""
        return float(abs(value - self.mean)) / self.spread if self.variance else None

    def within(self, value: Fraction, k: int = 2) -> bool:
        """Whether ``value`` lies within k standard deviations of the class average (exact: squares compared)."""
        return (value - self.mean) ** 2 <= k * k * self.variance


def sample_average(scores: Sequence[Fraction], size: int) -> SampleAverage:
    n = len(scores)
    if not 1 <= size <= n:
        raise ValueError(f"sample size {size} must be between 1 and {n}")
    mean = sum(scores, Fraction(0)) / n
    sigma_squared = sum(((s - mean) ** 2 for s in scores), Fraction(0)) / n
    return SampleAverage(size, n, mean, sigma_squared, finite_population_factor(n, size))


def drawn_averages(scores: Sequence[Fraction], size: int, draws: int, seed: int = 0) -> list[tuple[tuple[int, ...], Fraction]]:
    """``draws`` samples the teacher might take: each a sorted tuple of student indices drawn without replacement
    by numpy.random.default_rng(seed), with its exact average."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(draws):
        chosen = tuple(sorted(int(i) for i in rng.choice(len(scores), size=size, replace=False)))
        out.append((chosen, sum((scores[i] for i in chosen), Fraction(0)) / size))
    return out


def first_average(scores: Sequence[Fraction], size: int) -> Fraction:
    """The average of the first ``size`` students as listed: the poll that asks one neighbourhood only."""
    return sum(scores[:size], Fraction(0)) / size
