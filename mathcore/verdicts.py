"""Every judging word of the narration is decided here, by a named predicate over computed values.

A judging word ("swings", "came close", "agree", "in proportion", "faster", "explores") is a claim about the
numbers beside it. Each predicate below returns a `Verdict`: ``holds`` is True (the word is true of the data),
False (its opposite is) or None (undecided: too little data, or too near the threshold to say either). Scenes
and narration pick a wording for each of the three outcomes (text keys ``<base>_true``, ``<base>_false``,
``<base>_undecided``), so no sentence asserts what the data do not show.

Every threshold is a module constant with a comment saying why it has that value; the guide lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence, Union

if TYPE_CHECKING:  # the studies import this module's predicates: their types only for annotations
    from mathcore.batch_size_study import BatchSizeStudy
    from mathcore.critical_batch import CriticalBatchFit
    from mathcore.hardware_cost import BatchCost
    from mathcore.study_report import StudyReport
    from mathcore.view import View

OUTCOME_SUFFIX = {True: "true", False: "false", None: "undecided"}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one named predicate: what was measured and the threshold it was compared with."""

    name: str
    """The predicate's name, e.g. "swings"."""
    holds: Optional[bool]
    """True: the claim holds; False: its opposite holds; None: undecided."""
    measured: float
    """The number the threshold was applied to (for the guide, `explain` and the tests)."""
    threshold: float
    """The threshold it was compared with."""
    subject: str = ""
    """What the verdict is about when a sentence judges several things (a run's name), else empty."""

    @property
    def outcome(self) -> str:
        """"true", "false" or "undecided": the suffix of the wording's text key."""
        return OUTCOME_SUFFIX[self.holds]

    def key(self, base: str) -> str:
        """The text key of the wording for this outcome: ``base`` + "_true" / "_false" / "_undecided"."""
        return f"{base}_{self.outcome}"

    def as_dict(self) -> dict[str, object]:
        """The verdict as `batchviz script --format json` carries it on each cue it chose."""
        return {"name": self.name, "outcome": self.outcome, "measured": _finite(self.measured),
                "threshold": self.threshold, "subject": self.subject}


def _finite(value: float) -> Union[float, str]:
    return value if math.isfinite(value) else ("inf" if value > 0 else "nan")


# --- walkthrough, data, paths and summary predicates (narration truth) ---------------------------------------

# "swings": a parameter's steps reverse. Measured per parameter as the movement against its net direction over the
# net movement (infinite when it ends where it started yet moved); the larger of w's and b's counts. Above 0.1 the
# path visibly turns back (the seed's w: 0.25 back on 1.96 net, 0.13); below 0.05 it is as good as monotone.
SWING_FRACTION = 0.1
STEADY_FRACTION = 0.05


def reversal_share(values: Sequence[float]) -> float:
    """Movement against the net direction of ``values`` (one parameter's path) over its net movement."""
    steps = [float(b) - float(a) for a, b in zip(values, values[1:])]
    net = sum(steps)
    if net == 0:
        return math.inf if any(steps) else 0.0
    back = sum(abs(d) for d in steps if d * net < 0)
    return back / abs(net)


def swings(w_path: Sequence[float], b_path: Sequence[float], loss_rose: bool = False) -> Verdict:
    """True when w or b turns back by more than SWING_FRACTION of its net movement, False when both turn back by
    less than STEADY_FRACTION, undecided between, and undecided for fewer than two steps (one step cannot turn).
    ``loss_rose``: the whole-data loss ended above where the path began; such a path is never "steady" (it is
    leaving, each step longer than the last: 0 -> 50.6 -> -6299 turns back by a sliver of its net movement)."""
    if len(w_path) < 3:
        return Verdict("swings", None, 0.0, SWING_FRACTION)
    share = max(reversal_share(w_path), reversal_share(b_path))
    holds = True if share > SWING_FRACTION else None if loss_rose else False if share < STEADY_FRACTION else None
    return Verdict("swings", holds, share, SWING_FRACTION)


