"""The critical batch size: measured (a fit to steps and samples to target) and predicted (the gradient noise scale).

McCandlish et al. 2018 ("An Empirical Model of Large-Batch Training"): with the learning rate tuned per batch size,
the steps S and samples E = S B to a target follow
  S = S_min (1 + B_noise / B),   E = E_min (1 + B / B_noise),   E_min = S_min B_noise,
a hyperbola (S / S_min - 1)(E / E_min - 1) = 1 in the steps-samples plane that bends at the critical batch size
B_crit = E_min / S_min = B_noise, where a run takes twice the fewest steps and twice the fewest samples. S is
linear in 1/B, so the fit is weighted least squares of S = S_min + E_min / B in relative error (weights 1/S).

The prediction is the simple noise scale B_simple = tr(Sigma) / |G|^2 at a point: G the whole-data gradient and
Sigma = (1/N) sum_i (g_i - G)(g_i - G)^T the per-sample gradients' covariance normalised by N, so that tr(Sigma)/B
is the variance of a mean of B samples drawn with replacement. For MSE the Hessian H is constant and the paper's
Hessian-weighted B_noise = tr(H Sigma) / (G^T H G) is computable too. Exact fractions for exact gradients.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional, Sequence

import numpy as np

from mathcore.batch_size_study import INTERVAL
from mathcore.noise import mean_and_covariance
from mathcore.problem import Number

MIN_FIT_POINTS = 3  # two points always fit a two-parameter curve: it takes a third to test it

NoFit = Literal["", "too_few", "steps_do_not_fall", "not_hyperbolic"]


@dataclass(frozen=True)
class CriticalBatchFit:
    """S = s_min (1 + b_noise / B); absent (``reason`` says why) when the measurements cannot be fitted."""

    s_min: Optional[float]
    e_min: Optional[float]
    points: int
    max_relative_error: Optional[float]  # the fit's worst |S_fit / S - 1| over the points
    reason: NoFit = ""

    @property
    def b_noise(self) -> Optional[float]:
        return None if self.s_min is None or self.e_min is None else self.e_min / self.s_min

    def _fitted(self) -> tuple[float, float]:
        """(S_min, E_min); only a fit that exists has a curve (callers check ``b_noise`` first)."""
        if self.s_min is None or self.e_min is None:
            raise ValueError(f"no fit: {self.reason}")
        return self.s_min, self.e_min

    def steps(self, batch_size: float) -> float:
        s_min, e_min = self._fitted()
        return s_min + e_min / batch_size

    @property
    def critical_point(self) -> tuple[float, float]:
        """(samples, steps) where B = B_noise: twice the fewest samples and twice the fewest steps."""
        s_min, e_min = self._fitted()
        return 2 * e_min, 2 * s_min


def fit_critical_batch(batch_sizes: Sequence[float], steps: Sequence[float]) -> CriticalBatchFit:
    """Fit S = S_min + E_min / B to the measured steps (points with 0 steps, already at the target, are skipped)."""
    pairs = [(float(b), float(s)) for b, s in zip(batch_sizes, steps) if s > 0]
    if len({b for b, _ in pairs}) < MIN_FIT_POINTS:
        return CriticalBatchFit(None, None, len(pairs), None, "too_few")
    b = np.array([p[0] for p in pairs])
    s = np.array([p[1] for p in pairs])
    design = np.stack([1 / s, 1 / (b * s)], axis=1)  # rows of (S_min + E_min / B) / S = 1
    s_min, e_min = np.linalg.lstsq(design, np.ones_like(s), rcond=None)[0]
    if e_min <= 0:
        return CriticalBatchFit(None, None, len(pairs), None, "steps_do_not_fall")
    if s_min <= 0:
        return CriticalBatchFit(None, None, len(pairs), None, "not_hyperbolic")
    error = float(np.max(np.abs((s_min + e_min / b) / s - 1)))
    return CriticalBatchFit(float(s_min), float(e_min), len(pairs), error)


@dataclass(frozen=True)
class FitIntervals:
    """Bootstrap intervals (mathcore.batch_size_study.INTERVAL) of the fit: the fit redone on every replicate of the
    batch sizes' median steps. ``failed`` replicates gave no fit (steps not falling, or not hyperbolic)."""

    s_min: Optional[tuple[float, float]]
    e_min: Optional[tuple[float, float]]
    b_noise: Optional[tuple[float, float]]
    replicates: int
    failed: int


