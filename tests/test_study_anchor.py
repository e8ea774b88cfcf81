"""Anchor: the study's measurement on a problem whose noise scale is known by construction.

A quadratic L(e) = ½ eᵀHe in d = 256 dimensions, H = diag(1 ×128, 1/KAPPA ×128), with Gaussian per-sample gradient
noise of covariance Σ(e) = β (GᵀHG / tr H²) H (noise proportional to H, as the Fisher is), so McCandlish et al.'s
B_noise = tr(HΣ) / (GᵀHG) equals β = 16 at every point of every path (computed below with this file's own numpy).
SGD with batch size B adds noise of covariance Σ / B. The runs are simulated here in plain numpy; under test is the
study's measurement: the tuning per batch size (fewest median steps over the seeds, ties to the larger rate, on the
study's grid ratio), its bootstrap (mathcore.batch_size_study) and the fit S = S_min (1 + B_crit / B) with its 90%
interval (mathcore.critical_batch).

The assumptions of McCandlish's S = S_min (1 + B_noise / B), and how they are held here:
- B_noise constant along the path: by the construction of Σ above (G shrinks, Σ with it).
- The rate is the per-step optimal one: a constant rate tuned per batch size stands for it; H has two curvatures
  only and the start puts equal loss in each, so the best rate changes little along the path.
- Each step improves the loss by a small share of it (the step count is a continuum, S_min ≫ 1). This is the one
  that fails on an isotropic H = I: there the best step with a large batch removes most of the loss at once, the
  expected steps are ln(1/share) / ln(1 + B/β) (E|e|² shrinks by (1 − u)² + u²β/B per step, best u = B/(B + β)),
  S_min is one or two whole steps and the fit gives about 2.5 β (41 for β = 16: the "39 vs 16" measured before;
  test_isotropic_quadratic_breaks_the_small_step_assumption). With KAPPA = 30 the slow direction makes even the
  full batch take about 20 steps, and the exact expected dynamics (the recursion of the second moments, computed
  for this design before writing the test) give B_crit = 15.6 with a fit error of 7%.
- The rate is free: it is not. The study tunes on a grid of ratio 2^(1/3) (26% apart) and counts whole steps, and
  this is the assumption that still fails: the expected dynamics on the study's grid give B_crit = 15.6 (2.4% below
  β), on a grid three times finer 16.3 (2.0% above). So the test holds the fit to 5% of B_noise, not to its
  bootstrap interval: that interval (15.46 to 15.60 here, 32 seeds, d = 256) covers the seeds' randomness only and
  excludes β = 16 by the grid's quantisation, which no number of seeds removes.
Held to: every batch size's median steps have a bootstrap interval containing the steps of the expected dynamics
(expected_steps, an independent computation: the measurement is what the dynamics predict); the fitted critical
batch size is within 5% of B_noise (15.56 vs 16) and the fit's worst error under 15%; linear scaling (Goyal et al.
2017) holds below it: for B ≤ β / 2 the tuned rate is B times that of B = 1 within one grid step (a factor
2^(1/3)) and the samples to the target grow as McCandlish's E = E_min (1 + B / B_noise) says, within 10% (the
grid's quantisation again: at B = 4 the tuned rate is 3.17, not 4, times that of B = 1).
"""

from __future__ import annotations

import numpy as np

from mathcore.batch_size_study import LR_GRID_RATIO, _bootstrap, percentile_interval
from mathcore.critical_batch import fit_critical_batch, fit_intervals

