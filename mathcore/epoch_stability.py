"""The mean-square stability bound of shuffled-epoch SGD: the per-epoch second-moment map.

The study (mathcore.batch_size_study) draws its batches as practitioners do: a fresh random order of the data
every epoch, cut into consecutive batches of B (the last one shorter when B does not divide N). Within an epoch the
batches are not independent (no sample is seen twice), so the i.i.d.-batch bound of mathcore.mean_square_stability
does not describe it: shuffled SGD tolerates larger rates. Over one epoch the error e = theta - theta* is multiplied
by P = (I - eta A_J) ... (I - eta A_1), A_j the Hessian of the j-th batch (mean of a_i = scale f_i f_i^T), so its
second moment M = E[e e^T] evolves by the linear map
  T_epoch(M) = E_order[P M P^T],
the mean over every order of the epoch. The bound is the smallest eta > 0 at which the spectral radius of T_epoch
reaches 1. The mean is exact (every distinct sequence of batches enumerated, each equally likely) when there are
at most EXACT_ORDERS of them; otherwise it is a Monte Carlo mean over MONTE_CARLO_ORDERS random orders, and the
bound carries a standard error (from the spread of the radius over MONTE_CARLO_GROUPS independent groups of orders,
divided by the slope of the radius in eta). With more than MAX_EPOCH_STEPS batches per epoch the map is not
computed (a product of that many random matrices is too costly to average well in a lesson's time budget), nor
when fewer than MIN_MONTE_CARLO_ORDERS orders fit in MONTE_CARLO_SAMPLES drawn samples (large data, where the
within-epoch correlation is weak and the two bounds differ little).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal, Optional

import numpy as np

from mathcore.mean_square_stability import _RADIUS_LIMIT, CURVATURE_SCALE, Floats, mean_square_stable_lr

EXACT_ORDERS = 50_000  # enumerate every batch sequence of an epoch up to this many (the seed's B = 1: 8! = 40,320)
MONTE_CARLO_ORDERS = 2_000  # else sample this many random orders (seeded: the same data gives the same bound)
MONTE_CARLO_GROUPS = 8  # independent groups whose spread gives the Monte Carlo error
MAX_EPOCH_STEPS = 64  # more batches per epoch than this: the per-epoch map is not computed
MONTE_CARLO_SAMPLES = 400_000  # orders x samples drawn at most (memory and time); fewer orders for larger data
MIN_MONTE_CARLO_ORDERS = 200  # below this many orders the mean is too rough: the map is not computed
SCAN_RATIO = 2 ** (1 / 4)  # the upward scan for the first unstable rate moves by this factor
SCAN_LIMIT = 16.0  # ... up to this multiple of the i.i.d. bound

Method = Literal["exact", "monte_carlo", "not_computed"]


@dataclass(frozen=True)
class EpochBound:
    """The shuffled-epoch bound, how it was computed, and its uncertainty."""

    lr: Optional[float]
    """The bound; None when not computed (too many batches per epoch)."""
    method: Method
    orders: int
    """Orders averaged: all of them (exact) or the sample size (Monte Carlo)."""
    standard_error: float
    """0 when exact; the Monte Carlo standard error of ``lr`` otherwise."""


def epoch_order_count(n: int, batch_size: int) -> int:
    """Distinct batch sequences of one epoch: N! / prod(|batch_j|!) (a multinomial coefficient); any number above
    EXACT_ORDERS stands for "more than can be enumerated"."""
    sizes = _batch_lengths(n, batch_size)
    if math.lgamma(n + 1) - sum(math.lgamma(s + 1) for s in sizes) > math.log(EXACT_ORDERS) + 1:
        return EXACT_ORDERS + 1  # far more than can be enumerated: the exact count is not needed
    count = math.factorial(n)
    for s in sizes:
        count //= math.factorial(s)
    return count


def _batch_lengths(n: int, batch_size: int) -> list[int]:
    return [min(batch_size, n - k) for k in range(0, n, batch_size)]


def _all_orders(n: int, batch_size: int) -> np.ndarray:
    """Every ordered partition of range(n) into consecutive batches of the epoch's lengths, one order a row (each
    batch's positions ascending), in lexicographic order of the batches: built batch by batch in numpy (a
    recursive generator took about 1 s for the seed's 8! orders)."""
    orders = np.zeros((1, 0), dtype=np.int64)
    left = np.arange(n, dtype=np.int64)[None, :]  # per partial order, its remaining positions (ascending)
    for size in _batch_lengths(n, batch_size):
        r = left.shape[1]
        combos = np.array(list(itertools.combinations(range(r), size)), dtype=np.int64).reshape(-1, size)
        keep = np.ones((len(combos), r), dtype=bool)
        keep[np.arange(len(combos))[:, None], combos] = False
        rest = np.nonzero(keep)[1].reshape(len(combos), r - size)  # the complement of each choice, ascending
        orders = np.concatenate([np.repeat(orders, len(combos), axis=0), left[:, combos].reshape(-1, size)], axis=1)
        left = left[:, rest].reshape(len(orders), r - size)
    return orders


