"""Walkthroughs against an independent numpy reference, and the properties of batching."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough
from mathcore.batching import batch_indices, steps_per_epoch
from tests.conftest import SCENARIOS
from tests.reference import mse_step

small_fractions = st.fractions(min_value=-5, max_value=5, max_denominator=20)


@st.composite
def problems(draw, model="linear"):
    n = draw(st.integers(1, 9))
    x = tuple(draw(st.lists(small_fractions, min_size=n, max_size=n)))
    if model == "linear":
        y = tuple(draw(st.lists(small_fractions, min_size=n, max_size=n)))
        loss = "mse"
    else:
        y = tuple(Fraction(v) for v in draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
        loss = "bce"
    init = Params(draw(small_fractions), draw(small_fractions))
    lr = draw(st.sampled_from([Fraction(1, 100), Fraction(1, 20), Fraction(1, 10)]))
    return Problem(model, loss, Dataset(x, y), init, lr)


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_every_step_matches_numpy_reference(problem, data):
    n = len(problem.data)
    repeat = data.draw(st.integers(1, 3))
    bs = data.draw(st.integers(1, n * repeat))
    schedule = BatchSchedule(bs, data.draw(st.sampled_from(["sequential", "shuffled"])),
                             data.draw(st.integers(0, 99)), repeat, data.draw(st.booleans()))
    walk = run_walkthrough(problem, schedule, epochs=2)
    x = np.array([float(v) for v in problem.data.x])
    y = np.array([float(v) for v in problem.data.y])
    w, b = float(problem.init.w), float(problem.init.b)
    assert len(walk.steps) == 2 * steps_per_epoch(n, schedule) or walk.diverged_at
    for s in walk.steps:
        idx = list(s.indices)
        pred, loss, dw, db, w, b = mse_step(w, b, x[idx], y[idx], float(problem.lr))
        scale = 1 + abs(w) + abs(b) + abs(dw) + abs(db)
        assert float(s.loss) == pytest.approx(loss, rel=1e-9, abs=1e-9 * scale)
        assert float(s.dw) == pytest.approx(dw, rel=1e-9, abs=1e-9 * scale)
        assert float(s.db) == pytest.approx(db, rel=1e-9, abs=1e-9 * scale)
        assert float(s.w_after) == pytest.approx(w, rel=1e-9, abs=1e-9 * scale)
        assert float(s.b_after) == pytest.approx(b, rel=1e-9, abs=1e-9 * scale)
        if schedule.drop_last:
            assert s.batch_size == bs


def test_shuffled_order_is_default_rng_permutation_per_epoch():
    schedule = BatchSchedule(3, "shuffled", seed=7, repeat=2)
    got = [idx for _, idx in batch_indices(5, schedule, epochs=2)]
    rng = np.random.default_rng(7)
    base = np.tile(np.arange(5), 2)
    expected = []
    for _ in range(2):
        order = base[rng.permutation(10)]
        expected += [tuple(order[i:i + 3].tolist()) for i in range(0, 10, 3)]
    assert got == expected


def test_partial_batch_is_kept_and_averaged_over_its_own_size():
    problem = Problem("linear", "mse", Dataset(tuple(map(Fraction, [1, 2, 3])), tuple(map(Fraction, [0, 1, 1]))),
                      Params(Fraction(0), Fraction(0)), Fraction(1, 10))
    kept = run_walkthrough(problem, BatchSchedule(2))
    assert [s.batch_size for s in kept.steps] == [2, 1]
    last = kept.steps[1]
    # one sample: dL/dw = 2 (w x + b - y) x exactly
    assert last.dw == 2 * (last.w_before * 3 + last.b_before - 1) * 3
    dropped = run_walkthrough(problem, BatchSchedule(2, drop_last=True))
    assert [s.batch_size for s in dropped.steps] == [2]


@settings(max_examples=40, deadline=None)
@given(problems())
def test_batch_size_n_is_full_batch_descent(problem):
    n = len(problem.data)
    walk = run_walkthrough(problem, BatchSchedule(n), epochs=3)
    w, b = problem.init.w, problem.init.b
    xs, ys = problem.data.x, problem.data.y
    for s in walk.steps:
        dw = sum(2 * (w * x + b - y) * x for x, y in zip(xs, ys)) / n
        db = sum(2 * (w * x + b - y) for x, y in zip(xs, ys)) / n
        w, b = w - problem.lr * dw, b - problem.lr * db
        assert (s.w_after, s.b_after) == (w, b)


@settings(max_examples=40, deadline=None)
@given(problems(), st.integers(2, 5))
def test_repeating_the_data_leaves_the_full_batch_gradient_unchanged(problem, k):
    n = len(problem.data)
    once = run_walkthrough(problem, BatchSchedule(n), steps=1).step(1)
    repeated = run_walkthrough(problem, BatchSchedule(n * k, repeat=k), steps=1).step(1)
    assert (repeated.loss, repeated.dw, repeated.db) == (once.loss, once.dw, once.db)
    assert repeated.batch_size == k * n


@settings(max_examples=40, deadline=None)
@given(problems(), st.data())
def test_full_gradient_is_mean_of_equal_size_partition_gradients(problem, data):
    """At one point, the equal-sized batches of an epoch average to the full-batch gradient."""
    n = len(problem.data)
    divisors = [d for d in range(1, n + 1) if n % d == 0]
    bs = data.draw(st.sampled_from(divisors))
    at_one_point = Problem(problem.model, problem.loss, problem.data, problem.init, Fraction(0))  # lr 0: no move
    parts = run_walkthrough(at_one_point, BatchSchedule(bs, "shuffled", seed=data.draw(st.integers(0, 9))))
    full = run_walkthrough(at_one_point, BatchSchedule(n), steps=1).step(1)
    assert sum(s.dw for s in parts.steps) / len(parts.steps) == full.dw
    assert sum(s.db for s in parts.steps) / len(parts.steps) == full.db


@settings(max_examples=40, deadline=None)
@given(problems("logistic"))
def test_logistic_gradient_matches_finite_differences(problem):
    from mathcore.walkthrough import dataset_loss

    n = len(problem.data)
    step = run_walkthrough(problem, BatchSchedule(n), steps=1).step(1)
    assert not isinstance(step.dw, Fraction)
    w, b, h = float(problem.init.w), float(problem.init.b), 1e-6
    dw_fd = (dataset_loss(problem, w + h, b) - dataset_loss(problem, w - h, b)) / (2 * h)
    db_fd = (dataset_loss(problem, w, b + h) - dataset_loss(problem, w, b - h)) / (2 * h)
    assert step.dw == pytest.approx(dw_fd, rel=1e-5, abs=1e-7)
    assert step.db == pytest.approx(db_fd, rel=1e-5, abs=1e-7)
    # BCE written out directly
    x = np.array([float(v) for v in problem.data.x])
    y = np.array([float(v) for v in problem.data.y])
    z = w * x + b
    if np.abs(z).max() < 10:  # the naive formula loses digits in log(1 - p) for large |z|
        p = 1 / (1 + np.exp(-z))
        bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        assert step.loss == pytest.approx(bce, rel=1e-9)


def test_divergence_is_reported_as_data():
    problem = Problem("linear", "mse", Dataset((Fraction(10),), (Fraction(0),)), Params(Fraction(1), Fraction(0)),
                      Fraction(1))
    walk = run_walkthrough(problem, BatchSchedule(1), epochs=50)
    # closed form: r = 10 w + b, so (w, b) <- M (w, b) with M = I - 2 [[100, 10], [10, 1]]
    m = [[-199, -20], [-20, -1]]
    v, first = (1, 0), None
    for t in range(1, 50):
        v = (m[0][0] * v[0] + m[0][1] * v[1], m[1][0] * v[0] + m[1][1] * v[1])
        # diverged: parameters beyond 1e12, or the loss (10 w + b)^2 above 1e6 x the starting loss 100
        if first is None and (max(abs(v[0]), abs(v[1])) > 10**12 or (10 * v[0] + v[1]) ** 2 > 10**6 * 100):
            first, at_first = t, v
    assert walk.diverged_at == first
    assert len(walk.steps) == 50  # every worked step is still recorded, and the run never crashes
    assert (walk.steps[first - 1].w_after, walk.steps[first - 1].b_after) == at_first
    assert not walk.steps[-1].exact  # beyond the divergence bound it goes on in float64


def test_bracket_sum_and_coefficient_rebuild_the_step_values(seed, tmp_path):
    """What the step scene writes, coefficient x bracket, gives the step's loss and gradients: with the seed's 8
    samples x 4 the brackets run over 8 rows with 4/32 in front; with a shuffled repeat each position counts."""
    from scenes.scenario.lesson import lesson_of
    from scenes.scenario.loader import load_scenario

    step = lesson_of(seed).walkthrough("full32").step(1)
    num, den = step.coefficient()
    assert (num, den) == (4, 32)
    assert Fraction(num, den) * step.bracket_sum(step.loss_terms) == step.loss
    num2, den2 = step.coefficient(2)
    assert Fraction(num2, den2) * step.bracket_sum(step.residual_x) == step.dw
    assert Fraction(num2, den2) * step.bracket_sum(step.residuals) == step.db
    text = (SCENARIOS / "seed.yaml").read_text(encoding="utf-8")
    uneven_path = tmp_path / "uneven.yaml"
    uneven_path.write_text(text.replace("    repeat: 4            # the seed's 32-sample batch: all 8 samples, 4 times each",
                                        "    repeat: 4\n    batch_size: 12\n    order: shuffled\n    seed: 3").replace(
        "  full32:\n    batch_size: 32\n", "  full32:\n"), encoding="utf-8")
    shuffled = lesson_of(load_scenario(uneven_path)).walkthrough("full32").step(1)
    assert shuffled.common_multiplicity is None and shuffled.coefficient() == (1, 12)
    assert Fraction(1, 12) * shuffled.bracket_sum(shuffled.loss_terms) == shuffled.loss
