"""Curvature, optimum, gradient noise, loss surface and float trajectories, each against an independent reference."""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough
from mathcore.noise import enumerate_noise, minibatch_noise, per_sample_gradients
from mathcore.stability import least_squares_optimum, minibatch_stable_lrs, mse_curvature
from mathcore.surface import loss_surface
from mathcore.trajectory import run_trajectory
from tests.conftest import ROOT
from tests.reference import mse_loss

fr = st.fractions(min_value=-4, max_value=4, max_denominator=10)


def seed_problem(lr=Fraction(1, 10)):
    x = tuple(Fraction(v) for v in range(1, 9))
    y = tuple(Fraction(v) for v in [0, 0, 0, 0, 0, 1, 1, 1])
    return Problem("linear", "mse", Dataset(x, y), Params(Fraction(1, 10), Fraction(1, 5)), lr)


@settings(max_examples=50, deadline=None)
@given(st.lists(fr, min_size=2, max_size=10))
def test_curvature_matches_numpy_and_finite_differences(xs):
    curv = mse_curvature(xs)
    x = np.array([float(v) for v in xs])
    H = np.array([[2 * np.mean(x * x), 2 * np.mean(x)], [2 * np.mean(x), 2.0]])
    np.testing.assert_allclose([[float(v) for v in row] for row in curv.hessian], H, rtol=1e-12, atol=1e-12)  # an exact zero vs float round-off
    np.testing.assert_allclose(curv.eigenvalues, np.linalg.eigvalsh(H), rtol=1e-9, atol=1e-9)
    # second differences of the loss recover the Hessian (the loss is quadratic)
    y = np.zeros_like(x)
    h = 1e-3
    d2w = (mse_loss(h, 0, x, y) - 2 * mse_loss(0, 0, x, y) + mse_loss(-h, 0, x, y)) / h**2
    assert d2w == pytest.approx(H[0, 0], rel=1e-5, abs=1e-6)


def test_learning_rate_bound_separates_convergence_from_divergence():
    curv = mse_curvature(seed_problem().data.x)
    bound = Fraction(curv.max_stable_lr).limit_denominator(10**9)
    below = run_trajectory(seed_problem(bound * Fraction(95, 100)), BatchSchedule(8), epochs=2000)
    above = run_trajectory(seed_problem(bound * Fraction(105, 100)), BatchSchedule(8), epochs=2000)
    opt = least_squares_optimum(seed_problem().data.x, seed_problem().data.y)
    assert below.diverged_at is None
    assert below.w[-1] == pytest.approx(float(opt.w), abs=1e-6)
    assert above.diverged_at is not None
    # the seed's own learning rate is above the full-batch bound
    assert not curv.is_stable(Fraction(1, 10))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(fr, fr), min_size=2, max_size=10))
def test_optimum_matches_lstsq(pairs):
    xs, ys = zip(*pairs)
    if len(set(xs)) < 2:
        with pytest.raises(ValueError):
            least_squares_optimum(xs, ys)
        return
    opt = least_squares_optimum(xs, ys)
    A = np.column_stack([[float(v) for v in xs], np.ones(len(xs))])
    sol = np.linalg.lstsq(A, np.array([float(v) for v in ys]), rcond=None)[0]
    np.testing.assert_allclose([float(opt.w), float(opt.b)], sol, rtol=1e-8, atol=1e-8)


def test_minibatch_bounds_are_each_batch_own():
    x = seed_problem().data.x
    lrs = minibatch_stable_lrs(x, [(0, 1, 2, 3), (4, 5, 6, 7)])
    for batch, lr in zip([(1, 2, 3, 4), (5, 6, 7, 8)], lrs):
        b = np.array(batch, dtype=float)
        H = np.array([[2 * np.mean(b * b), 2 * np.mean(b)], [2 * np.mean(b), 2]])
        assert lr == pytest.approx(2 / np.linalg.eigvalsh(H).max(), rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(fr, fr), min_size=2, max_size=7), fr, fr, st.data())
def test_closed_form_noise_equals_enumeration_exactly(pairs, w, b, data):
    xs, ys = zip(*pairs)
    problem = Problem("linear", "mse", Dataset(xs, ys), Params(w, b), Fraction(1, 10))
    grads = per_sample_gradients(problem, w, b)
    bs = data.draw(st.integers(1, len(grads)))
    closed = minibatch_noise(grads, bs)
    listed = enumerate_noise(grads, bs)
    assert closed.mean == listed.mean
    assert closed.covariance == listed.covariance
    # and against numpy over the listed batches
    means = np.array([[float(np.mean([grads[i][k] for i in c])) for k in (0, 1)]
                      for c in itertools.combinations(range(len(grads)), bs)])
    np.testing.assert_allclose([[float(v) for v in r] for r in closed.covariance],
                               np.cov(means.T, bias=True).reshape(2, 2), rtol=1e-9, atol=1e-12)


