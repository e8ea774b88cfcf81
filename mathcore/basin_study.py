"""Where shuffled minibatch runs end on a loss with several minima: the basin study.

For each batch size, ``runs`` shuffled runs start from the same point (each run draws its own permutation of the
samples every epoch) at one learning rate, for ``epochs`` epochs; optionally the same again from every point of a
``grid`` x ``grid`` grid of starts over the window (``grid_runs`` runs from each start; default ``runs``). A run ends in the minimum whose basin its last point lies in
(full-batch gradient descent from that point reaches it: mathcore.minima.basin_of), or "elsewhere" when that descent
reaches none of them; a run whose parameters leave DIVERGENCE_BOUND or stop being finite is "diverged". For
each batch size the study reports the count and fraction ending in each minimum with a 90% Wilson score interval,
the mean held-out loss of the end points when held-out samples are given (how well each outcome generalises), and,
when the start lies nearest the sharpest minimum, the steps each run spent before it first lay nearer another
minimum (distances in units of the window's size: cheap enough to look at after every step).

Reproducibility: one ``numpy.random.default_rng(seed + batch_size)`` per batch size draws every run's
permutations, epoch by epoch, with ``rng.permuted`` on a (runs, n) table.

Cost: runs x steps x batch size sample evaluations per batch size (``sample_evaluations``); `check` refuses a
scenario whose studies exceed BASIN_BUDGET.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from statistics import NormalDist
from typing import Optional, Sequence

import numpy as np
import numpy.typing as npt

from mathcore import bump
from mathcore.basin_escape import EscapeInterval, escape_interval
from mathcore.divergence import DIVERGENCE_BOUND
from mathcore.minima import Minimum, basin_of, find_minima, nearest
from mathcore.verdicts import Verdict, batch_sizes_end_in_same_minimum, small_batch_finds_flat_more_often

# Sample evaluations (runs x steps x batch size, summed over batch sizes and starts) one scenario may ask for:
# about 10 s of numpy on the 2-core machine (measured ~4e6 evaluations per second with a few hundred runs).
BASIN_BUDGET = 40_000_000
INTERVAL_LEVEL = 0.90  # two-sided level of the Wilson interval of each fraction
_Z = NormalDist().inv_cdf(0.5 + INTERVAL_LEVEL / 2)
HeldOut = tuple[np.ndarray, np.ndarray]  # held-out samples (x, y), float64
ELSEWHERE = -1  # BasinOutcome.ended: the run's last point lies in no minimum's basin
DIVERGED = -2  # ... the run diverged


def wilson_interval(count: int, total: int, z: float = _Z) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion count/total (level INTERVAL_LEVEL by default)."""
    if total == 0:
        return 0.0, 1.0
    p = count / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class BasinOutcome:
    """Where the runs of one batch size ended."""

    batch_size: int
    runs: int
    counts: tuple[int, ...]  # runs ending in each minimum (the study's order: flattest first)
    diverged: int
    elsewhere: int  # runs whose last point lies in no minimum's basin
    intervals: tuple[tuple[float, float], ...]  # 90% Wilson interval of each fraction
    held_out_loss: Optional[float]  # mean held-out loss of the end points that did not diverge
    escape_steps: Optional[tuple[int, ...]]  # per run that left the sharpest basin, the step it first left it
    stayed: int  # runs that never left the sharpest basin (when escape is measured)
    end_w: np.ndarray  # every run's end point
    end_b: np.ndarray
    path_w: np.ndarray  # the first run's path (start .. end), to draw
    path_b: np.ndarray
    ended: np.ndarray  # per run, the minimum it ended in: its index, ELSEWHERE or DIVERGED

    def fraction(self, k: int) -> float:
        return self.counts[k] / self.runs

    @property
    def nowhere(self) -> int:
        """Runs that ended in no minimum: elsewhere or diverged."""
        return self.elsewhere + self.diverged

    @property
    def nowhere_percent(self) -> Fraction:
        return Fraction(100 * self.nowhere, self.runs)

    @property
    def nowhere_interval_percent(self) -> tuple[float, float]:
        low, high = wilson_interval(self.nowhere, self.runs)
        return 100 * low, 100 * high

    def percent(self, k: int) -> Fraction:
        """The share of runs ending in minimum k, in percent, exact."""
        return Fraction(100 * self.counts[k], self.runs)

    def interval_percent(self, k: int) -> tuple[float, float]:
        """The 90% interval of that share, in percent."""
        low, high = self.intervals[k]
        return 100 * low, 100 * high

    @property
    def escape_interval(self) -> Optional[EscapeInterval]:
        """The median escape time of all runs, never-left ones counted, with its exact 90% interval."""
        if self.escape_steps is None:
            return None
        return escape_interval(self.escape_steps, self.stayed)


