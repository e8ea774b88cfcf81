"""The step scene on the non-convex bump model: every number drawn or said is one this test computes itself (the
loss differentiated numerically), the gradient's bracketed sums are the hand formulas', and each step records
that it is float64."""

from __future__ import annotations

import math

import pytest

from tests.conftest import render_all_tiny
from tests.helpers_render import SMALLEST
from tests.test_basin_study import ref_grad, ref_loss
from tests.test_drawn_numbers import unexplained_numbers

XS = [-2.6, -2.0, -1.4, -0.5, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]
YS = [0.9, 2.5, 0.9, 0.0, 0.3, 0.5, 0.6, 0.6, 0.6, 0.5, 0.3]
W0, B0, LR, BATCH = 1.0, -1.0, 0.4, 3

SCENARIO = (f"id: bump-step\nlanguage: en\ntitle: {{en: \"Bump step\"}}\nmodel: bump\nloss: mse\n"
            f"init: {{w: {W0}, b: {B0}}}\nlearning_rate: {LR}\ndata: {{x: {XS}, y: {YS}}}\n"
            f"runs: {{r: {{batch_size: {BATCH}}}}}\nstyle: {{digits: 4}}\n"
            "lesson:\n  - {scene: step, run: r, step: 2}\n")


@pytest.fixture(scope="module")
def bump_step(tmp_path_factory):
    # the bump model painted once; its video is only checked to exist: the smallest picture does
    return render_all_tiny(tmp_path_factory, "bump_step", SCENARIO, painted=True, size=SMALLEST)


def reference_step_values() -> set[float]:
    """Step 2 of a sequential run of batch size 3, redone in plain Python: the batch is samples 3..5."""
    w, b = W0, B0
    values: set[float] = {LR, 2.0, 4.0, float(BATCH), 1.0}
    for k in (1, 2):
        xs, ys = XS[BATCH * (k - 1):BATCH * k], YS[BATCH * (k - 1):BATCH * k]
        gw, gb = ref_grad(w, b, xs, ys)
        if k == 2:
            e = [math.exp(-(x - b) ** 2) for x in xs]
            r = [w * ei - y for ei, y in zip(e, ys)]
            rows = [*xs, *ys, *(w * ei for ei in e), *r, *(ri * ri for ri in r), *(ri * ei for ri, ei in zip(r, e)),
                    *(ri * (x - b) * ei for ri, x, ei in zip(r, xs, e))]
            sums = [sum(ri * ri for ri in r), sum(ri * ei for ri, ei in zip(r, e)),
                    sum(ri * (x - b) * ei for ri, x, ei in zip(r, xs, e))]
            values |= {*rows, *sums, ref_loss(w, b, xs, ys), gw, gb, w, b, w - LR * gw, b - LR * gb, float(k)}
        w, b = w - LR * gw, b - LR * gb
    return values


def test_step_on_bump_draws_and_says_only_numbers_computed_here(bump_step):
    sc, [rendered] = bump_step
    assert rendered.result.video.exists()
    assert {"sub_forward", "sub_loss", "sub_grad", "sub_update"} <= set(rendered.keys)
    expected = reference_step_values()
    unexplained = unexplained_numbers(rendered, expected, False)
    assert not unexplained, unexplained
    # the bump's own gradient columns are drawn: e^{-(x-b)^2} in dL/dw's and (x - b) in dL/db's terms
    assert any(r"e^{-(x - b)^2}" in t and "(x - b)" in t for t in rendered.tex)


def test_bracketed_sums_times_their_coefficients_are_the_numerical_gradient(bump_step):
    from scenes.scenario.lesson import lesson_of

    sc, _ = bump_step
    walk = lesson_of(sc).walkthrough("r")
    step = walk.step(2)
    gw, gb = ref_grad(float(step.w_before), float(step.b_before), XS[3:6], YS[3:6])
    assert 2 / BATCH * sum(step.dw_brackets) == pytest.approx(gw, rel=1e-7)
    assert 4 * float(step.w_before) / BATCH * sum(step.db_brackets) == pytest.approx(gb, rel=1e-7)
    # float64 throughout, recorded per step and for the run
    assert not walk.exact and "float64" in walk.precision and not any(s.exact for s in walk.steps)


def test_explain_works_the_bump_step_and_prints_no_batch_size_study(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "bump.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "σ" not in out and "BCE" not in out and "exp(" in out  # the bump's own forward pass and loss
    # step 1's bracketed dL/dw sum, r·e^{-(x-b)^2} over samples 0..2 at the start, as the test computes it
    e = [math.exp(-(x - B0) ** 2) for x in XS[:3]]
    total = sum((W0 * ei - y) * ei for ei, y in zip(e, YS[:3]))
    assert f"2×(≈{total:.4g})".replace("-", "−") in out
    assert "4×1×[" in out  # dL/db's coefficient carries w = 1
    assert "No batch-size study" in out and "## Batch-size study" not in out
