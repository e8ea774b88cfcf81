"""Steps and samples to a target loss for each batch size, measured on the scenario's own data.

The measurement of McCandlish et al. 2018 ("An Empirical Model of Large-Batch Training") at lesson size. For each
batch size B: shuffled SGD (a fresh permutation per epoch from numpy.random.default_rng(seed), the short last
batch kept and averaged over its own size) starts at the scenario's (w, b) once per seed and per learning rate of
a grid below B's mean-square stability bound (mathcore.mean_square_stability); a run's steps to target are the
steps until the whole-data loss first falls to the target, its samples to target the samples those steps used.
The learning rate is tuned per batch size: the grid value with the fewest median steps over the seeds. Every
run is float64 and vectorised over learning rates x seeds; a run whose loss grows a million-fold has diverged.

The target is the optimum's loss plus ``target`` (default 10%) of the starting excess. Runs are cut at a step
limit; a batch size none of whose learning rates reaches the target in most seeds has no numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from mathcore.mean_square_stability import mean_square_stable_lr

LR_GRID_SIZE = 16
LR_GRID_RATIO = 2 ** (-1 / 3)  # neighbouring learning rates of the grid differ by this factor (three per halving)
DIVERGED = 1e6  # a run whose whole-data loss exceeds this multiple of the starting loss has diverged
MAX_BATCH_SIZES = 24
# Logistic/BCE has no closed-form whole-data loss: looking at it costs a pass over the data for every run. It is
# looked at every step up to step CHECKS_EXACT, then every ceil(step / CHECKS_EXACT) steps (steps to target within
# 1 / CHECKS_EXACT = 2%), and runs are cut where a cost model (seconds on a 2-core machine, not a clock: the same
# data always gives the same study) reaches SECONDS_PER_BATCH_SIZE.
CHECKS_EXACT = 50
STEP_SECONDS, SAMPLE_SECONDS, LOSS_SECONDS = 2e-5, 1e-8, 3e-8  # per step; per sample and run; per sample and run
SECONDS_PER_BATCH_SIZE = 0.5


@dataclass(frozen=True)
class StudySettings:
    batch_sizes: Optional[tuple[int, ...]] = None  # default: powers of two up to N, plus N
    target: float = 0.1  # share of the starting excess loss left at the target
    seeds: int = 5
    max_steps: int = 20_000


@dataclass(frozen=True)
class BatchSizeResult:
    batch_size: int
    stable_lr: float  # the mean-square stability bound the grid stays below
    learning_rate: Optional[float]  # tuned; None when no grid value reached the target
    steps: Optional[float]  # median over seeds at the tuned learning rate
    samples: Optional[float]
    steps_range: Optional[tuple[int, Optional[int]]]  # fewest and most steps over the seeds (most: None when
    samples_range: Optional[tuple[int, Optional[int]]]  # some seed never reached the target)
    step_limit: int  # runs were cut here: max_steps, or fewer where the compute limit binds (logistic, big data)
    at_grid_edge: bool  # the tuned rate is the grid's smallest: a smaller one might be better still
    at_stability_edge: bool  # the tuned rate is the grid's largest: stability, not noise, limits the rate
    resolution: float  # steps to target are exact (0, linear/MSE) or within this share (logistic: 1 / CHECKS_EXACT)

    @property
    def reached(self) -> bool:
        return self.steps is not None


@dataclass(frozen=True)
class BatchSizeStudy:
    population: int
    model: str
    start: tuple[float, float]
    start_loss: float
    optimum_loss: float  # the least loss (its infimum, 0, for separable logistic data)
    target_share: float
    target_loss: float
    seeds: int
    max_steps: int
    results: tuple[BatchSizeResult, ...]

    @property
    def reached(self) -> tuple[BatchSizeResult, ...]:
        return tuple(r for r in self.results if r.reached)


def default_batch_sizes(n: int) -> tuple[int, ...]:
    sizes = [2**k for k in range(n.bit_length()) if 2**k <= n]
    return tuple(sizes if sizes[-1] == n else sizes + [n])


def learning_rate_grid(bound: float) -> np.ndarray:
    """LR_GRID_SIZE rates from 0.79 x bound down, each 2^(-1/3) of the last (the largest is safely below)."""
    return bound * LR_GRID_RATIO ** np.arange(1, LR_GRID_SIZE + 1)


class _Losses:
    """The whole-data loss of many (w, b) at once."""

    def __init__(self, model: str, x: np.ndarray, y: np.ndarray):
        self.model, self.x, self.y = model, x, y
        if model == "linear":  # MSE is a quadratic in (w, b): its five moments give it exactly, at any size
            self.m = (np.mean(x * x), np.mean(x), np.mean(x * y), np.mean(y), np.mean(y * y))

    def __call__(self, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.model == "linear":
            xx, x, xy, y, yy = self.m
            return w * w * xx + 2 * w * b * x + b * b - 2 * w * xy - 2 * b * y + yy
        z = w[..., None] * self.x + b[..., None]
        return (np.logaddexp(0.0, z) - self.y * z).sum(axis=-1) / len(self.x)


def optimum_loss(model: str, x: np.ndarray, y: np.ndarray) -> float:
    """The least whole-data loss: least squares for MSE; for BCE Newton's method, or 0 when no minimum exists."""
    from mathcore.optimum import logistic_newton, logistic_separable

    if model == "linear":
        f = np.stack([x, np.ones_like(x)], axis=1)
        theta = np.linalg.lstsq(f, y, rcond=None)[0]
        return float(np.mean((f @ theta - y) ** 2))
    if np.all(x == x[0]):
        p = float(np.mean(y))
        return float(-(p * math.log(p) + (1 - p) * math.log(1 - p))) if 0 < p < 1 else 0.0
    if logistic_separable(x, y):
        return 0.0
    found = logistic_newton(x, y)
    return float(_Losses("logistic", x, y)(np.array(found.w), np.array(found.b)))


