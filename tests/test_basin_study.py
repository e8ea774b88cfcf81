"""The bump model, its minima and the basin study, each against an independent computation written here."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from mathcore import bump
from mathcore.basin_study import basin_study, exploration_verdict, same_minimum_verdict, wilson_interval
from mathcore.minima import find_minima
from mathcore.models import get_model

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.fixture(scope="module")
def shipped():
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / "basins.yaml")
    entry = sc.lesson[0]
    return sc, entry


def arrays(sc):
    return [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]


# --- an independent re-implementation: plain Python, the loss differentiated numerically ----------------------

def ref_loss(w, b, xs, ys):
    return sum((w * math.exp(-(x - b) ** 2) - y) ** 2 for x, y in zip(xs, ys)) / len(xs)


def ref_grad(w, b, xs, ys, h=1e-6):
    return ((ref_loss(w + h, b, xs, ys) - ref_loss(w - h, b, xs, ys)) / (2 * h),
            (ref_loss(w, b + h, xs, ys) - ref_loss(w, b - h, xs, ys)) / (2 * h))


def ref_hessian(w, b, xs, ys, h=1e-4):
    gw1, gb1 = ref_grad(w + h, b, xs, ys)
    gw0, gb0 = ref_grad(w - h, b, xs, ys)
    hw1, hb1 = ref_grad(w, b + h, xs, ys)
    hw0, hb0 = ref_grad(w, b - h, xs, ys)
    return np.array([[(gw1 - gw0) / (2 * h), (hw1 - hw0) / (2 * h)], [(gb1 - gb0) / (2 * h), (hb1 - hb0) / (2 * h)]])


def test_per_sample_model_matches_numerical_derivatives():
    model = get_model("bump", "mse")
    for w, b, x, y in [(1.3, -0.4, 0.7, 0.2), (-0.5, 2.0, 1.5, 1.0), (2.0, -2.0, -1.9, 2.5)]:
        s = model.sample(w, b, x, y)
        gw, gb = ref_grad(w, b, [x], [y])
        assert s.loss_term == pytest.approx(ref_loss(w, b, [x], [y]), rel=1e-12)
        assert s.grad_w == pytest.approx(gw, rel=1e-6, abs=1e-9)
        assert s.grad_b == pytest.approx(gb, rel=1e-6, abs=1e-9)
    assert model.precision.startswith("float64")


def test_minima_are_stationary_with_the_sharpness_of_a_numerical_hessian(shipped):
    sc, e = shipped
    xs, ys = arrays(sc)
    minima = find_minima(np.array(xs), np.array(ys), tuple(e.w_range), tuple(e.b_range))
    assert len(minima) == 2  # the spike and the hump
    for m in minima:
        assert max(abs(g) for g in ref_grad(m.w, m.b, xs, ys)) < 1e-6
        eig = np.linalg.eigvalsh(ref_hessian(m.w, m.b, xs, ys))
        assert eig[0] > 0
        assert m.sharpness == pytest.approx(eig[-1], rel=1e-4)
        assert m.loss == pytest.approx(ref_loss(m.w, m.b, xs, ys), rel=1e-12)
    flat, sharp = minima
    assert flat.sharpness < sharp.sharpness / 2
    assert flat.b > 1 and sharp.b < -1  # the hump near x = 2, the spike near x = -2
    # gradient descent from a point beside each minimum ends there (it is a basin, not a saddle)
    for m in minima:
        w, b = m.w + 0.05, m.b - 0.05
        for _ in range(2000):
            gw, gb = bump.gradient(w, b, np.array(xs), np.array(ys))
            w, b = w - 0.1 * float(gw), b - 0.1 * float(gb)
        assert (w, b) == pytest.approx((m.w, m.b), abs=1e-5)


def test_wilson_interval_solves_its_quadratic():
    # the Wilson interval's ends are the p with (p_hat - p)^2 = z^2 p (1 - p) / n: solved here as a quadratic
    z = 1.6448536269514722  # the standard normal's 95th percentile (two-sided 90%)
    for k, n in [(127, 200), (0, 200), (200, 200), (3, 10)]:
        p_hat = k / n
        a, bq, c = 1 + z * z / n, -(2 * p_hat + z * z / n), p_hat * p_hat
        disc = math.sqrt(bq * bq - 4 * a * c)
        assert wilson_interval(k, n) == pytest.approx(((-bq - disc) / (2 * a), (-bq + disc) / (2 * a)), abs=1e-12)


def ref_grad_formula(w, b, xs, ys):
    """The chain rule by hand, in plain Python (checked against ref_grad above)."""
    gw = gb = 0.0
    for x, y in zip(xs, ys):
        e = math.exp(-(x - b) ** 2)
        r = w * e - y
        gw += 2 * r * e
        gb += 2 * r * w * e * 2 * (x - b)
    return gw / len(xs), gb / len(xs)


def test_hand_formula_matches_numerical_gradient():
    for w, b in [(1.0, -1.0), (0.3, 2.2), (-1.2, 0.4)]:
        xs, ys = [-2.0, 0.5, 1.5], [2.5, 0.3, 0.6]
        assert ref_grad_formula(w, b, xs, ys) == pytest.approx(ref_grad(w, b, xs, ys), rel=1e-6, abs=1e-9)


def own_simulation(xs, ys, start, lr, batch_size, runs, epochs, rng_next, minima, scale, grad=ref_grad):
    """Shuffled SGD run by run in plain Python; counts per minimum (runs reaching none are not counted)."""
    n = len(xs)
    counts = [0] * len(minima)
    for r in range(runs):
        w, b = start
        for _ in range(epochs):
            order = rng_next(r)
            for s in range(0, n, batch_size):
                idx = order[s:s + batch_size]
                gw, gb = grad(w, b, [xs[i] for i in idx], [ys[i] for i in idx])
                w, b = w - lr * gw, b - lr * gb
        k = ref_basin(w, b, xs, ys, [(m.w, m.b, m.sharpness) for m in minima])
        if k >= 0:
            counts[k] += 1
    return counts


def ref_basin(w, b, xs, ys, minima, steps=3000, tolerance=1e-3):
    """Which minimum full-batch gradient descent from (w, b) reaches (-1: none), at a rate below 1 / the largest
    sharpness, as the study documents (mathcore.minima.basin_of)."""
    rate = min(0.1, 1.0 / max(m[2] for m in minima))
    for step in range(steps):
        gw, gb = ref_grad_formula(w, b, xs, ys)
        w, b = w - rate * gw, b - rate * gb
        if step % 50 == 49 and any(abs(w - mw) < tolerance / 100 and abs(b - mb) < tolerance / 100
                                   for mw, mb, _ in minima):
            break  # inside a minimum's basin, this near, at this rate, descent stays: the answer is known
    for k, (mw, mb, _) in enumerate(minima):
        if abs(w - mw) < tolerance and abs(b - mb) < tolerance:
            return k
    return -1


def test_shipped_fractions_reproduced_by_an_independent_simulation(shipped):
    """The shipped lesson's claim: batch size 1 ends in the flat minimum far more often than the full batch.
    The test's own simulation (plain Python, its own shuffles from Python's `random`, numerical gradients)
    lands inside the study's 90% intervals give or take their width."""
    sc, e = shipped
    xs, ys = arrays(sc)
    lr = float(sc.learning_rate)
    start = (float(sc.init.w), float(sc.init.b))
    study = basin_study(xs, ys, start, lr, e.batch_sizes, e.runs, e.epochs, tuple(e.w_range), tuple(e.b_range),
                        seed=e.seed, held_out=(e.held_out.x, e.held_out.y))
    scale = (e.w_range[1] - e.w_range[0], e.b_range[1] - e.b_range[0])
    own_rng = random.Random(2024)

    def shuffled(_run):
        order = list(range(len(xs)))
        own_rng.shuffle(order)
        return order

    runs = 120
    for outcome in study.outcomes:
        counts = own_simulation(xs, ys, start, lr, outcome.batch_size, runs, e.epochs, shuffled, study.minima, scale)
        own_flat = counts[0] / runs
        low, high = outcome.intervals[0]
        width = high - low
        assert low - width <= own_flat <= high + width, (outcome.batch_size, own_flat, outcome.intervals[0])
    small, large = study.outcomes[0], study.outcomes[-1]
    assert small.fraction(0) > 0.6 and large.fraction(0) < 0.05
    assert exploration_verdict(study).holds is True
    assert same_minimum_verdict(study).holds is False
    # the flat minimum predicts the held-out samples better: batch size 1's mean held-out loss is lower
    assert small.held_out_loss < large.held_out_loss


