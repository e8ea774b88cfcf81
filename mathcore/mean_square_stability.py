"""The largest learning rate at which SGD with batch size B stays bounded (in mean square) on the model y = w x + b.

Each step draws a batch of B distinct samples and multiplies the error e = theta - theta* by (I - eta A_batch), with
A_batch the batch's Hessian, the mean of the per-sample Hessians a_i = 2 f_i f_i^T (f_i = (x_i, 1), MSE). The
second moment M = E[e e^T] then evolves by the linear map
  T(M) = M - eta (H M + M H) + eta^2 E[A M A],
  E[A M A] = H M H + c_B (mean_i a_i M a_i - H M H),   c_B = (N - B) / (B (N - 1)),
the finite-population law of a batch mean (as for gradients, mathcore.noise) applied to the matrices a_i. The
bound is the largest eta with spectral radius of T below 1. For B = N, c_B = 0 and it is 2 / lambda_max(H), the
full-batch bound (mathcore.stability); smaller batches have lower bounds. For logistic/BCE the per-sample
curvature sigma'(z) f f^T is at most f f^T / 4, so a_i = f_i f_i^T / 4 gives a bound that holds wherever the
parameters are.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence, Union

import numpy as np

CURVATURE_SCALE = {"mse": 2.0, "bce": 0.25}  # per-sample Hessian = scale * f f^T (BCE: its largest value)


def _symmetric_basis() -> list[np.ndarray]:
    e00 = np.array([[1.0, 0.0], [0.0, 0.0]])
    e01 = np.array([[0.0, 1.0], [1.0, 0.0]])
    e11 = np.array([[0.0, 0.0], [0.0, 1.0]])
    return [e00, e01, e11]


def _coordinates(m: np.ndarray) -> np.ndarray:
    return np.array([m[0, 0], m[0, 1], m[1, 1]])


Floats = Union[Sequence[float], np.ndarray]  # sample values: a list or a float64 array


def second_moment_maps(x: Floats, batch_size: int, loss: str = "mse") -> tuple[np.ndarray, np.ndarray]:
    """(L, Q), 3x3 matrices on symmetric 2x2 matrices: T_eta = I - eta L + eta^2 Q."""
    xs = np.asarray(x, dtype=np.float64)
    n = len(xs)
    if not 1 <= batch_size <= n:
        raise ValueError(f"batch size {batch_size} must be between 1 and {n}")
    h, spreads = _sample_moments(xs.tobytes(), loss)
    c = (n - batch_size) / (batch_size * (n - 1)) if n > 1 else 0.0
    lin, quad = np.zeros((3, 3)), np.zeros((3, 3))
    for k, (m, spread) in enumerate(zip(_symmetric_basis(), spreads)):
        lin[:, k] = _coordinates(h @ m + m @ h)
        quad[:, k] = _coordinates(h @ m @ h + c * (spread - h @ m @ h))
    return lin, quad


@lru_cache(maxsize=4)
def _sample_moments(raw: bytes, loss: str) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The mean per-sample Hessian and, per basis matrix m, the mean of A_i m A_i: the same for every batch size,
    so a study of many batch sizes on large data computes them once (keyed by the samples' bytes)."""
    xs = np.frombuffer(raw, dtype=np.float64)
    f = np.stack([xs, np.ones_like(xs)], axis=1)
    per_sample = CURVATURE_SCALE[loss] * np.einsum("ni,nj->nij", f, f)
    spreads = tuple(np.einsum("nij,jk,nkl->il", per_sample, m, per_sample) / len(xs) for m in _symmetric_basis())
    return per_sample.mean(axis=0), spreads


def spectral_radius(lin: np.ndarray, quad: np.ndarray, lr: float) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(np.eye(3) - lr * lin + lr * lr * quad))))


# All x equal leaves one direction without curvature: the error there stays put (radius exactly 1) while the loss,
# which does not depend on it, still converges; so "stable" is a radius of at most 1 up to rounding.
_RADIUS_LIMIT = 1 + 1e-9


def mean_square_stable_lr(x: Floats, batch_size: int, loss: str = "mse", tolerance: float = 1e-10) -> float:
    """The largest learning rate whose second-moment map has spectral radius below 1 (bisection)."""
    lin, quad = second_moment_maps(x, batch_size, loss)
    scale = CURVATURE_SCALE[loss]
    xs = np.asarray(x, dtype=np.float64)
    lam_max = float(np.linalg.eigvalsh(scale * np.array([[np.mean(xs * xs), np.mean(xs)], [np.mean(xs), 1.0]]))[-1])
    hi = 2.0 / lam_max  # the full-batch bound: no batch size is stable above it
    if spectral_radius(lin, quad, hi * (1 - 1e-12)) < _RADIUS_LIMIT:
        return hi
    lo = 0.0
    while hi - lo > tolerance * hi:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if spectral_radius(lin, quad, mid) < _RADIUS_LIMIT else (lo, mid)
    return lo
