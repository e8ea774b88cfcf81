"""Step-by-step gradient descent with every intermediate value recorded.

This is the source of the numbers in the walkthrough scenes, in
``batchviz explain`` and in the claims audit.

Cost is bounded by what is shown: only the first ``worked_steps`` steps are
recorded (the lesson's step scenes and claims name which), and the exact
arithmetic of linear/MSE runs switches to float64 once the parameters'
fractions grow past EXACT_BITS (each exact step adds digits; a few hundred
steps would make every operation slow). Each step records whether it is
exact. The whole-dataset loss uses exact sums of the data, computed once,
so a step costs O(batch size), not O(dataset size).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Sequence

from mathcore.batching import BatchSchedule, batch_indices, epochs_needed, run_length
from mathcore.divergence import diverged
from mathcore.models import FLOAT64_PRECISION, get_model
from mathcore.problem import Number, Params, Problem

# Exact parameters whose numerator or denominator exceed this many bits (~150 digits)
# continue in float64: far more digits than any screen shows, and each exact step adds some.
EXACT_BITS = 512


def _mean(values: Sequence[Number]) -> Number:
    return sum(values[1:], values[0]) / len(values)


@dataclass(frozen=True)
class StepRecord:
    """One update: the batch, the forward pass, the loss, the gradient, the new parameters."""

    index: int  # 1-based step number within the run
    epoch: int  # 1-based
    indices: tuple[int, ...]  # positions in the original dataset
    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    w_before: Number
    b_before: Number
    predictions: tuple[Number, ...]
    residuals: tuple[Number, ...]  # prediction - label
    loss_terms: tuple[Number, ...]
    loss: Number
    grad_w_terms: tuple[Number, ...]
    grad_b_terms: tuple[Number, ...]
    dw: Number
    db: Number
    lr: Fraction
    w_after: Number
    b_after: Number
    full_loss_after: Number  # loss over the whole (unrepeated) dataset after the update
    exact: bool = True  # computed in exact fractions (else float64)
    # the terms a hand-written gradient sums in brackets (mathcore.models): r x for linear and logistic; for the
    # bump model r e^{-(x-b)^2} (dL/dw) and r (x - b) e^{-(x-b)^2} (dL/db, whose coefficient carries w)
    dw_brackets: tuple[Number, ...] = ()
    db_brackets: tuple[Number, ...] = ()

    @property
    def batch_size(self) -> int:
        return len(self.indices)

    @property
    def loss_sum(self) -> Number:
        return sum(self.loss_terms)

    @property
    def residual_x(self) -> tuple[Number, ...]:
        """r_i * x_i: the bracketed terms of the hand-written dL/dw."""
        return tuple(r * x for r, x in zip(self.residuals, self.x))

    def distinct_positions(self) -> tuple[int, ...]:
        """Positions in the batch of the first occurrence of each dataset sample."""
        seen: dict[int, int] = {}
        for pos, i in enumerate(self.indices):
            seen.setdefault(i, pos)
        return tuple(seen.values())

    @property
    def row_multiplicities(self) -> tuple[int, ...]:
        """How often each distinct sample occurs in the batch, in distinct_positions() order."""
        counts = self.multiplicity()
        return tuple(counts[self.indices[p]] for p in self.distinct_positions())

    @property
    def common_multiplicity(self) -> Optional[int]:
        """m when every distinct sample occurs exactly m times in the batch, else None (shuffled repeats)."""
        counts = set(self.row_multiplicities)
        return counts.pop() if len(counts) == 1 else None

    def distinct_sum(self, values: Sequence[Number]) -> Number:
        """The sum of ``values`` (one per batch position) over the distinct samples, each counted once."""
        rows = self.distinct_positions()
        return sum((values[p] for p in rows[1:]), values[rows[0]])

    def bracket_sum(self, values: Sequence[Number]) -> Number:
        """The sum a worked step writes in brackets: over the distinct samples when each occurs equally often (the
        coefficient then carries the multiplicity), else over every position."""
        return self.distinct_sum(values) if self.common_multiplicity else sum(values[1:], values[0])

    def coefficient(self, factor: int = 1) -> tuple[int, int]:
        """(numerator, denominator) of the coefficient in front of the brackets: factor x m / B, with m the common
        multiplicity (1 when the counts differ: then each row carries its own count)."""
        return factor * (self.common_multiplicity or 1), len(self.indices)

    def multiplicity(self) -> dict[int, int]:
        """How often each dataset sample occurs in the batch (repeated data)."""
        counts: dict[int, int] = {}
        for i in self.indices:
            counts[i] = counts.get(i, 0) + 1
        return counts


@dataclass(frozen=True)
class Walkthrough:
    model: str
    loss: str
    exact: bool  # every recorded step exact
    precision: str
    schedule: BatchSchedule
    init: Params
    full_loss_before: Number
    steps: tuple[StepRecord, ...]  # the worked steps: the first len(steps) steps of the run
    diverged_at: Optional[int] = None  # 1-based first step that diverged (mathcore.divergence), among the worked ones
    total_steps: int = 0  # steps in the whole run (more than len(steps) when only some are worked)

    def step(self, index: int) -> StepRecord:
        """The 1-based step ``index``."""
        if not 1 <= index <= len(self.steps):
            raise IndexError(f"step {index} is not among the {len(self.steps)} worked steps")
        return self.steps[index - 1]


def _to_float(value: Number) -> float:
    try:
        return float(value)
    except OverflowError:  # an exact value beyond float range
        return float("inf") if value > 0 else float("-inf")


def _too_big(value: Number) -> bool:
    return isinstance(value, Fraction) and max(value.numerator.bit_length(),
                                               value.denominator.bit_length()) > EXACT_BITS


def dataset_loss(problem: Problem, w: Number, b: Number) -> Number:
    """Mean loss over the whole dataset at (w, b): exact for exact models and exact (w, b)."""
    if problem.model == "linear" and problem.loss == "mse":
        return problem.data.sums.mse(w, b)
    model = get_model(problem.model, problem.loss)
    return _mean([model.sample(w, b, x, y).loss_term for x, y in zip(problem.data.x, problem.data.y)])


def run_walkthrough(
    problem: Problem,
    schedule: BatchSchedule,
    *,
    epochs: Optional[int] = 1,
    steps: Optional[int] = None,
    worked_steps: Optional[int] = None,
) -> Walkthrough:
    """Record the first ``worked_steps`` steps (default: all) of a run of ``epochs`` epochs cut at
    ``steps`` (``steps`` alone: that many steps, over as many epochs as needed)."""
    model = get_model(problem.model, problem.loss)
    lr: Number = problem.lr if model.exact else float(problem.lr)
    w, b = problem.init.w, problem.init.b
    if not model.exact:
        w, b = float(w), float(b)
    data = problem.data
    total = run_length(len(data), schedule, epochs, steps)
    wanted = total if worked_steps is None else min(worked_steps, total)
    records: list[StepRecord] = []
    diverged_at = None
    exact = model.exact
    start_loss = dataset_loss(problem, problem.init.w, problem.init.b)
    for epoch, idx in batch_indices(len(data), schedule, epochs_needed(len(data), schedule, wanted)):
        if len(records) >= wanted:
            break
        if exact and (_too_big(w) or _too_big(b) or diverged_at is not None):
            exact, lr, w, b = False, float(lr), _to_float(w), _to_float(b)
        xs = tuple(data.x[i] for i in idx)
        ys = tuple(data.y[i] for i in idx)
        if exact:
            samples = [model.sample(w, b, x, y) for x, y in zip(xs, ys)]
        else:  # float steps: convert each sample once, not inside every operation
            samples = [model.sample(w, b, float(x), float(y)) for x, y in zip(xs, ys)]
        gw = tuple(s.grad_w for s in samples)
        gb = tuple(s.grad_b for s in samples)
        dw, db = _mean(gw), _mean(gb)
        w_new, b_new = w - lr * dw, b - lr * db
        full_loss_after = dataset_loss(problem, w_new, b_new)
        records.append(StepRecord(
            index=len(records) + 1, epoch=epoch + 1, indices=idx, x=xs, y=ys,
            w_before=w, b_before=b,
            predictions=tuple(s.prediction for s in samples),
            residuals=tuple(s.residual for s in samples),
            loss_terms=tuple(s.loss_term for s in samples),
            loss=_mean([s.loss_term for s in samples]),
            grad_w_terms=gw, grad_b_terms=gb, dw=dw, db=db, lr=problem.lr,
            w_after=w_new, b_after=b_new,
            full_loss_after=full_loss_after,
            exact=exact,
            dw_brackets=tuple(s.w_bracket for s in samples),
            db_brackets=tuple(s.b_bracket for s in samples),
        ))
        w, b = w_new, b_new
        if diverged_at is None and diverged(w, b, full_loss_after, start_loss):
            diverged_at = len(records)  # recorded, not a reason to stop: the worked steps are all shown
    all_exact = model.exact and all(r.exact for r in records)
    precision = model.precision if all_exact or not model.exact else (
        f"exact for steps 1-{sum(r.exact for r in records)}, then {FLOAT64_PRECISION}")
    return Walkthrough(
        model=model.name, loss=model.loss, exact=all_exact, precision=precision,
        schedule=schedule, init=problem.init,
        full_loss_before=start_loss,
        steps=tuple(records), diverged_at=diverged_at, total_steps=total,
    )


@dataclass(frozen=True)
class BatchEvaluation:
    """Loss and gradient of one batch at one point, without taking a step."""

    indices: tuple[int, ...]
    loss: Number
    dw: Number
    db: Number


def evaluate_batch(problem: Problem, w: Number, b: Number, indices: Sequence[int]) -> BatchEvaluation:
    """Mean loss and gradient over the samples ``indices`` (repeats allowed) at (w, b)."""
    model = get_model(problem.model, problem.loss)
    if not model.exact:
        w, b = float(w), float(b)
    samples = [model.sample(w, b, problem.data.x[i], problem.data.y[i]) for i in indices]
    return BatchEvaluation(tuple(indices), _mean([s.loss_term for s in samples]),
                           _mean([s.grad_w for s in samples]), _mean([s.grad_b for s in samples]))