def _checked(model: str, step: int) -> bool:
    """Whether the whole-data loss is looked at after ``step``."""
    return model == "linear" or step <= CHECKS_EXACT or step % -(-step // CHECKS_EXACT) == 0


def _step_limit(model: str, n: int, batch_size: int, runs: int, max_steps: int) -> int:
    """max_steps, or fewer where a logistic study's modelled cost would exceed SECONDS_PER_BATCH_SIZE."""
    if model == "linear":  # a step costs the same at any batch size (batch sums come from one pass per epoch)
        return max_steps

    def cost(steps: int) -> float:
        checks = steps if steps <= CHECKS_EXACT else CHECKS_EXACT * (1 + math.log(steps / CHECKS_EXACT))
        return steps * (STEP_SECONDS + runs * batch_size * SAMPLE_SECONDS) + checks * runs * n * LOSS_SECONDS

    lo, hi = 1, max_steps
    while lo < hi:  # the largest affordable number of steps
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if cost(mid) <= SECONDS_PER_BATCH_SIZE else (lo, mid - 1)
    return lo


def _batch_sums(order: np.ndarray, x: np.ndarray, y: np.ndarray, starts: np.ndarray):
    """Per seed and batch: sums of x^2, x, x*y, y over the batch (order: seeds x samples)."""
    xo, yo = x[order], y[order]
    return tuple(np.add.reduceat(v, starts, axis=1) for v in (xo * xo, xo, xo * yo, yo))


def simulate(model: str, x: np.ndarray, y: np.ndarray, start: tuple[float, float], batch_size: int,
             lrs: np.ndarray, seeds: int, target_loss: float, max_steps: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Steps to target of every (learning rate, seed) run (-1: not reached), samples used after each step, and the
    step limit."""
    n = len(x)
    full_batch = batch_size >= n
    if full_batch and seeds > 1:  # the whole data every step: every seed runs the same
        reached, samples_after, limit = simulate(model, x, y, start, batch_size, lrs, 1, target_loss, max_steps)
        return np.repeat(reached, seeds, axis=1), samples_after, limit
    limit = _step_limit(model, n, batch_size, len(lrs) * seeds, max_steps)
    starts = np.arange(0, n, batch_size)
    sizes = np.diff(np.append(starts, n)).astype(np.float64)
    per_epoch = len(starts)
    samples_after = np.cumsum(np.tile(sizes, -(-limit // per_epoch)))[:limit].astype(np.int64)
    losses = _Losses(model, x, y)
    start_loss = float(losses(np.array(start[0]), np.array(start[1])))
    w = np.full((len(lrs), seeds), float(start[0]))
    b = np.full((len(lrs), seeds), float(start[1]))
    eta = lrs[:, None]
    reached = np.full((len(lrs), seeds), -1, dtype=np.int64)
    done = np.zeros((len(lrs), seeds), dtype=bool)
    rngs = [np.random.default_rng(seed) for seed in range(seeds)]
    order = np.broadcast_to(np.arange(n), (seeds, n))
    if model == "linear":
        sums = _batch_sums(order, x, y, starts)
    step = 0
    with np.errstate(all="ignore"):
        while step < limit and not done.all():
            if not full_batch:
                order = np.stack([rng.permutation(n) for rng in rngs])
                if model == "linear":
                    sums = _batch_sums(order, x, y, starts)
            for j in range(min(per_epoch, limit - step)):
                size = sizes[j]
                if model == "linear":
                    sxx, sx, sxy, sy = (v[:, j] for v in sums)
                    gw = (2 / size) * (sxx * w + sx * b - sxy)
                    gb = (2 / size) * (sx * w + size * b - sy)
                else:
                    idx = order[:, starts[j]:starts[j] + int(size)]
                    xb, yb = x[idx], y[idx]
                    r = 1.0 / (1.0 + np.exp(-(w[..., None] * xb + b[..., None]))) - yb
                    gw, gb = np.mean(r * xb, axis=-1), np.mean(r, axis=-1)
                w, b = w - eta * gw, b - eta * gb
                step += 1
                if not _checked(model, step) and step != limit:
                    continue
                active = ~done
                loss = np.full(done.shape, np.inf)
                loss[active] = losses(w[active], b[active])  # ended runs are not looked at again
                hit = active & (loss <= target_loss)
                reached[hit] = step
                done |= hit | (active & (~np.isfinite(loss) | (loss > DIVERGED * max(start_loss, 1e-300))))
                if hit.any() and _decided(reached, done, step):
                    return reached, samples_after, limit
    return reached, samples_after, limit


def _median_steps(reached: np.ndarray) -> np.ndarray:
    """Median steps over the seeds per learning rate; inf while most seeds have not reached the target (a run that
    reaches it later takes more steps than every run that has, so a finite median never changes)."""
    steps = reached.astype(np.float64)
    steps[reached < 0] = np.inf
    return np.median(steps, axis=1)


def _decided(reached: np.ndarray, done: np.ndarray, step: int) -> bool:
    """Whether the tuning is settled: the best median is known, every rate still undecided would take more steps,
    and every seed of the best rate has ended (its spread is known)."""
    medians = _median_steps(reached)
    if not np.isfinite(medians).any():
        return False
    best = medians.min()
    return step >= best and bool(done[medians == best].all())


def _tuned(batch_size: int, bound: float, lrs: np.ndarray, reached: np.ndarray, samples_after: np.ndarray,
           limit: int, resolution: float) -> BatchSizeResult:
    medians = _median_steps(reached)
    finite = np.isfinite(medians)
    if not finite.any():
        return BatchSizeResult(batch_size, bound, None, None, None, None, None, limit, False, False, resolution)
    best = int(np.flatnonzero(medians == medians[finite].min())[0])  # ties: the larger rate
    runs = reached[best]
    used = np.where(runs > 0, samples_after[np.maximum(runs - 1, 0)], 0).astype(np.float64)
    used[runs < 0] = np.inf
    ok = runs >= 0
    most = (lambda v: int(v.max()) if ok.all() else None)
    return BatchSizeResult(
        batch_size, bound, float(lrs[best]), float(medians[best]), float(np.median(used)),
        (int(runs[ok].min()), most(runs)), (int(used[ok].min()), most(used[ok])),
        limit, best == len(lrs) - 1, best == 0, resolution)


def run_study(model: str, x: Sequence[float], y: Sequence[float], start: tuple[float, float],
              settings: StudySettings = StudySettings(), losses: Optional[tuple[float, float]] = None
              ) -> BatchSizeStudy:
    """The study; ``losses`` (start, optimum), when known exactly, fix the target (else computed in float64)."""
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n = len(xs)
    sizes = settings.batch_sizes or default_batch_sizes(n)
    if len(sizes) > MAX_BATCH_SIZES or any(not 1 <= s <= n for s in sizes):
        raise ValueError(f"at most {MAX_BATCH_SIZES} batch sizes, each between 1 and {n}")
    if not 0 < settings.target < 1:
        raise ValueError("target must lie strictly between 0 and 1")
    if losses is None:
        losses = (float(_Losses(model, xs, ys)(np.array(float(start[0])), np.array(float(start[1])))),
                  optimum_loss(model, xs, ys))
    start_loss, best = float(losses[0]), float(losses[1])
    target = best + settings.target * max(start_loss - best, 0.0)
    loss_name = "mse" if model == "linear" else "bce"
    results = []
    for size in sorted(set(sizes)):
        bound = mean_square_stable_lr(xs, size, loss_name)
        lrs = learning_rate_grid(bound)
        if start_loss <= target:  # already there: no step is needed
            results.append(BatchSizeResult(size, bound, float(lrs[0]), 0.0, 0.0, (0, 0), (0, 0), 0, False, True, 0.0))
            continue
        reached, samples_after, limit = simulate(model, xs, ys, start, size, lrs, settings.seeds, target,
                                                        settings.max_steps)
        results.append(_tuned(size, bound, lrs, reached, samples_after, limit,
                              0.0 if model == "linear" else 1 / CHECKS_EXACT))
    return BatchSizeStudy(n, model, (float(start[0]), float(start[1])), start_loss, best, settings.target, target,
                          settings.seeds, settings.max_steps, tuple(results))
