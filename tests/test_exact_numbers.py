"""Authored numbers read exactly: a decimal as written is the rational it names, held to the digit and magnitude
limits, whichever way it is read (mathcore.exact.to_fraction reads short plain decimals without Decimal)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.exact import MAX_DIGITS, MAX_EXPONENT, to_fraction


def by_hand(text: str) -> Fraction | str:
    """The rational a decimal string names, worked out here from its digits (no Decimal), or "refused"."""
    text = text.strip()
    sign, body = (-1, text[1:]) if text[:1] == "-" else (1, text[1:] if text[:1] == "+" else text)
    whole, _, places = body.partition(".")
    digits = whole + places
    if not digits or not digits.isdigit() or not (whole + places).isascii():
        return "refused"
    value = sign * Fraction(int(digits), 10 ** len(places))
    if value == 0:
        return value
    significant = digits.lstrip("0")
    if len(significant) > MAX_DIGITS and len(significant.rstrip("0")) > MAX_DIGITS:
        return "refused"
    if not Fraction(1, 10**MAX_EXPONENT) <= abs(value) < 10**MAX_EXPONENT:
        return "refused"
    return value


def read(text: str) -> Fraction | str:
    try:
        return to_fraction(text)
    except ValueError:
        return "refused"


decimals = st.builds(lambda sign, whole, point, places: sign + whole + point + places,
                     st.sampled_from(["", "-", "+"]), st.text("0123456789", max_size=18), st.sampled_from(["", "."]),
                     st.text("0123456789", max_size=18))


@settings(max_examples=400, deadline=None)
@given(decimals)
def test_a_plain_decimal_is_the_rational_its_digits_name(text):
    assert read(text) == by_hand(text), text


@pytest.mark.parametrize("text, expected", [
    ("0.215", Fraction(43, 200)), (" -12.50 ", Fraction(-25, 2)), (".5", Fraction(1, 2)), ("7.", Fraction(7)),
    ("0.000000000000001", Fraction(1, 10**15)), ("999999999999999", Fraction(999999999999999)),
    ("1.5e-3", Fraction(3, 2000)), ("1_000", Fraction(1000)), ("43/200", Fraction(43, 200)),
    ("0.0000000000000001", "refused"), ("1e15", "refused"), ("123456789012345678901", "refused"), (".", "refused"),
    ("-", "refused"), ("", "refused"), ("1..2", "refused"), ("٣", Fraction(3)),
])
def test_decimals_as_authors_write_them(text, expected):
    assert read(text) == expected