def fit_intervals(batch_sizes: Sequence[float], replicates: Sequence[Sequence[float]]) -> FitIntervals:
    """The fit S = S_min + E_min / B on each bootstrap replicate (``replicates``: per batch size, its replicate
    medians, all of one length), vectorised as the 2x2 normal equations of the same weighted least squares."""
    b = np.asarray(batch_sizes, dtype=np.float64)
    s = np.asarray(replicates, dtype=np.float64).T  # replicates x batch sizes
    if len(b) < MIN_FIT_POINTS or not s.size:
        return FitIntervals(None, None, None, 0, 0)
    with np.errstate(all="ignore"):
        u, v = 1 / s, 1 / (b * s)  # rows (u, v) . (S_min, E_min) = 1
        a11, a12, a22 = (u * u).sum(1), (u * v).sum(1), (v * v).sum(1)
        r1, r2 = u.sum(1), v.sum(1)
        det = a11 * a22 - a12 * a12
        s_min, e_min = (a22 * r1 - a12 * r2) / det, (a11 * r2 - a12 * r1) / det
    ok = np.isfinite(s_min) & np.isfinite(e_min) & (s_min > 0) & (e_min > 0) & np.all(s > 0, axis=1)
    tail = (1 - INTERVAL) / 2 * 100

    def interval(values: np.ndarray) -> Optional[tuple[float, float]]:
        if ok.sum() < 2:
            return None
        lo, hi = np.percentile(values[ok], [tail, 100 - tail])
        return float(lo), float(hi)

    return FitIntervals(interval(s_min), interval(e_min), interval(e_min / s_min), len(s), int((~ok).sum()))


def _span(a: Optional[tuple[float, float]], b: Optional[tuple[float, float]]) -> Optional[tuple[float, float]]:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def with_grid_resolution(grid: FitIntervals, refined: FitIntervals) -> FitIntervals:
    """The intervals reported: each spans the fit's bootstrap interval on the medians at the grid's tuned rates and
    the one on the medians refined between grid rates (mathcore.batch_size_study.refined_minimum). The grid (rates
    2^(1/3) apart) overstates every batch size's steps by a systematic amount that seeds do not shrink; the two fits
    are its two ends, so the span holds the seeds' randomness and the grid's resolution together."""
    return FitIntervals(_span(grid.s_min, refined.s_min), _span(grid.e_min, refined.e_min),
                        _span(grid.b_noise, refined.b_noise), grid.replicates + refined.replicates,
                        grid.failed + refined.failed)


@dataclass(frozen=True)
class NoiseScale:
    """B_simple = tr(Sigma) / |G|^2 at one point (None there when G = 0: at the optimum every batch is noise)."""

    trace: Number  # tr(Sigma), Sigma normalised by N
    gradient_norm_squared: Number  # |G|^2
    b_simple: Optional[Number]
    b_noise: Optional[Number]  # tr(H Sigma) / (G^T H G), MSE only


def noise_scale(gradients: Sequence[tuple[Number, Number]],
                hessian: Optional[tuple[tuple[Number, Number], tuple[Number, Number]]] = None) -> NoiseScale:
    """The noise scale of per-sample gradients ``gradients``; exact when they are fractions."""
    (gw, gb), ((cww, cwb), (_, cbb)) = mean_and_covariance(gradients)
    trace, norm2 = cww + cbb, gw * gw + gb * gb
    b_simple = trace / norm2 if norm2 else None
    b_noise = None
    if hessian is not None:
        (h00, h01), (_, h11) = hessian
        weighted = gw * (h00 * gw + h01 * gb) + gb * (h01 * gw + h11 * gb)
        b_noise = (h00 * cww + 2 * h01 * cwb + h11 * cbb) / weighted if weighted else None
    return NoiseScale(trace, norm2, b_simple, b_noise)


def noise_scale_along_path(model: str, x: Sequence[float], y: Sequence[float], start: tuple[float, float],
                           lr: float, steps: int, points: int = 6) -> list[tuple[int, float, float, Optional[float]]]:
    """B_simple along full-batch gradient descent from ``start`` at ``lr``: (step, w, b, B_simple) at ``points``
    evenly spaced steps from 0 to ``steps`` (float64)."""
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    marks = sorted({round(k * steps / (points - 1)) for k in range(points)}) if steps else [0]
    moments = tuple(float(np.mean(v)) for v in (xs * xs, xs, xs * ys, ys))

    def per_sample(w: float, b: float) -> np.ndarray:
        z = w * xs + b
        r = 2 * (z - ys) if model == "linear" else 1 / (1 + np.exp(-z)) - ys
        return np.stack([r * xs, r], axis=1)

    def gradient(w: float, b: float) -> tuple[float, float]:
        if model == "linear":  # from four moments: a step costs the same at any N
            xx, xm, xy, ym = moments
            return 2 * (xx * w + xm * b - xy), 2 * (xm * w + b - ym)
        g = per_sample(w, b).mean(axis=0)
        return float(g[0]), float(g[1])

    w, b = float(start[0]), float(start[1])
    out = []
    for step in range(steps + 1):
        if step in marks:
            g = per_sample(w, b)
            mean = g.mean(axis=0)
            norm2 = float(mean @ mean)
            trace = float(np.sum((g - mean) ** 2) / len(xs))
            out.append((step, w, b, trace / norm2 if norm2 else None))
        gw, gb = gradient(w, b)
        w, b = w - lr * gw, b - lr * gb
    return out
