"""How noisy is a minibatch gradient? Mean and covariance over every batch of size B.

Batches are drawn without replacement from a population of N per-sample
gradients g_i (at one point (w, b)). The minibatch mean gradient has
  E[g_B] = g_bar (the full-batch gradient),
  Cov[g_B] = (N - B) / (B (N - 1)) * S,   S = (1/N) sum (g_i - g_bar)(g_i - g_bar)^T,
the finite-population correction of sampling theory. ``enumerate_noise``
checks this by listing every one of the C(N, B) batches (small N only).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence, TypeVar

import numpy as np

from mathcore.models import get_model
from mathcore.problem import Number, Problem

Vector = tuple[Number, Number]
T = TypeVar("T")
Matrix = tuple[tuple[Number, Number], tuple[Number, Number]]
MAX_ENUMERATED_BATCHES = 200_000
# Above this many samples the per-sample gradients are float64: exact sums over a large
# population cost seconds, and a picture of 10^5 gradients shows nothing exact anyway.
MAX_EXACT_POPULATION = 2_000
MAX_DRAWN_POPULATION = 400  # the poll picture draws at most this many samples


def comb_exceeds(n: int, k: int, limit: int) -> bool:
    """Whether C(n, k) > limit, without computing a huge binomial (C(10^5, 5x10^4) has 30,000 digits)."""
    k = min(k, n - k)
    c = 1
    for i in range(k):
        c = c * (n - i) // (i + 1)
        if c > limit:
            return True
    return False


def batch_count(n: int, size: int, limit: int = 10**15) -> int | None:
    """C(n, size), the number of different batches of ``size`` from ``n`` samples; None when above ``limit``."""
    return None if comb_exceeds(n, size, limit) else math.comb(n, size)


def drawn_population(values: Sequence[T], max_points: int = MAX_DRAWN_POPULATION, seed: int = 0) -> list[T]:
    """The values to draw one dot each for: all of them, or ``max_points`` chosen by default_rng(seed)."""
    if len(values) <= max_points:
        return list(values)

    chosen = np.sort(np.random.default_rng(seed).choice(len(values), size=max_points, replace=False))
    return [values[int(i)] for i in chosen]


@dataclass(frozen=True)
class GradientNoise:
    batch_size: int
    population: int
    mean: Vector
    covariance: Matrix
    factor: Number  # (N - B) / (B (N - 1)): how much smaller than one sample's covariance

    @property
    def total_variance(self) -> Number:
        return self.covariance[0][0] + self.covariance[1][1]


def per_sample_gradients(problem: Problem, w: Number, b: Number, repeat: int = 1) -> list[Vector]:
    """Each sample's gradient at (w, b); the dataset repeated ``repeat`` times.

    Exact for exact models on at most MAX_EXACT_POPULATION samples, float64 otherwise.
    """
    model = get_model(problem.model, problem.loss)
    if model.exact and len(problem.data) > MAX_EXACT_POPULATION:
        x = np.array([float(v) for v in problem.data.x])
        y = np.array([float(v) for v in problem.data.y])
        r = float(w) * x + float(b) - y
        one = list(zip((2 * r * x).tolist(), (2 * r).tolist()))
        return one * repeat
    samples = [model.sample(w, b, x, y) for x, y in zip(problem.data.x, problem.data.y)]
    return [(s.grad_w, s.grad_b) for s in samples] * repeat


def mean_and_covariance(vectors: Sequence[Vector]) -> tuple[Vector, Matrix]:
    """Mean and covariance (divided by N) of 2-vectors: exact for fractions, numpy for floats."""
    n = len(vectors)
    if not isinstance(vectors[0][0], Fraction):  # float64: numpy, not Python sums

        a = np.array(vectors, dtype=np.float64)
        m = a.mean(axis=0)
        c = (a - m).T @ (a - m) / n
        return (float(m[0]), float(m[1])), ((float(c[0, 0]), float(c[0, 1])), (float(c[1, 0]), float(c[1, 1])))
    mw = sum(v[0] for v in vectors) / n
    mb = sum(v[1] for v in vectors) / n
    cww = sum((v[0] - mw) ** 2 for v in vectors) / n
    cwb = sum((v[0] - mw) * (v[1] - mb) for v in vectors) / n
    cbb = sum((v[1] - mb) ** 2 for v in vectors) / n
    return (mw, mb), ((cww, cwb), (cwb, cbb))


def minibatch_noise(gradients: Sequence[Vector], batch_size: int) -> GradientNoise:
    """Closed form with the finite-population factor."""
    n = len(gradients)
    if not 1 <= batch_size <= n:
        raise ValueError(f"batch size {batch_size} must be between 1 and {n}")
    mean, s = mean_and_covariance(gradients)
    exact = isinstance(mean[0], Fraction)
    factor: Number = Fraction(n - batch_size, batch_size * (n - 1)) if n > 1 else Fraction(0)
    if not exact:
        factor = float(factor)
    cov: Matrix = ((factor * s[0][0], factor * s[0][1]), (factor * s[1][0], factor * s[1][1]))
    return GradientNoise(batch_size, n, mean, cov, factor)


def enumerate_noise(gradients: Sequence[Vector], batch_size: int) -> GradientNoise:
    """Mean and covariance of the batch-mean gradient over every batch, listed one by one."""
    n = len(gradients)
    if comb_exceeds(n, batch_size, MAX_ENUMERATED_BATCHES):
        raise ValueError(f"C({n}, {batch_size}) batches is too many to enumerate; use minibatch_noise")
    means = []
    for batch in itertools.combinations(range(n), batch_size):
        means.append((sum(gradients[i][0] for i in batch) / batch_size,
                      sum(gradients[i][1] for i in batch) / batch_size))
    mean, cov = mean_and_covariance(means)
    factor = Fraction(n - batch_size, batch_size * (n - 1)) if n > 1 else Fraction(0)
    return GradientNoise(batch_size, n, mean, cov, factor)


def batch_gradients(gradients: Sequence[Vector], batch_size: int) -> list[Vector]:
    """The mean gradient of every batch of size B (the cloud drawn around the full gradient)."""
    return [(sum(gradients[i][0] for i in batch) / batch_size, sum(gradients[i][1] for i in batch) / batch_size)
            for batch in itertools.combinations(range(len(gradients)), batch_size)]


@dataclass(frozen=True)
class Ellipse:
    """The k-sigma ellipse of a 2-D covariance: semi-axes along the eigenvectors."""

    semi_major: float
    semi_minor: float
    angle: float  # radians, of the major axis against the dw axis


def covariance_ellipse(covariance: Matrix, k: float = 2.0) -> Ellipse:
    cov = np.array([[float(v) for v in row] for row in covariance])
    values, vectors = np.linalg.eigh(cov)
    values = np.clip(values, 0.0, None)
    major = vectors[:, 1]
    return Ellipse(k * float(np.sqrt(values[1])), k * float(np.sqrt(values[0])),
                   float(np.arctan2(major[1], major[0])))


def finite_population_factor(population: int, batch_size: int) -> Fraction:
    """(N - B) / (B (N - 1)): the variance of a batch mean relative to one sample's."""
    if population < 2:
        return Fraction(0)
    return Fraction(population - batch_size, batch_size * (population - 1))


