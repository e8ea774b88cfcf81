"""The batch-size study's seed rule as docs/authoring.md states it (trial item 11): "While the 90% interval of a
median is wider than a quarter of it, the seeds are doubled, up to `max_seeds` and the compute budget", and where
the budget stops the doubling, explain's table says "compute limit"."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore.batch_size_study import Runs, StudySettings, _measure
from mathcore.epoch_stability import EpochBound
from mathcore.explain import study_markdown
from mathcore.study_report import study_report

N = 64  # the synthetic "data size": batch size 4 is a minibatch, seeds matter


def synthetic(spread: bool):
    """A simulator (the study's seam) where the top rate diverges and every other rate reaches the target: after
    10 steps for every seed (spread=False), or after 10 or 1000 steps, seed by seed (spread=True)."""
    def simulate(model, xs, ys, start, size, lrs, seeds, target, max_steps, seconds=np.inf):
        per_seed = np.array([10 if not spread or s % 2 == 0 else 1000 for s in range(seeds)], dtype=np.int64)
        reached = np.broadcast_to(per_seed, (len(lrs), seeds)).copy()
        diverged = np.zeros((len(lrs), seeds), dtype=bool)
        reached[0], diverged[0] = -1, True  # the largest rate: the measured edge, so the grid stops growing
        steps = int(reached.max())
        return Runs(reached, diverged, np.arange(1, steps + 1, dtype=np.int64) * size, max_steps, steps)
    return simulate


def measure(spread: bool, seconds: float, max_seeds: int = 40):
    return _measure("linear", np.zeros(N), np.zeros(N), (0.0, 0.0), 4, 1.0, EpochBound(None, "not_computed", 0, 0.0),
                    0.5, StudySettings(seeds=5, max_seeds=max_seeds, max_steps=2000), seconds, 0.0,
                    simulator=synthetic(spread))


def reference_seeds(start: int, max_seeds: int, too_wide_always: bool) -> int:
    """The documented rule, written plainly, for an unbounded budget: double while too wide, never past max_seeds."""
    seeds = start
    while too_wide_always and seeds < max_seeds:
        seeds = min(2 * seeds, max_seeds)
    return seeds


def test_a_narrow_interval_keeps_the_first_seeds():
    r = measure(spread=False, seconds=1e9)
    assert r.steps_seeds_interval == (10.0, 10.0)  # every seed took 10 steps: nothing to narrow
    assert r.seeds == reference_seeds(5, 40, False) == 5 and not r.seeds_cut


@pytest.mark.parametrize("max_seeds", [40, 12, 6])
def test_a_wide_interval_doubles_the_seeds_up_to_max_seeds(max_seeds):
    r = measure(spread=True, seconds=1e9, max_seeds=max_seeds)
    low, high = r.steps_seeds_interval
    assert high - low > 0.25 * r.steps  # 10 or 1000 steps, seed by seed: always too wide
    assert r.seeds == reference_seeds(5, max_seeds, True) and not r.seeds_cut


def test_a_budget_that_stops_the_doubling_is_said():
    r = measure(spread=True, seconds=0.05)  # enough for the first seeds, not for twice as many
    low, high = r.steps_seeds_interval
    assert high - low > 0.25 * r.steps and r.seeds < 40
    assert r.seeds_cut  # the rule was not followed to its end: the reason is recorded


def test_the_trial_lessons_table_follows_the_rule_or_says_why_not():
    """hours.yaml of the trial (10 samples, logistic): every batch size either has a narrow interval, max_seeds, or
    "compute limit" beside its seeds (the trial saw 5 seeds with intervals 82-300 and no note)."""
    from mathcore import Dataset, to_fraction
    from mathcore.problem import Params, Problem

    x = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    y = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1]
    problem = Problem(model="logistic", loss="bce", data=Dataset(tuple(map(to_fraction, x)), tuple(map(to_fraction, y))),
                      init=Params(to_fraction(0), to_fraction(0)), lr=to_fraction("0.5"))
    report = study_report(problem, StudySettings())
    table = study_markdown(report).splitlines()
    for r in report.study.results:
        if not r.reached or r.batch_size == len(x):
            continue  # a full batch runs one order: one seed
        low, high = r.steps_seeds_interval
        narrow = high is not None and high - low <= 0.25 * r.steps
        row = next(line for line in table if line.startswith(f"| {r.batch_size} |"))
        seeds_cell = row.split("|")[5].strip()
        assert narrow or r.seeds == 40 or seeds_cell == f"{r.seeds} (compute limit)", (r.batch_size, row)
