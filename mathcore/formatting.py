"""The one function that turns a computed value into text for screens, Markdown and subtitles.

Rule: a value whose exact decimal expansion is short (at most ``digits``
significant digits) is shown as it is: 0.3, 2.062, -0.0825 (a float counts
only if its binary value is exactly such a decimal, like 0.5). Anything else
(a repeating decimal, a long expansion, a float from exp or log) is rounded
to ``digits`` significant digits and marked approximate: "≈0.1667" (TeX:
"\\approx 0.1667").
"""

from __future__ import annotations

import functools
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Literal

from mathcore.exact import decimal_string, is_terminating

DEFAULT_DIGITS = 4
MEASURED_DIGITS = 3  # measured (seeded, noisy) values: more digits would claim a precision they do not have
Style = Literal["text", "tex"]


def _significant_digits(s: str) -> int:
    """Significant digits of a decimal string; an integer's trailing zeros do not count."""
    body = s.lstrip("-")
    digits = body.replace(".", "").lstrip("0")
    if "." not in body:
        digits = digits.rstrip("0")
    return max(len(digits), 1)


def _round_significant(value: Fraction | float, digits: int) -> str:
    d = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    if d == 0:
        return "0"
    exponent = d.adjusted() - digits + 1
    q = d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


KEPT_TEXTS = 4096  # values formatted lately, kept: a worked step writes its w, b and inputs a dozen times each


def format_value(value: Fraction | int | float, digits: int = DEFAULT_DIGITS, style: Style = "text") -> str:
    """Screen text for ``value`` (Fraction, int or float); see the module docstring for the rule."""
    if isinstance(value, bool):
        raise TypeError("format_value does not format booleans")
    if isinstance(value, (Fraction, int, float)):  # hashable (numpy's float64 is a float); anything else: as it is
        return _kept(value, digits, style)
    return _formatted(value, digits, style)


def _formatted(value: Fraction | int | float, digits: int, style: Style) -> str:
    if isinstance(value, int):
        value = Fraction(value)
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "NaN"
        sign = "-" if value < 0 else ""
        return sign + ("\\infty" if style == "tex" else "∞")
    # a float is shown as exact only when its binary value *is* a short decimal (0.5, 0.25, 3.0):
    # 0.1 as a float is 0.1000000000000000055..., so it is marked approximate
    exact_value = Fraction(value) if isinstance(value, float) else value
    if is_terminating(exact_value):
        exact = decimal_string(exact_value)
        if _significant_digits(exact) <= max(digits, 1):
            return exact
    approx = _round_significant(value, digits)
    return ("\\approx " if style == "tex" else "≈") + approx


# typed: 1 and 1.0 and Fraction(1) are kept apart (a float is shown exact only when its binary value is)
_kept = functools.lru_cache(maxsize=KEPT_TEXTS, typed=True)(_formatted)


def exact_string(value: Fraction | int | float) -> str:
    """Machine-readable exact form: '43/200' for rationals, repr for floats (JSON output)."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


SPOKEN_DIGITS = 3  # a person says "about 0.215", never "0.2150624": the screen's table keeps the exact value
_DECIMAL = re.compile(r"(?<![\w.])(≈\s?)?([−-]?)(\d+\.\d+)(?!\.?\d)")


def spoken_numbers(text: str, digits: int = SPOKEN_DIGITS) -> str:
    """``text`` as a person says it: every decimal with more than ``digits`` significant digits rounded to
    ``digits`` and marked approximate ("loss 2.93635" -> "loss ≈2.94", "≈0.178571" -> "≈0.179"). Integers (sample
    counts, step numbers) and short decimals stay as they are; the sign may be "-" or "−" (U+2212)."""
    def say(m: re.Match[str]) -> str:
        mark, sign, body = m.group(1) or "", m.group(2), m.group(3)
        if _significant_digits(body) <= digits:
            return str(m.group())
        rounded = _round_significant(Fraction(Decimal(body)), digits)
        return (mark or "≈") + (sign if rounded != "0" else "") + rounded

    return _DECIMAL.sub(say, text)


def format_whole(value: Fraction | int | float) -> str:
    """A count or an angle in degrees as a person says it: a whole number as it is; anything else to the nearest
    whole, halves up, marked approximate: a median of an even number of runs "27.5 steps" is "≈28" (nobody takes half
    a step), an angle of 81.7 degrees "≈82" (a tenth of a degree is nothing anyone sees)."""
    exact = Fraction(value)
    if exact.denominator == 1:
        return str(exact.numerator)
    return "≈" + str(math.floor(exact + Fraction(1, 2)))


def format_degrees(angle: Fraction | int | float) -> str:
    """An angle in degrees as narration says it, two or three significant digits: whole degrees from 10 ("≈82"),
    tenths below ("9.4", "≈2.2")."""
    return format_whole(angle) if abs(Fraction(angle)) >= 10 else format_value(angle, 2)


def format_same_digits(value: Fraction | int | float, digits: int = MEASURED_DIGITS) -> str:
    """``format_value``, except that a rounded value keeps its trailing zeros ("≈0.610", not "≈0.61"; "≈35.0"):
    values shown side by side (a legend, one sentence's list of losses) then all show ``digits`` digits."""
    text = format_value(value, digits)
    if not text.startswith("≈"):
        return text
    whole, _, fraction = text[1:].lstrip("-−").partition(".")
    shown = len((whole + fraction).lstrip("0")) if whole.strip("0") else len(fraction.lstrip("0"))
    missing = digits - shown
    if missing <= 0:
        return text
    return text + ("" if fraction else ".") + "0" * missing
