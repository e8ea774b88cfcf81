"""`batchviz explain`: the worked examples as Markdown (laid out like the seed) or JSON."""

from __future__ import annotations

import json
import math
from typing import Mapping, Optional

from mathcore.formatting import exact_string, format_value
from mathcore.trajectory import Trajectory
from mathcore.walkthrough import StepRecord, Walkthrough

DEFAULT_LABELS = {
    "forward_pass": "Step 1: forward pass",
    "compute_loss": "Step 2: compute the loss",
    "compute_gradient": "Step 3: compute the gradient",
    "update_params": "Step 4: update the parameters",
}


def _number(value):
    """A float for JSON: finite values as numbers, inf/nan as null (JSON has no infinity)."""
    value = float(value)
    return value if math.isfinite(value) else None


def _run_summary(walk: Walkthrough, path: Optional[Trajectory]) -> dict:
    if path is None:
        return {}
    return {"total_steps": path.steps, "diverged_at": path.diverged_at,
            "final": {"w": _number(path.w[-1]), "b": _number(path.b[-1]), "full_loss": _number(path.full_loss[-1])}}


def walkthroughs_json(scenario_id: str, walks: Mapping[str, Walkthrough],
                      paths: Optional[Mapping[str, Trajectory]] = None) -> str:
    """Exact rationals as strings ("43/200"); floats (logistic, long runs) as their repr.

    ``steps`` lists the worked steps (the first ``worked_steps`` of ``total_steps``); ``diverged_at``
    and ``final`` come from the whole run in float64 (``paths``), as the paths scenes draw it.
    """
    runs = {}
    for name, walk in walks.items():
        steps = []
        for s in walk.steps:
            steps.append({
                "epoch": s.epoch, "index": s.index, "batch": list(s.indices),
                "x": [exact_string(v) for v in s.x], "y": [exact_string(v) for v in s.y],
                "w_before": exact_string(s.w_before), "b_before": exact_string(s.b_before),
                "predictions": [exact_string(v) for v in s.predictions],
                "residuals": [exact_string(v) for v in s.residuals],
                "loss_terms": [exact_string(v) for v in s.loss_terms],
                "loss": exact_string(s.loss),
                "grad_w_terms": [exact_string(v) for v in s.grad_w_terms],
                "grad_b_terms": [exact_string(v) for v in s.grad_b_terms],
                "dw": exact_string(s.dw), "db": exact_string(s.db), "lr": exact_string(s.lr),
                "w_after": exact_string(s.w_after), "b_after": exact_string(s.b_after),
                "full_loss_after": exact_string(s.full_loss_after), "exact": s.exact,
            })
        runs[name] = {"batch_size": walk.schedule.batch_size, "exact": walk.exact, "precision": walk.precision,
                      "total_steps": walk.total_steps, "worked_steps": len(walk.steps),
                      "diverged_at": walk.diverged_at, "steps": steps}
        runs[name].update(_run_summary(walk, (paths or {}).get(name)))
    return json.dumps({"scenario": scenario_id, "runs": runs}, ensure_ascii=False, indent=2)


def _p(text: str) -> str:
    return f"({text})" if text.startswith(("-", "≈")) else text