D, KAPPA, BETA, SHARE, SEEDS = 256, 30.0, 16.0, 0.05, 32
H = np.where(np.arange(D) < D // 2, 1.0, 1 / KAPPA)  # the Hessian's diagonal
START = 1 / np.sqrt(H)  # equal loss in every coordinate
SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

RATES = (2 / H.max()) * LR_GRID_RATIO ** -np.arange(1.0, 34.0)  # the study's grid ratio, below the bound 2 / h_max


def noise_covariance(e: np.ndarray) -> np.ndarray:
    """Σ(e) = β (GᵀHG / tr H²) H as a d x d matrix (G = He)."""
    g = H * e
    return BETA * (g @ (H * g)) / (H @ H) * np.diag(H)


def b_noise(e: np.ndarray) -> float:
    """McCandlish et al.'s B_noise = tr(HΣ) / (GᵀHG), from the matrices."""
    hess, g = np.diag(H), H * e
    return float(np.trace(hess @ noise_covariance(e)) / (g @ hess @ g))


def measured(batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Steps to the target of every (rate, seed) run: SGD until the loss falls to SHARE of its start."""
    rng = np.random.default_rng(batch_size)
    e = np.broadcast_to(START, (len(RATES), SEEDS, D)).copy()
    target = SHARE * 0.5 * (H * START * START).sum()
    reached = np.full((len(RATES), SEEDS), np.inf)
    scale = BETA * H / (H @ H) / batch_size  # Σ / B per unit of GᵀHG
    with np.errstate(all="ignore"):  # rates above the edge diverge to inf/nan, as they should
        for step in range(1, 5000):
            g = H * e
            ghg = (g * H * g).sum(-1, keepdims=True)
            noise = rng.standard_normal(e.shape) * np.sqrt(scale * ghg)
            e = e - RATES[:, None, None] * (g + noise)
            loss = 0.5 * (H * e * e).sum(-1)
            reached[(loss <= target) & np.isinf(reached)] = step
            medians = np.median(reached, axis=1)
            if np.isfinite(medians).any() and step > 2 * medians.min() + 5:
                break  # no rate still running can beat the best median any more
    return reached, np.median(reached, axis=1)


def expected_steps(batch_size: int) -> float:
    """The same problem in expectation (d → ∞): the second moments m_k of the two curvatures h_k follow exactly
    m_k ← (1 − ηh_k)² m_k + η² Σ_kk / B with Σ_kk = β h_k Σ_j n_j h_j³ m_j / tr H² (n_j coordinates of curvature h_j);
    the steps until ½ Σ n_k h_k m_k falls to the target, at the best rate of RATES (an independent prediction)."""
    h, n = np.array([1.0, 1 / KAPPA]), np.array([D // 2, D // 2])
    m = np.broadcast_to(1 / h, (len(RATES), 2)).copy()
    target = SHARE * 0.5 * (n * h * m[0]).sum()
    eta = RATES[:, None]
    with np.errstate(all="ignore"):
        for step in range(1, 5000):
            ghg = (n * h ** 3 * m).sum(-1, keepdims=True)
            m = (1 - eta * h) ** 2 * m + eta ** 2 * BETA * h * ghg / (n @ h ** 2) / batch_size
            if ((n * h * m).sum(-1) * 0.5 <= target).any():
                return float(step)
    return np.inf


def test_noise_scale_is_beta_at_every_point():
    rng = np.random.default_rng(0)
    for e in [START, *rng.normal(size=(3, D))]:
        assert abs(b_noise(e) - BETA) < 1e-9 * BETA


def test_critical_batch_size_matches_b_noise_and_linear_scaling_below_it():
    steps, tuned, replicates = [], [], []
    for b in SIZES:
        reached, medians = measured(b)
        best = int(np.flatnonzero(medians == medians.min())[0])
        reps, _ = _bootstrap(reached, reached * b, b)
        lo, hi = percentile_interval(reps)
        assert lo <= medians[best] <= hi
        assert lo <= expected_steps(b) <= hi, (b, lo, hi)  # the measurement is what the dynamics predict
        steps.append(medians[best])
        tuned.append(RATES[best])
        replicates.append(reps)
    start_noise = b_noise(START)
    fit = fit_critical_batch(SIZES, steps)
    lo, hi = fit_intervals(SIZES, replicates).b_noise
    assert fit.max_relative_error < 0.15, (steps, fit)  # the hyperbola describes the measurements
    assert abs(fit.b_noise / start_noise - 1) < 0.05, (fit.b_noise, lo, hi, steps)  # see the docstring
    assert hi - lo < 0.05 * start_noise  # the seeds' share of the uncertainty is small: the 5% is the grid's
    # linear scaling below B_noise: the rate grows as B (within one grid step), the samples as 1 + B / B_noise
    for k, b in enumerate(SIZES):
        if 1 < b <= BETA / 2:
            assert b / LR_GRID_RATIO ** 1.01 <= tuned[k] / tuned[0] <= b * LR_GRID_RATIO ** 1.01, tuned
            theory = (1 + b / start_noise) / (1 + 1 / start_noise)
            assert abs(steps[k] * b / steps[0] / theory - 1) <= 0.10, steps


def test_isotropic_quadratic_breaks_the_small_step_assumption():
    """H = I: the expected steps ln(1/share) / ln(1 + B/β) (the best constant rate, u = B / (B + β), is exactly
    McCandlish's per-step optimum ε_max / (1 + B_noise / B)), in whole steps, fitted like the study's: the fit
    lands far above β because S_min is one or two whole steps, not a continuum (see the module docstring)."""
    closed = [np.ceil(np.log(1 / 0.01) / np.log(1 + b / BETA)) for b in SIZES]
    assert fit_critical_batch(SIZES, closed).b_noise > 2 * BETA
