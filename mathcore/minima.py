"""The minima of a non-convex loss in (w, b), found by a documented search, each with its loss and sharpness.

The search: gradient descent (rate SEARCH_RATE, SEARCH_STEPS steps) from every point of a SEARCH_STARTS x
SEARCH_STARTS grid over the given window, then Newton's method polishes each end point; a point is a minimum when
its gradient norm is below GRADIENT_TOLERANCE and its Hessian's smallest eigenvalue is positive (above
CURVATURE_FLOOR: a flat direction is a valley, not an isolated minimum), and it lies inside the window widened by
half its size. Points closer than SAME_POINT are one minimum. A point lies in a minimum's basin when full-batch
gradient descent from it reaches that minimum (basin_of). Sharpness is the Hessian's largest eigenvalue: full-batch
gradient descent at rate lr is stable at a minimum only when lr < 2 / sharpness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import bump

SEARCH_STARTS = 15
SEARCH_RATE = 0.1
SEARCH_STEPS = 400
NEWTON_STEPS = 30
GRADIENT_TOLERANCE = 1e-9
CURVATURE_FLOOR = 1e-6
SAME_POINT = 1e-5
BASIN_STEPS = 3000  # full-batch descent that decides which basin a point lies in
BASIN_TOLERANCE = 1e-3  # ... it lies in minimum k's basin when that descent ends this close to it (in w and in b)


@dataclass(frozen=True)
class Minimum:
    """One isolated minimum of the whole-data loss."""

    w: float
    b: float
    loss: float
    sharpness: float  # the Hessian's largest eigenvalue
    flatness_rank: int = 0  # 0 for the flattest minimum, 1 for the next, ...

    @property
    def stable_rate(self) -> float:
        """The largest learning rate at which full-batch gradient descent stays at this minimum: 2 / sharpness."""
        return 2.0 / self.sharpness


def find_minima(x: np.ndarray, y: np.ndarray, w_range: tuple[float, float],
                b_range: tuple[float, float]) -> tuple[Minimum, ...]:
    """Every minimum the search finds (see the module docstring), flattest first."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    W, B = np.meshgrid(np.linspace(*w_range, SEARCH_STARTS), np.linspace(*b_range, SEARCH_STARTS))
    w, b = W.ravel(), B.ravel()
    with np.errstate(all="ignore"):
        for _ in range(SEARCH_STEPS):  # all starts move together
            gw, gb = bump.gradient(w, b, x, y)
            w, b = w - SEARCH_RATE * gw, b - SEARCH_RATE * gb
    wide = (w_range[1] - w_range[0]) / 2, (b_range[1] - b_range[0]) / 2
    found: list[tuple[float, float]] = []
    for p in _newton(w, b, x, y):
        if not np.all(np.isfinite(p)):
            continue
        g = np.array([float(v) for v in bump.gradient(p[0], p[1], x, y)])
        eig = np.linalg.eigvalsh(bump.hessian(p[0], p[1], x, y))
        inside = (w_range[0] - wide[0] <= p[0] <= w_range[1] + wide[0]
                  and b_range[0] - wide[1] <= p[1] <= b_range[1] + wide[1])
        if np.linalg.norm(g) < GRADIENT_TOLERANCE and eig[0] > CURVATURE_FLOOR and inside:
            if not any(abs(p[0] - q[0]) < SAME_POINT and abs(p[1] - q[1]) < SAME_POINT for q in found):
                found.append((float(p[0]), float(p[1])))
    minima = []
    for pw, pb in found:
        sharp = float(np.linalg.eigvalsh(bump.hessian(pw, pb, x, y))[-1])
        minima.append((sharp, pw, pb, float(bump.loss(pw, pb, x, y))))
    minima.sort()
    return tuple(Minimum(pw, pb, lo, sh, k) for k, (sh, pw, pb, lo) in enumerate(minima))


def _newton(w: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Newton's method from every (w, b) at once, NEWTON_STEPS steps: (S, 2) end points. A point stops where it
    is no longer finite or its Hessian is singular (the step is undefined), as one point at a time would."""
    p = np.stack([w, b], axis=1)
    moving = np.ones(len(p), dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(NEWTON_STEPS):
            moving &= np.isfinite(p).all(axis=1)
            if not moving.any():
                break
            at = np.flatnonzero(moving)
            gw, gb = bump.gradient(p[at, 0], p[at, 1], x, y)
            hww, hwb, hbb = bump.hessians(p[at, 0], p[at, 1], x, y)
            det = hww * hbb - hwb * hwb
            solvable = det != 0
            step = np.stack([hbb * gw - hwb * gb, hww * gb - hwb * gw], axis=1) / det[:, None]  # H^-1 g, 2x2
            p[at[solvable]] -= step[solvable]
            moving[at[~solvable]] = False
    return p


def basin_of(minima: tuple[Minimum, ...], w: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Index of the minimum whose basin each (w, b) lies in, or -1: full-batch gradient descent from the point
    (BASIN_STEPS steps at a rate below 1 / the largest sharpness, so stable at every minimum) ends within
    BASIN_TOLERANCE of that minimum. A point still wandering (on a plateau, near a saddle) is -1."""
    rate = min(SEARCH_RATE, 1.0 / max(m.sharpness for m in minima))
    w, b = np.array(w, dtype=np.float64), np.array(b, dtype=np.float64)
    with np.errstate(all="ignore"):
        for _ in range(BASIN_STEPS):
            gw, gb = bump.gradient(w, b, x, y)
            w, b = w - rate * gw, b - rate * gb
    found: np.ndarray = np.full(w.shape, -1)
    for k, m in enumerate(minima):
        found[(np.abs(w - m.w) < BASIN_TOLERANCE) & (np.abs(b - m.b) < BASIN_TOLERANCE)] = k
    return found


def nearest(minima: tuple[Minimum, ...], w: np.ndarray, b: np.ndarray, scale: tuple[float, float]) -> np.ndarray:
    """Index of the minimum nearest each (w, b), distances measured in units of ``scale`` (the window's size)."""
    d = [((w - m.w) / scale[0]) ** 2 + ((b - m.b) / scale[1]) ** 2 for m in minima]
    index: np.ndarray = np.argmin(np.stack(d), axis=0)
    return index
