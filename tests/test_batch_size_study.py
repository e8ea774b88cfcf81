"""The batch-size study: steps and samples to target, the critical batch size, the noise scale, the stability bound.

Every expectation is recomputed here independently: plain-Python SGD loops, numpy covariances and eigenvalues,
batch-by-batch enumeration, curves built with a known B_noise.
"""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest

from mathcore.batch_size_study import StudySettings, _epoch_orders, _logistic_gradient, run_study
from mathcore.critical_batch import fit_critical_batch
from mathcore.epoch_stability import _all_orders
from mathcore.hardware_cost import Hardware, batch_costs, fastest
from mathcore.mean_square_stability import mean_square_stable_lr, second_moment_maps
from tests.conftest import SCENARIOS, small_scenario
from tests.helpers_cli import batchviz_here

SEED_X = [float(v) for v in range(1, 9)]
SEED_Y = [0.0] * 5 + [1.0] * 3


@pytest.fixture(scope="module")
def seed_study() -> dict:
    out = batchviz_here("explain", str(SCENARIOS / "seed.yaml"), "--format", "json")  # in this process
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


def test_full_batch_interval_spans_the_grid_and_a_three_times_finer_grid(seed_study):
    """The grid's resolution as a systematic term: the full batch is deterministic (no seed randomness), so its
    interval runs from the fewest steps of plain gradient descent at the rates a third of a grid step apart around
    the tuned rate (2^(k/9), k = -2 .. 2) to the steps at the tuned rate."""
    row = seed_study["batch_sizes"][-1]
    target = float(Fraction(seed_study["target_loss"]))
    lr = row["learning_rate"]
    finer = min(sgd_steps_to_target(lr * 2 ** (k / 9), 8, 0, target, limit=20_000) for k in range(-2, 3))
    assert finer < row["steps_to_target"]  # the seed's grid does overstate the full batch's steps
    assert row["steps_interval"] == [finer, row["steps_to_target"]]
    assert row["samples_interval"] == [8 * finer, 8 * row["steps_to_target"]]
    assert row["steps_interval_seeds_only"] == [row["steps_to_target"]] * 2


@pytest.mark.parametrize("batch_size", [1, 2])
def test_shuffled_steps_match_plain_sgd(seed_study, batch_size):
    row = next(r for r in seed_study["batch_sizes"] if r["batch_size"] == batch_size)
    target = float(Fraction(seed_study["target_loss"]))
    steps = [sgd_steps_to_target(row["learning_rate"], batch_size, seed, target) for seed in range(row["seeds"])]
    assert np.median(steps) == row["steps_to_target"]
    assert [min(steps), max(steps)] == row["spread"]["steps"]
    lo, hi = row["steps_interval"]
    assert lo <= row["steps_to_target"] <= hi and min(steps) <= lo and hi <= max(steps)
    assert row["samples_to_target"] == batch_size * row["steps_to_target"]


def test_tuned_rate_beats_its_grid_neighbours_and_the_edge_diverges(seed_study):
    row = seed_study["batch_sizes"][0]
    target = float(Fraction(seed_study["target_loss"]))
    bound = row["stability_bound"]["used"]
    lo, hi, count = row["learning_rates_tried"]
    grid = hi * 2 ** (-np.arange(count) / 3)
    k = int(np.argmin(np.abs(grid - row["learning_rate"])))
    assert grid[k] == pytest.approx(row["learning_rate"], rel=1e-12)
    assert hi > row["learning_rate"] and row["bracketed"]  # a larger rate was tried: the best is bracketed
    seeds = range(row["seeds"])
    for j in (k - 1, k + 1):
        if 0 <= j < len(grid):
            median = np.median([sgd_steps_to_target(grid[j], 1, seed, target, limit=2000) for seed in seeds])
            assert median >= row["steps_to_target"]
    # the measured edge: most plain-SGD runs there never reach the target (they blow up)
    edge = row["measured_edge"]
    assert edge > row["learning_rate"] and edge > bound
    assert sum(math.isinf(sgd_steps_to_target(edge, 1, seed, target, limit=400)) for seed in seeds) * 2 > len(seeds)


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
    crit = seed_study["critical_batch_size"]
    assert crit["value"] == pytest.approx(e_min / s_min, rel=1e-9)
    assert seed_study["fit"]["s_min"] == pytest.approx(s_min, rel=1e-9)
    lo, hi = crit["interval"]
    assert lo < hi and crit["below_smallest_batch_size"] == (hi < 1)
    for name in ("s_min", "e_min"):
        lo, hi = seed_study["fit"][f"{name}_interval"]
        assert lo < hi


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
    study = run_study("linear", SEED_X, SEED_Y, (0.1, 0.2), StudySettings(target=0.1, max_steps=10))
    assert all(not r.reached and r.steps is None and r.learning_rate is None for r in study.results)
    assert all(r.step_limit == 10 for r in study.results)


