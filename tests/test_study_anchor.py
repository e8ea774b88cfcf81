"""Anchor: the study's measurement on a problem whose noise scale is known by construction.

A quadratic L(e) = ½ eᵀHe in d = 256 dimensions, H = diag(1 ×128, 1/KAPPA ×128), with Gaussian per-sample gradient
noise of covariance Σ(e) = β (GᵀHG / tr H²) H (noise proportional to H, as the Fisher is), so McCandlish et al.'s
B_noise = tr(HΣ) / (GᵀHG) equals β = 16 at every point of every path (computed below with this file's own numpy).
SGD with batch size B adds noise of covariance Σ / B. The runs are simulated by this file's `oracle_simulator`,
plugged into the study's own search (mathcore.batch_size_study._measure through its ``simulator`` seam: the grid
anchored at the stability bound 2 / h_max, extended up until most runs diverge, the tuning by fewest median steps,
seeds doubled while an interval is wide, the bootstrap); the fit S = S_min (1 + B_crit / B) and its 90% interval
are the study's (mathcore.critical_batch).

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
  β), on a grid three times finer 16.3 (2.0% above). The seeds' bootstrap interval alone (15.34 to 15.67 here, fit
  15.48, 5 seeds) excludes β = 16 by the grid's quantisation, which no number of seeds removes. So the study states
  the grid's resolution as a systematic term: it runs the same seeds at a grid three times finer around each tuned
  rate and its reported interval spans the fits on both (mathcore.critical_batch.with_grid_resolution; here 15.34 to
  16.28).
Held to: every batch size's median steps have an interval containing the steps of the expected dynamics
(`expected_steps`, an independent computation: the measurement is what the dynamics predict) and a bracketed tuned
rate; the reported interval of the critical batch size contains B_noise and is narrower than half of it, and the
fit's worst error is under 15%; linear scaling (Goyal et al. 2017) holds below it: for B ≤ β / 2 the tuned rate is
B times that of B = 1 within one grid step (a factor 2^(1/3)) and the samples to the target grow as McCandlish's
E = E_min (1 + B / B_noise) says, within 10% (the grid's quantisation again: at B = 4 the tuned rate is 3.17, not 4,
times that of B = 1).
"""

from __future__ import annotations

import numpy as np

from mathcore.batch_size_study import (
    DIVERGED,
    LR_GRID_RATIO,
    STUDY_SECONDS,
    Runs,
    StudySettings,
    _decided,
    _measure,
)
from mathcore.critical_batch import fit_critical_batch
from mathcore.epoch_stability import EpochBound
from mathcore.study_report import critical_intervals