def _step_markdown(s: StepRecord, model: str, digits: int, labels: Mapping[str, str]) -> list[str]:
    f = lambda v: format_value(v, digits)
    pos = s.distinct_positions()
    mult = s.multiplicity()
    B = s.batch_size
    lines = [f"**{labels['forward_pass']}**", "", "```"]
    for p in pos:
        x = f(s.x[p])
        core = f"{f(s.w_before)}×{x} + {_p(f(s.b_before))}"
        if model == "linear":
            lines.append(f"x={x}: y_pred = {core} = {f(s.predictions[p])}")
        else:
            lines.append(f"x={x}: y_pred = σ({core}) = {f(s.predictions[p])}")
    if len(pos) < B:
        lines.append(f"(each sample ×{max(mult.values())}, {B} samples in all)")
    lines += ["```", "", f"**{labels['compute_loss']}**", "", "```"]
    terms = [f"({f(s.predictions[p])}-{f(s.y[p])})²" for p in pos]
    k = B // len(pos) if all(m == B // len(pos) for m in mult.values()) else None
    coef = f"{k}/{B}" if k and k > 1 else f"1/{B}"
    distinct_sum = sum(s.loss_terms[p] for p in pos) if k else s.loss_sum
    if model == "linear":
        lines += [f"MSE = {coef} × [{' + '.join(terms)}]",
                  f"    = {coef} × [{' + '.join(f(s.loss_terms[p]) for p in pos)}]",
                  f"    = {coef} × {f(distinct_sum)} = {f(s.loss)}"]
    else:
        lines += [f"BCE = {coef} × [{' + '.join(f(s.loss_terms[p]) for p in pos)}] = {f(s.loss)}"]
    lines += ["```", "", f"**{labels['compute_gradient']}**", "", "```"]
    two = "2×" if model == "linear" else ""
    residual_x = s.residual_x  # a computed property: read it once
    rx = [residual_x[p] for p in pos]
    r = [s.residuals[p] for p in pos]
    sum_rx = sum(rx) if k else sum(residual_x)
    sum_r = sum(r) if k else sum(s.residuals)
    lines += [f"∂L/∂w = {coef} × {two}[{' + '.join(_p(f(v)) for v in rx)}]",
              f"      = {coef} × {two}{_p(f(sum_rx))} = {f(s.dw)}",
              f"∂L/∂b = {coef} × {two}[{' + '.join(_p(f(v)) for v in r)}]",
              f"      = {coef} × {two}{_p(f(sum_r))} = {f(s.db)}",
              "```", "", f"**{labels['update_params']}**", "", "```",
              f"w_new = {f(s.w_before)} - {f(s.lr)} × {_p(f(s.dw))} = {f(s.w_after)}",
              f"b_new = {f(s.b_before)} - {f(s.lr)} × {_p(f(s.db))} = {f(s.b_after)}",
              "```", ""]
    return lines


def walkthroughs_markdown(title: str, walks: Mapping[str, Walkthrough], digits: int = 4,
                          labels: Mapping[str, str] = DEFAULT_LABELS,
                          paths: Optional[Mapping[str, Trajectory]] = None) -> str:
    out = [f"# {title}", ""]
    for name, walk in walks.items():
        out += [f"## {name}: batch size {walk.schedule.batch_size}", ""]
        if not walk.exact:
            out += [f"_Computed in {walk.precision}; ≈ marks rounded values._", ""]
        if len(walk.steps) < walk.total_steps:
            out += [f"_The first {len(walk.steps)} of {walk.total_steps} steps, worked out._", ""]
        for s in walk.steps:
            xs = ", ".join(format_value(s.x[p], digits) for p in s.distinct_positions())
            ys = ", ".join(format_value(s.y[p], digits) for p in s.distinct_positions())
            out += [f"### Step {s.index} (epoch {s.epoch}): x = [{xs}], y = [{ys}]", ""]
            out += _step_markdown(s, walk.model, digits, labels)
        path = (paths or {}).get(name)
        f = lambda v: format_value(v, digits)
        if path is not None and path.diverged_at:
            out += [f"**Diverged at step {path.diverged_at}** of {walk.total_steps} (float64): the parameters "
                    "or the whole-data loss left every sensible range.", ""]
        elif path is not None and len(walk.steps) < walk.total_steps:
            out += [f"After all {path.steps} steps (float64): w {_eq(f(path.w[-1]))}, b {_eq(f(path.b[-1]))}, "
                    f"whole-data loss {_eq(f(path.full_loss[-1]))}.", ""]
    return "\n".join(out)


def _eq(text: str) -> str:
    return text if text.startswith("≈") else "= " + text
