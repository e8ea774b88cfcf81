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


def batch_sizes_end_in_same_minimum(counts, totals, intervals) -> Verdict:
    """Every batch size's runs end mostly in the same minimum (lower interval end >= SAME_MINIMUM_SHARE).

    True when one minimum is that for every batch size; False when some batch size ends mostly elsewhere or in no
    one minimum; never undecided (the interval already carries the uncertainty)."""
    tops = [max(range(len(c)), key=lambda k: c[k]) for c in counts]
    lows = [iv[k][0] for iv, k in zip(intervals, tops)]
    holds = len(set(tops)) == 1 and min(lows) >= SAME_MINIMUM_SHARE
    return Verdict("batch_sizes_end_in_same_minimum", holds, min(lows), SAME_MINIMUM_SHARE)