def test_logistic_study_runs():
    y = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0]  # overlapping classes: a finite optimum
    # two batch sizes, the first seeds only (the default logistic study runs in tests/test_seed_rule.py): 6 -> 1.5 s
    study = run_study("logistic", SEED_X, y, (0.1, 0.2), StudySettings(batch_sizes=(2, 8), max_seeds=5))
    assert all(r.reached for r in study.results)
    assert study.optimum_loss < study.target_loss < study.start_loss


@pytest.mark.parametrize("batch", [1, 3, 8])
def test_logistic_gradient_is_the_per_sample_mean(batch, monkeypatch):
    """The study's logistic gradient (every run's batch at once, in place, in chunks of runs) is, run by run, the
    mean over its batch of (sigmoid(w x + b) - y) * (x, 1), summed here one sample at a time."""
    rng = np.random.default_rng(7)
    rates, seeds = 5, 3
    xb, yb = rng.normal(0, 3, (seeds, batch)), rng.integers(0, 2, (seeds, batch)).astype(float)
    w, b = rng.normal(0, 2, (rates, seeds)), rng.normal(0, 2, (rates, seeds))
    monkeypatch.setattr("mathcore.batch_size_study.CHUNK", 2 * xb.size)  # two runs' rates per chunk: 3 chunks
    gw, gb = _logistic_gradient(xb, yb, w, b)
    for k, s in itertools.product(range(rates), range(seeds)):
        residuals = [1 / (1 + math.exp(-(w[k, s] * xb[s, i] + b[k, s]))) - yb[s, i] for i in range(batch)]
        assert gw[k, s] == pytest.approx(sum(r * xb[s, i] for i, r in enumerate(residuals)) / batch, rel=1e-12)
        assert gb[k, s] == pytest.approx(sum(residuals) / batch, rel=1e-12, abs=1e-15)


def test_epoch_orders_are_one_permutation_per_epoch_and_seed():
    """The study's shuffles (drawn many epochs at a time) are, epoch after epoch, default_rng(seed).permutation(n)
    for each seed: the orders the plain SGD loops above draw."""
    seeds, n, epochs = 3, 6, 200
    orders = _epoch_orders(seeds, n)
    drawn = [next(orders) for _ in range(epochs)]
    rngs = [np.random.default_rng(seed) for seed in range(seeds)]
    for epoch in range(epochs):
        for seed in range(seeds):
            assert list(drawn[epoch][seed]) == [int(i) for i in rngs[seed].permutation(n)], (epoch, seed)


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


def test_study_work_is_counted_at_check(tmp_path):
    """The check counts batch sizes x learning rates x seeds x steps x samples: 50,000 logistic rows cannot afford
    a useful study (every run looks at every row), even without a `study` key; few rows can."""
    from mathcore.batch_size_study import StudySettings, first_round_steps
    from scenes.scenario.errors import ScenarioError
    from scenes.scenario.loader import load_scenario

    rows = "x,y\n" + "".join(f"{k % 97},{(k * 7) % 2}\n" for k in range(50_000))
    (tmp_path / "big.csv").write_text(rows, encoding="utf-8")
    bad = tmp_path / "big.yaml"
    bad.write_text(small_scenario("  - scene: setup\n", model="logistic", loss="bce", data="{csv: big.csv}"),
                   encoding="utf-8")
    with pytest.raises(ScenarioError, match="batch-size study on 50000 samples"):
        load_scenario(bad)
    # the count grows with each factor of the work
    base = first_round_steps("logistic", 5000, StudySettings(seeds=2))
    assert first_round_steps("logistic", 5000, StudySettings(seeds=8)) < base
    assert first_round_steps("logistic", 20000, StudySettings(seeds=2)) < base


