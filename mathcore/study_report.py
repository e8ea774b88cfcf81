"""The batch-size study of one problem with what is computed from it: the critical batch size it measures, the
noise scale that predicts it (at the start and along the full-batch path), and the learning-rate rules to compare.

Linear scaling (Goyal et al. 2017): the best learning rate grows in proportion to B while B is well below the
critical batch size. SGD noise scale (Smith & Le 2018): g = eta (N / B - 1), the temperature of the noise a run
with learning rate eta and batch size B feels; 0 for the whole data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Sequence

from mathcore.batch_size_study import BatchSizeResult, BatchSizeStudy, StudySettings, run_study
from mathcore.critical_batch import (
    CriticalBatchFit,
    FitIntervals,
    NoiseScale,
    fit_critical_batch,
    fit_intervals,
    noise_scale,
    noise_scale_along_path,
    with_grid_resolution,
)
from mathcore.exact import to_fraction
from mathcore.noise import per_sample_gradients
from mathcore.problem import Number, Params, Problem
from mathcore.stability import least_squares_optimum, mse_curvature


@dataclass(frozen=True)
class StudyReport:
    start: Params  # exact, as the scenario gives it
    target_share: Fraction  # exact, as the scenario gives it
    losses: Optional[tuple[Fraction, Fraction, Fraction]]  # start, optimum, target: exact for linear/MSE
    study: BatchSizeStudy
    fit: CriticalBatchFit
    fit_intervals: FitIntervals  # bootstrap intervals of S_min, E_min and the critical batch size
    start_noise: NoiseScale  # at the starting point, exact for linear/MSE
    path_noise: tuple[tuple[int, float, float, Optional[float]], ...]  # (step, w, b, B_simple) along full-batch GD

    @property
    def critical_batch_size(self) -> Optional[float]:
        return self.fit.b_noise

    @property
    def critical_interval(self) -> Optional[tuple[float, float]]:
        return self.fit_intervals.b_noise if self.fit.b_noise is not None else None

    @property
    def shown_losses(self) -> tuple[Number, Number, Number]:
        """(start, optimum, target) losses: exact for linear/MSE, else the study's float64 values."""
        study = self.study
        return self.losses or (study.start_loss, study.optimum_loss, study.target_loss)


def noise_temperature(result: BatchSizeResult, population: int) -> Optional[float]:
    """Smith & Le's g = eta (N / B - 1) at the tuned learning rate."""
    if result.learning_rate is None:
        return None
    return result.learning_rate * (population / result.batch_size - 1)


def exact_losses(problem: Problem, share: Fraction) -> Optional[tuple[Fraction, Fraction, Fraction]]:
    """Linear/MSE: the starting loss, the least loss (least squares; the best constant when all x are equal) and
    the target between them, exactly. None for logistic/BCE."""
    if problem.model != "linear":
        return None
    sums, x = problem.data.sums, problem.data.x
    start = Fraction(sums.mse(problem.init.w, problem.init.b))  # exact data: already a Fraction
    if all(v == x[0] for v in x):
        best = Fraction(sums.mse(Fraction(0), sums.sy / sums.n))
    else:
        opt = least_squares_optimum(problem.data.x, problem.data.y)
        best = Fraction(sums.mse(opt.w, opt.b))
    return start, best, best + share * max(start - best, Fraction(0))


def critical_intervals(results: Sequence[BatchSizeResult]) -> FitIntervals:
    """Intervals of S_min, E_min and the critical batch size from the batch sizes that reached the target: the
    bootstrap refits at the grid's tuned rates and between grid rates, spanned (`with_grid_resolution`)."""
    fitted = [r for r in results if r.steps is not None and r.steps > 0 and r.steps_replicates]
    sizes = [r.batch_size for r in fitted]
    grid = fit_intervals(sizes, [r.steps_replicates for r in fitted])
    refined = fit_intervals(sizes, [r.refined_steps_replicates or r.steps_replicates for r in fitted])
    return with_grid_resolution(grid, refined)


