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
