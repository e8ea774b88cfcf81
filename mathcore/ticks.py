"""Round tick values for axes: 1, 2 or 5 times a power of ten, as exact fractions."""

from __future__ import annotations

import math
from fractions import Fraction


def nice_ticks(lo: float, hi: float, target: int = 5) -> list[Fraction]:
    """Tick values covering [lo, hi] with about ``target`` intervals."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        raise ValueError(f"bad range [{lo}, {hi}]")
    raw = (hi - lo) / max(target, 1)
    power = Fraction(10) ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= Fraction(raw))
    first = math.ceil(Fraction(lo) / step)
    last = math.floor(Fraction(hi) / step)
    return [k * step for k in range(first, last + 1)]


def log_ticks(lo: float, hi: float) -> list[Fraction]:
    """Powers of ten covering [lo, hi] (both > 0), as exact fractions."""
    if not (0 < lo < hi) or not math.isfinite(hi):
        raise ValueError(f"bad range [{lo}, {hi}] for a log axis")
    return [Fraction(10) ** k for k in range(math.ceil(math.log10(lo) - 1e-12), math.floor(math.log10(hi) + 1e-12) + 1)]


def log_axis_ticks(lo: float, hi: float) -> list[Fraction]:
    """Ticks for a log axis over [lo, hi]: powers of ten; 1, 2 and 5 times them when fewer than two powers fall
    inside (a range within one decade); round linear steps when even those are fewer than two."""
    powers = log_ticks(lo, hi)
    if len(powers) >= 2:
        return powers
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    steps = [m * Fraction(10) ** k for k in range(first, last + 1) for m in (1, 2, 5)]
    inside = [t for t in steps if lo <= t <= hi]
    if len(inside) >= 2:
        return inside
    return [t for t in nice_ticks(lo, hi, 3) if t > 0]
