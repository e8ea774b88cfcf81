"""Where the whole-data loss is smallest, or why there is no single such point.

Linear/MSE: the normal equations, exactly. Bump/MSE (non-convex): the lowest minimum a search finds
(mathcore.minima). Logistic/BCE: Newton's method in
float64; it has a finite minimiser only when the classes overlap. In one
dimension the data are (quasi-)separable, and the loss keeps falling as |w|
grows without end, exactly when every sample that carries some label 0
(y < 1) lies on one side of (or at) every sample that carries some label 1
(y > 0). With all x equal only w*x + b is determined, so no point is unique.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Optional, Sequence

import numpy as np

from mathcore.minima import find_minima
from mathcore.problem import Number, Params, Problem
from mathcore.stability import least_squares_optimum

if TYPE_CHECKING:
    from mathcore.minima import Minimum

NoOptimum = Literal["", "separable", "not_unique"]


@dataclass(frozen=True)
class Optimum:
    params: Optional[Params]  # None when there is no unique finite optimum
    reason: NoOptimum = ""  # why not: the classes are separable, or the optimum is not unique
    # empty: a convex loss's optimum (closed form or Newton); else a non-convex loss's minima a search found
    # (mathcore.minima, flattest first), params the lowest of them: not a proof that nothing lies lower (bump model)
    minima: tuple[Minimum, ...] = ()

    @property
    def minima_found(self) -> int:
        return len(self.minima)


def logistic_separable(x: Sequence[Number], y: Sequence[Number]) -> bool:
    """True when no finite (w, b) minimises the binary cross-entropy (see the module docstring)."""
    zeros = [float(a) for a, t in zip(x, y) if t < 1]
    ones = [float(a) for a, t in zip(x, y) if t > 0]
    if not zeros or not ones:
        return True
    return max(zeros) <= min(ones) or max(ones) <= min(zeros)


def logistic_newton(x: Sequence[Number], y: Sequence[Number], iterations: int = 100) -> Params:
    """Newton's method with backtracking on the mean BCE of sigmoid(w x + b); data must overlap."""
    xs = np.array([float(v) for v in x])
    ys = np.array([float(v) for v in y])
    features = np.stack([xs, np.ones_like(xs)], axis=1)

    def loss(theta: np.ndarray) -> float:
        z = features @ theta
        return float(np.mean(np.logaddexp(0.0, z) - ys * z))

    theta = np.zeros(2)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(features @ theta)))
        grad = features.T @ (p - ys) / len(xs)
        if float(np.max(np.abs(grad))) < 1e-13:
            break
        hess = (features * (p * (1 - p))[:, None]).T @ features / len(xs)
        step = np.linalg.solve(hess, grad)
        t, current = 1.0, loss(theta)
        while loss(theta - t * step) > current and t > 1e-8:
            t /= 2
        theta = theta - t * step
    return Params(float(theta[0]), float(theta[1]))


def find_optimum(problem: Problem) -> Optimum:
    x, y = problem.data.x, problem.data.y
    if all(v == x[0] for v in x):
        return Optimum(None, "not_unique")
    if problem.model == "linear":
        return Optimum(least_squares_optimum(x, y))
    if problem.model == "bump":
        return bump_optimum(x, y)
    if logistic_separable(x, y):
        return Optimum(None, "separable")
    found = logistic_newton(x, y)
    if not (math.isfinite(found.w) and math.isfinite(found.b)):
        return Optimum(None, "separable")
    return Optimum(found)


def bump_search_window(x: Sequence[Number], y: Sequence[Number]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where the bump model's minima are searched when no window is given: heights up to twice the largest |y|
    (either sign), positions over the data's x widened by 1 (the bump's width) on each side."""
    top = 2 * max(abs(float(v)) for v in y) or 1.0
    return (-top, top), (float(min(x)) - 1, float(max(x)) + 1)


def bump_optimum(x: Sequence[Number], y: Sequence[Number]) -> Optimum:
    """The bump model's lowest minimum found by mathcore.minima over bump_search_window (non-convex: the lowest of
    those found, not a proof of the global minimum)."""
    w_range, b_range = bump_search_window(x, y)
    found = find_minima(np.array([float(v) for v in x]), np.array([float(v) for v in y]), w_range, b_range)
    if not found:
        return Optimum(None, "not_unique")
    best = min(found, key=lambda m: m.loss)
    return Optimum(Params(best.w, best.b), minima=tuple(found))


NEAR_FRACTION = 0.1  # "close to the optimum": at most this share of the starting excess loss is left


def came_close(start_loss: float, final_loss: float, optimum_loss: float, fraction: float = NEAR_FRACTION) -> bool:
    """Whether a run ended with at most ``fraction`` of its starting excess over the optimum's loss left."""
    excess = start_loss - optimum_loss
    return excess <= 0 or final_loss - optimum_loss <= fraction * excess
