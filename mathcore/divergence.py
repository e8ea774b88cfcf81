"""When a run has diverged: one definition for explain, check, the scenes and their narration.

A step has diverged when its parameters are not finite or leave DIVERGENCE_BOUND,
or when the whole-data loss after it exceeds LOSS_BLOWUP times the loss at the start.
"""

from __future__ import annotations

import math
from fractions import Fraction

DIVERGENCE_BOUND = 1e12
LOSS_BLOWUP = 1e6


def diverged(w: Fraction | float, b: Fraction | float, full_loss: Fraction | float,
             start_loss: Fraction | float) -> bool:
    """Whether parameters (w, b) with whole-data loss ``full_loss`` count as diverged (see the module docstring)."""
    try:
        wf, bf, loss = float(w), float(b), float(full_loss)
    except OverflowError:  # an exact value beyond float range
        return True
    if not (math.isfinite(wf) and math.isfinite(bf)) or abs(wf) > DIVERGENCE_BOUND or abs(bf) > DIVERGENCE_BOUND:
        return True
    return not math.isfinite(loss) or loss > LOSS_BLOWUP * max(float(start_loss), 1e-12)
