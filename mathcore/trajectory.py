"""Long runs in float64: the (w, b) path and the whole-dataset loss after every step.

Used for parameter paths and loss curves, where thousands of steps make exact
fractions pointless. Linear/MSE runs on per-batch sufficient statistics, so a
step costs a handful of float operations whatever the batch size.
Divergence (mathcore.divergence: parameters non-finite or beyond
DIVERGENCE_BOUND, or the whole-dataset loss above LOSS_BLOWUP times its
starting value) ends the path and is reported in ``diverged_at``, never raised.
Linear/MSE checks it in the loop on sufficient statistics; logistic runs check
the loss once the path's losses are computed, and cut the path there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from mathcore import bump
from mathcore.batching import BatchSchedule, batch_starts, epoch_orders
from mathcore.divergence import DIVERGENCE_BOUND, LOSS_BLOWUP
from mathcore.problem import Problem
from mathcore.surface import SufficientStats


@dataclass(frozen=True)
class Trajectory:
    w: np.ndarray  # parameters before step 1 .. after the last step (length steps + 1)
    b: np.ndarray
    full_loss: np.ndarray  # whole-dataset loss at each of those points
    samples_seen: np.ndarray  # cumulative samples processed at each point (a fair clock across batch sizes)
    epoch_of_step: np.ndarray  # 1-based epoch of each step (length steps)
    diverged_at: Optional[int]  # 1-based step after which the parameters left the bound

    def __post_init__(self) -> None:
        for a in (self.w, self.b, self.full_loss, self.samples_seen, self.epoch_of_step):
            a.setflags(write=False)

    @property
    def steps(self) -> int:
        return len(self.w) - 1


def run_trajectory(problem: Problem, schedule: BatchSchedule, epochs: int = 1,
                   arrays: tuple[np.ndarray, np.ndarray] | None = None, max_steps: Optional[int] = None) -> Trajectory:
    """Gradient descent in float64 (same batches and order as run_walkthrough)."""
    if arrays is None:
        arrays = (np.array([float(v) for v in problem.data.x]), np.array([float(v) for v in problem.data.y]))
    x, y = arrays
    n = len(x)
    total = n * schedule.repeat
    if schedule.batch_size > total:
        raise ValueError(f"batch_size {schedule.batch_size} exceeds the {total} samples available")
    lr = float(problem.lr)
    w, b = float(problem.init.w), float(problem.init.b)
    starts = batch_starts(total, schedule)
    stats = SufficientStats.of(x, y)
    N, Sx, Sy, Sxx, Sxy, Syy = stats.n, stats.sx, stats.sy, stats.sxx, stats.sxy, stats.syy
    blowup = LOSS_BLOWUP * max(stats.mse(w, b), 1e-12) * N
    ws, bs, seen, epoch_of = [w], [b], [0], []
    diverged_at = None
    count = 0
    linear = problem.model == "linear"
    for e, order in enumerate(epoch_orders(n, schedule, epochs)):
        ends = np.minimum(starts + schedule.batch_size, total)
        used = order[: ends[-1]]  # reduceat runs to the array's end: cut a dropped last batch off
        xo, yo = x[used], y[used]
        sizes = (ends - starts).astype(np.float64)
        if linear:
            # per-batch sums, then a scalar recurrence: dL/dw = 2/B (w Sxx + b Sx - Sxy)
            sx = np.add.reduceat(xo, starts)
            sy = np.add.reduceat(yo, starts)
            sxx = np.add.reduceat(xo * xo, starts)
            sxy = np.add.reduceat(xo * yo, starts)
            for cx, cy, cxx, cxy, size in zip(sx.tolist(), sy.tolist(), sxx.tolist(), sxy.tolist(),
                                              sizes.tolist()):
                g = 2.0 / size
                dw = g * (w * cxx + b * cx - cxy)
                db = g * (w * cx + b * size - cy)
                w, b = w - lr * dw, b - lr * db
                ws.append(w)
                bs.append(b)
                seen.append(seen[-1] + int(size))
                epoch_of.append(e + 1)
                count += 1
                # whole-dataset loss times n, inlined from SufficientStats.mse: this loop is the hot path
                n_loss = w * w * Sxx + 2 * w * b * Sx + b * b * N - 2 * w * Sxy - 2 * b * Sy + Syy
                if not (abs(w) <= DIVERGENCE_BOUND and abs(b) <= DIVERGENCE_BOUND) or n_loss > blowup:
                    diverged_at = count
                    break
                if max_steps is not None and count >= max_steps:
                    break
        else:
            for s, t in zip(starts.tolist(), ends.tolist()):
                xb, yb = xo[s:t], yo[s:t]
                if problem.model == "bump":
                    gw, gb = bump.gradient(w, b, xb, yb)
                    w, b = w - lr * float(gw), b - lr * float(gb)
                else:
                    z = w * xb + b
                    r = 1.0 / (1.0 + np.exp(-z)) - yb
                    w, b = w - lr * float(r @ xb) / (t - s), b - lr * float(r.sum()) / (t - s)
                ws.append(w)
                bs.append(b)
                seen.append(seen[-1] + (t - s))
                epoch_of.append(e + 1)
                count += 1
                if not (abs(w) <= DIVERGENCE_BOUND and abs(b) <= DIVERGENCE_BOUND):
                    diverged_at = count
                    break
                if max_steps is not None and count >= max_steps:
                    break
        if diverged_at is not None or (max_steps is not None and count >= max_steps):
            break
    W, Bv = np.array(ws), np.array(bs)
    with np.errstate(over="ignore", invalid="ignore"):
        if linear:
            loss = stats.mse(W, Bv)
        elif problem.model == "bump":
            loss = bump.loss(W, Bv, x, y)
        else:
            z = W[:, None] * x[None, :] + Bv[:, None] if n * len(W) <= 5_000_000 else None
            loss = (np.array([np.mean(np.logaddexp(0, wi * x + bi) - y * (wi * x + bi)) for wi, bi in zip(W, Bv)])
                    if z is None else np.mean(np.logaddexp(0.0, z) - y[None, :] * z, axis=1))
    loss = np.where(np.isfinite(loss), loss, math.inf)
    if not linear:  # the same loss rule as the linear loop, applied now that the losses are known
        blown = np.nonzero(loss[1:] > LOSS_BLOWUP * max(float(loss[0]), 1e-12))[0]
        if len(blown) and (diverged_at is None or blown[0] + 1 < diverged_at):
            diverged_at = int(blown[0]) + 1
            keep = diverged_at + 1
            W, Bv, loss = W[:keep], Bv[:keep], loss[:keep]
            seen, epoch_of = seen[:keep], epoch_of[:diverged_at]
    return Trajectory(W, Bv, loss, np.array(seen), np.array(epoch_of, dtype=np.int64), diverged_at)
