"""Steps and samples to a target loss for each batch size, measured on the scenario's own data, with intervals.

The measurement of McCandlish et al. 2018 ("An Empirical Model of Large-Batch Training") at lesson size. For each
batch size B: shuffled SGD (a fresh permutation per epoch from numpy.random.default_rng(seed), the short last
batch kept and averaged over its own size) starts at the scenario's (w, b) once per seed and per learning rate; a
run's steps to target are the steps until the whole-data loss first falls to the target, its samples to target the
samples those steps used. Every run is float64 and vectorised over learning rates x seeds.

The learning rate is searched, not assumed. The grid is anchored at the stability bound that matches the sampling:
the shuffled-epoch mean-square bound (mathcore.epoch_stability) where it is computed, else the bound for
independent batches (mathcore.mean_square_stability); its rates are the bound x 2^(j/3) for j = -14 .. 1, and
rates are added above (three at a time, up to 2^(LR_MAX_ABOVE/3) = 8 x the bound) until, at the top, most runs
are observed to diverge. The lowest such rate is the measured edge. The tuned rate has the fewest median steps
(ties: the larger rate); "stability sets the rate" only when it is the rate right below the measured edge.

A run has diverged when its loss leaves every sensible range (a million times the start) or, when it is stopped
unfinished, stands above the starting loss. Seeds are adaptive: starting from ``seeds``, their number is doubled
(up to ``max_seeds`` and the compute budget) while the bootstrap 90% interval of a batch size's median steps is
wider than SEEDS_WIDTH of the median. The interval: BOOTSTRAP replicates that resample the seeds (the same seeds
for every rate of a batch size) and redo the tuning, so it includes the choice of the rate.

The target is the optimum's loss plus ``target`` of the starting excess. By default (``target`` None) it is 10%,
or less where the whole batch would reach it in fewer than FULL_BATCH_MIN_STEPS steps at any rate the search may
try: the largest share of the 1-2-5 series that keeps the full batch at least that long (a target reached in one
or two steps measures nothing). Runs are cut at a step limit: ``max_steps``, or fewer where the compute budget
binds (a cost model in seconds on a 2-core machine, not a clock: the same data always gives the same study).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

from mathcore.epoch_stability import EpochBound, epoch_stable_lr
from mathcore.mean_square_stability import mean_square_stable_lr
from mathcore.optimum import logistic_newton, logistic_separable
from mathcore.problem import Number

LR_GRID_RATIO = 2 ** (1 / 3)  # neighbouring learning rates differ by this factor (three per doubling)
LR_BELOW = 14  # the first grid reaches down to the bound x 2^(-14/3), about 1/25 of it
LR_FIRST_ABOVE = 1  # ... and up to the bound x 2^(1/3)
LR_MAX_ABOVE = 9  # rates are added above up to the bound x 2^(9/3) = 8 x the bound
LR_ADDED = 3  # rates added per extension
# The grid's resolution, measured: after the search, the same seeds run at the tuned rate x 2^(k/9) for these k
# (a grid three times finer between the tuned rate and its neighbours); see `with_systematic`.
FINE = np.array([2.0, 1.0, -1.0, -2.0])
DIVERGED = 1e6  # a run whose whole-data loss exceeds this multiple of the starting loss has diverged
MAX_BATCH_SIZES = 24
BOOTSTRAP = 1000  # bootstrap replicates (seeded)
INTERVAL = 0.9  # the intervals reported: 5th to 95th percentile of the replicates
SEEDS_WIDTH = 0.25  # seeds are added while a median's interval is wider than this share of the median
FULL_BATCH_MIN_STEPS = 20  # the default target keeps the full batch at least this many steps from it
TARGET_SERIES = tuple(m * 10.0**-k for k in range(1, 7) for m in (1, 0.5, 0.2))  # 0.1, 0.05, 0.02, 0.01, ...
# Logistic/BCE has no closed-form whole-data loss: looking at it costs a pass over the data for every run. It is
# looked at every step up to step CHECKS_EXACT, then every ceil(step / CHECKS_EXACT) steps (steps to target within
# 1 / CHECKS_EXACT = 2%).
CHECKS_EXACT = 50
# The cost model (seconds on a 2-core machine): per step; per run and step (linear); per sample and run (logistic
# step); per sample and run (logistic loss check); per sample shuffled (a permutation and the batch sums).
STEP_SECONDS, RUN_SECONDS, SAMPLE_SECONDS, LOSS_SECONDS, SHUFFLE_SECONDS = 2e-5, 5e-8, 1e-8, 3e-8, 3e-8
STUDY_SECONDS = 4.0  # the whole study's modelled compute budget, shared equally by its batch sizes (explain's
# other work on the largest accepted data takes about 2 s more: the whole stays under 10 s)
MIN_STUDY_STEPS = 100  # a study whose budget allows fewer first-round steps than this is refused at check
CHUNK = 2_000_000  # logistic arrays are built at most this many numbers at a time (memory)
EPOCH_BLOCK = 64  # at most this many epochs' sample orders are drawn per seed in one numpy call (_epoch_orders)


@dataclass(frozen=True)
class StudySettings:
    batch_sizes: Optional[tuple[int, ...]] = None  # default: powers of two up to N, plus N
    target: Optional[float] = None  # share of the starting excess loss left at the target; None: informative default
    seeds: int = 5  # seeds to start with
    max_seeds: int = 40  # seeds are doubled up to this while an interval is too wide
    max_steps: int = 20_000


@dataclass(frozen=True)
class BatchSizeResult:
    batch_size: int
    iid_bound: float  # the mean-square bound for an independent random batch every step
    epoch_bound: EpochBound  # the mean-square bound for shuffled epochs (the study's sampling)
    learning_rate: Optional[float]  # tuned; None when no rate reached the target
    steps: Optional[float]  # median over seeds at the tuned learning rate
    samples: Optional[float]
    steps_interval: Optional[tuple[float, Optional[float]]]  # 90% interval of the median with the grid's resolution
    # (`with_systematic`; an upper end None: unbounded)
    samples_interval: Optional[tuple[float, Optional[float]]]
    steps_range: Optional[tuple[int, Optional[int]]]  # fewest and most steps over the seeds (most: None when
    samples_range: Optional[tuple[int, Optional[int]]]  # some seed never reached the target)
    seeds: int  # seeds run at every rate of this batch size
    learning_rates: tuple[float, ...]  # every rate tried, largest first
    measured_edge: Optional[float]  # the lowest rate tried at which most runs diverged; None: none did
    step_limit: int  # runs were cut here: max_steps, or fewer where the compute budget binds
    resolution: float  # steps to target are exact (0, linear/MSE) or within this share (logistic: 1 / CHECKS_EXACT)
    runs_made: int = 0  # SGD runs simulated for this batch size, every round of the search counted
    steps_replicates: tuple[float, ...] = field(default=(), repr=False)  # the bootstrap's medians (for the fit)
    samples_replicates: tuple[float, ...] = field(default=(), repr=False)
    refined_steps_replicates: tuple[float, ...] = field(default=(), repr=False)  # the same, the finer rates added
    steps_seeds_interval: Optional[tuple[float, Optional[float]]] = None  # the seeds' randomness alone (the
    # bootstrap at the grid's tuned rate: what the adaptive seeds narrow)
    seeds_cut: bool = False  # the compute budget ended the doubling of seeds while this interval was still wider
    # than SEEDS_WIDTH of the median (below max_seeds): explain's table says "compute limit" beside the seeds

    @property
    def reached(self) -> bool:
        return self.steps is not None

    @property
    def bound(self) -> float:
        """The bound the grid is anchored at: the shuffled-epoch bound where computed, else the i.i.d. one."""
        return self.epoch_bound.lr if self.epoch_bound.lr is not None else self.iid_bound

    @property
    def bound_model(self) -> str:
        """The sampling the bound used assumes: "shuffled_epochs" or "independent_batches"."""
        return "shuffled_epochs" if self.epoch_bound.lr is not None else "independent_batches"

    @property
    def stable_lr(self) -> float:
        return self.bound

    @property
    def at_stability_edge(self) -> Optional[bool]:
        """True: the tuned rate is the rate right below the measured edge (stability sets it); False: a rate
        between them ran without diverging, only slower (noise or curvature sets it); None: no edge measured."""
        if self.learning_rate is None or self.measured_edge is None:
            return None
        above = [lr for lr in self.learning_rates if self.learning_rate < lr < self.measured_edge]
        return not above

    @property
    def at_grid_edge(self) -> bool:
        """The tuned rate is the smallest tried: a smaller one might be better still."""
        return self.learning_rate is not None and self.learning_rate == self.learning_rates[-1]

    @property
    def bracketed(self) -> bool:
        """A rate above the tuned one was tried and was slower or diverged."""
        return self.learning_rate is not None and self.learning_rate < self.learning_rates[0]


@dataclass(frozen=True)
class BatchSizeStudy:
    population: int
    model: str
    start: tuple[float, float]
    start_loss: float
    optimum_loss: float  # the least loss (its infimum, 0, for separable logistic data)
    target_share: float
    target_is_default: bool  # the share was chosen by the informative-default rule
    batch_sizes_thinned: bool  # default batch sizes thinned to fit the compute budget (large data)
    target_loss: float
    seeds: int  # the seeds every batch size started with
    max_steps: int
    results: tuple[BatchSizeResult, ...]

    @property
    def reached(self) -> tuple[BatchSizeResult, ...]:
        return tuple(r for r in self.results if r.reached)

    @property
    def runs(self) -> int:
        """SGD runs simulated: rates x seeds of every round of every batch size (a full batch runs once per rate)."""
        return sum(r.runs_made for r in self.results)


def default_batch_sizes(n: int) -> tuple[int, ...]:
    sizes = [2**k for k in range(n.bit_length()) if 2**k <= n]
    return tuple(sizes if sizes[-1] == n else sizes + [n])


def learning_rate_grid(bound: float, top: int = LR_FIRST_ABOVE) -> np.ndarray:
    """The rates bound x 2^(j/3) for j = top, top - 1, ..., -LR_BELOW (largest first)."""
    return bound * LR_GRID_RATIO ** np.arange(top, -LR_BELOW - 1, -1, dtype=np.float64)


class _Losses:
    """The whole-data loss of many (w, b) at once."""

    def __init__(self, model: str, x: np.ndarray, y: np.ndarray):
        self.model, self.x, self.y = model, x, y
        if model == "linear":  # MSE is a quadratic in (w, b): its five moments give it exactly, at any size
            self.m = (np.mean(x * x), np.mean(x), np.mean(x * y), np.mean(y), np.mean(y * y))

    def __call__(self, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.model == "linear":
            xx, x, xy, y, yy = self.m
            quadratic: np.ndarray = w * w * xx + 2 * w * b * x + b * b - 2 * w * xy - 2 * b * y + yy
            return quadratic
        w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
        flat_w, flat_b = w.reshape(-1), b.reshape(-1)
        out = np.empty(flat_w.shape)
        rows = max(1, CHUNK // max(len(self.x), 1))  # bounded memory: a few runs at a time on large data
        for k in range(0, len(flat_w), rows):
            z = flat_w[k:k + rows, None] * self.x + flat_b[k:k + rows, None]
            out[k:k + rows] = (np.logaddexp(0.0, z) - self.y * z).sum(axis=-1) / len(self.x)
        return out.reshape(w.shape)


def optimum_loss(model: str, x: np.ndarray, y: np.ndarray) -> float:
    """The least whole-data loss: least squares for MSE; for BCE Newton's method, or 0 when no minimum exists."""
    if model == "linear":
        f = np.stack([x, np.ones_like(x)], axis=1)
        theta = np.linalg.lstsq(f, y, rcond=None)[0]
        return float(np.mean((f @ theta - y) ** 2))
    if np.all(x == x[0]):
        p = float(np.mean(y))
        return float(-(p * math.log(p) + (1 - p) * math.log(1 - p))) if 0 < p < 1 else 0.0
    if logistic_separable(list(x), list(y)):
        return 0.0
    found = logistic_newton(list(x), list(y))
    return float(_Losses("logistic", x, y)(np.array(found.w), np.array(found.b)))