@dataclass(frozen=True)
class BasinStudy:
    minima: tuple[Minimum, ...]  # flattest first
    lr: float
    epochs: int
    start: tuple[float, float]
    start_minimum: int  # the minimum nearest the start
    outcomes: tuple[BasinOutcome, ...]  # from the start, one per batch size, in the order asked
    grid_outcomes: tuple[BasinOutcome, ...]  # from the grid of starts (empty when no grid)
    grid: int = 0  # starts per side of the grid
    grid_runs: int = 0  # runs from each grid start; grid_outcomes[i].ended[s * grid_runs:(s + 1) * grid_runs]
    grid_w: np.ndarray = field(default_factory=lambda: np.zeros(0))  # the starts, row by row (b rises by row)
    grid_b: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def flat(self) -> int:
        return 0

    @property
    def sharp(self) -> int:
        return len(self.minima) - 1


def sample_evaluations(n: int, batch_sizes: Sequence[int], runs: int, epochs: int, grid: int = 0,
                       grid_runs: Optional[int] = None) -> int:
    """What a study costs: samples evaluated over every run, step and batch size (the budget's unit)."""
    per_run = epochs * n  # each epoch evaluates every sample once, whatever the batch size
    return len(batch_sizes) * per_run * (runs + (runs if grid_runs is None else grid_runs) * grid * grid)


Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _run(x: np.ndarray, y: np.ndarray, w0: np.ndarray, b0: np.ndarray, lr: float, batch_size: int, epochs: int,
         rng: np.random.Generator, minima: tuple[Minimum, ...], scale: tuple[float, float],
         watch_sharp: bool) -> Arrays:
    """Every run of one batch size at once: end points, alive, first step out of the sharpest basin, run 0's path."""
    n = len(x)
    w = np.full(len(w0), 0.0) + w0
    b = np.full(len(b0), 0.0) + b0
    alive = np.ones(len(w), dtype=bool)
    first_left = np.zeros(len(w), dtype=np.int64)  # 0: has not left the sharpest basin
    sharp = len(minima) - 1
    pw, pb = [float(w[0])], [float(b[0])]
    step = 0
    table = np.tile(np.arange(n), (len(w), 1))
    for _ in range(epochs):
        order = rng.permuted(table, axis=1)
        for s in range(0, n, batch_size):
            idx = order[:, s:s + batch_size]
            with np.errstate(all="ignore"):
                gw, gb = bump.gradient(w, b, x[idx], y[idx])
                w, b = w - lr * gw, b - lr * gb
            step += 1
            bad = ~(np.isfinite(w) & np.isfinite(b) & (np.abs(w) <= DIVERGENCE_BOUND) & (np.abs(b) <= DIVERGENCE_BOUND))
            alive &= ~bad
            w, b = np.where(alive, w, 0.0), np.where(alive, b, 0.0)
            if watch_sharp:
                left = alive & (first_left == 0) & (nearest(minima, w, b, scale) != sharp)
                first_left[left] = step
            pw.append(float(w[0]) if alive[0] else math.nan)
            pb.append(float(b[0]) if alive[0] else math.nan)
    return w, b, alive, first_left, np.array(pw), np.array(pb)