def test_noise_shrinks_by_the_finite_population_factor():
    problem = seed_problem()
    grads = per_sample_gradients(problem, problem.init.w, problem.init.b)
    one = minibatch_noise(grads, 1)
    four = minibatch_noise(grads, 4)
    assert four.total_variance / one.total_variance == Fraction(8 - 4, 4 * (8 - 1))
    assert minibatch_noise(grads, 8).total_variance == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(fr, fr), min_size=1, max_size=8), st.sampled_from(["linear", "logistic"]))
def test_surface_matches_direct_loss(pairs, model):
    xs, ys = zip(*pairs)
    if model == "logistic":
        ys = tuple(Fraction(1) if v > 0 else Fraction(0) for v in ys)
    problem = Problem(model, "mse" if model == "linear" else "bce", Dataset(xs, ys), Params(Fraction(0), Fraction(0)),
                      Fraction(1, 10))
    surf = loss_surface(problem, (-2, 3), (-1, 1), shape=(7, 5))
    x = np.array([float(v) for v in xs])
    y = np.array([float(v) for v in ys])
    for j, bv in enumerate(surf.b):
        for i, wv in enumerate(surf.w):
            z = wv * x + bv
            direct = np.mean((z - y) ** 2) if model == "linear" else np.mean(np.logaddexp(0, z) - y * z)
            assert surf.loss[j, i] == pytest.approx(direct, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("schedule", [BatchSchedule(4), BatchSchedule(3, "shuffled", seed=5, repeat=2),
                                      BatchSchedule(5, drop_last=True), BatchSchedule(1)])
def test_float_trajectory_follows_exact_walkthrough(schedule):
    problem = seed_problem(Fraction(1, 100))
    walk = run_walkthrough(problem, schedule, epochs=3)
    traj = run_trajectory(problem, schedule, epochs=3)
    assert traj.steps == len(walk.steps)
    np.testing.assert_allclose(traj.w[1:], [float(s.w_after) for s in walk.steps], rtol=1e-9)
    np.testing.assert_allclose(traj.b[1:], [float(s.b_after) for s in walk.steps], rtol=1e-9)
    np.testing.assert_allclose(traj.full_loss[1:], [float(s.full_loss_after) for s in walk.steps], rtol=1e-9)
    assert traj.samples_seen[-1] == sum(s.batch_size for s in walk.steps)


def test_diverging_trajectory_never_raises_and_marks_the_step():
    traj = run_trajectory(seed_problem(Fraction(1, 2)), BatchSchedule(8), epochs=500)
    assert traj.diverged_at is not None and traj.diverged_at == traj.steps
    assert not np.isnan(traj.full_loss).any()


def test_logistic_optimum_has_zero_gradient_and_separable_data_has_none():
    import csv

    from mathcore.optimum import find_optimum

    rows = list(csv.reader((ROOT / "scenarios" / "noisy.csv").open()))[1:]
    x = np.array([float(r[0]) for r in rows])
    y = np.array([float(r[1]) for r in rows])
    problem = Problem("logistic", "bce", Dataset(tuple(Fraction(r[0]) for r in rows), tuple(Fraction(r[1]) for r in rows)),
                      Params(Fraction(0), Fraction(0)), Fraction(1, 10))
    found = find_optimum(problem)
    loss = lambda w, b: np.mean(np.logaddexp(0, w * x + b) - y * (w * x + b))
    h = 1e-6
    assert (loss(found.params.w + h, found.params.b) - loss(found.params.w - h, found.params.b)) / (2 * h) == \
        pytest.approx(0, abs=1e-7)
    assert (loss(found.params.w, found.params.b + h) - loss(found.params.w, found.params.b - h)) / (2 * h) == \
        pytest.approx(0, abs=1e-7)
    # separable: x < 2.5 all 0, x > 2.5 all 1 -> the loss keeps falling along w = k, b = -2.5 k
    separable = replace(problem, data=Dataset((Fraction(1), Fraction(2), Fraction(3), Fraction(4)),
                                              (Fraction(0), Fraction(0), Fraction(1), Fraction(1))))
    assert find_optimum(separable).params is None and find_optimum(separable).reason == "separable"
    xs, ys = np.array([1.0, 2, 3, 4]), np.array([0.0, 0, 1, 1])
    along = [np.mean(np.logaddexp(0, k * xs - 2.5 * k) - ys * (k * xs - 2.5 * k)) for k in (1, 10, 100)]
    assert along[0] > along[1] > along[2]


def test_each_batch_fits_its_own_line():
    """The seed's sorted batches of 4: numpy's least-squares line of each batch, and the whole data's."""
    from mathcore.batch_fits import batch_fits

    problem = seed_problem()
    x = np.arange(1, 9, dtype=float)
    y = (x > 5).astype(float)
    fits = batch_fits(problem, [range(0, 4), range(4, 8), [2, 2]])
    for fit, idx in zip(fits[:2], (slice(0, 4), slice(4, 8))):
        slope, intercept = np.polyfit(x[idx], y[idx], 1)
        assert float(fit.fit.w) == pytest.approx(slope, abs=1e-12) and float(fit.fit.b) == pytest.approx(intercept, abs=1e-12)
    assert fits[0].fit.w != fits[1].fit.w  # the blind men disagree
    assert fits[2].fit is None  # one distinct x: no single line
