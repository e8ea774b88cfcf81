"""Which relation sign is true between two values, and between two displayed expressions.

A scene never draws "=" by assumption: it asks here. Exact values are equal
or not; float64 values (logistic models, long runs) are "≈" when they agree to
float precision. An expression whose numbers are shown rounded is only "≈" to
the value it is computed into, even when the value itself is exact.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal

from mathcore.formatting import format_value

Relation = Literal["=", "≈", "≠"]
FLOAT_RELATIVE_TOLERANCE = 1e-9

TEX = {"=": "=", "≈": r"\approx", "≠": r"\neq"}


def relation(left: Fraction | float, right: Fraction | float) -> Relation:
    """'=' for equal exact values, '≈' for floats equal to float precision, '≠' otherwise."""
    if isinstance(left, Fraction | int) and isinstance(right, Fraction | int):
        return "=" if left == right else "≠"
    a, b = float(left), float(right)
    if a == b:
        return "="
    if math.isfinite(a) and math.isfinite(b) and math.isclose(a, b, rel_tol=FLOAT_RELATIVE_TOLERANCE,
                                                               abs_tol=1e-300):
        return "≈"
    return "≠"


def shown_exactly(value: Fraction | float, digits: int) -> bool:
    """True when ``value`` is displayed with all its digits (format_value adds no ≈)."""
    return not format_value(value, digits).startswith("≈")


def displayed_relation(shown: list[Fraction | float], result: Fraction | float, digits: int) -> Relation:
    """The sign between an expression built from the displayed numbers ``shown`` and ``result``.

    The expression was computed from the exact numbers, so it equals ``result``; but if any of
    its numbers (or the result) is displayed rounded, what the viewer can check is only "≈".
    """
    if all(shown_exactly(v, digits) for v in [*shown, result]):
        return "="
    return "≈"