def smaller_batch_zigzags(smallest: Verdict, largest: Verdict) -> Verdict:
    """"The smaller the batch, the more the path zig-zags", from `swings` over the whole paths of the smallest and
    the largest batch shown: True when the smallest's path swings and the largest's does not; False when even the
    smallest's does not; undecided otherwise (both swing, a path diverged, or one batch size only)."""
    if smallest.holds is True and largest.holds is False:
        holds = True
    elif smallest.holds is False:
        holds = False
    else:
        holds = None
    return Verdict("smaller_batch_zigzags", holds, smallest.measured, SWING_FRACTION)


# "a smaller step": the full batch's one step against the small batch's steps, each as its length in the (w, b)
# plane. Below 0.8 of their mean length it is clearly shorter, above 1.25 clearly longer; between, comparable.
SMALLER_STEP_RATIO = 0.8
LARGER_STEP_RATIO = 1.25


def smaller_step(full_step: tuple[float, float], small_steps: Sequence[tuple[float, float]]) -> Verdict:
    """Whether the full batch's step (dw, db) is shorter than the mean length of the small batch's steps."""
    mean = sum(math.hypot(float(dw), float(db)) for dw, db in small_steps) / len(small_steps) if small_steps else 0.0
    if mean == 0:
        return Verdict("smaller_step", None, math.nan, SMALLER_STEP_RATIO)
    ratio = math.hypot(float(full_step[0]), float(full_step[1])) / mean
    holds = True if ratio < SMALLER_STEP_RATIO else False if ratio > LARGER_STEP_RATIO else None
    return Verdict("smaller_step", holds, ratio, SMALLER_STEP_RATIO)


# "came close to the lowest possible loss": both the loss and the picture must say so. The loss excess over the
# optimum's loss, as a share of the start's excess, is at most 0.1, AND the end point lies within 0.05 of the drawn
# view from the star (distance in view units: w over the view's width, b over its height). It "did not come close"
# when the share is above 0.25 or the distance above 0.1; between, it got part of the way (undecided).
NEAR_LOSS_SHARE = 0.1
FAR_LOSS_SHARE = 0.25
NEAR_VIEW_DISTANCE = 0.05
FAR_VIEW_DISTANCE = 0.1


def view_distance(w: float, b: float, w_star: float, b_star: float, view: View) -> float:
    """The distance from (w, b) to (w_star, b_star) in units of the drawn view (a mathcore.view.View)."""
    width, height = view.w_max - view.w_min, view.b_max - view.b_min
    return math.hypot((float(w) - float(w_star)) / width, (float(b) - float(b_star)) / height)


def came_close(final_loss: float, optimum_loss: float, start_loss: float, distance: float, run: str = "") -> Verdict:
    """Whether a finished run came close to the optimum (rule above). ``measured`` is the larger of the loss share
    over NEAR_LOSS_SHARE and the view distance over NEAR_VIEW_DISTANCE: at most 1 is close."""
    excess = float(start_loss) - float(optimum_loss)
    left = float(final_loss) - float(optimum_loss)
    share = 0.0 if left <= 0 else (left / excess if excess > 0 else math.inf)
    measured = max(share / NEAR_LOSS_SHARE, distance / NEAR_VIEW_DISTANCE)
    if share <= NEAR_LOSS_SHARE and distance <= NEAR_VIEW_DISTANCE:
        holds = True
    elif share > FAR_LOSS_SHARE or distance > FAR_VIEW_DISTANCE:
        holds = False
    else:
        holds = None
    return Verdict("came_close", holds, measured, 1.0, run)


# "batches disagree": the spread of the best-fit slopes of the batches and of all the data, as it shows on the data
# plot: (largest slope − smallest) × the data's x span / its y span, i.e. how far apart the lines end across the
# data's width, as a share of its height. From 0.1 the lines visibly fan out; below 0.05 they coincide on screen.
DISAGREE_SHARE = 0.1
AGREE_SHARE = 0.05