def study_report(problem: Problem, settings: StudySettings = StudySettings()) -> StudyReport:
    x = [float(v) for v in problem.data.x]
    y = [float(v) for v in problem.data.y]
    start = (float(problem.init.w), float(problem.init.b))
    ends = exact_losses(problem, Fraction(0))  # start and optimum do not depend on the target
    study = run_study(problem.model, x, y, start, settings, None if ends is None else ends[:2])
    share = to_fraction(study.target_share)  # the scenario's, or the informative default the study chose
    losses = None if ends is None else (ends[0], ends[1], ends[1] + share * max(ends[0] - ends[1], Fraction(0)))
    reached = study.reached
    fit = fit_critical_batch([r.batch_size for r in reached], [r.steps for r in reached if r.steps is not None])
    intervals = critical_intervals(reached)
    hessian = mse_curvature(problem.data.x).hessian if problem.model == "linear" else None
    start_noise = noise_scale(per_sample_gradients(problem, problem.init.w, problem.init.b), hessian)
    largest = study.results[-1]
    path: tuple[tuple[int, float, float, Optional[float]], ...] = ()
    if largest.batch_size == study.population and largest.learning_rate is not None and largest.steps is not None:
        path = tuple(noise_scale_along_path(problem.model, x, y, start, largest.learning_rate, int(largest.steps)))
    return StudyReport(problem.init, share, losses, study, fit, intervals, start_noise, path)


CLOSE_FACTOR = 2.0  # two numbers within this factor of each other are "close"; a rule of thumb's precision


def compare_scales(predicted: float, measured: float) -> tuple[str, float]:
    """("close" | "above" | "below", ratio >= 1): how a predicted critical batch size stands to the measured one."""
    ratio = predicted / measured
    if 1 / CLOSE_FACTOR <= ratio <= CLOSE_FACTOR:
        return "close", max(ratio, 1 / ratio)
    return ("above", ratio) if ratio > 1 else ("below", 1 / ratio)


PROPORTIONAL_BAND = (2 / 3, 3 / 2)  # the rate's growth over the batch's growth, read as "in proportion"


@dataclass(frozen=True)
class LinearScaling:
    """How the tuned learning rate grew from the smallest to the largest batch size that reached the target."""

    first: BatchSizeResult
    last: BatchSizeResult
    lr_ratio: float
    size_ratio: float


    @property
    def verdict(self) -> str:
        """"proportional", "less" or "more" than the linear scaling rule lr ∝ B."""
        share = self.lr_ratio / self.size_ratio
        lo, hi = PROPORTIONAL_BAND
        return "proportional" if lo <= share <= hi else "less" if share < lo else "more"


def linear_scaling_rate(first: BatchSizeResult, batch_size: float) -> float:
    """The learning rate the rule lr ∝ B gives at ``batch_size``, starting from ``first``'s tuned rate."""
    return _tuned(first) * batch_size / first.batch_size


def linear_scaling(study: BatchSizeStudy) -> Optional[LinearScaling]:
    """None with fewer than two batch sizes reached."""
    reached = study.reached
    if len(reached) < 2:
        return None
    first, last = reached[0], reached[-1]
    return LinearScaling(first, last, _tuned(last) / _tuned(first), last.batch_size / first.batch_size)


def _tuned(result: BatchSizeResult) -> float:
    """The tuned rate of a batch size that reached the target (the only ones the scaling rule compares)."""
    if result.learning_rate is None:
        raise ValueError(f"batch size {result.batch_size} did not reach the target: it has no tuned rate")
    return result.learning_rate


def supported_rounding(value: float, interval: tuple[float, float]) -> tuple[Fraction, Fraction, Fraction]:
    """(value, low, high) rounded to what the interval supports, as exact decimals (said without "≈"): the value at
    the decade of the interval's width (0.6 to 1.3: width 0.7, so "about 1"), the ends one digit finer, each end
    keeping at least one significant digit (0.027 stays 0.03, not 0)."""
    lo, hi = interval
    width = hi - lo
    if not width > 0:
        return Fraction(str(value)), Fraction(str(lo)), Fraction(str(hi))

    def rounded(v: float, place: int) -> Fraction:
        if v != 0:
            place = max(place, -math.floor(math.log10(abs(v))))  # at least the first significant digit
        return Fraction(str(round(v, place)))

    place = -math.ceil(math.log10(width))
    return rounded(value, place), rounded(lo, place + 1), rounded(hi, place + 1)