# The bound for the sampling the study uses: shuffled epochs
def enumerated_epoch_map(x, batch_size, lr):
    """T_epoch by brute force: every permutation of the data (each equally likely), batches cut in order."""
    f = [np.array([v, 1.0]) for v in x]
    basis = [np.array([[1.0, 0], [0, 0]]), np.array([[0, 1.0], [1.0, 0]]), np.array([[0, 0], [0, 1.0]])]
    columns = [np.zeros((2, 2)) for _ in basis]
    perms = list(itertools.permutations(range(len(x))))
    for perm in perms:
        p = np.eye(2)
        for k in range(0, len(x), batch_size):
            batch = perm[k:k + batch_size]
            a = sum(2 * np.outer(f[i], f[i]) for i in batch) / len(batch)
            p = (np.eye(2) - lr * a) @ p
        for c, m in zip(columns, basis):
            c += p @ m @ p.T / len(perms)
    return np.array([[c[0, 0], c[0, 1], c[1, 1]] for c in columns]).T


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_epoch_bound_is_where_the_enumerated_epoch_map_turns_unstable(batch_size):
    from mathcore.epoch_stability import epoch_stable_lr

    x = [1.0, 2.0, 3.0, 5.0, 8.0]
    bound = epoch_stable_lr(x, batch_size)
    assert bound.method == "exact" and bound.standard_error == 0
    radius = lambda lr: np.max(np.abs(np.linalg.eigvals(enumerated_epoch_map(x, batch_size, lr))))
    assert radius(bound.lr * 0.995) < 1 < radius(bound.lr * 1.005)
    assert all(radius(bound.lr * s) < 1 for s in (0.2, 0.5, 0.8))
    # shuffled epochs tolerate more than independent batches
    assert bound.lr > mean_square_stable_lr(x, batch_size)


def test_epoch_bound_monte_carlo_states_its_error():
    from mathcore.epoch_stability import epoch_stable_lr

    x = list(np.random.default_rng(1).uniform(0, 10, 40))
    bound = epoch_stable_lr(x, 4)
    assert bound.method == "monte_carlo" and 0 < bound.standard_error < 0.05 * bound.lr
    # an independent estimate from other random orders agrees within a few stated errors
    rng = np.random.default_rng(99)
    f = np.stack([np.array(x), np.ones(40)], axis=1)
    per = 2 * np.einsum("ni,nj->nij", f, f)

    def radius(lr, count=3000):
        total = np.zeros((3, 3))
        for _ in range(count):
            order = rng.permutation(40)
            p = np.eye(2)
            for k in range(0, 40, 4):
                p = (np.eye(2) - lr * per[order[k:k + 4]].mean(axis=0)) @ p
            cols = [p @ m @ p.T for m in (np.array([[1.0, 0], [0, 0]]), np.array([[0, 1.0], [1.0, 0]]),
                                          np.array([[0, 0], [0, 1.0]]))]
            total += np.array([[c[0, 0], c[0, 1], c[1, 1]] for c in cols]).T
        return np.max(np.abs(np.linalg.eigvals(total / count)))

    margin = max(5 * bound.standard_error, 0.01 * bound.lr)
    assert radius(bound.lr - margin) < 1 < radius(bound.lr + margin)


# The early stop with an even number of seeds
@pytest.mark.parametrize("seeds", [2, 4])
def test_even_seeds_early_stop_matches_running_everything(seeds):
    """The early stop may not change the tuned rate or its median: the reference runs every (rate, seed) in plain
    Python to the end and tunes by the same rule (fewest median steps, ties to the larger rate)."""
    from mathcore.batch_size_study import simulate

    f = np.stack([SEED_X, np.ones(8)], axis=1)
    least = float(np.mean((f @ np.linalg.lstsq(f, SEED_Y, rcond=None)[0] - SEED_Y) ** 2))
    target = least + 0.05 * (mse(0.1, 0.2) - least)  # the review's case: target share 0.05
    for batch_size in (1, 2):
        # the grid of the review that found the bug: 16 rates from 2^(-1/3) of the i.i.d. bound down
        grid = mean_square_stable_lr(SEED_X, batch_size) * 2 ** (-np.arange(1, 17) / 3)
        runs = simulate("linear", np.array(SEED_X), np.array(SEED_Y), (0.1, 0.2), batch_size, grid, seeds, target,
                        20_000)
        steps = np.where(runs.reached < 0, np.inf, runs.reached).astype(float)
        medians = np.median(steps, axis=1)
        best = int(np.flatnonzero(medians == medians.min())[0])
        full = np.array([[sgd_steps_to_target(lr, batch_size, seed, target, limit=3000) for seed in range(seeds)]
                         for lr in grid], dtype=float)
        reference = np.median(full, axis=1)
        ref_best = int(np.flatnonzero(reference == reference.min())[0])
        assert (best, medians[best]) == (ref_best, reference[ref_best])
        assert list(steps[best]) == list(full[ref_best])


