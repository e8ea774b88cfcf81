"""The grid-of-starts map of the basin study (mathcore.basin_map): its predicate on constructed cases, and the
shipped lesson's map checked start by start against a simulation written here."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore.basin_map import MIXED, map_verdict, start_maps
from mathcore.basin_study import basin_study
from mathcore.verdicts import MAP_MORE_STARTS, MAP_SAME_STARTS, small_batch_reaches_flat_from_more_starts
from tests.test_basin_study import arrays, ref_basin, ref_grad_formula, shipped  # noqa: F401 (a fixture)


@pytest.mark.parametrize("small, large, starts, outcome", [
    (30, 10, 36, "true"),  # 20 of 36 starts more: far above a fifth
    (30, 10, 100, "true"),  # exactly MAP_MORE_STARTS of the starts more
    (29, 10, 100, "undecided"),  # just under it
    (15, 10, 100, "undecided"),  # exactly MAP_SAME_STARTS more: not yet "no difference"
    (14, 10, 100, "false"),  # under MAP_SAME_STARTS
    (12, 12, 36, "false"),  # the same count
    (5, 30, 36, "false"),  # the large batch reaches it from more starts
])
def test_map_predicate_three_ways(small, large, starts, outcome):
    assert (MAP_MORE_STARTS, MAP_SAME_STARTS) == (0.2, 0.05)  # the documented thresholds the cases are built on
    verdict = small_batch_reaches_flat_from_more_starts(small, large, starts)
    assert verdict.outcome == outcome
    assert verdict.measured == pytest.approx((small - large) / starts)


def own_grid_run(xs, ys, start, lr, batch_size, epochs, orders):
    """One shuffled SGD run in plain Python with the hand-written gradient; orders[e] is epoch e's permutation."""
    w, b = start
    for epoch in range(epochs):
        order = orders[epoch]
        for s in range(0, len(xs), batch_size):
            idx = order[s:s + batch_size]
            gw, gb = ref_grad_formula(w, b, [xs[i] for i in idx], [ys[i] for i in idx])
            w, b = w - lr * gw, b - lr * gb
    return w, b


@pytest.fixture(scope="module")
def shipped_map(shipped):  # noqa: F811
    sc, e = shipped
    xs, ys = arrays(sc)
    study = basin_study(xs, ys, (float(sc.init.w), float(sc.init.b)), float(sc.learning_rate), e.batch_sizes, e.runs,
                        e.epochs, tuple(e.w_range), tuple(e.b_range), seed=e.seed, grid=e.grid,
                        grid_runs=e.grid_runs)
    return sc, e, study


def test_drawn_map_matches_a_simulation_written_here(shipped_map):
    """At a few grid starts, the test redoes every run (the permutations the study documents for the grid: one
    default_rng(seed + 7919 + batch size), rng.permuted on the (starts x runs, n) table each epoch; its own SGD
    and its own basin descent) and takes the majority itself: the map's dot colour must be that majority."""
    sc, e, study = shipped_map
    xs, ys = arrays(sc)
    g, per = e.grid, e.grid_runs
    # the starts the test lays out itself: w across, b up, row by row from the lowest b
    w_axis = [e.w_range[0] + (e.w_range[1] - e.w_range[0]) * i / (g - 1) for i in range(g)]
    b_axis = [e.b_range[0] + (e.b_range[1] - e.b_range[0]) * j / (g - 1) for j in range(g)]
    minima = [(m.w, m.b, m.sharpness) for m in study.minima]
    picks = [(1, 1), (2, 4), (4, 2), (3, 3), (0, 5)]  # (column, row): low and high b, both sides of the window
    maps = start_maps(study)
    for mp in maps:
        rng = np.random.default_rng(e.seed + 7919 + mp.batch_size)
        tables = [rng.permuted(np.tile(np.arange(len(xs)), (g * g * per, 1)), axis=1) for _ in range(e.epochs)]
        for col, row in picks:
            start_index = row * g + col
            start = (w_axis[col], b_axis[row])
            assert (mp.w[start_index], mp.b[start_index]) == pytest.approx(start)
            ends = []
            for r in range(start_index * per, (start_index + 1) * per):
                w, b = own_grid_run(xs, ys, start, float(sc.learning_rate), mp.batch_size, e.epochs,
                                    [tables[k][r].tolist() for k in range(e.epochs)])
                ends.append(ref_basin(w, b, xs, ys, minima))
            counts = {k: ends.count(k) for k in set(ends)}
            top = max(counts, key=lambda k: counts[k])
            expected = top if top >= 0 and 2 * counts[top] > per else MIXED
            assert mp.majority[start_index] == expected, (mp.batch_size, start, ends)
            assert mp.flat_share[start_index] == pytest.approx(ends.count(0) / per)


def test_shipped_map_small_batch_reaches_flat_from_more_starts(shipped_map):
    """The shipped lesson's map: the test counts the starts from the per-start shares itself."""
    sc, e, study = shipped_map
    small, large = start_maps(study)
    own = [int(np.sum(m.flat_share > 0.5)) for m in (small, large)]
    assert [small.starts_in(study.flat), large.starts_in(study.flat)] == own
    assert (own[0] - own[1]) / (e.grid * e.grid) >= MAP_MORE_STARTS
    assert map_verdict(study).outcome == "true"


def test_no_grid_no_map(shipped):  # noqa: F811
    sc, e = shipped
    xs, ys = arrays(sc)
    study = basin_study(xs, ys, (1.0, -1.0), 0.3, [1, 11], 10, 5, tuple(e.w_range), tuple(e.b_range))
    assert start_maps(study) == ()