def batches_disagree(batch_slopes: Sequence[float], whole_slope: float, x_span: float, y_span: float) -> Verdict:
    """Whether the batches' own slopes differ visibly (rule above); undecided with no batch that fits a line."""
    if not batch_slopes:
        return Verdict("batches_disagree", None, math.nan, DISAGREE_SHARE)
    slopes = [float(s) for s in batch_slopes] + [float(whole_slope)]
    spread = max(slopes) - min(slopes)
    share = 0.0 if spread == 0 else (spread * float(x_span) / float(y_span) if y_span > 0 else math.inf)
    holds = True if share >= DISAGREE_SHARE else False if share < AGREE_SHARE else None
    return Verdict("batches_disagree", holds, share, DISAGREE_SHARE)


# "a middle ground": the batch sizes measured fastest (the trade-offs scene's advice: the fastest and every batch size
# within FASTEST_MARGIN of it, which that scene says "about tie") lie strictly between the smallest and the largest
# batch size studied. measured: the fastest's place in that range (0 smallest, 1 largest).
def middle_ground(contenders: Sequence[int], studied: Sequence[int]) -> Verdict:
    """True when every contender (the fastest first, then those that tie with it) is neither the smallest nor the
    largest studied; False when every contender is at an edge; undecided when a tie spans an edge and the inside,
    nothing was recommended (no batch size reached the target) or fewer than three sizes were studied."""
    sizes = sorted(set(studied))
    if not contenders or len(sizes) < 3:
        return Verdict("middle_ground", None, math.nan, 0.0)
    inside = [sizes[0] < c < sizes[-1] for c in contenders]
    place = (contenders[0] - sizes[0]) / (sizes[-1] - sizes[0])
    return Verdict("middle_ground", True if all(inside) else False if not any(inside) else None, place, 0.0)


def tied_with_fastest(costs: Sequence[BatchCost]) -> list[int]:
    """The fastest batch size that fits, then every other within FASTEST_MARGIN of its time (the sizes the
    trade-offs scene says about tie with it); empty when none reaches the target."""
    usable = sorted((c.seconds, c.batch_size) for c in costs if c.fits and c.seconds is not None)
    if not usable:
        return []
    best = usable[0][0]
    return [size for seconds, size in usable if seconds <= best * (1 + FASTEST_MARGIN)]


def optimum_is_global(minima_found: int) -> Verdict:
    """The point marked as the optimum is the loss's lowest: True on a convex loss (``minima_found`` 0: solved, not
    searched); undecided on a non-convex loss, where it is only the lowest of the ``minima_found`` minima a search
    found (the narration then says "the lowest minimum found", never "the optimum")."""
    return Verdict("optimum_is_global", True if minima_found == 0 else None, float(minima_found), 0.0)


# "explores": a small batch finding what a large one misses. Only a measured exploration result (the share of
# small-batch runs that end in a lower basin than the full batch's) can make it true; a convex lesson has none,
# so without a measurement it stays undecided and no sentence says it.
EXPLORE_SHARE = 0.5


def explores(lower_basin_share: Optional[float] = None) -> Verdict:
    """True when more than EXPLORE_SHARE of small-batch runs reached a lower basin; undecided when not measured."""
    if lower_basin_share is None:
        return Verdict("explores", None, math.nan, EXPLORE_SHARE)
    return Verdict("explores", lower_basin_share > EXPLORE_SHARE, float(lower_basin_share), EXPLORE_SHARE)



# --- batch-size study predicates (steps in proportion, linear scaling, stability sets the rate) ----------------
# Thresholds. The fit S = S_min (1 + B_noise / B) tells the hyperbola story when its worst relative error over the
# batch sizes is at most FIT_GOOD (15%: about the spread of a median over a handful of seeds); above FIT_POOR (30%)
# the steps do not follow it; between, the story is told as rough.
FIT_GOOD, FIT_POOR = 0.15, 0.30
# Steps fall "almost in proportion" from the smallest batch to the next when the steps' drop is at least
# PROPORTION_TRUE (80%) of the batch's growth (S0 / S1 over B1 / B0); "far from in proportion" below PROPORTION_FALSE,
# and whenever the steps do not fall at all.
PROPORTION_TRUE, PROPORTION_FALSE = 0.8, 0.4
# Linear scaling holds when the tuned rate grows by 2/3 to 3/2 of the batch's growth; it fails outside 1/2 to 2.
SCALING_TRUE, SCALING_FALSE = (2 / 3, 3 / 2), (1 / 2, 2.0)
# The fastest batch size is named when it beats the next one by more than FASTEST_MARGIN of its time (10%: the
# spread of the steps' medians); otherwise they are said to tie.
FASTEST_MARGIN = 0.10