def test_study_reproduces_run_by_run_with_its_documented_permutations(shipped):
    """With the permutations the study documents (one default_rng(seed + batch size), rng.permuted on a (runs, n)
    table per epoch), the plain-Python simulation ends every run in the same minimum."""
    sc, e = shipped
    xs, ys = arrays(sc)
    runs, epochs = 30, 20
    start, lr = (float(sc.init.w), float(sc.init.b)), float(sc.learning_rate)
    study = basin_study(xs, ys, start, lr, [1, 11], runs, epochs, tuple(e.w_range), tuple(e.b_range), seed=5)
    scale = (e.w_range[1] - e.w_range[0], e.b_range[1] - e.b_range[0])
    for outcome in study.outcomes:
        rng = np.random.default_rng(5 + outcome.batch_size)
        tables = [rng.permuted(np.tile(np.arange(len(xs)), (runs, 1)), axis=1) for _ in range(epochs)]
        epoch_of = {}

        def documented(r, epoch_of=epoch_of, tables=tables):  # bound now: called within this iteration
            k = epoch_of.get(r, 0)
            epoch_of[r] = k + 1
            return tables[k][r].tolist()

        counts = own_simulation(xs, ys, start, lr, outcome.batch_size, runs, epochs, documented, study.minima, scale,
                                grad=ref_grad_formula)
        assert tuple(counts) == outcome.counts


