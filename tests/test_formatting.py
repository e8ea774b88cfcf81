"""The one display formatter: exact when short, rounded and marked otherwise."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathcore import format_value


def test_short_exact_values_are_shown_as_they_are():
    assert format_value(Fraction(3, 10)) == "0.3"
    assert format_value(Fraction(2062, 1000)) == "2.062"
    assert format_value(Fraction(-825, 10000)) == "-0.0825"
    assert format_value(Fraction(5)) == "5"
    assert format_value(0) == "0"


def test_long_or_repeating_values_are_rounded_and_marked():
    assert format_value(Fraction(1, 3)) == "≈0.3333"
    assert format_value(Fraction(1, 3), style="tex") == r"\approx 0.3333"
    assert format_value(Fraction(117454, 10000)) == "≈11.75"
    assert format_value(Fraction(117454, 10000), digits=6) == "11.7454"
    assert format_value(0.1 + 0.2) == "≈0.3"
    assert format_value(float("inf")) == "∞"


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6), st.integers(1, 8))
def test_shown_text_is_within_half_a_unit_of_its_last_digit(value, digits):
    text = format_value(value, digits)
    approx = text.startswith("≈")
    shown = Decimal(text.lstrip("≈"))
    if not approx:
        assert Fraction(shown) == value
    else:
        last = -shown.as_tuple().exponent if shown.as_tuple().exponent < 0 else 0
        assert abs(Fraction(shown) - value) <= Fraction(1, 2 * 10**last) + Fraction(10) ** (shown.adjusted() - digits + 1)
        body = text.lstrip("≈-")
        significant = body.replace(".", "").lstrip("0")
        significant = significant if "." in body else significant.rstrip("0")
        assert len(significant) <= digits


def test_a_value_formatted_before_is_formatted_the_same_and_a_boolean_still_refused():
    """format_value keeps recent texts: a value asked again (and a value equal to it of another type) reads as it
    was worked out the first time, by the rule above."""
    assert format_value(Fraction(1, 10)) == "0.1" and format_value(0.1) == "≈0.1"  # equal-looking, not equal
    assert format_value(Fraction(1, 2)) == format_value(0.5) == "0.5"  # equal: the same text either way
    assert format_value(1) == "1"
    with pytest.raises(TypeError):
        format_value(True)  # True == 1 and hashes alike: refused all the same
    assert [format_value(Fraction(1, 3), d) for d in (2, 4, 2)] == ["≈0.33", "≈0.3333", "≈0.33"]
    assert format_value(Fraction(-1, 3), 2, "tex") == "\\approx -0.33" and format_value(Fraction(-1, 3), 2) == "≈-0.33"
