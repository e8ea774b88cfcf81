"""The bump model y_hat = w exp(-(x - b)^2) with squared error, vectorised in float64.

Loss, gradient and Hessian over the samples, for many (w, b) at once (the basin study moves hundreds of runs
together) and for one point (the minima search). The per-sample terms match mathcore.models.BumpMSE.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Floats = Any  # a float or a float64 array: every function here broadcasts


def predictions(w: npt.ArrayLike, b: npt.ArrayLike, x: Floats) -> Floats:
    """w exp(-(x - b)^2) for broadcastable arrays w, b (shape S) and samples x (last axis)."""
    w, b = np.asarray(w, dtype=np.float64)[..., None], np.asarray(b, dtype=np.float64)[..., None]
    return w * np.exp(-(x - b) ** 2)


def loss(w: npt.ArrayLike, b: npt.ArrayLike, x: Floats, y: Floats) -> Floats:
    """Mean of (y_hat - y)^2 over the samples, for each (w, b)."""
    return np.mean((predictions(w, b, x) - y) ** 2, axis=-1)


def gradient(w: npt.ArrayLike, b: npt.ArrayLike, x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """(dL/dw, dL/db), each of the shape of w and b, the mean over the samples on the last axis of x, y."""
    w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
    d = x - b[..., None]
    e = np.exp(-d * d)
    r = w[..., None] * e - y
    return np.mean(2 * r * e, axis=-1), np.mean(4 * r * w[..., None] * d * e, axis=-1)


def hessian(w: float, b: float, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The 2x2 Hessian of the mean loss at one point (w, b), exact formulas in float64."""
    d = x - b
    e = np.exp(-d * d)
    r = w * e - y
    de = 2 * d * e  # d e / d b
    d2e = (4 * d * d - 2) * e  # d2 e / d b2
    hww = np.mean(2 * e * e)
    hwb = np.mean(2 * w * e * de + 2 * r * de)
    hbb = np.mean(2 * (w * de) ** 2 + 2 * r * w * d2e)
    return np.array([[hww, hwb], [hwb, hbb]])


def hessians(w: npt.ArrayLike, b: npt.ArrayLike, x: Floats, y: Floats) -> tuple[Floats, Floats, Floats]:
    """(d2L/dw2, d2L/dw db, d2L/db2) for many (w, b) at once (shape S; samples on the last axis of x, y): the
    entries of ``hessian`` at every point, the same formulas."""
    w, b = np.asarray(w, dtype=np.float64)[..., None], np.asarray(b, dtype=np.float64)[..., None]
    d = x - b
    e = np.exp(-d * d)
    r = w * e - y
    de = 2 * d * e
    d2e = (4 * d * d - 2) * e
    return (np.mean(2 * e * e, axis=-1), np.mean(2 * w * e * de + 2 * r * de, axis=-1),
            np.mean(2 * (w * de) ** 2 + 2 * r * w * d2e, axis=-1))
