"""The claims audit: do the numbers a source text states hold?

A claim names a value (run, 1-based step, quantity) and the number a source
states for it, e.g. ``loss = "0.215"``. The rule (also in docs/authoring.md):

1. **holds**: the exact value rounds to the claim at the claim's own
   precision, i.e. |exact - claim| <= 1/2 * 10^-d for a claim written with
   d decimals ("1.40" has d = 2; write claims as quoted strings to keep
   trailing zeros).
2. **rounding**: it does not hold, but applying the step's formula to the
   source's *own stated inputs* (other claims of the same step, exact values
   where the source states none) reproduces it at its precision, and all of
   those stated inputs themselves hold or are rounding. The source was right
   but carried a rounded intermediate forward.
3. **wrong**: anything else. If the formula applied to its stated inputs
   does reproduce the claim, the error was carried from an input that is
   itself wrong; ``carried_from`` names it.

Quantities (``[i]`` is the 1-based position within the batch):
prediction[i], residual[i] (prediction - label), loss_term[i], residual_x[i]
(residual * x, the bracketed terms of a hand-worked dL/dw), grad_w_term[i],
grad_b_term[i], w_before, b_before, loss_sum, loss, sum_residual_x,
sum_residual, dw, db, lr_dw (lr * dw), lr_db, w_after, b_after,
full_loss_after, and distinct_loss_sum, distinct_sum_residual_x,
distinct_sum_residual: sums over the distinct samples of a batch of repeated
data (each sample counted once, as a hand-worked example shows them).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Callable, Literal, Optional, Sequence

from mathcore.problem import Number
from mathcore.walkthrough import StepRecord, Walkthrough

Verdict = Literal["holds", "rounding", "wrong"]

PER_SAMPLE = ("prediction", "residual", "loss_term", "residual_x", "grad_w_term", "grad_b_term")
SCALARS = (
    "w_before", "b_before", "loss_sum", "loss", "sum_residual_x", "sum_residual", "dw", "db",
    "lr_dw", "lr_db", "w_after", "b_after", "full_loss_after",
    "distinct_loss_sum", "distinct_sum_residual_x", "distinct_sum_residual",
)
_INDEXED = re.compile(r"^([a-z_]+)\[(\d+)\]$")


def quantity_error(quantity: str) -> Optional[str]:
    """None if ``quantity`` names a known value, else a message saying what to write."""
    m = _INDEXED.match(quantity)
    if m:
        if m.group(1) in PER_SAMPLE:
            return None if int(m.group(2)) >= 1 else "sample positions start at 1; write e.g. prediction[1]"
        return f"'{m.group(1)}' is not a per-sample quantity; use one of {', '.join(PER_SAMPLE)}"
    if quantity in SCALARS:
        return None
    if quantity in PER_SAMPLE:
        return f"'{quantity}' is per sample; add the 1-based position, e.g. {quantity}[1]"

    near = difflib.get_close_matches(quantity, SCALARS + PER_SAMPLE, n=1)
    hint = f"did you mean '{near[0]}'?" if near else "see the list in docs/authoring.md"
    return f"unknown quantity '{quantity}'; {hint}"


def _distinct_sum(step: StepRecord, values: Sequence[Number]) -> Number:
    return sum((values[p] for p in step.distinct_positions()), 0 * values[0])


def exact_value(step: StepRecord, quantity: str) -> Number:
    """The computed value of ``quantity`` at ``step``; IndexError past the batch."""
    m = _INDEXED.match(quantity)
    if m:
        name, pos = m.group(1), int(m.group(2)) - 1
        if not 0 <= pos < step.batch_size:
            raise IndexError(f"{quantity}: the batch has {step.batch_size} samples")
        return {
            "prediction": step.predictions, "residual": step.residuals, "loss_term": step.loss_terms,
            "residual_x": step.residual_x, "grad_w_term": step.grad_w_terms, "grad_b_term": step.grad_b_terms,
        }[name][pos]
    values: dict[str, Callable[[], Number]] = {
        "w_before": lambda: step.w_before, "b_before": lambda: step.b_before,
        "loss_sum": lambda: step.loss_sum, "loss": lambda: step.loss,
        "sum_residual_x": lambda: sum(step.residual_x), "sum_residual": lambda: sum(step.residuals),
        "dw": lambda: step.dw, "db": lambda: step.db,
        "lr_dw": lambda: step.lr * step.dw, "lr_db": lambda: step.lr * step.db,
        "w_after": lambda: step.w_after, "b_after": lambda: step.b_after,
        "full_loss_after": lambda: step.full_loss_after,
        "distinct_loss_sum": lambda: _distinct_sum(step, step.loss_terms),
        "distinct_sum_residual_x": lambda: _distinct_sum(step, step.residual_x),
        "distinct_sum_residual": lambda: _distinct_sum(step, step.residuals),
    }
    return values[quantity]()


Get = Callable[[str], Fraction]
Formula = tuple[tuple[str, ...], Callable[[Get], Fraction | int]]  # (inputs, the value from them; a sum of none is 0)


def _formulas_mse(step: StepRecord, quantity: str) -> list[Formula]:
    """(inputs, formula) alternatives that derive ``quantity`` from other quantities (linear + MSE)."""
    B = step.batch_size
    lr = step.lr
    m = _INDEXED.match(quantity)
    if m:
        name, i = m.group(1), int(m.group(2))
        x, y = step.x[i - 1], step.y[i - 1]
        indexed: dict[str, list[Formula]] = {
            "prediction": [(("w_before", "b_before"), lambda v: v("w_before") * x + v("b_before"))],
            "residual": [((f"prediction[{i}]",), lambda v: v(f"prediction[{i}]") - y)],
            "loss_term": [((f"residual[{i}]",), lambda v: v(f"residual[{i}]") ** 2),
                          ((f"prediction[{i}]",), lambda v: (v(f"prediction[{i}]") - y) ** 2)],
            "residual_x": [((f"residual[{i}]",), lambda v: v(f"residual[{i}]") * x),
                           ((f"prediction[{i}]",), lambda v: (v(f"prediction[{i}]") - y) * x)],
        }
        return indexed.get(name, [])
    distinct = step.distinct_positions()

    def per(name: str) -> tuple[str, ...]:
        return tuple(f"{name}[{k + 1}]" for k in range(B))

    def per_d(name: str) -> tuple[str, ...]:
        return tuple(f"{name}[{k + 1}]" for k in distinct)

    # the distinct-sample sums give the batch's values only when every sample occurs equally often
    mult = Fraction(step.common_multiplicity) if step.common_multiplicity else None

    def via_distinct(name: str, factor: int) -> list[Formula]:
        return [((name,), lambda v: factor * mult * v(name) / B)] if mult else []

    formulas: dict[str, list[Formula]] = {
        "loss_sum": [(per("loss_term"), lambda v: sum(v(q) for q in per("loss_term")))],
        "distinct_loss_sum": [(per_d("loss_term"), lambda v: sum(v(q) for q in per_d("loss_term")))],
        "sum_residual_x": [(per("residual_x"), lambda v: sum(v(q) for q in per("residual_x")))],
        "distinct_sum_residual_x": [(per_d("residual_x"), lambda v: sum(v(q) for q in per_d("residual_x")))],
        "sum_residual": [(per("residual"), lambda v: sum(v(q) for q in per("residual")))],
        "distinct_sum_residual": [(per_d("residual"), lambda v: sum(v(q) for q in per_d("residual")))],
        "loss": [(("loss_sum",), lambda v: v("loss_sum") / B)] + via_distinct("distinct_loss_sum", 1),
        "dw": [(("sum_residual_x",), lambda v: 2 * v("sum_residual_x") / B)]
              + via_distinct("distinct_sum_residual_x", 2),
        "db": [(("sum_residual",), lambda v: 2 * v("sum_residual") / B)] + via_distinct("distinct_sum_residual", 2),
        "lr_dw": [(("dw",), lambda v: lr * v("dw"))],
        "lr_db": [(("db",), lambda v: lr * v("db"))],
        "w_after": [(("w_before", "lr_dw"), lambda v: v("w_before") - v("lr_dw")),
                    (("w_before", "dw"), lambda v: v("w_before") - lr * v("dw"))],
        "b_after": [(("b_before", "lr_db"), lambda v: v("b_before") - v("lr_db")),
                    (("b_before", "db"), lambda v: v("b_before") - lr * v("db"))],
    }
    return formulas.get(quantity, [])


def claim_precision(value: object) -> tuple[Fraction, int]:
    """(the claimed number, its decimal places) as written: "1.40" -> (7/5, 2)."""
    text = value if isinstance(value, str) else repr(value)
    try:
        dec = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not dec.is_finite():
        raise ValueError(f"{value!r} is not finite")
    exponent = dec.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite decimal's exponent is a number ('n', 'N', 'F' mark nan and inf)
    places = max(-exponent, 0)
    return Fraction(dec), places


def rounds_to(exact: Fraction | float | int, claimed: Fraction, places: int) -> bool:
    return abs(Fraction(exact) - claimed) <= Fraction(1, 2 * 10**places)


@dataclass(frozen=True)
class ClaimResult:
    run: str
    step: int
    quantity: str
    claimed: str
    exact: object  # Fraction, or float for models computed in floats
    verdict: Verdict
    carried_from: Optional[str] = None  # the wrong stated input a wrong claim follows from
    source: str = ""


@dataclass(frozen=True)
class ClaimSpec:
    run: str
    step: int
    quantity: str
    value: object
    source: str = ""


def audit(claims: list[ClaimSpec], walkthroughs: dict[str, Walkthrough]) -> list[ClaimResult]:
    """Judge every claim; see the module docstring for the rule."""
    stated: dict[tuple[str, int, str], tuple[Fraction, int]] = {}
    for c in claims:
        stated[(c.run, c.step, c.quantity)] = claim_precision(c.value)
    verdicts: dict[tuple[str, int, str], tuple[Verdict, Optional[str]]] = {}

    def stated_or_exact(run: str, step_no: int) -> Get:
        step = walkthroughs[run].step(step_no)

        def get(q: str) -> Fraction:
            if q in ("w_before", "b_before") and (run, step_no, q) not in stated and step_no > 1:
                prev = q.replace("before", "after")
                if (run, step_no - 1, prev) in stated:
                    return stated[(run, step_no - 1, prev)][0]
            if (run, step_no, q) in stated:
                return stated[(run, step_no, q)][0]
            return Fraction(exact_value(step, q))

        return get

    def input_key(run: str, step_no: int, q: str) -> Optional[tuple[str, int, str]]:
        if (run, step_no, q) in stated:
            return (run, step_no, q)
        if q in ("w_before", "b_before") and step_no > 1:
            prev = (run, step_no - 1, q.replace("before", "after"))
            if prev in stated:
                return prev
        return None

    def judge(key: tuple[str, int, str]) -> tuple[Verdict, Optional[str]]:
        if key in verdicts:
            return verdicts[key]
        verdicts[key] = ("wrong", None)  # guards against cycles while judging
        run, step_no, q = key
        walk = walkthroughs[run]
        step = walk.step(step_no)
        claimed, places = stated[key]
        exact = exact_value(step, q)
        if rounds_to(exact, claimed, places):
            verdicts[key] = ("holds", None)
            return verdicts[key]
        result: tuple[Verdict, Optional[str]] = ("wrong", None)
        if step.exact:
            get = stated_or_exact(run, step_no)
            for inputs, formula in _formulas_mse(step, q):
                used = [k for k in (input_key(run, step_no, i) for i in inputs) if k is not None]
                if not used:
                    continue  # only exact inputs: the formula gives the exact value, which failed
                try:
                    value = formula(get)
                except (IndexError, ZeroDivisionError):
                    continue
                if not rounds_to(value, claimed, places):
                    continue
                bad = [k for k in used if judge(k)[0] == "wrong"]
                if not bad:
                    result = ("rounding", None)
                    break
                # name the root of the error: the wrong input that is wrong on its own
                result = ("wrong", judge(bad[0])[1] or f"step {bad[0][1]} {bad[0][2]}")
                break
        verdicts[key] = result
        return result

    seen: dict[tuple[str, int, str], int] = {}
    for c in claims:
        seen[(c.run, c.step, c.quantity)] = seen.get((c.run, c.step, c.quantity), 0) + 1
    results = []
    for c in claims:
        key = (c.run, c.step, c.quantity)
        if seen[key] > 1:  # the same quantity claimed twice: judge each claim by its own value
            stated[key] = claim_precision(c.value)
            verdicts.clear()
        verdict, carried = judge(key)
        results.append(ClaimResult(
            c.run, c.step, c.quantity, c.value if isinstance(c.value, str) else repr(c.value),
            exact_value(walkthroughs[c.run].step(c.step), c.quantity), verdict, carried, c.source))
    return results
