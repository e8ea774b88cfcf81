"""The narration's predicates (mathcore.verdicts) against values worked by hand, at and around each threshold."""

from fractions import Fraction as F

import pytest

from mathcore import verdicts as v
from mathcore.hardware_cost import BatchCost


def test_swings_is_the_movement_against_the_net_direction():
    # the seed's batch-size-4 epoch: w 0.1 → −0.15 → 2.062 turns back 0.25 on a net 1.962; b 0.09 on 0.233
    got = v.swings([F("0.1"), F("-0.15"), F("2.062")], [F("0.2"), F("0.11"), F("0.433")])
    assert got.holds is True and got.measured == pytest.approx(0.09 / 0.233)
    # the lecturer's complaint: a monotone path does not swing
    assert v.swings([0, 0.079, 0.35, 0.916, 1.389, 1.425], [0, 0.01, 0.05, 0.06, 0.07, 0.08]).holds is False
    # one step cannot turn back: undecided
    assert v.swings([0, 1], [0, 1]).holds is None
    # 0.07 back on a net 1: between the two thresholds
    assert v.swings([0, 1.07, 1.0], [0, 0, 0]).holds is None
    assert v.swings([0, 1.2, 1.0], [0, 0, 0]).holds is True
    assert v.swings([0, 1, 0], [0, 0, 0]).measured == float("inf")


def test_a_path_whose_loss_rose_is_never_called_steady():
    # a teacher's learning rate 5: w 0 -> 50.6 -> -6299, its first step 0.8% of the net movement, so the share says
    # "steady" and the voice said "the parameters move on in one direction, without turning back" beside numbers
    # that turn back; the run is diverging (its loss rose), which neither steady nor swinging describes
    assert v.swings([0, 50.6, -6299], [0, 10.2, -1270]).holds is False  # the share alone
    diverging = v.swings([0, 50.6, -6299], [0, 10.2, -1270], loss_rose=True)
    assert diverging.holds is None and diverging.measured == pytest.approx(50.6 / 6299)
    assert v.swings([0, 1.2, 1.0], [0, 0, 0], loss_rose=True).holds is True  # a swing stays a swing


def test_smaller_step_compares_lengths_in_the_parameter_plane():
    assert v.smaller_step((3, 4), [(6, 8), (0, 10)]).measured == pytest.approx(0.5)  # 5 / mean(10, 10)
    assert v.smaller_step((3, 4), [(6, 8), (0, 10)]).holds is True
    assert v.smaller_step((30, 40), [(6, 8)]).holds is False  # the lecturer's 11× larger full-batch step
    assert v.smaller_step((3, 4), [(3, 4)]).holds is None
    assert v.smaller_step((3, 4), [(0, 0)]).holds is None


def test_came_close_needs_the_loss_and_the_picture():
    # the lecturer's run: final 0.43 against an optimum 0.1651 from a start of 2: 14% of the excess is left
    assert v.came_close(0.43, 0.1651, 2.0, 0.01).holds is None
    assert v.came_close(0.7, 0.1651, 2.0, 0.01).holds is False  # 0.535 / 1.835 = 0.29 left
    assert v.came_close(0.2, 0.1651, 2.0, 0.01).holds is True
    assert v.came_close(0.2, 0.1651, 2.0, 0.2).holds is False  # low loss, but the dot is far from the star
    assert v.came_close(0.2, 0.1651, 2.0, 0.07).holds is None


def test_view_distance_is_in_units_of_the_drawn_view():
    from mathcore.view import View

    assert v.view_distance(1, 2, 0, 0, View(0, 10, 0, 40)) == pytest.approx((0.1 ** 2 + 0.05 ** 2) ** 0.5)


def test_batches_disagree_as_the_lines_show_on_the_plot():
    # slopes 1.268 and 1.27 over x 1..10 (span 9) and scores spanning 11.4: 0.0016 of the height apart
    assert v.batches_disagree([1.268, 1.27], 1.269, 9, 11.4).holds is False
    # the seed: slopes 0 and 0.3 beside 0.178571 over x span 7 and y span 1: 2.1 heights apart
    got = v.batches_disagree([0, F(3, 10)], F(5, 28), 7, 1)
    assert got.holds is True and got.measured == pytest.approx(2.1)
    assert v.batches_disagree([], 1, 1, 1).holds is None
    assert v.batches_disagree([1.0], 1.0, 5, 0).holds is False  # flat data, one slope


def test_middle_ground_and_explores():
    assert v.middle_ground([10], [1, 2, 5, 10]).holds is False  # the lecturer's: the largest studied
    assert v.middle_ground([2], [1, 2, 5, 10]).holds is True
    assert v.middle_ground([2, 5], [1, 2, 5, 10]).holds is True
    assert v.middle_ground([10, 1], [1, 2, 5, 10]).holds is False
    assert v.middle_ground([2, 1], [1, 2, 4, 6]).holds is None  # a tie across the edge: no middle ground to claim
    assert v.middle_ground([], [1, 2, 5]).holds is None
    assert v.middle_ground([2], [1, 2]).holds is None


def test_the_tie_is_the_trade_off_scenes_tie():
    """A new teacher's linear lesson: batch size 2 took 0.0515 s, batch size 1 0.0564 s (9.5% more): the trade-offs
    scene says they about tie, so the summary may not call batch size 2 "neither the smallest nor the largest"."""
    costs = [BatchCost(1, 0.0564, True), BatchCost(2, 0.0515, True), BatchCost(4, 0.09, True),
             BatchCost(6, 0.2, True), BatchCost(8, 0.01, False)]
    assert v.tied_with_fastest(costs) == [2, 1]
    assert v.fastest_batch(costs).holds is None  # the scene's own tie
    assert v.middle_ground(v.tied_with_fastest(costs), [1, 2, 4, 6, 8]).holds is None
    costs[0] = BatchCost(1, 0.0567, True)  # 10.1% slower: no longer a tie
    assert v.tied_with_fastest(costs) == [2]
    assert v.explores().holds is None and v.explores(0.9).holds is True


def test_verdict_keys_and_json():
    got = v.swings([0, 1, 0], [0, 0, 0])
    assert got.key("sub_compare_small") == "sub_compare_small_true"
    assert got.as_dict()["measured"] == "inf"


@pytest.mark.parametrize("left, expected", [(0.09, True), (0.11, None), (0.24, None), (0.26, False)])
def test_came_close_loss_share_thresholds(left, expected):
    # start excess 1, optimum loss 0, the end point on the star: only the loss share decides (0.1 and 0.25)
    assert v.came_close(left, 0.0, 1.0, 0.0).holds is expected


def test_smaller_batch_zigzags_needs_the_small_path_to_swing_and_the_large_not():
    swinging, steady, unknown = v.swings([0, 1, 0.5], [0, 0, 0]), v.swings([0, 1, 2], [0, 0, 0]), v.swings([0, 1], [0, 1])
    assert v.smaller_batch_zigzags(swinging, steady).holds is True
    assert v.smaller_batch_zigzags(steady, steady).holds is False
    assert v.smaller_batch_zigzags(swinging, swinging).holds is None
    assert v.smaller_batch_zigzags(swinging, unknown).holds is None