# The default target: informative on any data
LECTURER_X = [float(v) for v in range(1, 11)]
LECTURER_Y = [2.1, 2.9, 4.2, 4.8, 6.1, 7.2, 7.8, 9.1, 9.9, 11.2]  # very regular: 10% is reached in a step or two


def plain_gd_steps(lr, x, y, start, target, limit=60):
    w, b = start
    for step in range(1, limit + 1):
        gw = sum(2 * (w * a + b - t) * a for a, t in zip(x, y)) / len(x)
        gb = sum(2 * (w * a + b - t) for a, t in zip(x, y)) / len(x)
        w, b = w - lr * gw, b - lr * gb
        if mse(w, b, x, y) <= target:
            return step
    return math.inf


def test_default_target_keeps_the_full_batch_at_least_20_steps_away():
    from mathcore.batch_size_study import TARGET_SERIES

    study = run_study("linear", LECTURER_X, LECTURER_Y, (0.0, 0.0))
    assert study.target_is_default and study.target_share < 0.1
    full = study.results[-1]
    assert full.batch_size == 10 and full.steps >= 20
    f = np.stack([LECTURER_X, np.ones(10)], axis=1)
    least = float(np.mean((f @ np.linalg.lstsq(f, LECTURER_Y, rcond=None)[0] - LECTURER_Y) ** 2))
    start = mse(0.0, 0.0, LECTURER_X, LECTURER_Y)
    for lr in full.learning_rates:  # no rate the search tried reaches the target in fewer than 20 steps
        assert plain_gd_steps(lr, LECTURER_X, LECTURER_Y, (0.0, 0.0), study.target_loss) >= 20
    # and it is the largest share of the series with that property: the next larger one is reached sooner
    larger = TARGET_SERIES[TARGET_SERIES.index(study.target_share) - 1]
    target = least + larger * (start - least)
    assert min(plain_gd_steps(lr, LECTURER_X, LECTURER_Y, (0.0, 0.0), target) for lr in full.learning_rates) < 20
    # the seed's 10% already keeps the full batch far enough: its target is unchanged
    seed = run_study("linear", SEED_X, SEED_Y, (0.1, 0.2))
    assert seed.target_share == 0.1 and seed.results[-1].steps >= 20


def test_seeds_are_added_until_each_interval_is_narrow_or_the_cap(seed_study):
    from mathcore.batch_size_study import SEEDS_WIDTH

    for row in seed_study["batch_sizes"]:
        lo, hi = row["steps_interval_seeds_only"]  # the reported interval adds the grid's resolution to it
        assert row["steps_interval"][0] <= lo <= hi <= row["steps_interval"][1]
        if row["batch_size"] == 8:
            assert row["seeds"] == 1 and lo == hi  # the whole data every step: one run tells all
        elif row["seeds"] < 40:
            assert hi - lo <= SEEDS_WIDTH * row["steps_to_target"]
        assert row["runs"] >= row["seeds"] * row["learning_rates_tried"][2]


@pytest.mark.parametrize("n, batch_size", [(6, 1), (6, 2), (7, 3), (5, 5), (8, 4)])
def test_epoch_orders_are_every_batch_sequence_once_in_order(n, batch_size):
    """The exact per-epoch bound averages over every batch sequence of an epoch: the same as all permutations with
    each batch's contents as a set, listed lexicographically (an independent enumeration)."""
    starts = range(0, n, batch_size)
    expected = sorted({tuple(tuple(sorted(p[k:k + batch_size])) for k in starts)
                       for p in itertools.permutations(range(n))})
    got = [tuple(tuple(o[k:k + batch_size]) for k in starts) for o in _all_orders(n, batch_size).tolist()]
    assert got == expected