def fit_good(fit: CriticalBatchFit) -> Verdict:
    """The hyperbola story holds: a fit exists and its worst relative error is at most FIT_GOOD."""
    error = fit.max_relative_error
    if fit.b_noise is None or error is None:
        return Verdict("fit_good", None if fit.reason == "too_few" else False, float("nan"), FIT_GOOD)
    return Verdict("fit_good", True if error <= FIT_GOOD else False if error > FIT_POOR else None, error, FIT_GOOD)


def critical_below_smallest(report: StudyReport) -> Verdict:
    """The critical batch size lies below the smallest batch size studied (its whole interval does: True; none of
    it: False; the interval straddles it: undecided)."""
    smallest = report.study.results[0].batch_size
    span = report.critical_interval
    if span is None:
        return Verdict("critical_below_smallest", None, float("nan"), smallest)
    holds = True if span[1] < smallest else False if span[0] >= smallest else None
    b_noise = report.fit.b_noise
    return Verdict("critical_below_smallest", holds, float("nan") if b_noise is None else b_noise, smallest)


def steps_in_proportion(study: BatchSizeStudy) -> Verdict:
    """From the smallest batch size reached to the next, the steps fall (nearly) in proportion to the batch's
    growth: measured (S0 / S1) / (B1 / B0). Steps that do not fall at all are far from it, whatever the share (from
    batch size 1 to 2, equal steps are a share of 0.5, and from 100 to 101 a few more steps are above 0.8)."""
    reached = [(r.batch_size, r.steps) for r in study.reached if r.steps is not None and r.steps > 0]
    if len(reached) < 2:
        return Verdict("steps_in_proportion", None, float("nan"), PROPORTION_TRUE)
    (size_a, steps_a), (size_b, steps_b) = reached[0], reached[1]
    share = (steps_a / steps_b) / (size_b / size_a)
    holds = False if steps_b >= steps_a else True if share >= PROPORTION_TRUE else \
        False if share < PROPORTION_FALSE else None
    return Verdict("steps_in_proportion", holds, share, PROPORTION_TRUE)


def linear_scaling_holds(study: BatchSizeStudy) -> Verdict:
    """The tuned rate grew in proportion to the batch (Goyal et al. 2017) from the smallest to the largest batch size
    reached: measured (lr1 / lr0) / (B1 / B0)."""
    reached = [(r.batch_size, r.learning_rate) for r in study.reached if r.learning_rate is not None]
    if len(reached) < 2:
        return Verdict("linear_scaling_holds", None, float("nan"), SCALING_TRUE[0])
    (size_a, rate_a), (size_b, rate_b) = reached[0], reached[-1]
    share = (rate_b / rate_a) / (size_b / size_a)
    inside = SCALING_TRUE[0] <= share <= SCALING_TRUE[1]
    outside = not SCALING_FALSE[0] <= share <= SCALING_FALSE[1]
    return Verdict("linear_scaling_holds", True if inside else False if outside else None, share, SCALING_TRUE[0])


def stability_sets_rate(study: BatchSizeStudy) -> Verdict:
    """Every tuned rate sits right below its batch size's measured edge (True), none does (False), or some do or
    an edge was not measured (undecided); measured: the share that do."""
    flags = [r.at_stability_edge for r in study.reached]
    if not flags:
        return Verdict("stability_sets_rate", None, float("nan"), 1.0)
    share = sum(1 for f in flags if f) / len(flags)
    holds = True if all(f is True for f in flags) else False if all(f is False for f in flags) else None
    return Verdict("stability_sets_rate", holds, share, 1.0)