def batch_gradient_cloud(gradients: Sequence[Vector], batch_size: int, max_points: int = 300,
                         seed: int = 0) -> list[Vector]:
    """Batch-mean gradients to draw: every batch when there are at most ``max_points``,
    else ``max_points`` batches drawn without replacement by numpy.random.default_rng(seed)."""
    n = len(gradients)
    if not comb_exceeds(n, batch_size, max_points):
        return batch_gradients(gradients, batch_size)

    rng = np.random.default_rng(seed)
    exact = isinstance(gradients[0][0], Fraction)
    table = None if exact else np.array(gradients, dtype=np.float64)
    cloud = []
    for _ in range(max_points):
        batch = rng.choice(n, size=batch_size, replace=False)
        if exact:
            cloud.append((sum(gradients[i][0] for i in batch) / batch_size,
                          sum(gradients[i][1] for i in batch) / batch_size))
        else:
            assert table is not None  # float gradients
            mean = table[batch].mean(axis=0)
            cloud.append((float(mean[0]), float(mean[1])))
    return cloud


def direction_spread(gradients: Sequence[Vector], reference: Vector) -> float:
    """The widest angle between a step direction -g and the reference's -g_ref, in degrees (0 .. 180).

    The foggy forest: each batch is a passer-by pointing the way down; this says how far apart their
    directions fan out around the whole data's.
    """
    rx, ry = float(reference[0]), float(reference[1])
    base = math.atan2(-ry, -rx)
    widest = 0.0
    for g in gradients:
        gx, gy = float(g[0]), float(g[1])
        if gx == 0 and gy == 0:
            continue
        diff = (math.atan2(-gy, -gx) - base + math.pi) % (2 * math.pi) - math.pi
        widest = max(widest, abs(diff))
    return math.degrees(widest)  # a float, shown approximate ("≈5.7"), not a tenth handed on as exact


def typical_deviation(gradients: Sequence[Vector], reference: Vector) -> float:
    """The mean angle between a step direction -g and the reference's -g_ref, in degrees (0 .. 180).

    Beside direction_spread's widest angle, which one stray batch decides: two batch sizes can share their widest
    angle while most of the larger one's directions lie closer to the reference.
    """
    rx, ry = float(reference[0]), float(reference[1])
    base = math.atan2(-ry, -rx)
    angles = [abs((math.atan2(-float(g[1]), -float(g[0])) - base + math.pi) % (2 * math.pi) - math.pi)
              for g in gradients if not (g[0] == 0 and g[1] == 0)]
    if not angles:
        return 0
    return math.degrees(sum(angles) / len(angles))


def angle_to_target(gradient: Vector, start: Vector, target: Vector) -> float:
    """The angle between the steepest way down -g at ``start`` and the straight line from ``start`` to ``target``
    (the optimum), in degrees: on an elongated valley the steepest way is not the way to the bottom."""
    gx, gy = -float(gradient[0]), -float(gradient[1])
    tx, ty = float(target[0]) - float(start[0]), float(target[1]) - float(start[1])
    if (gx == 0 and gy == 0) or (tx == 0 and ty == 0):
        return 0
    diff = (math.atan2(gy, gx) - math.atan2(ty, tx) + math.pi) % (2 * math.pi) - math.pi
    return math.degrees(abs(diff))
