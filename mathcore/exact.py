"""Exact rationals from the numbers authors write."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Rational

# Authored numbers are bounded so that exact arithmetic on them stays cheap:
# "1e100000000" would otherwise build a hundred-million-digit integer.
MAX_DIGITS = 20  # significant digits
MAX_EXPONENT = 15  # a nonzero value lies within 10^-15 .. 10^15 in magnitude
# A plain decimal of at most 15 digits ("0.215", "-12.5") is within both limits whatever its digits: read without
# Decimal (a CSV of 100,000 rows is 200,000 of them); anything else takes parse_decimal's checks.
_SHORT_DECIMAL = re.compile(r"([+-]?)(\d*)\.?(\d*)")
_SHORT_DIGITS = min(MAX_DIGITS, MAX_EXPONENT)


def parse_decimal(text: str) -> Decimal:
    """A decimal number as written ("0.215", "-1.5e-3"), checked against the limits above.

    Raises ValueError whose message says what is wrong and what to write.
    """
    text = text.strip()
    if len(text) > 64:
        raise ValueError(f"a number of {len(text)} characters is too long; write at most {MAX_DIGITS} digits")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a decimal number; write it like 0.215 or 1.5e-3") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number; write a number such as 0.1")
    check_magnitude(value, text)
    return value


def check_magnitude(value: Decimal, shown: str) -> None:
    """ValueError if ``value`` has too many digits or lies outside 10^-15 .. 10^15 (zero is fine)."""
    if value.is_zero():
        return
    digits = len(value.as_tuple().digits)
    if digits > MAX_DIGITS and len(value.normalize().as_tuple().digits) > MAX_DIGITS:
        raise ValueError(f"{shown} has more than {MAX_DIGITS} significant digits; round it")
    if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT - 1:
        raise ValueError(f"{shown} is too {'small' if value.adjusted() < 0 else 'large'}: lessons use sizes of at "
                         f"least 1e-{MAX_EXPONENT} and below 1e{MAX_EXPONENT}; rescale the data")


def to_fraction(value: int | float | str | Fraction) -> Fraction:
    """Turn an authored number into the rational the author meant.

    A YAML ``0.1`` arrives as the float 0.1, whose binary value is not 1/10;
    its shortest repr ``"0.1"`` is what the author wrote, so we parse that.
    Strings are decimals ("0.215") or fractions of two integers ("43/200");
    all are held to the digit and magnitude limits above (ValueError).
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Rational):  # an int
        as_decimal = Decimal(int(value))
        check_magnitude(as_decimal, f"{as_decimal:.6g}")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return _decimal_fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if "/" in text:
            num, _, den = text.partition("/")
            top, bottom = parse_decimal(num), parse_decimal(den)
            if bottom.is_zero():
                raise ZeroDivisionError(f"{text!r} divides by zero")
            return Fraction(top) / Fraction(bottom)
        return _decimal_fraction(text)
    raise TypeError(f"cannot read {value!r} as a number")


def _decimal_fraction(text: str) -> Fraction:
    """The exact value of a decimal as written, held to the limits (parse_decimal)."""
    short = _SHORT_DECIMAL.fullmatch(text)
    if short is not None and 0 < len(short[2]) + len(short[3]) <= _SHORT_DIGITS:
        sign, whole, places = short.groups()
        return Fraction(int(sign + whole + places), 10 ** len(places))
    return Fraction(parse_decimal(text))


def _powers_of_2_and_5(d: int) -> tuple[int, int, int]:
    """(a, b, rest) with d = 2^a 5^b rest."""
    a = (d & -d).bit_length() - 1  # trailing zero bits
    d >>= a
    b = 0
    while d % 5 == 0:
        d //= 5
        b += 1
    return a, b, d


def is_terminating(value: Fraction) -> bool:
    """True when the fraction has a finite decimal expansion (denominator 2^a 5^b)."""
    return _powers_of_2_and_5(value.denominator)[2] == 1


def decimal_string(value: Fraction) -> str:
    """The full decimal expansion of a terminating fraction, e.g. 43/200 -> '0.215'."""
    a, b, rest = _powers_of_2_and_5(value.denominator)
    if rest != 1:
        raise ValueError(f"{value} has no finite decimal expansion")
    sign = "-" if value < 0 else ""
    places = max(a, b)  # n/(2^a 5^b) = n 2^(p-a) 5^(p-b) / 10^p
    scaled = abs(value.numerator) * 2 ** (places - a) * 5 ** (places - b)
    digits = str(scaled).rjust(places + 1, "0")
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """Sum of fractions, fast: numerators are added as integers per denominator.

    Authored data share a handful of denominators (powers of ten), so this costs
    integer additions rather than one gcd per term as ``sum(fractions)`` does.
    """
    by_denominator: dict[int, int] = {}
    for v in values:
        by_denominator[v.denominator] = by_denominator.get(v.denominator, 0) + v.numerator
    return sum((Fraction(num, den) for den, num in by_denominator.items()), Fraction(0))


@dataclass(frozen=True)
class ExactSums:
    """Sufficient statistics of (x, y) for linear/MSE: the whole-data loss in O(1) per point."""

    n: int
    sx: Fraction
    sy: Fraction
    sxx: Fraction
    sxy: Fraction
    syy: Fraction

    @classmethod
    def of(cls, x: Sequence[Fraction], y: Sequence[Fraction]) -> "ExactSums":
        def products(a: Sequence[Fraction], b: Sequence[Fraction]) -> Iterator[Fraction]:
            return (Fraction(p.numerator * q.numerator, p.denominator * q.denominator) for p, q in zip(a, b))

        return cls(len(x), exact_sum(x), exact_sum(y), exact_sum(products(x, x)),
                   exact_sum(products(x, y)), exact_sum(products(y, y)))

    def mse(self, w: Fraction | float, b: Fraction | float) -> Fraction | float:
        """Mean of (w x + b - y)^2 over the data; exact for exact w, b."""
        return (w * w * self.sxx + 2 * w * b * self.sx + b * b * self.n
                - 2 * w * self.sxy - 2 * b * self.sy + self.syy) / self.n