def test_same_minimum_when_the_start_sits_in_the_flat_basin(shipped):
    """A start beside the flat minimum with a gentle rate: both batch sizes end there, and the verdicts say so."""
    sc, e = shipped
    xs, ys = arrays(sc)
    study = basin_study(xs, ys, (0.8, 1.5), 0.1, [1, 11], 60, 20, tuple(e.w_range), tuple(e.b_range))
    assert all(o.counts[0] == o.runs for o in study.outcomes)
    assert same_minimum_verdict(study).holds is True
    assert exploration_verdict(study).holds is None  # 100% and 100%: the intervals overlap


def test_explain_reports_the_basin_study(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", "scenarios/basins.yaml",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "batch_size_study" not in out  # its losses are the linear and logistic models'
    [basins] = out["basin_studies"]
    small, large = basins["from_start"]
    assert sum(small["ended_in"]) + small["elsewhere"] + small["diverged"] == small["runs"] == 200
    assert small["fractions"][0] > large["fractions"][0]
    assert basins["small_batch_finds_flat_more_often"] == "true"


def test_grid_of_starts_runs_every_start(shipped):
    sc, e = shipped
    xs, ys = arrays(sc)
    study = basin_study(xs, ys, (1.0, -1.0), 0.3, [1, 11], 5, 10, tuple(e.w_range), tuple(e.b_range), grid=3)
    assert [o.runs for o in study.grid_outcomes] == [5 * 9, 5 * 9]
    for o in study.grid_outcomes:
        assert sum(o.counts) + o.elsewhere + o.diverged == o.runs
        assert o.escape_steps is None  # escape is measured from the one start only
    # the full batch is deterministic: every run from one start ends alike, so counts come in fives
    assert all(c % 5 == 0 for c in study.grid_outcomes[1].counts)


def test_exploration_predicates_three_ways():
    from mathcore.verdicts import batch_sizes_end_in_same_minimum, small_batch_finds_flat_more_often

    assert small_batch_finds_flat_more_often((0.6, 0.7), (0.0, 0.1), 0.6).holds is True
    assert small_batch_finds_flat_more_often((0.0, 0.1), (0.6, 0.7), -0.6).holds is False
    assert small_batch_finds_flat_more_often((0.3, 0.5), (0.4, 0.6), -0.1).holds is None  # intervals overlap
    one = [wilson_interval(95, 100), wilson_interval(5, 100)]
    assert batch_sizes_end_in_same_minimum([(95, 5), (95, 5)], [100, 100], [one, one]).holds is True
    other = [wilson_interval(5, 100), wilson_interval(95, 100)]
    assert batch_sizes_end_in_same_minimum([(95, 5), (5, 95)], [100, 100], [one, other]).holds is False
    split = [wilson_interval(50, 100), wilson_interval(50, 100)]
    assert batch_sizes_end_in_same_minimum([(50, 50), (95, 5)], [100, 100], [split, one]).holds is False
