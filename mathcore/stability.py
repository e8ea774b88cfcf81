"""Curvature of the MSE loss: optimum, Hessian, eigenvalues, the largest stable learning rate.

For y = w x + b with MSE over samples S (size n) the Hessian is constant:
H = (2/n) [[sum x^2, sum x], [sum x, n]]. Gradient descent on this quadratic
converges iff lr < 2 / lambda_max(H); at lr = 2/lambda_max it oscillates forever.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Sequence

import numpy as np

from mathcore.batching import batch_starts, epoch_orders, steps_per_epoch
from mathcore.problem import Params

if TYPE_CHECKING:
    from mathcore.batching import BatchSchedule


@dataclass(frozen=True)
class Curvature:
    hessian: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]  # exact
    eigenvalues: tuple[float, float]  # ascending; irrational in general, so float64
    max_stable_lr: float  # 2 / lambda_max

    def is_stable(self, lr: Fraction | float) -> bool:
        return float(lr) < self.max_stable_lr


def mse_curvature(x: Sequence[Fraction]) -> Curvature:
    """Hessian of the linear/MSE loss over samples with inputs ``x`` (labels do not matter)."""
    n = len(x)
    sxx = sum((Fraction(v) ** 2 for v in x), Fraction(0))
    sx = sum((Fraction(v) for v in x), Fraction(0))
    a, c, d = 2 * sxx / n, 2 * sx / n, Fraction(2)
    # closed-form eigenvalues of [[a, c], [c, d]]
    mean = float(a + d) / 2
    radius = math.sqrt(float((a - d) ** 2) / 4 + float(c) ** 2)
    lo, hi = mean - radius, mean + radius
    return Curvature(((a, c), (c, d)), (lo, hi), 2.0 / hi if hi > 0 else math.inf)


def least_squares_optimum(x: Sequence[Fraction], y: Sequence[Fraction]) -> Params:
    """The exact minimiser of the MSE (normal equations); ValueError if all x are equal."""
    n = len(x)
    sx, sy = sum(x, Fraction(0)), sum(y, Fraction(0))
    sxx = sum((v * v for v in x), Fraction(0))
    sxy = sum((a * b for a, b in zip(x, y)), Fraction(0))
    det = n * sxx - sx * sx
    if det == 0:
        raise ValueError("all x are equal: the optimum is not unique")
    w = (n * sxy - sx * sy) / det
    return Params(w, (sy - w * sx) / n)


def minibatch_stable_lrs(x: Sequence[Fraction], batches: Sequence[Sequence[int]]) -> list[float]:
    """2/lambda_max of each minibatch's own Hessian (one number per batch)."""
    return [mse_curvature([x[i] for i in batch]).max_stable_lr for batch in batches]



@dataclass(frozen=True)
class RunStability:
    """The learning-rate bound that matters for a run: its worst batch's 2/lambda_max.

    Each step descends on its own batch's quadratic, whose Hessian is (2/B)[[sum x^2, sum x], [sum x, B]];
    a learning rate above that batch's 2/lambda_max overshoots on it, whatever the full batch allows.
    For batch size 1 a sample x has curvature 2(x^2 + 1).
    """

    full_batch_lr: float  # 2 / lambda_max of the whole dataset
    worst_batch_lr: float  # the smallest 2 / lambda_max over the run's own batches
    worst_step: int  # 1-based step whose batch it is


def run_stability(x: Sequence[Fraction], schedule: BatchSchedule, total_steps: int) -> RunStability:
    """Bounds of the run that takes ``total_steps`` steps of ``schedule`` over inputs x (float64, vectorised)."""
    xs = np.array([float(v) for v in x])
    total = len(xs) * schedule.repeat
    starts = batch_starts(total, schedule)
    ends = np.minimum(starts + schedule.batch_size, total)
    epochs = -(-total_steps // steps_per_epoch(len(xs), schedule))
    worst_lam, worst_step, done = -1.0, 1, 0
    for order in epoch_orders(len(xs), schedule, epochs):
        used = order[: ends[-1]]
        sizes = (ends - starts).astype(np.float64)
        sxx = np.add.reduceat(xs[used] ** 2, starts)
        sx = np.add.reduceat(xs[used], starts)
        a, c, d = 2 * sxx / sizes, 2 * sx / sizes, 2.0
        lam = ((a + d) / 2 + np.sqrt((a - d) ** 2 / 4 + c ** 2))[: total_steps - done]
        k = int(np.argmax(lam))
        if lam[k] > worst_lam:
            worst_lam, worst_step = float(lam[k]), done + k + 1
        done += len(lam)
    return RunStability(mse_curvature(x).max_stable_lr, 2.0 / worst_lam, worst_step)
