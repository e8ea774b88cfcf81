"""The batch-size study's verdicts: each predicate's outcome on either side of its documented threshold.

Inputs are built by hand (fits, rows and costs whose measured values are known by construction), so moving a
threshold or flipping a comparison in mathcore.verdicts fails here.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from mathcore.batch_size_study import BatchSizeResult, BatchSizeStudy
from mathcore.critical_batch import CriticalBatchFit
from mathcore.epoch_stability import EpochBound
from mathcore.hardware_cost import BatchCost
from mathcore.verdicts import (
    critical_below_smallest,
    fastest_batch,
    fit_good,
    linear_scaling_holds,
    stability_sets_rate,
    steps_in_proportion,
)

EPOCH = EpochBound(0.05, "exact", 1, 0.0)


def row(batch_size, steps, lr=0.01, edge=None, rates=None):
    rates = rates or (0.04, 0.02, 0.01, 0.005)
    return BatchSizeResult(batch_size, 0.03, EPOCH, lr, steps, steps * batch_size, (steps, steps),
                           (steps * batch_size, steps * batch_size), (int(steps), int(steps)),
                           (int(steps * batch_size), int(steps * batch_size)), 5, rates, edge, 1000, 0.0)


def study(*rows):
    return BatchSizeStudy(8, "linear", (0.0, 0.0), 1.0, 0.0, 0.1, False, False, 0.1, 5, 1000, tuple(rows))


@pytest.mark.parametrize("error,expected", [(0.10, True), (0.149, True), (0.151, None), (0.29, None), (0.31, False)])
def test_fit_good_thresholds_15_and_30_percent(error, expected):
    assert fit_good(CriticalBatchFit(10.0, 20.0, 4, error)).holds is expected


def test_fit_good_without_a_fit():
    assert fit_good(CriticalBatchFit(None, None, 2, None, "too_few")).holds is None
    assert fit_good(CriticalBatchFit(None, None, 4, None, "steps_do_not_fall")).holds is False


class Report:
    def __init__(self, interval, smallest=1):
        self.study = study(row(smallest, 100.0), row(smallest * 2, 60.0))
        self.fit = CriticalBatchFit(40.0, 20.0, 4, 0.1)
        self.critical_interval = interval


@pytest.mark.parametrize("interval,expected", [((0.1, 0.9), True), ((0.5, 1.5), None), ((1.0, 3.0), False)])
def test_critical_below_smallest_uses_the_whole_interval(interval, expected):
    assert critical_below_smallest(Report(interval)).holds is expected


@pytest.mark.parametrize("s0,s1,expected", [(100, 50, True), (100, 62, True), (100, 63, None), (100, 99, None),
                                            (100, 100, False), (100, 124, False), (100, 126, False)])
def test_steps_in_proportion(s0, s1, expected):
    # batch 1 -> 2: the share is (s0 / s1) / 2; true from 0.8 (s1 <= 62.5), false below 0.4 (s1 > 125); steps that
    # do not fall at all are never "fewer, but not in proportion" (a teacher's 28 -> 28 steps was, at share 0.5)
    assert steps_in_proportion(study(row(1, float(s0)), row(2, float(s1)))).holds is expected


@pytest.mark.parametrize("s1,expected", [(100, False), (101, False), (99, True), (90, True)])
def test_steps_that_do_not_fall_are_never_in_proportion(s1, expected):
    # batch 100 -> 101 grows by 1%: the share (100 / s1) / 1.01 passes 0.8 even when the steps rise a little
    assert steps_in_proportion(study(row(100, 100.0), row(101, float(s1)))).holds is expected


@pytest.mark.parametrize("lr1,expected", [(0.04, True), (0.027, True), (0.026, None), (0.021, None), (0.019, False),
                                          (0.059, True), (0.061, None), (0.079, None), (0.081, False)])
def test_linear_scaling_holds(lr1, expected):
    # batch 1 -> 4 with lr 0.01: share = lr1 / 0.04; true within [2/3, 3/2], false outside [1/2, 2]
    assert linear_scaling_holds(study(row(1, 100.0, lr=0.01), row(4, 40.0, lr=lr1))).holds is expected


def test_stability_sets_rate_only_right_below_the_measured_edge():
    rates = (0.04, 0.02, 0.01, 0.005)
    at = row(1, 100.0, lr=0.02, edge=0.04, rates=rates)  # the next rate up diverged
    inside = row(2, 60.0, lr=0.01, edge=0.04, rates=rates)  # 0.02 ran without diverging, only slower
    unknown = row(4, 40.0, lr=0.02, edge=None, rates=rates)
    assert at.at_stability_edge is True and inside.at_stability_edge is False and unknown.at_stability_edge is None
    assert stability_sets_rate(study(at, replace(at, batch_size=2))).holds is True
    assert stability_sets_rate(study(inside, replace(inside, batch_size=4))).holds is False
    assert stability_sets_rate(study(at, inside)).holds is None
    assert stability_sets_rate(study(at, unknown)).holds is None


@pytest.mark.parametrize("runner_up,expected", [(1.2, True), (1.11, True), (1.09, None), (1.0, None)])
def test_fastest_batch_margin_is_ten_percent(runner_up, expected):
    costs = [BatchCost(1, 1.0, True), BatchCost(2, runner_up, True), BatchCost(4, 5.0, True)]
    assert fastest_batch(costs).holds is expected


def test_fastest_batch_counts_only_what_fits_and_reaches():
    assert fastest_batch([BatchCost(1, None, True), BatchCost(64, 1.0, False)]).holds is False
    assert fastest_batch([BatchCost(1, 2.0, True), BatchCost(64, 1.0, False)]).holds is True
    assert math.isinf(fastest_batch([BatchCost(1, 2.0, True)]).measured)