def _outcome(x: np.ndarray, y: np.ndarray, starts_w: np.ndarray, starts_b: np.ndarray, lr: float, batch_size: int,
             runs: int, epochs: int, seed: int, minima: tuple[Minimum, ...], scale: tuple[float, float],
             held_out: Optional[HeldOut], watch: bool) -> BasinOutcome:
    """``runs`` runs of one batch size from each start (a start's runs are consecutive), and where they ended."""
    rng = np.random.default_rng(seed + batch_size)
    w0, b0 = np.repeat(starts_w, runs), np.repeat(starts_b, runs)
    w, b, alive, first_left, pw, pb = _run(x, y, w0, b0, lr, batch_size, epochs, rng, minima, scale, watch)
    ends = basin_of(minima, w, b, x, y)
    counts = tuple(int(np.sum(alive & (ends == k))) for k in range(len(minima)))
    total = len(w)
    held = None
    if held_out is not None and alive.any():
        held = float(np.mean(bump.loss(w[alive], b[alive], *held_out)))
    escape, stayed = None, 0
    if watch:
        escape = tuple(int(v) for v in first_left[alive & (first_left > 0)])
        stayed = int(np.sum(alive & (first_left == 0)))
    ended = np.where(alive, ends, DIVERGED)
    return BasinOutcome(batch_size, total, counts, int(np.sum(~alive)), int(np.sum(alive & (ends == ELSEWHERE))),
                        tuple(wilson_interval(c, total) for c in counts), held, escape, stayed,
                        w, b, pw, pb, ended)


def basin_study(x_values: npt.ArrayLike, y_values: npt.ArrayLike, start: tuple[float, float], lr: float,
                batch_sizes: Sequence[int], runs: int, epochs: int, w_range: tuple[float, float],
                b_range: tuple[float, float], seed: int = 0, grid: int = 0,
                held_out: Optional[tuple[npt.ArrayLike, npt.ArrayLike]] = None,
                grid_runs: Optional[int] = None) -> BasinStudy:
    """Run the study (see the module docstring). ``held_out`` = (x, y) arrays or None."""
    x, y = np.asarray(x_values, dtype=np.float64), np.asarray(y_values, dtype=np.float64)
    held: Optional[HeldOut] = None
    if held_out is not None:
        held = (np.asarray(held_out[0], dtype=np.float64), np.asarray(held_out[1], dtype=np.float64))
    minima = find_minima(x, y, w_range, b_range)
    if not minima:
        raise ValueError("the search found no minimum of the loss inside the window; widen w_range or b_range")
    scale = (w_range[1] - w_range[0], b_range[1] - b_range[0])
    start_min = int(nearest(minima, np.array([start[0]]), np.array([start[1]]), scale)[0])
    watch = len(minima) > 1 and start_min == len(minima) - 1
    outcomes = tuple(_outcome(x, y, np.array([start[0]]), np.array([start[1]]), lr, bs, runs, epochs, seed,
                              minima, scale, held, watch) for bs in batch_sizes)
    grid_outcomes: tuple[BasinOutcome, ...] = ()
    per_start = runs if grid_runs is None else grid_runs
    gw, gb = np.meshgrid(np.linspace(*w_range, grid), np.linspace(*b_range, grid))
    if grid:
        grid_outcomes = tuple(_outcome(x, y, gw.ravel(), gb.ravel(), lr, bs, per_start, epochs, seed + 7919,
                                       minima, scale, held, False) for bs in batch_sizes)
    return BasinStudy(minima, lr, epochs, (float(start[0]), float(start[1])), start_min, outcomes, grid_outcomes,
                      grid, per_start if grid else 0, gw.ravel(), gb.ravel())


def exploration_verdict(study: BasinStudy) -> Verdict:
    """Whether the smallest batch size found the flattest minimum more often than the largest ("explores"):
    true, false, or undecided when their 90% intervals overlap. For the summary: say "explores" only when true."""
    small = min(study.outcomes, key=lambda o: o.batch_size)
    large = max(study.outcomes, key=lambda o: o.batch_size)
    return small_batch_finds_flat_more_often(small.intervals[study.flat], large.intervals[study.flat],
                                             small.fraction(study.flat) - large.fraction(study.flat))


def same_minimum_verdict(study: BasinStudy) -> Verdict:
    """Whether every batch size ends (almost always) in one and the same minimum."""
    return batch_sizes_end_in_same_minimum([o.counts for o in study.outcomes], [o.runs for o in study.outcomes],
                                           [o.intervals for o in study.outcomes])
