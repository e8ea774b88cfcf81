"""Exact rationals from the numbers authors write."""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Rational


def to_fraction(value: int | float | str | Fraction) -> Fraction:
    """Turn an authored number into the rational the author meant.

    A YAML ``0.1`` arrives as the float 0.1, whose binary value is not 1/10;
    its shortest repr ``"0.1"`` is what the author wrote, so we parse that.
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Rational):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return Fraction(repr(value))
    if isinstance(value, str):
        return Fraction(value.strip())
    raise TypeError(f"cannot read {value!r} as a number")


def is_terminating(value: Fraction) -> bool:
    """True when the fraction has a finite decimal expansion (denominator 2^a 5^b)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_string(value: Fraction) -> str:
    """The full decimal expansion of a terminating fraction, e.g. 43/200 -> '0.215'."""
    if not is_terminating(value):
        raise ValueError(f"{value} has no finite decimal expansion")
    sign = "-" if value < 0 else ""
    value = abs(value)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    digits = str(int(value * 10**places)).rjust(places + 1, "0")
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"
