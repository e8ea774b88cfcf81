"""The batch-size study: steps and samples to target, the critical batch size, the noise scale, the stability bound.

Every expectation is recomputed here independently: plain-Python SGD loops, numpy covariances and eigenvalues,
batch-by-batch enumeration, curves built with a known B_noise.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from mathcore.batch_size_study import StudySettings, learning_rate_grid, run_study
from mathcore.critical_batch import fit_critical_batch
from mathcore.hardware_cost import Hardware, batch_costs, fastest
from mathcore.mean_square_stability import mean_square_stable_lr, second_moment_maps
from tests.conftest import ROOT, SCENARIOS, small_scenario

SEED_X = [float(v) for v in range(1, 9)]
SEED_Y = [0.0] * 5 + [1.0] * 3


@pytest.fixture(scope="module")
def seed_study() -> dict:
    out = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", str(SCENARIOS / "seed.yaml"),
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["batch_size_study"]


def mse(w, b, x=SEED_X, y=SEED_Y):
    return sum((w * a + b - t) ** 2 for a, t in zip(x, y)) / len(x)


def sgd_steps_to_target(lr, batch_size, seed, target, start=(0.1, 0.2), x=SEED_X, y=SEED_Y, limit=100_000):
    """Shuffled SGD one sample at a time in plain Python: a permutation per epoch from default_rng(seed)."""
    rng = np.random.default_rng(seed)
    w, b = start
    n, step = len(x), 0
    while step < limit:
        order = [int(i) for i in rng.permutation(n)] if batch_size < n else list(range(n))
        for k in range(0, n, batch_size):
            batch = order[k:k + batch_size]
            gw = sum(2 * (w * x[i] + b - y[i]) * x[i] for i in batch) / len(batch)
            gb = sum(2 * (w * x[i] + b - y[i]) for i in batch) / len(batch)
            w, b = w - lr * gw, b - lr * gb
            step += 1
            if mse(w, b, x, y) <= target:
                return step
    return math.inf


# The measured study on the seed, as `explain --format json` reports it
def test_seed_study_shape_and_monotone_costs(seed_study):
    rows = [r for r in seed_study["batch_sizes"] if r["reached"]]
    assert [r["batch_size"] for r in seed_study["batch_sizes"]] == [1, 2, 4, 8]  # powers of two up to N = 8
    assert len(rows) >= 3
    for small, large in zip(rows, rows[1:]):
        assert large["steps_to_target"] <= small["steps_to_target"] * 1.1  # fewer steps (within noise)
        assert large["samples_to_target"] >= small["samples_to_target"] * 0.9  # more samples (within noise)
    assert rows[0]["steps_to_target"] > rows[-1]["steps_to_target"]


def test_seed_target_is_the_optimum_plus_a_tenth_of_the_excess(seed_study):
    f = np.stack([SEED_X, np.ones(8)], axis=1)
    theta = np.linalg.lstsq(f, SEED_Y, rcond=None)[0]
    best = float(np.mean((f @ theta - SEED_Y) ** 2))
    start = mse(0.1, 0.2)
    assert float(Fraction(seed_study["target_loss"])) == pytest.approx(best + 0.1 * (start - best), rel=1e-12)
    assert float(Fraction(seed_study["start_loss"])) == pytest.approx(start, rel=1e-12)


def test_full_batch_steps_match_plain_gradient_descent(seed_study):
    row = seed_study["batch_sizes"][-1]
    target = float(Fraction(seed_study["target_loss"]))
    assert sgd_steps_to_target(row["learning_rate"], 8, 0, target) == row["steps_to_target"]
    assert row["spread"]["steps"] == [row["steps_to_target"]] * 2  # deterministic: every seed the same
    assert row["samples_to_target"] == 8 * row["steps_to_target"]


@pytest.mark.parametrize("batch_size", [1, 2])
def test_shuffled_steps_match_plain_sgd(seed_study, batch_size):
    row = next(r for r in seed_study["batch_sizes"] if r["batch_size"] == batch_size)
    target = float(Fraction(seed_study["target_loss"]))
    steps = [sgd_steps_to_target(row["learning_rate"], batch_size, seed, target) for seed in range(5)]
    assert np.median(steps) == row["steps_to_target"]
    assert [min(steps), max(steps)] == row["spread"]["steps"]
    assert row["samples_to_target"] == batch_size * row["steps_to_target"]


def test_tuned_rate_beats_its_grid_neighbours(seed_study):
    row = seed_study["batch_sizes"][0]
    target = float(Fraction(seed_study["target_loss"]))
    grid = learning_rate_grid(mean_square_stable_lr(SEED_X, 1))
    k = int(np.argmin(np.abs(grid - row["learning_rate"])))
    assert grid[k] == pytest.approx(row["learning_rate"], rel=1e-12)
    for j in (k - 1, k + 1):
        if 0 <= j < len(grid):
            median = np.median([sgd_steps_to_target(grid[j], 1, seed, target) for seed in range(5)])
            assert median >= row["steps_to_target"]


def test_seed_noise_scale_matches_numpy(seed_study):
    x, y = np.array(SEED_X), np.array(SEED_Y)
    r = 2 * (0.1 * x + 0.2 - y)
    g = np.stack([r * x, r], axis=1)
    mean = g.mean(axis=0)
    cov = np.cov(g, rowvar=False, bias=True)  # divided by N, as the report states
    b_simple = np.trace(cov) / (mean @ mean)
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    b_noise = np.trace(hessian @ cov) / (mean @ hessian @ mean)
    noise = seed_study["noise_scale"]
    assert float(Fraction(noise["b_simple"])) == pytest.approx(b_simple, rel=1e-12)
    assert float(Fraction(noise["b_noise_hessian"])) == pytest.approx(b_noise, rel=1e-12)
    assert noise["at"] == ["1/10", "1/5"]
    assert noise["along_path"][0]["b_simple"] == pytest.approx(b_simple, rel=1e-9)


def test_seed_critical_batch_size_is_the_fit_to_its_own_rows(seed_study):
    rows = [r for r in seed_study["batch_sizes"] if r["reached"]]
    b = np.array([r["batch_size"] for r in rows], dtype=float)
    s = np.array([r["steps_to_target"] for r in rows], dtype=float)
    # least squares of S = S_min + E_min / B in relative error, solved here as a 2x2 normal system
    a = np.stack([np.ones_like(b), 1 / b], axis=1) / s[:, None]
    s_min, e_min = np.linalg.solve(a.T @ a, a.T @ np.ones_like(s))
    assert seed_study["critical_batch_size"] == pytest.approx(e_min / s_min, rel=1e-9)
    assert seed_study["fit"]["s_min"] == pytest.approx(s_min, rel=1e-9)


# The fit, on curves whose B_noise is known by construction
@pytest.mark.parametrize("b_noise,s_min", [(1.5, 70.0), (37.0, 12.0), (400.0, 3.0)])
def test_fit_recovers_a_known_noise_scale(b_noise, s_min):
    sizes = [2.0**k for k in range(11)]
    exact = [s_min * (1 + b_noise / b) for b in sizes]
    fit = fit_critical_batch(sizes, exact)
    assert fit.b_noise == pytest.approx(b_noise, rel=1e-9)
    assert fit.s_min == pytest.approx(s_min, rel=1e-9)
    assert fit.e_min == pytest.approx(s_min * b_noise, rel=1e-9)
    # samples E = S B follow E_min (1 + B / B_noise) with the same two numbers
    for b, s in zip(sizes, exact):
        assert s * b == pytest.approx(fit.e_min * (1 + b / fit.b_noise), rel=1e-9)
    rng = np.random.default_rng(3)
    noisy = [s * (1 + rng.uniform(-0.03, 0.03)) for s in exact]
    assert fit_critical_batch(sizes, noisy).b_noise == pytest.approx(b_noise, rel=0.15)


def test_fit_says_why_it_cannot_fit():
    assert fit_critical_batch([1, 2], [10, 6]).reason == "too_few"
    assert fit_critical_batch([1, 2, 4], [10, 12, 15]).reason == "steps_do_not_fall"
    assert fit_critical_batch([1, 2, 4], [100, 10, 1]).reason == "not_hyperbolic"
    assert fit_critical_batch([1, 2, 4, 8], [0, 0, 0, 0]).reason == "too_few"  # already at the target


# The learning-rate ceiling: the mean-square stability bound of SGD with batch size B
def enumerated_second_moment(x, batch_size, lr, m):
    """E[(I - lr A) M (I - lr A)] over every batch of B distinct samples, listed one by one."""
    f = [np.array([v, 1.0]) for v in x]
    total = np.zeros((2, 2))
    batches = list(itertools.combinations(range(len(x)), batch_size))
    for batch in batches:
        a = sum(2 * np.outer(f[i], f[i]) for i in batch) / batch_size
        step = np.eye(2) - lr * a
        total += step @ m @ step
    return total / len(batches)


@pytest.mark.parametrize("batch_size", [1, 3, 8])
def test_second_moment_map_matches_enumeration(batch_size):
    lin, quad = second_moment_maps(SEED_X, batch_size)
    lr = 0.021
    m = np.array([[0.7, -0.2], [-0.2, 1.3]])
    coords = np.array([m[0, 0], m[0, 1], m[1, 1]])
    mapped = (np.eye(3) - lr * lin + lr * lr * quad) @ coords
    expected = enumerated_second_moment(SEED_X, batch_size, lr, m)
    assert mapped == pytest.approx([expected[0, 0], expected[0, 1], expected[1, 1]], rel=1e-12)


def test_stability_bound_full_batch_and_smaller_batches():
    hessian = 2 * np.array([[np.mean(np.square(SEED_X)), np.mean(SEED_X)], [np.mean(SEED_X), 1.0]])
    assert mean_square_stable_lr(SEED_X, 8) == pytest.approx(2 / np.linalg.eigvalsh(hessian)[-1], rel=1e-9)
    bounds = [mean_square_stable_lr(SEED_X, b) for b in (1, 2, 4, 8)]
    assert bounds == sorted(bounds) and bounds[0] < bounds[-1]
    # just below the bound the enumerated second-moment map shrinks; just above it grows
    basis = [np.array([[1.0, 0], [0, 0]]), np.array([[0, 1.0], [1.0, 0]]), np.array([[0, 0], [0, 1.0]])]
    for b, bound in zip((1, 2, 4), bounds):
        for lr, grows in ((bound * 0.98, False), (bound * 1.02, True)):
            columns = [enumerated_second_moment(SEED_X, b, lr, m) for m in basis]
            t = np.array([[c[0, 0], c[0, 1], c[1, 1]] for c in columns]).T
            assert (np.max(np.abs(np.linalg.eigvals(t))) > 1) == grows


# Hardware: time to target and the batch that fits
def test_fastest_batch_on_given_hardware(seed_study):
    rows = [r for r in seed_study["batch_sizes"] if r["reached"]]
    study = run_study("linear", SEED_X, SEED_Y, (0.1, 0.2))
    for a, b, limit in ((0.01, 0.0001, None), (0.0, 1.0, None), (0.01, 0.0001, 2)):
        costs = batch_costs(study.results, Hardware(a, b, limit))
        seconds = {r["batch_size"]: a * r["steps_to_target"] + b * r["samples_to_target"] for r in rows
                   if limit is None or r["batch_size"] <= limit}
        assert fastest(costs).batch_size == min(seconds, key=lambda k: (seconds[k], k))
    assert fastest(batch_costs(study.results, Hardware(0.0, 1.0))).batch_size == 1  # time = samples: B = 1


def test_unreachable_target_is_reported_not_invented():
    study = run_study("linear", SEED_X, SEED_Y, (0.1, 0.2), StudySettings(max_steps=10))
    assert all(not r.reached and r.steps is None and r.learning_rate is None for r in study.results)
    assert all(r.step_limit == 10 for r in study.results)


def test_logistic_study_runs():
    y = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0]  # overlapping classes: a finite optimum
    study = run_study("logistic", SEED_X, y, (0.1, 0.2))
    assert all(r.reached for r in study.results)
    assert study.optimum_loss < study.target_loss < study.start_loss


def test_study_limits_are_checked(tmp_path):
    from scenes.scenario.errors import ScenarioError
    from scenes.scenario.loader import load_scenario

    bad = tmp_path / "bad.yaml"
    bad.write_text(small_scenario("  - scene: setup\n", study="{batch_sizes: [1, 9]}"), encoding="utf-8")
    with pytest.raises(ScenarioError, match="batch size 9 is larger than the 4 samples"):
        load_scenario(bad)
    bad.write_text(small_scenario("  - scene: setup\n", study="{max_steps: 200000}"), encoding="utf-8")
    with pytest.raises(ScenarioError, match="over the limit of 500000 steps"):
        load_scenario(bad)