def _batch_hessians(per_sample: np.ndarray, orders: np.ndarray, sizes: list[int]) -> np.ndarray:
    """(orders, batches, 2, 2): each batch's Hessian, the mean of its samples' a_i (orders: K x N positions)."""
    starts = np.cumsum([0] + sizes[:-1])
    gathered = per_sample[orders]  # K x N x 2 x 2
    return np.add.reduceat(gathered, starts, axis=1) / np.array(sizes, dtype=np.float64)[None, :, None, None]


_BASIS = np.array([[[1.0, 0.0], [0.0, 0.0]], [[0.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]]])


def epoch_map(hessians: np.ndarray, lr: float) -> np.ndarray:
    """The 3x3 matrix of T_epoch on (m00, m01, m11), averaged over the given orders' batch Hessians."""
    k = hessians.shape[0]
    a, b, c, d = np.ones(k), np.zeros(k), np.zeros(k), np.ones(k)  # P = [[a, b], [c, d]], built step by step
    for j in range(hessians.shape[1]):
        h = hessians[:, j]
        s00, s01, s10, s11 = 1 - lr * h[:, 0, 0], -lr * h[:, 0, 1], -lr * h[:, 1, 0], 1 - lr * h[:, 1, 1]
        a, b, c, d = s00 * a + s01 * c, s00 * b + s01 * d, s10 * a + s11 * c, s10 * b + s11 * d
    # P E Pᵀ for the basis E00, E01 + E10, E11, in coordinates (m00, m01, m11)
    columns = ((a * a, a * c, c * c), (2 * a * b, a * d + b * c, 2 * c * d), (b * b, b * d, d * d))
    matrix: np.ndarray = np.array([[float(np.mean(v)) for v in col] for col in columns]).T
    return matrix


def _radius(hessians: np.ndarray, lr: float) -> float:
    with np.errstate(all="ignore"):
        value = float(np.max(np.abs(np.linalg.eigvals(epoch_map(hessians, lr)))))
    return value if math.isfinite(value) else math.inf


def _first_unstable(hessians: np.ndarray, start: float, tolerance: float = 1e-6) -> Optional[float]:
    """The smallest rate above ``start``'s stable region where the radius reaches 1 (scan up, then bisect)."""
    lo = start
    while _radius(hessians, lo) >= _RADIUS_LIMIT and lo > start / 64:
        lo /= SCAN_RATIO  # the scan starts inside the stable region
    hi = lo * SCAN_RATIO
    while _radius(hessians, hi) < _RADIUS_LIMIT:
        lo, hi = hi, hi * SCAN_RATIO
        if hi > SCAN_LIMIT * start:
            return None
    while hi - lo > tolerance * hi:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _radius(hessians, mid) < _RADIUS_LIMIT else (lo, mid)
    return lo


def epoch_stable_lr(x: Floats, batch_size: int, loss: str = "mse",
                    iid: Optional[float] = None) -> EpochBound:
    """The mean-square stability bound of shuffled-epoch SGD with batch size ``batch_size`` (see the module)."""
    xs = np.asarray(x, dtype=np.float64)
    n = len(xs)
    sizes = _batch_lengths(n, batch_size)
    samples_per_order = min(MONTE_CARLO_ORDERS, MONTE_CARLO_SAMPLES // n)
    if len(sizes) > MAX_EPOCH_STEPS or (epoch_order_count(n, batch_size) > EXACT_ORDERS
                                        and samples_per_order < MIN_MONTE_CARLO_ORDERS):
        return EpochBound(None, "not_computed", 0, math.nan)
    f = np.stack([xs, np.ones_like(xs)], axis=1)
    per_sample = CURVATURE_SCALE[loss] * np.einsum("ni,nj->nij", f, f)
    iid = mean_square_stable_lr(xs, batch_size, loss) if iid is None else iid
    count = epoch_order_count(n, batch_size)
    if count <= EXACT_ORDERS:
        orders = _all_orders(n, batch_size)
        bound = _first_unstable(_batch_hessians(per_sample, orders, sizes), 0.5 * iid)
        return EpochBound(bound, "exact", count, 0.0)
    rng = np.random.default_rng(0)
    orders = np.stack([rng.permutation(n) for _ in range(samples_per_order)])
    hessians = _batch_hessians(per_sample, orders, sizes)
    bound = _first_unstable(hessians, 0.5 * iid)
    if bound is None:
        return EpochBound(None, "monte_carlo", len(orders), math.nan)
    # error: the groups' radii at the bound spread around 1; divided by the radius's slope in eta there
    groups = np.array_split(hessians, MONTE_CARLO_GROUPS)
    radii = [_radius(g, bound) for g in groups]
    step = bound * 1e-3
    slope = (_radius(hessians, bound + step) - _radius(hessians, bound - step)) / (2 * step)
    spread = float(np.std(radii, ddof=1) / math.sqrt(MONTE_CARLO_GROUPS))
    error = spread / slope if slope > 0 else math.inf
    return EpochBound(bound, "monte_carlo", len(orders), float(error))