D, KAPPA, BETA, SHARE = 256, 30.0, 16.0, 0.05
H = np.where(np.arange(D) < D // 2, 1.0, 1 / KAPPA)  # the Hessian's diagonal
START = 1 / np.sqrt(H)  # equal loss in every coordinate
SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

RATES = (2 / H.max()) * LR_GRID_RATIO ** -np.arange(1.0, 34.0)  # the study's grid, for the expected dynamics


def noise_covariance(e: np.ndarray) -> np.ndarray:
    """Σ(e) = β (GᵀHG / tr H²) H as a d x d matrix (G = He)."""
    g = H * e
    return BETA * (g @ (H * g)) / (H @ H) * np.diag(H)


def b_noise(e: np.ndarray) -> float:
    """McCandlish et al.'s B_noise = tr(HΣ) / (GᵀHG), from the matrices."""
    hess, g = np.diag(H), H * e
    return float(np.trace(hess @ noise_covariance(e)) / (g @ hess @ g))


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


def test_isotropic_quadratic_breaks_the_small_step_assumption():
    """H = I: the expected steps ln(1/share) / ln(1 + B/β) (the best constant rate, u = B / (B + β), is exactly
    McCandlish's per-step optimum ε_max / (1 + B_noise / B)), in whole steps, fitted like the study's: the fit
    lands far above β because S_min is one or two whole steps, not a continuum (see the module docstring)."""
    closed = [np.ceil(np.log(1 / 0.01) / np.log(1 + b / BETA)) for b in SIZES]
    assert fit_critical_batch(SIZES, closed).b_noise > 2 * BETA


POPULATION = 4096  # the oracle's "data size": batch sizes below it are noisy, the full batch is exact


def oracle_simulator(model, xs, ys, start, batch_size, lrs, seeds, target_loss, max_steps, seconds=np.inf):
    """`mathcore.batch_size_study.simulate` for the anchor's quadratic: every (rate, seed) run of SGD with Gaussian
    gradient noise of covariance Σ / B (none for the full batch), one noise stream per seed shared by every rate
    (as the study shares a seed's shuffled order), stopped by the study's own rule (`_decided`)."""
    full = batch_size >= POPULATION
    e = np.broadcast_to(START, (len(lrs), seeds, D)).copy()
    start_loss = 0.5 * (H * START * START).sum()
    reached = np.full((len(lrs), seeds), -1, dtype=np.int64)
    done = np.zeros((len(lrs), seeds), dtype=bool)
    blown = np.zeros((len(lrs), seeds), dtype=bool)
    rngs = [np.random.default_rng(seed) for seed in range(seeds)]
    scale = BETA * H / (H @ H) / batch_size
    step = 0
    with np.errstate(all="ignore"):
        while step < max_steps and not done.all():
            g = H * e
            noise = 0.0
            if not full:
                ghg = (g * H * g).sum(-1, keepdims=True)
                noise = np.stack([rng.standard_normal(D) for rng in rngs])[None] * np.sqrt(scale * ghg)
            e = e - lrs[:, None, None] * (g + noise)
            step += 1
            loss = 0.5 * (H * e * e).sum(-1)
            active = ~done
            hit = active & (loss <= target_loss)
            reached[hit] = step
            out = active & (~np.isfinite(loss) | (loss > DIVERGED * start_loss))
            blown |= out
            done |= hit | out
            if hit.any() and _decided(reached, done, step):
                break
        loss = 0.5 * (H * e * e).sum(-1)
        blown |= ~done & (~np.isfinite(loss) | (loss > start_loss))
    samples = np.arange(1, max(step, 1) + 1, dtype=np.int64) * min(batch_size, POPULATION)
    return Runs(reached, blown, samples, max_steps, step)


def test_critical_batch_size_matches_b_noise_and_linear_scaling_below_it():
    """The study's own search (`_measure`: the grid anchored at the stability bound 2 / h_max, extended up until
    most runs diverge, seeds doubled until each median's interval is narrow), through its simulator seam."""
    target = SHARE * 0.5 * (H * START * START).sum()
    epoch = EpochBound(None, "not_computed", 0, 0.0)  # the bound is the oracle's 2 / h_max, for any sampling
    results = [_measure("linear", np.zeros(POPULATION), np.zeros(POPULATION), (0.0, 0.0), b, 2 / H.max(), epoch,
                        target, StudySettings(max_steps=2000), STUDY_SECONDS / len(SIZES), 0.0,
                        simulator=oracle_simulator) for b in SIZES]
    steps = [r.steps for r in results]
    for r in results:  # the measurement is what the dynamics predict (and the search found its best rate)
        assert r.steps_interval[0] <= expected_steps(r.batch_size) <= r.steps_interval[1], r
        assert r.bracketed and not r.at_grid_edge, r
    start_noise = b_noise(START)
    fit = fit_critical_batch(SIZES, steps)
    span = critical_intervals(results).b_noise
    assert span is not None
    lo, hi = span
    assert lo <= fit.b_noise <= hi
    assert fit.max_relative_error < 0.15, (steps, fit)  # the hyperbola describes the measurements
    assert lo <= start_noise <= hi, (fit.b_noise, lo, hi, steps)  # the interval holds the grid's resolution too
    assert hi - lo < 0.5 * start_noise, (lo, hi)  # ... and still says something
    # linear scaling below B_noise: the rate grows as B (within one grid step), the samples as 1 + B / B_noise
    for r in results:
        b = r.batch_size
        if 1 < b <= BETA / 2:
            growth = r.learning_rate / results[0].learning_rate
            assert b / LR_GRID_RATIO ** 1.01 <= growth <= b * LR_GRID_RATIO ** 1.01, results
            theory = (1 + b / start_noise) / (1 + 1 / start_noise)
            assert abs(r.steps * b / steps[0] / theory - 1) <= 0.10, steps
