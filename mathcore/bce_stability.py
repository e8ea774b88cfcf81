"""The cross-entropy's steepest possible curvature, and the learning rate below which no step can overshoot.

For ŷ = σ(w x + b) and the mean cross-entropy over samples S (size n) the Hessian is
H = (1/n) Σ σ'(z_i) [[x_i², x_i], [x_i, 1]], with σ' = σ(1 − σ) at most 1/4 (exactly 1/4 where z = 0, where the
model answers ½). So H is at most (1/4n) Σ [[x², x], [x, 1]]: an eighth of the squared error's Hessian
(2/n) Σ [[x², x], [x, 1]] (mathcore.stability). Below 2/L, L that bound's largest eigenvalue, every full-batch step
lowers the convex cross-entropy (the descent lemma for an L-smooth loss); above it, a step may overshoot where the
model is unsure, as it is at a start of w = b = 0. Unlike the squared error's, this limit is sufficient, not sharp:
away from z = 0 the loss is flatter and a larger rate can still descend.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING, Sequence

from mathcore.stability import RunStability, mse_curvature, run_stability

if TYPE_CHECKING:
    from mathcore.batching import BatchSchedule

BCE_SHARE_OF_MSE = Fraction(1, 8)  # (1/4) / 2: σ' at most 1/4 against the squared error's factor 2


def bce_max_stable_lr(x: Sequence[Fraction]) -> float:
    """2/L for the cross-entropy over inputs ``x``: eight times the squared error's 2/λ_max."""
    return mse_curvature(x).max_stable_lr / float(BCE_SHARE_OF_MSE)


def bce_run_stability(x: Sequence[Fraction], schedule: BatchSchedule, total_steps: int) -> RunStability:
    """The run's full-batch and worst-batch limits for the cross-entropy (mathcore.stability.run_stability's, each
    eight times larger)."""
    mse = run_stability(x, schedule, total_steps)
    scale = 1 / float(BCE_SHARE_OF_MSE)
    return replace(mse, full_batch_lr=mse.full_batch_lr * scale, worst_batch_lr=mse.worst_batch_lr * scale)