def fastest_batch(costs: Sequence[BatchCost]) -> Verdict:
    """One batch size reaches the target soonest by more than FASTEST_MARGIN (True); undecided when the next is
    within the margin; False when none that fits reaches it. Measured: the runner-up's time over the fastest's."""
    usable = sorted((c.seconds, c.batch_size) for c in costs if c.fits and c.seconds is not None)
    if not usable:
        return Verdict("fastest_batch", False, float("nan"), 1 + FASTEST_MARGIN)
    if len(usable) == 1:
        return Verdict("fastest_batch", True, float("inf"), 1 + FASTEST_MARGIN)
    ratio = float(usable[1][0]) / float(usable[0][0]) if usable[0][0] else float("inf")
    return Verdict("fastest_batch", ratio > 1 + FASTEST_MARGIN or None, ratio, 1 + FASTEST_MARGIN)


def study_verdicts(report: StudyReport) -> list[Verdict]:
    """The study's verdicts that do not depend on hardware (for `explain`)."""
    return [fit_good(report.fit), critical_below_smallest(report), steps_in_proportion(report.study),
            linear_scaling_holds(report.study), stability_sets_rate(report.study)]




# --- exploration predicates (small batches explore: where shuffled runs end on a loss with several minima) --------

# A batch size "ends in one minimum" when the lower end of the 90% interval of that minimum's share is at least
# this: most runs, with room for a rare stray run, and never decided by a handful of runs.
SAME_MINIMUM_SHARE = 0.8


def small_batch_finds_flat_more_often(small: tuple[float, float], large: tuple[float, float],
                                      difference: float) -> Verdict:
    """The small batch's runs ended in the flattest minimum more often than the large batch's.

    ``small`` and ``large`` are the 90% intervals of the two shares; ``difference`` is small's share minus large's.
    True when small's interval lies wholly above large's, False when wholly below, undecided when they overlap.
    """
    if small[0] > large[1]:
        holds: Optional[bool] = True
    elif small[1] < large[0]:
        holds = False
    else:
        holds = None
    return Verdict("small_batch_finds_flat_more_often", holds, difference, 0.0)


def batch_sizes_end_in_same_minimum(counts: Sequence[Sequence[int]], totals: Sequence[int],
                                    intervals: Sequence[Sequence[tuple[float, float]]]) -> Verdict:
    """Every batch size's runs end mostly in the same minimum (lower interval end >= SAME_MINIMUM_SHARE).

    True when one minimum is that for every batch size; False when some batch size ends mostly elsewhere or in no
    one minimum; never undecided (the interval already carries the uncertainty)."""
    tops = [max(range(len(c)), key=lambda k: c[k]) for c in counts]
    lows = [iv[k][0] for iv, k in zip(intervals, tops)]
    holds = len(set(tops)) == 1 and min(lows) >= SAME_MINIMUM_SHARE
    return Verdict("batch_sizes_end_in_same_minimum", holds, min(lows), SAME_MINIMUM_SHARE)


# --- fog predicates (the fan of directions at the start) -------------------------------------------------------

# "not toward the minimum": the steepest way down at the start against the straight line to the optimum. Above 20°
# an arrow visibly points past the star (the seed's valley: far more); below 10° it points at it, as on a round bowl.
MISSES_MINIMUM_DEGREES = 20.0
POINTS_AT_MINIMUM_DEGREES = 10.0


def steepest_misses_minimum(angle: float) -> Verdict:
    """True when the steepest way down is more than MISSES_MINIMUM_DEGREES off the line to the optimum, False when
    less than POINTS_AT_MINIMUM_DEGREES, undecided between."""
    a = float(angle)
    holds = True if a > MISSES_MINIMUM_DEGREES else False if a < POINTS_AT_MINIMUM_DEGREES else None
    return Verdict("steepest_misses_minimum", holds, a, MISSES_MINIMUM_DEGREES)


# "alike": two batch sizes' fans compared by their typical (mean) angle from the whole data's direction. Within 10%
# of each other the fans look the same on screen; a quarter apart one is plainly narrower; between, undecided.
FANS_ALIKE_RATIO = 1.10
FANS_DIFFER_RATIO = 1.25


