"""The seed's first batch-size-4 step: exact fractions against numpy floats and finite differences."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from scenes.scenario.lesson import lesson_of
from tests.reference import mse_loss, mse_step


def test_first_step_matches_float_reference(seed):
    step = lesson_of(seed).walkthrough("bs4").step(1)
    assert step.indices == (0, 1, 2, 3)
    pred, loss, dw, db, w1, b1 = mse_step(0.1, 0.2, [1, 2, 3, 4], [0, 0, 0, 0], 0.1)
    assert all(isinstance(v, Fraction) for v in (*step.predictions, step.loss, step.dw, step.db, step.w_after))
    np.testing.assert_allclose([float(p) for p in step.predictions], pred, rtol=1e-12)
    np.testing.assert_allclose([float(t) for t in step.loss_terms], (pred - 0) ** 2, rtol=1e-12)
    np.testing.assert_allclose(
        [float(step.loss), float(step.dw), float(step.db), float(step.w_after), float(step.b_after)],
        [loss, dw, db, w1, b1], rtol=1e-12)
    # per-sample gradient terms average to the gradient
    assert sum(step.grad_w_terms) / 4 == step.dw
    assert sum(step.grad_b_terms) / 4 == step.db


def test_gradient_matches_finite_differences(seed):
    step = lesson_of(seed).walkthrough("bs4").step(1)
    x, y = [1, 2, 3, 4], [0, 0, 0, 0]
    w, b, h = 0.1, 0.2, 1e-6
    dw_fd = (mse_loss(w + h, b, x, y) - mse_loss(w - h, b, x, y)) / (2 * h)
    db_fd = (mse_loss(w, b + h, x, y) - mse_loss(w, b - h, x, y)) / (2 * h)
    assert float(step.dw) == pytest.approx(dw_fd, rel=1e-7)
    assert float(step.db) == pytest.approx(db_fd, rel=1e-7)


def test_parameters_are_exact_decimals(seed):
    """0.1 in YAML means 1/10, not the binary float nearest to it."""
    problem = seed.problem()
    assert problem.init.w == Fraction(1, 10)
    assert problem.lr == Fraction(1, 10)
    step = lesson_of(seed).walkthrough("bs4").step(1)
    # by hand: residuals .3 .4 .5 .6; loss = (.09+.16+.25+.36)/4; dw = 2(.3+.8+1.5+2.4)/4 = 2.5
    assert step.loss == Fraction(86, 400)
    assert step.w_after == Fraction(1, 10) - Fraction(1, 10) * Fraction(5, 2)
