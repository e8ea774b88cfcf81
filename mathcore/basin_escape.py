"""The 90% interval of the median escape time, with runs that never escaped counted (right-censored).

Each of n runs either left the sharp basin at some step or never left it in the epochs given; a run that never
left has an escape time larger than any measured one (we only know it is "later than the end"). The median of all
n escape times then has an exact, distribution-free order-statistic interval: with the times sorted,
[t_(j), t_(n+1-j)] covers the median with probability 1 - 2 P(B <= j - 1), B ~ Binomial(n, 1/2). We take the
largest j whose coverage is at least the level. Censored runs sort last, so an end of the interval that falls on
one is "never" (None): the honest statement is then "k of n never left", not a number.

The median is said rounded to what its interval supports (``said_median``): to the largest power of ten that is at
most half the interval's width (at least one step), half up, so that a median of 139.5 steps with an interval of
109 to 177 is said "about 140", not "139.5".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb, floor
from typing import Optional, Sequence

LEVEL = Fraction(9, 10)


@dataclass(frozen=True)
class EscapeInterval:
    """The median escape time of all runs and its interval; None where it falls on a run that never left."""

    median: Optional[float]
    low: Optional[int]
    high: Optional[int]
    left: int
    never: int
    coverage: Fraction  # the interval's exact coverage of the median (>= LEVEL)

    @property
    def said_median(self) -> Optional[int]:
        """The median rounded to the unit its interval supports (module docstring); None without both ends."""
        if self.median is None or self.low is None or self.high is None:
            return None
        unit = supported_unit(self.low, self.high)
        return floor(Fraction(self.median) / unit + Fraction(1, 2)) * unit


def supported_unit(low: int, high: int) -> int:
    """The largest power of ten at most half the width of [low, high] (1 when the interval is narrower)."""
    unit = 1
    while 2 * unit * 10 <= high - low:
        unit *= 10
    return unit


def order_statistic_ranks(n: int, level: Fraction = LEVEL) -> Optional[tuple[int, int, Fraction]]:
    """The 1-based ranks (j, n + 1 - j) of the narrowest symmetric median interval with coverage >= level.

    None when even [t_(1), t_(n)] covers less than the level (n < 5 at 90%).
    """
    best = None
    below = Fraction(0)  # P(B <= j - 1)
    for j in range(1, n // 2 + 1):
        below += Fraction(comb(n, j - 1), 2 ** n)
        coverage = 1 - 2 * below
        if coverage < level:
            break
        best = (j, n + 1 - j, coverage)
    return best


def escape_interval(escape_steps: Sequence[int], never: int, level: Fraction = LEVEL) -> Optional[EscapeInterval]:
    """The median escape time over all runs (censored ones last) and its exact order-statistic interval."""
    times = sorted(int(t) for t in escape_steps)
    n = len(times) + never
    ranks = order_statistic_ranks(n, level)
    if ranks is None:
        return None

    def at(rank: int) -> Optional[int]:  # 1-based; a censored run has no time
        return times[rank - 1] if rank <= len(times) else None

    if n % 2:
        median = at((n + 1) // 2)
        mid: Optional[float] = None if median is None else float(median)
    else:
        a, b = at(n // 2), at(n // 2 + 1)
        mid = None if a is None or b is None else (a + b) / 2
    j, k, coverage = ranks
    return EscapeInterval(mid, at(j), at(k), len(times), never, coverage)