def _checked(model: str, step: int) -> bool:
    """Whether the whole-data loss is looked at after ``step``."""
    return model == "linear" or step <= CHECKS_EXACT or step % -(-step // CHECKS_EXACT) == 0


def run_cost(model: str, n: int, batch_size: int, runs: int, seeds: int, steps: int) -> float:
    """Modelled seconds of ``runs`` runs (``seeds`` shuffled orders) of ``steps`` steps: the study's work, counted
    from batch sizes x learning rates x seeds x steps x samples."""
    epochs = 0 if batch_size >= n else steps * batch_size / n + 1
    shuffle = epochs * seeds * n * SHUFFLE_SECONDS
    if model == "linear":  # a step costs the same at any batch size (batch sums come from one pass per epoch)
        return steps * (STEP_SECONDS + runs * RUN_SECONDS) + shuffle
    checks = steps if steps <= CHECKS_EXACT else CHECKS_EXACT * (1 + math.log(steps / CHECKS_EXACT))
    return steps * (STEP_SECONDS + runs * batch_size * SAMPLE_SECONDS) + checks * runs * n * LOSS_SECONDS + shuffle


def affordable_steps(model: str, n: int, batch_size: int, runs: int, seeds: int, seconds: float,
                     max_steps: int) -> int:
    """The most steps (at most ``max_steps``, at least 0) whose modelled cost stays within ``seconds``."""
    if run_cost(model, n, batch_size, runs, seeds, max_steps) <= seconds:
        return max_steps
    lo, hi = 0, max_steps
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if run_cost(model, n, batch_size, runs, seeds, mid) <= seconds else (lo, mid - 1)
    return lo


def study_batch_sizes(model: str, n: int, settings: StudySettings) -> tuple[tuple[int, ...], bool]:
    """The batch sizes studied and whether they were thinned: the scenario's, else the default powers of two up to
    N (and N), every other one dropped (N kept) while the budget would allow fewer than MIN_STUDY_STEPS steps per
    run and more than three remain (large data: fewer batch sizes, each with more of the budget)."""
    if settings.batch_sizes:
        return tuple(sorted(set(settings.batch_sizes))), False
    sizes = default_batch_sizes(n)
    thinned = False
    while len(sizes) > 3 and first_round_steps(model, n, replace(settings, batch_sizes=sizes)) < MIN_STUDY_STEPS:
        sizes = tuple(sorted(set(sizes[:-1][::2]) | {n}))
        thinned = True
    return sizes, thinned


def first_round_steps(model: str, n: int, settings: StudySettings) -> int:
    """The step limit the budget allows the first round of the costliest batch size (the check refuses a study
    where this is below MIN_STUDY_STEPS, counted before any run)."""
    sizes = settings.batch_sizes or default_batch_sizes(n)
    share = STUDY_SECONDS / len(set(sizes))
    runs = (LR_BELOW + LR_FIRST_ABOVE + 1) * settings.seeds
    return min(affordable_steps(model, n, b, runs if b < n else runs // settings.seeds,
                                settings.seeds if b < n else 1, share / 2, settings.max_steps)
               for b in set(sizes))


def _batch_sums(order: np.ndarray, x: np.ndarray, y: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per seed and batch: sums of x^2, x, x*y, y over the batch (order: seeds x samples)."""
    xo, yo = x[order], y[order]
    return tuple(np.add.reduceat(v, starts, axis=1) for v in (xo * xo, xo, xo * yo, yo))


@dataclass(frozen=True)
class Runs:
    """Every (learning rate, seed) run of one batch size."""

    reached: np.ndarray  # steps to target, -1 where not reached
    diverged: np.ndarray  # the run diverged (or was stopped above its starting loss)
    samples_after: np.ndarray  # samples used after each step
    limit: int  # the step limit
    steps_run: int  # steps actually simulated (the early stop ends sooner)


def _epoch_orders(seeds: int, n: int) -> Iterator[np.ndarray]:
    """Every epoch's sample order per seed (seeds x n), endlessly: seed s shuffles with default_rng(s), one
    permutation(n) per epoch.

    Drawn a block of epochs per seed at a time (1, 2, 4, ... up to EPOCH_BLOCK, and CHUNK numbers): permuted()
    shuffles each row of a block as permutation() does, drawing from the stream in the same order, so the orders
    are the same with one numpy call per block instead of one per epoch (a simulation step of a few samples costs
    as much as a permutation)."""
    rngs = [np.random.default_rng(seed) for seed in range(seeds)]
    block, largest = 1, max(1, min(EPOCH_BLOCK, CHUNK // max(n * seeds, 1)))
    while True:
        rows = np.broadcast_to(np.arange(n), (block, n))
        yield from np.stack([rng.permuted(rows, axis=1) for rng in rngs], axis=1)
        block = min(2 * block, largest)


def _logistic_gradient(xb: np.ndarray, yb: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean BCE gradient over each run's batch (xb, yb: seeds x B samples; w, b: runs x seeds), a few runs at a
    time.

    It runs once per step of every logistic run (a quarter million times in the tests, on arrays of tens of
    numbers), so its cost is the number of numpy calls: the residual is computed in place, and both means are one
    sum over the batch and one division (what np.mean computes, bit for bit, without its Python layers).
    """
    per_rate = max(1, CHUNK // max(xb.size, 1))
    if w.shape[0] > per_rate:  # memory: a few runs at a time
        parts = [_logistic_gradient(xb, yb, w[k:k + per_rate], b[k:k + per_rate])
                 for k in range(0, w.shape[0], per_rate)]
        return np.concatenate([gw for gw, _ in parts]), np.concatenate([gb for _, gb in parts])
    terms = np.empty((2, *w.shape, xb.shape[-1]))  # per sample: residual * x, residual
    r = terms[1]
    np.multiply(w[:, :, None], xb, out=r)
    r += b[:, :, None]
    np.negative(r, out=r)
    np.exp(r, out=r)
    r += 1.0
    np.divide(1.0, r, out=r)
    r -= yb  # sigmoid(w x + b) - y
    np.multiply(r, xb, out=terms[0])
    means = np.add.reduce(terms, axis=-1)
    means /= xb.shape[-1]
    return means[0], means[1]


def simulate(model: str, x: np.ndarray, y: np.ndarray, start: tuple[float, float], batch_size: int,
             lrs: np.ndarray, seeds: int, target_loss: float, max_steps: int, seconds: float = math.inf) -> Runs:
    """Every (learning rate, seed) run until the tuning is decided (see `_decided`) or the step limit: the
    smaller of ``max_steps`` and what ``seconds`` of modelled compute allow."""
    n = len(x)
    full_batch = batch_size >= n
    if full_batch and seeds > 1:  # the whole data every step: every seed runs the same
        one = simulate(model, x, y, start, batch_size, lrs, 1, target_loss, max_steps, seconds)
        return Runs(np.repeat(one.reached, seeds, axis=1), np.repeat(one.diverged, seeds, axis=1),
                    one.samples_after, one.limit, one.steps_run)
    limit = affordable_steps(model, n, batch_size, len(lrs) * seeds, seeds, seconds, max_steps)
    starts = np.arange(0, n, batch_size)
    sizes = np.diff(np.append(starts, n)).astype(np.float64)
    per_epoch = len(starts)
    samples_after = np.cumsum(np.tile(sizes, -(-max(limit, 1) // per_epoch)))[:max(limit, 1)].astype(np.int64)
    losses = _Losses(model, x, y)
    start_loss = float(losses(np.array(start[0]), np.array(start[1])))
    w = np.full((len(lrs), seeds), float(start[0]))
    b = np.full((len(lrs), seeds), float(start[1]))
    eta = lrs[:, None]
    reached = np.full((len(lrs), seeds), -1, dtype=np.int64)
    done = np.zeros((len(lrs), seeds), dtype=bool)
    blown = np.zeros((len(lrs), seeds), dtype=bool)
    orders = _epoch_orders(seeds, n)
    order = np.broadcast_to(np.arange(n), (seeds, n))
    if model == "linear":
        sums = _batch_sums(order, x, y, starts)
    else:
        xo, yo = x[order], y[order]  # each seed's samples in this epoch's order: a batch is a slice of them
    step = 0
    with np.errstate(all="ignore"):
        while step < limit and not done.all():
            if not full_batch:
                order = next(orders)
                if model == "linear":
                    sums = _batch_sums(order, x, y, starts)
                else:
                    xo, yo = x[order], y[order]
            for j in range(min(per_epoch, limit - step)):
                size = sizes[j]
                if model == "linear":
                    sxx, sx, sxy, sy = (v[:, j] for v in sums)
                    gw = (2 / size) * (sxx * w + sx * b - sxy)
                    gb = (2 / size) * (sx * w + size * b - sy)
                else:
                    batch = slice(starts[j], starts[j] + int(size))
                    gw, gb = _logistic_gradient(xo[:, batch], yo[:, batch], w, b)
                w, b = w - eta * gw, b - eta * gb
                step += 1
                if not _checked(model, step) and step != limit:
                    continue
                active = ~done
                loss = np.full(done.shape, np.inf)
                loss[active] = losses(w[active], b[active])  # ended runs are not looked at again
                hit = active & (loss <= target_loss)
                reached[hit] = step
                out = active & (~np.isfinite(loss) | (loss > DIVERGED * max(start_loss, 1e-300)))
                blown |= out
                done |= hit | out
                if hit.any() and _decided(reached, done, step):
                    break
            else:
                continue
            break
        # a run stopped unfinished above its starting loss was going the wrong way: it counts as diverged
        open_runs = ~done
        if open_runs.any():
            last = np.full(done.shape, -np.inf)
            last[open_runs] = losses(w[open_runs], b[open_runs])
            blown |= open_runs & (~np.isfinite(last) | (last > start_loss))
    return Runs(reached, blown, samples_after, limit, step)


def _step_matrix(reached: np.ndarray, diverged: Optional[np.ndarray] = None) -> np.ndarray:
    steps = reached.astype(np.float64)
    steps[reached < 0] = np.inf
    return steps


def _median_steps(reached: np.ndarray) -> np.ndarray:
    """Median steps over the seeds per learning rate; inf while the median still depends on a run that has not
    reached the target (such a run reaches it later than every run that has, so a finite median is final)."""
    medians: np.ndarray = np.median(_step_matrix(reached), axis=1)
    return medians


def _decided(reached: np.ndarray, done: np.ndarray, step: int) -> bool:
    """Whether the tuning is settled: the best median is known with every seed of its rate ended, and no rate with
    runs still going could end with a median as small (counting each such run as reaching the target at the next
    step, the soonest it could: with an even number of seeds the median averages two runs, so an unfinished run can
    pull it below the current step), ties going to the larger rate (the smaller index)."""
    medians = _median_steps(reached)
    if not np.isfinite(medians).any():
        return False
    best = int(np.flatnonzero(medians == medians.min())[0])
    if not done[best].all():
        return False
    soonest = _step_matrix(reached)
    soonest[(reached < 0) & ~done] = step + 1
    lowest = np.median(soonest, axis=1)
    pending = ~done.all(axis=1)
    index = np.arange(len(medians))
    could_win = pending & ((lowest < medians[best]) | ((lowest == medians[best]) & (index < best)))
    return not could_win.any()


@dataclass(frozen=True)
class Replicates:
    """The bootstrap's medians at the tuned rate (one per replicate), on the search's grid and refined: the least
    of that and the medians at the FINE rates around the tuned one (a grid three times finer): the two ends of the
    grid's systematic error."""

    steps: np.ndarray
    samples: np.ndarray
    refined_steps: np.ndarray
    refined_samples: np.ndarray


def _resampled_seeds(seeds: int, seed: int) -> np.ndarray:
    """BOOTSTRAP resamplings (with replacement) of ``seeds`` seeds, seeded by ``seed``: BOOTSTRAP x seeds."""
    return np.random.default_rng(seed).integers(0, seeds, (BOOTSTRAP, seeds))


def _bootstrap(steps: np.ndarray, samples: np.ndarray, seed: int) -> Replicates:
    """Medians of steps and samples at the tuned rate for BOOTSTRAP resamplings of the seeds (the tuning redone on
    each; ties to the larger rate); not yet refined (see `_refined`)."""
    pick = _resampled_seeds(steps.shape[1], seed)
    medians = np.median(steps[:, pick], axis=2)  # rates x replicates
    choice = np.argmin(medians, axis=0)
    cols = np.arange(BOOTSTRAP)
    used = np.median(samples[:, pick], axis=2)
    rep_steps, rep_samples = medians[choice, cols], used[choice, cols]
    return Replicates(rep_steps, rep_samples, rep_steps, rep_samples)


def _refined(reps: Replicates, fine_steps: np.ndarray, fine_samples: np.ndarray, seed: int) -> Replicates:
    """``reps`` with the finer rates (``fine_*``: rates x the same seeds, resampled as `_bootstrap` did) added:
    per replicate the fewest median steps over the grid's tuned rate and the finer ones."""
    pick = _resampled_seeds(fine_steps.shape[1], seed)
    cols = np.arange(BOOTSTRAP)
    fine = np.median(fine_steps[:, pick], axis=2)
    fine_choice = np.argmin(fine, axis=0)
    finer = fine[fine_choice, cols] < reps.steps
    return Replicates(reps.steps, reps.samples, np.where(finer, fine[fine_choice, cols], reps.steps),
                      np.where(finer, np.median(fine_samples[:, pick], axis=2)[fine_choice, cols], reps.samples))


def with_systematic(grid: Optional[tuple[float, Optional[float]]], refined: Optional[tuple[float, Optional[float]]]
                    ) -> Optional[tuple[float, Optional[float]]]:
    """The reported interval: from the least lower end to the greatest upper end of the grid's bootstrap interval
    and the refined one's (`Replicates`), so it holds the seeds' randomness and the grid's resolution: the tuned
    rate is up to half a grid step (a factor 2^(1/6)) from the best one, which makes the grid's steps too many by
    an amount no number of seeds removes (the anchor test, tests/test_study_anchor.py, measured it)."""
    if grid is None or refined is None:
        return grid or refined
    top = None if grid[1] is None or refined[1] is None else max(grid[1], refined[1])
    return min(grid[0], refined[0]), top


def percentile_interval(values: np.ndarray) -> Optional[tuple[float, Optional[float]]]:
    """The INTERVAL percentile interval of bootstrap values; an infinite upper end is None (unbounded)."""
    values = np.asarray(values, dtype=np.float64)
    if not len(values) or not np.isfinite(values).any():
        return None
    tail = (1 - INTERVAL) / 2 * 100
    lo, hi = np.percentile(values, tail, method="lower"), np.percentile(values, 100 - tail, method="higher")
    return float(lo), (float(hi) if math.isfinite(hi) else None)


def _samples_used(runs: Runs) -> np.ndarray:
    """Samples to target of every run (inf where not reached)."""
    used = np.where(runs.reached > 0, runs.samples_after[np.maximum(runs.reached - 1, 0)], 0).astype(np.float64)
    used[runs.reached < 0] = np.inf
    return used


def _too_wide(interval: Optional[tuple[float, Optional[float]]], median: float) -> bool:
    return interval is None or interval[1] is None or interval[1] - interval[0] > SEEDS_WIDTH * median


Simulator = Callable[[str, np.ndarray, np.ndarray, tuple[float, float], int, np.ndarray, int, float, int, float], Runs]


def _measure(model: str, xs: np.ndarray, ys: np.ndarray, start: tuple[float, float], size: int, iid: float,
             epoch: EpochBound, target: float, settings: StudySettings, seconds: float, resolution: float,
             simulator: Optional[Simulator] = None) -> BatchSizeResult:
    """One batch size: extend the grid until its top diverges, add seeds until the interval is narrow enough.

    ``simulator`` (default `simulate`, same signature and Runs) is the seam for a synthetic problem: the anchor test
    runs the study's search on a quadratic with Gaussian gradient noise of known covariance."""
    simulator = simulator or simulate
    n = len(xs)
    bound = epoch.lr if epoch.lr is not None else iid
    top, seeds, left, made = LR_FIRST_ABOVE, settings.seeds if size < n else 1, seconds, 0
    seeds_cut = False
    while True:
        lrs = learning_rate_grid(bound, top)
        runs = simulator(model, xs, ys, start, size, lrs, seeds, target, settings.max_steps, left / 2)
        left -= run_cost(model, n, size, len(lrs) * seeds, seeds, runs.steps_run)
        made += len(lrs) * seeds
        steps = _step_matrix(runs.reached)
        medians = np.median(steps, axis=1)
        majority = runs.diverged.sum(axis=1) * 2 > seeds
        edge = [k for k in range(len(lrs)) if majority[k]]
        found = np.isfinite(medians).any()
        if found and not edge and top < LR_MAX_ABOVE and left > 0:
            top += LR_ADDED  # the top rate still runs: go further up
            continue
        used = _samples_used(runs)
        reps = _bootstrap(steps, used, size)
        best = int(np.flatnonzero(medians == medians.min())[0]) if found else None
        interval = percentile_interval(reps.steps) if found else None  # the seeds' randomness alone
        if found and _too_wide(interval, medians[best]) and seeds < settings.max_seeds and size < n:
            doubled = min(2 * seeds, settings.max_seeds)
            if left > run_cost(model, n, size, len(lrs) * doubled, doubled, runs.steps_run):
                seeds = doubled
                continue
            seeds_cut = True  # the budget, not the interval, ends the doubling: said, not hidden
        break
    edge_lr = float(lrs[max(edge)]) if edge else None  # the lowest diverging rate (the grid runs largest first)
    if found:  # the grid's resolution: the same seeds at the FINE rates around the tuned one
        fine_lrs = lrs[best] * LR_GRID_RATIO ** (FINE / 3)
        fine = simulator(model, xs, ys, start, size, fine_lrs, seeds, target, settings.max_steps, max(left, 0.0))
        made += len(fine_lrs) * seeds
        reps = _refined(reps, _step_matrix(fine.reached), _samples_used(fine), size)
    if not found:
        return BatchSizeResult(size, iid, epoch, None, None, None, None, None, None, None, seeds,
                               tuple(float(v) for v in lrs), edge_lr, runs.limit, resolution, made)
    row, used_row = steps[best], used[best]
    ok = np.isfinite(row)
    def most(v: np.ndarray) -> Optional[int]:
        return int(v.max()) if ok.all() else None

    return BatchSizeResult(
        size, iid, epoch, float(lrs[best]), float(medians[best]), float(np.median(used_row)),
        with_systematic(interval, percentile_interval(reps.refined_steps)),
        with_systematic(percentile_interval(reps.samples), percentile_interval(reps.refined_samples)),
        (int(row[ok].min()), most(row)), (int(used_row[ok].min()), most(used_row)), seeds,
        tuple(float(v) for v in lrs), edge_lr, runs.limit, resolution, made,
        tuple(float(v) for v in reps.steps), tuple(float(v) for v in reps.samples),
        tuple(float(v) for v in reps.refined_steps), steps_seeds_interval=interval, seeds_cut=seeds_cut)


def informative_target(model: str, x: np.ndarray, y: np.ndarray, start: tuple[float, float], start_loss: float,
                       best: float, bound: float) -> float:
    """The default target share: 0.1, or the largest share of TARGET_SERIES the whole batch cannot reach in fewer
    than FULL_BATCH_MIN_STEPS steps at any rate the search may try (up to bound x 2^(LR_MAX_ABOVE/3))."""
    excess = start_loss - best
    if excess <= 0:
        return TARGET_SERIES[0]
    rates = bound * LR_GRID_RATIO ** np.linspace(LR_MAX_ABOVE, -LR_BELOW, 4 * (LR_MAX_ABOVE + LR_BELOW) + 1)
    losses = _Losses(model, x, y)
    w, b = np.full(len(rates), float(start[0])), np.full(len(rates), float(start[1]))
    least = np.inf
    with np.errstate(all="ignore"):
        for _ in range(FULL_BATCH_MIN_STEPS - 1):
            if model == "linear":
                xx, xm, xy, ym, _ = losses.m
                gw, gb = 2 * (xx * w + xm * b - xy), 2 * (xm * w + b - ym)
            else:
                gw, gb = _logistic_gradient(x[None, :], y[None, :], w[:, None], b[:, None])
                gw, gb = gw[:, 0], gb[:, 0]
            w, b = w - rates * gw, b - rates * gb
            now = losses(w, b)
            least = min(least, float(np.nanmin(np.where(np.isfinite(now), now, np.inf))))
    share = (least - best) / excess
    return next((t for t in TARGET_SERIES if t < share), TARGET_SERIES[-1])


def run_study(model: str, x: Sequence[float], y: Sequence[float], start: tuple[float, float],
              settings: StudySettings = StudySettings(), losses: Optional[tuple[Number, Number]] = None
              ) -> BatchSizeStudy:
    """The study; ``losses`` (start, optimum), when known exactly, fix the target (else computed in float64)."""
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n = len(xs)
    sizes, thinned = study_batch_sizes(model, n, settings)
    if len(sizes) > MAX_BATCH_SIZES or any(not 1 <= s <= n for s in sizes):
        raise ValueError(f"at most {MAX_BATCH_SIZES} batch sizes, each between 1 and {n}")
    if settings.target is not None and not 0 < settings.target < 1:
        raise ValueError("target must lie strictly between 0 and 1")
    if losses is None:
        losses = (float(_Losses(model, xs, ys)(np.array(float(start[0])), np.array(float(start[1])))),
                  optimum_loss(model, xs, ys))
    start_loss, best = float(losses[0]), float(losses[1])
    loss_name = "mse" if model == "linear" else "bce"
    iids = {size: mean_square_stable_lr(xs, size, loss_name) for size in sizes}
    epochs = {size: epoch_stable_lr(xs, size, loss_name, iids[size]) for size in sizes}
    share = settings.target
    if share is None:
        full = max(sizes)
        share = informative_target(model, xs, ys, start, start_loss, best, epochs[full].lr or iids[full])
    target = best + share * max(start_loss - best, 0.0)
    resolution = 0.0 if model == "linear" else 1 / CHECKS_EXACT
    results = []
    for size in sizes:
        if start_loss <= target:  # already there: no step is needed
            bound = epochs[size].lr or iids[size]
            results.append(BatchSizeResult(size, iids[size], epochs[size], bound, 0.0, 0.0, (0.0, 0.0), (0.0, 0.0),
                                           (0, 0), (0, 0), 1, (bound,), None, 0, 0.0))
            continue
        results.append(_measure(model, xs, ys, start, size, iids[size], epochs[size], target, settings,
                                STUDY_SECONDS / len(sizes), resolution))
    return BatchSizeStudy(n, model, (float(start[0]), float(start[1])), start_loss, best, share,
                          settings.target is None, thinned, target, settings.seeds, settings.max_steps, tuple(results))
