"""Numbers as a person says them: the narration rounds to three significant digits and says "about"; integers
(sample counts, step numbers) and short decimals stay as they are."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mathcore.formatting import spoken_numbers


def test_long_decimals_are_said_with_three_digits_and_marked_approximate():
    assert spoken_numbers("this batch's loss is 2.93635.") == "this batch's loss is ≈2.94."
    assert spoken_numbers("w ≈ 0.178571 and b ≈ −0.428571") == "w ≈ 0.179 and b ≈ −0.429"
    assert spoken_numbers("limit 2/λ_max (≈0.0380223)") == "limit 2/λ_max (≈0.038)"
    assert spoken_numbers("w goes from −0.15 to 2.062") == "w goes from −0.15 to ≈2.06"


def test_integers_and_short_decimals_are_said_as_they_are():
    for text in ("Batch size 1 needs 112 steps and 112 samples", "x = 1, 2, 3, 4", "loss 0.215, w −0.15",
                 "B_simple grows to 1010", "90% interval", "batch 2 of 28", "0.0001 s per sample", "3.20"):
        assert spoken_numbers(text) == text


def _significant(body: str) -> int:
    digits = body.replace(".", "").lstrip("0")
    return len(digits if "." in body else digits.rstrip("0"))


@given(st.integers(min_value=-10**9, max_value=10**9).filter(lambda k: k != 0), st.integers(min_value=1, max_value=8))
def test_the_rounded_number_is_within_half_a_unit_of_its_third_digit(mantissa, places):
    value = Decimal(mantissa).scaleb(-places)  # an exact decimal with `places` decimals
    body = format(value, "f")
    said = spoken_numbers(f"loss {body} now")
    assert said.startswith("loss ") and said.endswith(" now")
    number = said[len("loss "):-len(" now")]
    digits = _significant(body.lstrip("-"))
    if digits <= 3:
        assert number == body
        return
    assert number.startswith("≈")
    rounded = Decimal(number[1:])
    assert _significant(number[1:].lstrip("-")) <= 3
    # independent bound: a three-digit rounding is off by at most half a unit in the third significant digit
    unit = Decimal(1).scaleb(abs(value).adjusted() - 2)
    assert abs(rounded - value) <= unit / 2