def fans_alike(typical_a: float, typical_b: float, subject: str = "") -> Verdict:
    """True when the two typical angles are within FANS_ALIKE_RATIO of each other, False when the larger is at least
    FANS_DIFFER_RATIO times the smaller, undecided between (both zero: alike)."""
    lo, hi = sorted((float(typical_a), float(typical_b)))
    ratio = 1.0 if hi == 0 else (math.inf if lo == 0 else hi / lo)
    holds = True if ratio <= FANS_ALIKE_RATIO else False if ratio >= FANS_DIFFER_RATIO else None
    return Verdict("fans_alike", holds, ratio, FANS_ALIKE_RATIO, subject)


# --- the grid-of-starts map (basins scene): from how many starts each batch size mostly reaches the flat minimum --

# A start counts for a batch size when more than half of its runs from there ended in the flattest minimum (the
# map's dot is then the flat minimum's colour). "The small batch reaches the flat minimum from more starts" is true
# when its count exceeds the large batch's by at least MAP_MORE_STARTS of all starts, false when by less than
# MAP_SAME_STARTS (or the large batch's is higher), undecided between: a few starts, too few to call a difference.
MAP_MORE_STARTS = 0.2
MAP_SAME_STARTS = 0.05


def small_batch_reaches_flat_from_more_starts(small_flat_starts: int, large_flat_starts: int,
                                              starts: int) -> Verdict:
    """The small batch size mostly reaches the flattest minimum from more grid starts than the large one."""
    difference = (small_flat_starts - large_flat_starts) / starts
    if difference >= MAP_MORE_STARTS:
        holds: Optional[bool] = True
    elif difference < MAP_SAME_STARTS:
        holds = False
    else:
        holds = None
    return Verdict("small_batch_reaches_flat_from_more_starts", holds, difference, MAP_MORE_STARTS)


# --- "ended higher than it started": a run whose whole-data loss rose over the run ---------------------------------

# A run's final whole-data loss at least 5% above its start's is said to have ended higher (a change a reader of the
# loss curve sees); within 5% either way it ended about where it started (undecided); below, it did not rise and
# the came_close wordings say how far it got.
LOSS_ROSE_SHARE = 0.05


def loss_rose(final_loss: float, start_loss: float, run: str = "") -> Verdict:
    """True when the final whole-data loss is at least LOSS_ROSE_SHARE above the start's, False when at least that
    far below, undecided between. measured: final over start."""
    final, start = float(final_loss), float(start_loss)
    ratio = final / start if start > 0 else (math.inf if final > 0 else 1.0)
    holds = True if ratio >= 1 + LOSS_ROSE_SHARE else False if ratio <= 1 - LOSS_ROSE_SHARE else None
    return Verdict("loss_rose", holds, ratio, 1 + LOSS_ROSE_SHARE, run)


# --- "too long a step": a learning rate against a stability limit 2/λ ------------------------------------------------

# The limit is 2/λ of the full batch's loss or of one batch's (λ: its steepest curvature; for the logistic model the
# curvature where the cross-entropy is most curved). Above it, a step on that loss can shoot past the valley's bottom
# and land higher than it started; below it, every step lowers that loss. Within 2% of it, a step lands about as
# high as it started (along the steepest direction the distance to the bottom changes by at most 4% a step):
# undecided, "right at the edge".
STEP_EDGE_SHARE = 0.02


def step_too_long(lr: float, limit: float, subject: str = "") -> Verdict:
    """True when the learning rate is at least STEP_EDGE_SHARE above ``limit``, False when at least that far below,
    undecided between. measured: learning rate over limit (0 for a loss with no curvature, an infinite limit)."""
    ratio = float(lr) / float(limit) if math.isfinite(float(limit)) and float(limit) > 0 else 0.0
    holds = True if ratio >= 1 + STEP_EDGE_SHARE else False if ratio <= 1 - STEP_EDGE_SHARE else None
    return Verdict("step_too_long", holds, ratio, 1.0, subject)
