"""Which part of the (w, b) plane to show, and where a path leaves it.

A diverging path must never rescale the view to nothing: the view is fitted to
the start, the optimum and the path points that are not much worse than the
start; a path that leaves the view is cut at the border, where the scene puts
a marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

OUTLIER_LOSS_FACTOR = 3.0  # points whose loss exceeds 3x the starting loss do not widen the view
MARGIN = 0.12


@dataclass(frozen=True)
class View:
    w_min: float
    w_max: float
    b_min: float
    b_max: float

    def contains(self, w: float, b: float) -> bool:
        return self.w_min <= w <= self.w_max and self.b_min <= b <= self.b_max


def fit_view(anchors: Sequence[tuple[float, float]],
             paths: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray, bool]],
             start_loss: float, margin: float = MARGIN) -> View:
    """Bounds around ``anchors`` and the paths (w, b, loss, diverged).

    A path that converges (or just oscillates) is shown whole; of a diverging
    path only the points whose loss is at most 3 x start_loss widen the view.
    """
    ws = [a[0] for a in anchors]
    bs = [a[1] for a in anchors]
    limit = OUTLIER_LOSS_FACTOR * start_loss
    for w, b, loss, diverged in paths:
        keep = np.isfinite(loss) & np.isfinite(w) & np.isfinite(b)
        if diverged:
            keep &= loss <= limit
        ws.extend(w[keep].tolist())
        bs.extend(b[keep].tolist())
    w_lo, w_hi, b_lo, b_hi = min(ws), max(ws), min(bs), max(bs)
    w_pad = margin * ((w_hi - w_lo) or 1.0)
    b_pad = margin * ((b_hi - b_lo) or 1.0)
    return View(w_lo - w_pad, w_hi + w_pad, b_lo - b_pad, b_hi + b_pad)


@dataclass(frozen=True)
class ClippedPath:
    w: np.ndarray  # the points inside the view, in order, ending at the border if the path left
    b: np.ndarray
    exit_index: Optional[int]  # index of the first point outside the view (None: never left)

    @property
    def left_view(self) -> bool:
        return self.exit_index is not None


def centred_equal_scale(view: View, w0: float, b0: float, width: float, height: float) -> View:
    """The smallest view centred on (w0, b0) that holds ``view`` and gives w and b the same length per unit on a
    width x height plot, so that an angle between two directions on screen is their angle in the (w, b) plane."""
    half_w = max(abs(view.w_max - w0), abs(view.w_min - w0))
    half_b = max(abs(view.b_max - b0), abs(view.b_min - b0))
    per_length = max(2 * half_w / width, 2 * half_b / height)
    return View(w0 - per_length * width / 2, w0 + per_length * width / 2,
                b0 - per_length * height / 2, b0 + per_length * height / 2)


def clip_path(w: np.ndarray, b: np.ndarray, view: View) -> ClippedPath:
    """The path up to where it first leaves ``view``, ending exactly on the border."""
    inside = [view.contains(float(x), float(y)) if np.isfinite(x) and np.isfinite(y) else False for x, y in zip(w, b)]
    if all(inside):
        return ClippedPath(np.asarray(w, float), np.asarray(b, float), None)
    k = inside.index(False)
    if k == 0:
        return ClippedPath(np.asarray(w[:0], float), np.asarray(b[:0], float), 0)
    (x0, y0), (x1, y1) = (float(w[k - 1]), float(b[k - 1])), (float(w[k]), float(b[k]))
    t = 1.0
    for p0, p1, lo, hi in ((x0, x1, view.w_min, view.w_max), (y0, y1, view.b_min, view.b_max)):
        if not np.isfinite(p1):
            t = 0.0
            continue
        if p1 > hi:
            t = min(t, (hi - p0) / (p1 - p0))
        elif p1 < lo:
            t = min(t, (lo - p0) / (p1 - p0))
    exit_point = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
    return ClippedPath(np.append(np.asarray(w[:k], float), exit_point[0]),
                       np.append(np.asarray(b[:k], float), exit_point[1]), k)


MAX_DRAWN_POINTS = 3_000  # vertices of a drawn path or curve; a screen cannot show more


def thin_indices(count: int, max_points: int = MAX_DRAWN_POINTS) -> np.ndarray:
    """Indices of at most ``max_points`` points, evenly spread, always with the first and the last.

    Paths of 10^5 steps are drawn through these vertices: each frame of an animation
    redraws the path, so its cost must not grow with the number of steps.
    """
    if count <= max_points:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, max_points).round().astype(np.int64))


def envelope_indices(values: np.ndarray, max_points: int = MAX_DRAWN_POINTS) -> np.ndarray:
    """Like thin_indices, but for a curve: in each of max_points / 2 buckets keep the lowest and the
    highest point, so that a curve that oscillates faster than the screen can show draws as a band
    between its extremes, not as a comb that depends on where the samples happen to fall."""
    count = len(values)
    if count <= max_points:
        return np.arange(count)
    edges = np.linspace(0, count, max_points // 2 + 1).astype(np.int64)
    finite = np.where(np.isfinite(values), values, np.inf)
    keep = [0, count - 1]
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi > lo:
            keep += [lo + int(np.argmin(finite[lo:hi])), lo + int(np.argmax(np.where(np.isfinite(values[lo:hi]), values[lo:hi], -np.inf)))]
    return np.unique(np.array(keep, dtype=np.int64))


LOG_AXIS_SPAN = 100.0  # a loss axis goes logarithmic when the drawn losses span more than this factor


@dataclass(frozen=True)
class LossAxis:
    log: bool  # True: the axis shows log10(loss)
    lo: float  # axis range, in loss units (linear) or decades (log)
    hi: float


def loss_axis(bounded: Sequence[np.ndarray], start_loss: float) -> LossAxis:
    """The loss axis for curves that stay bounded: linear from 0, or logarithmic over whole decades when the
    losses span more than LOG_AXIS_SPAN (a run that falls from 10 to 0.001 is then readable end to end)."""
    values = np.concatenate([np.asarray(b, float)[np.isfinite(b)] for b in bounded]) if bounded else np.array([])
    fallback = 3 * start_loss if start_loss > 0 else 1.0  # a run that starts at zero loss still gets an axis
    if len(values) == 0:
        return LossAxis(False, 0.0, fallback)
    top = float(values.max())
    if top <= 0:
        return LossAxis(False, 0.0, fallback)
    positive = values[values > 0]
    low = float(positive.min()) if len(positive) else 0.0
    if low > 0 and top / low > LOG_AXIS_SPAN:
        return LossAxis(True, float(np.floor(np.log10(low))), float(np.ceil(np.log10(top))))
    return LossAxis(False, 0.0, 1.1 * top)
