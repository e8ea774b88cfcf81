"""The limits on authored numbers say exactly where they lie: at least 1e-15 and below 1e15 in size. "1e15 is
outside the range 1e-15 .. 1e15" read as if 1e15 were inside."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mathcore.exact import parse_decimal


@pytest.mark.parametrize("text", ["1e-15", "-1e-15", "9.99e14", "999999999999999", "0"])
def test_inside_the_limits(text):
    assert parse_decimal(text) == Decimal(text)


@pytest.mark.parametrize("text", ["1e15", "-1e15", "9e-16", "1e100"])
def test_outside_the_limits_the_message_says_which_end_is_included(text):
    with pytest.raises(ValueError) as refused:
        parse_decimal(text)
    message = str(refused.value)
    assert message.startswith(f"{text} is ") and "at least 1e-15" in message and "below 1e15" in message, message
