"""Every judging word of the narration is decided here, by a named predicate over computed values.

A judging word ("swings", "came close", "agree", "in proportion", "faster", "explores") is a claim about the
numbers beside it. Each predicate below returns a `Verdict`: ``holds`` is True (the word is true of the data),
False (its opposite is) or None (undecided: too little data, or too near the threshold to say either). Scenes
and narration pick a wording for each of the three outcomes (text keys ``<base>_true``, ``<base>_false``,
``<base>_undecided``), so no sentence asserts what the data do not show.

Every threshold is a module constant with a comment saying why it has that value; the guide lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

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

    @property
    def outcome(self) -> str:
        """"true", "false" or "undecided": the suffix of the wording's text key."""
        return OUTCOME_SUFFIX[self.holds]

    def key(self, base: str) -> str:
        """The text key of the wording for this outcome: ``base`` + "_true" / "_false" / "_undecided"."""
        return f"{base}_{self.outcome}"


# --- walkthrough, data, paths and summary predicates (narration truth) ---------------------------------------



# --- batch-size study predicates (steps in proportion, linear scaling, stability sets the rate) ----------------
# Thresholds. The fit S = S_min (1 + B_noise / B) tells the hyperbola story when its worst relative error over the
# batch sizes is at most FIT_GOOD (15%: about the spread of a median over a handful of seeds); above FIT_POOR (30%)
# the steps do not follow it; between, the story is told as rough.
FIT_GOOD, FIT_POOR = 0.15, 0.30
# Steps fall "almost in proportion" from the smallest batch to the next when the steps' drop is at least
# PROPORTION_TRUE (80%) of the batch's growth (S0 / S1 over B1 / B0); "far from in proportion" below PROPORTION_FALSE.
PROPORTION_TRUE, PROPORTION_FALSE = 0.8, 0.4
# Linear scaling holds when the tuned rate grows by 2/3 to 3/2 of the batch's growth; it fails outside 1/2 to 2.
SCALING_TRUE, SCALING_FALSE = (2 / 3, 3 / 2), (1 / 2, 2.0)
# The fastest batch size is named when it beats the next one by more than FASTEST_MARGIN of its time (10%: the
# spread of the steps' medians); otherwise they are said to tie.
FASTEST_MARGIN = 0.10


def fit_good(fit) -> Verdict:
    """The hyperbola story holds: a fit exists and its worst relative error is at most FIT_GOOD."""
    if fit.b_noise is None:
        return Verdict("fit_good", None if fit.reason == "too_few" else False, float("nan"), FIT_GOOD)
    error = fit.max_relative_error
    return Verdict("fit_good", True if error <= FIT_GOOD else False if error > FIT_POOR else None, error, FIT_GOOD)


def critical_below_smallest(report) -> Verdict:
    """The critical batch size lies below the smallest batch size studied (its whole interval does: True; none of
    it: False; the interval straddles it: undecided)."""
    smallest = report.study.results[0].batch_size
    span = report.critical_interval
    if span is None:
        return Verdict("critical_below_smallest", None, float("nan"), smallest)
    holds = True if span[1] < smallest else False if span[0] >= smallest else None
    return Verdict("critical_below_smallest", holds, report.fit.b_noise, smallest)


def steps_in_proportion(study) -> Verdict:
    """From the smallest batch size reached to the next, the steps fall (nearly) in proportion to the batch's
    growth: measured (S0 / S1) / (B1 / B0)."""
    reached = [r for r in study.reached if r.steps > 0]
    if len(reached) < 2:
        return Verdict("steps_in_proportion", None, float("nan"), PROPORTION_TRUE)
    a, b = reached[0], reached[1]
    share = (a.steps / b.steps) / (b.batch_size / a.batch_size)
    holds = True if share >= PROPORTION_TRUE else False if share < PROPORTION_FALSE else None
    return Verdict("steps_in_proportion", holds, share, PROPORTION_TRUE)


def linear_scaling_holds(study) -> Verdict:
    """The tuned rate grew in proportion to the batch (Goyal et al. 2017) from the smallest to the largest batch size
    reached: measured (lr1 / lr0) / (B1 / B0)."""
    reached = study.reached
    if len(reached) < 2:
        return Verdict("linear_scaling_holds", None, float("nan"), SCALING_TRUE[0])
    a, b = reached[0], reached[-1]
    share = (b.learning_rate / a.learning_rate) / (b.batch_size / a.batch_size)
    inside = SCALING_TRUE[0] <= share <= SCALING_TRUE[1]
    outside = not SCALING_FALSE[0] <= share <= SCALING_FALSE[1]
    return Verdict("linear_scaling_holds", True if inside else False if outside else None, share, SCALING_TRUE[0])


def stability_sets_rate(study) -> Verdict:
    """Every tuned rate sits right below its batch size's measured edge (True), none does (False), or some do or
    an edge was not measured (undecided); measured: the share that do."""
    flags = [r.at_stability_edge for r in study.reached]
    if not flags:
        return Verdict("stability_sets_rate", None, float("nan"), 1.0)
    share = sum(1 for f in flags if f) / len(flags)
    holds = True if all(f is True for f in flags) else False if all(f is False for f in flags) else None
    return Verdict("stability_sets_rate", holds, share, 1.0)


def fastest_batch(costs) -> Verdict:
    """One batch size reaches the target soonest by more than FASTEST_MARGIN (True); undecided when the next is
    within the margin; False when none that fits reaches it. Measured: the runner-up's time over the fastest's."""
    usable = sorted((c.seconds, c.batch_size) for c in costs if c.fits and c.seconds is not None)
    if not usable:
        return Verdict("fastest_batch", False, float("nan"), 1 + FASTEST_MARGIN)
    if len(usable) == 1:
        return Verdict("fastest_batch", True, float("inf"), 1 + FASTEST_MARGIN)
    ratio = float(usable[1][0]) / float(usable[0][0]) if usable[0][0] else float("inf")
    return Verdict("fastest_batch", ratio > 1 + FASTEST_MARGIN or None, ratio, 1 + FASTEST_MARGIN)


def study_verdicts(report) -> list[Verdict]:
    """The study's verdicts that do not depend on hardware (for `explain`)."""
    return [fit_good(report.fit), critical_below_smallest(report), steps_in_proportion(report.study),
            linear_scaling_holds(report.study), stability_sets_rate(report.study)]
