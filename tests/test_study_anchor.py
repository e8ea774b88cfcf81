"""Anchor: the study's measurement on a problem whose noise scale is known by construction.

A quadratic L(θ) = ½ θᵀHθ in d = 64 dimensions, H = I, with Gaussian per-sample gradient noise of covariance
Σ(θ) = β (GᵀHG / tr H) I, so that McCandlish et al.'s B_noise = tr(HΣ) / (GᵀHG) equals β = 16 at every point of
every path (checked below). SGD with batch size B adds noise of covariance Σ / B. The runs are simulated here, in
plain numpy; what is under test is the study's measurement: the tuning per batch size (fewest median steps over the
seeds, ties to the larger rate, on the study's grid ratio), the bootstrap interval (mathcore.batch_size_study) and
the fit S = S_min (1 + B_crit / B) with its interval (mathcore.critical_batch).

What theory says, and what this test holds the measurement to:
- Linear scaling (Goyal et al. 2017): well below B_noise the best rate grows in proportion to B and the samples to
  the target stay about constant. Here: for B ≤ β / 2 the tuned rate doubles with B within one grid step, and the
  samples stay within 25% of those of B = 1.
- McCandlish's S = S_min (1 + B_noise / B) is derived for small steps at the per-step optimal rate. With a fixed
  rate per run and whole steps the relation holds only in its asymptotes: for B ≪ β the steps are
  ln(r) (β / B + ½) (E|e|² shrinks by (1 − u)² + u² β / B per step, u = ηh, best u = B / (B + β)), so the fitted
  critical batch size is of the order of B_noise but not equal to it (the ½ step of discreteness doubles it, and the
  large-B steps are too few to fix S_min). The test asserts the fitted value and its whole 90% interval lie between
  B_noise and 3 B_noise, and that the value predicted by the closed form above for the same batch sizes does too.
"""

from __future__ import annotations

import numpy as np

from mathcore.batch_size_study import LR_GRID_RATIO, _bootstrap, percentile_interval
from mathcore.critical_batch import fit_critical_batch, fit_intervals

D, BETA, SHARE, SEEDS = 64, 16.0, 0.01, 32
SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
RATES = 2.0 * LR_GRID_RATIO ** -np.arange(1.0, 40.0)  # the study's grid ratio, from near the bound 2/h down


def noise_variance(e: np.ndarray) -> np.ndarray:
    """Per-coordinate variance of one sample's gradient noise: β GᵀHG / tr(H) with H = I."""
    return BETA * (e * e).sum(-1, keepdims=True) / D


def measured(batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Steps to the target of every (rate, seed) run: plain SGD until the loss falls to SHARE of its start."""
    rng = np.random.default_rng(batch_size)
    e = np.ones((len(RATES), SEEDS, D))
    target = SHARE * 0.5 * D
    reached = np.full((len(RATES), SEEDS), np.inf)
    for step in range(1, 5000):
        noise = rng.standard_normal(e.shape) * np.sqrt(noise_variance(e) / batch_size)
        e = e - RATES[:, None, None] * (e + noise)
        loss = 0.5 * (e * e).sum(-1)
        reached[(loss <= target) & np.isinf(reached)] = step
        medians = np.median(reached, axis=1)
        if np.isfinite(medians).any() and step > 2 * medians.min() + 5:
            break
    return reached, np.median(reached, axis=1)


def test_noise_scale_is_beta_by_construction():
    e = np.random.default_rng(0).normal(size=D)
    g = e  # G = H e with H = I
    sigma = noise_variance(e)[0] * np.eye(D)
    assert abs(np.trace(sigma) / (g @ g) - BETA) < 1e-9


def test_linear_scaling_below_and_critical_batch_size_of_the_order_of_b_noise():
    steps, tuned, replicates = [], [], []
    for b in SIZES:
        reached, medians = measured(b)
        best = int(np.flatnonzero(medians == medians.min())[0])
        reps, _ = _bootstrap(reached, reached * b, b)
        assert percentile_interval(reps)[0] <= medians[best] <= percentile_interval(reps)[1]
        steps.append(medians[best])
        tuned.append(RATES[best])
        replicates.append(reps)
    # linear scaling well below B_noise: the rate doubles with B (within one grid step), samples stay put
    small = [k for k, b in enumerate(SIZES) if b <= BETA / 2]
    for k in small[1:]:
        growth = tuned[k] / tuned[k - 1]
        assert 2 / LR_GRID_RATIO ** 1.01 <= growth <= 2 * LR_GRID_RATIO ** 1.01
        assert abs(steps[k] * SIZES[k] / steps[0] - 1) <= 0.25
    fit = fit_critical_batch(SIZES, steps)
    lo, hi = fit_intervals(SIZES, replicates).b_noise
    assert BETA <= lo <= fit.b_noise <= hi <= 3 * BETA
    # the closed form of the same discrete dynamics (large d: E|e|² shrinks by its mean factor) agrees in order
    closed = [min(np.ceil(np.log(1 / SHARE) / -np.log((1 - u) ** 2 + u * u * BETA / b)) for u in RATES
                  if (1 - u) ** 2 + u * u * BETA / b < 1) for b in SIZES]
    assert BETA <= fit_critical_batch(SIZES, closed).b_noise <= 3 * BETA
