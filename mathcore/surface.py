"""The loss over a (w, b) grid.

Linear/MSE uses sufficient statistics (sums of x, y, x^2, xy, y^2), so the
cost is independent of the number of samples once they are summed; other
models are evaluated vectorised over samples and grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mathcore import bump
from mathcore.bump import Floats
from mathcore.problem import Problem

MAX_GRID_CELLS = 4_000_000


@dataclass(frozen=True)
class LossSurface:
    w: np.ndarray  # 1-D, length nw
    b: np.ndarray  # 1-D, length nb
    loss: np.ndarray  # shape (nb, nw): loss[j, i] at (w[i], b[j])

    def __post_init__(self) -> None:
        for a in (self.w, self.b, self.loss):
            a.setflags(write=False)


@dataclass(frozen=True)
class SufficientStats:
    n: int
    sx: float
    sy: float
    sxx: float
    sxy: float
    syy: float

    @classmethod
    def of(cls, x: npt.ArrayLike, y: npt.ArrayLike) -> "SufficientStats":
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        return cls(len(x), float(x.sum()), float(y.sum()), float(x @ x), float(x @ y), float(y @ y))

    def mse(self, w: Floats, b: Floats) -> Floats:
        """Mean of (w x + b - y)^2, for scalars or broadcast arrays w, b."""
        n = self.n
        return (w * w * self.sxx + 2 * w * b * self.sx + b * b * n
                - 2 * w * self.sxy - 2 * b * self.sy + self.syy) / n


def _grid(w_range: tuple[float, float], b_range: tuple[float, float],
          shape: tuple[int, int]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    nw, nb = shape
    if nw * nb > MAX_GRID_CELLS:
        raise ValueError(f"grid {nw}x{nb} is larger than {MAX_GRID_CELLS} cells")
    return np.linspace(*w_range, nw), np.linspace(*b_range, nb)


def loss_surface(problem: Problem, w_range: tuple[float, float], b_range: tuple[float, float],
                 shape: tuple[int, int] = (128, 128),
                 arrays: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None) -> LossSurface:
    """Loss on an nw x nb grid. ``arrays`` = (x, y) float arrays, to skip converting the Fractions."""
    w, b = _grid(w_range, b_range, shape)
    if arrays is None:
        arrays = (np.array([float(v) for v in problem.data.x]), np.array([float(v) for v in problem.data.y]))
    x, y = arrays
    W, Bm = np.meshgrid(w, b)
    if problem.model == "linear":
        loss = SufficientStats.of(x, y).mse(W, Bm)
    elif problem.model == "bump":
        loss = bump.loss(W, Bm, x, y)
    else:
        loss = np.zeros_like(W)
        for start in range(0, len(x), 4096):  # bounded memory: chunks of samples
            xs, ys = x[start:start + 4096], y[start:start + 4096]
            z = W[..., None] * xs + Bm[..., None]
            loss += (np.logaddexp(0.0, z) - ys * z).sum(axis=-1)
        loss /= len(x)
    return LossSurface(w, b, loss)


def loss_function(problem: Problem) -> Callable[[float, float], float]:
    """A fast float function (w, b) -> whole-dataset loss, for drawing surfaces point by point."""
    x = np.array([float(v) for v in problem.data.x])
    y = np.array([float(v) for v in problem.data.y])
    if problem.model == "linear":
        stats = SufficientStats.of(x, y)
        return lambda w, b: float(stats.mse(w, b))
    if problem.model == "bump":
        return lambda w, b: float(bump.loss(w, b, x, y))

    def bce(w: float, b: float) -> float:
        z = w * x + b
        return float(np.mean(np.logaddexp(0.0, z) - y * z))

    return bce
