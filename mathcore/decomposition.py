"""The full-batch gradient as the mean of minibatch gradients, all taken at one point.

For equal-sized batches that partition the data, the mean of their gradients
at (w, b) is exactly the full-batch gradient at (w, b); the scenes show this
with the numbers, and the tests check it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from mathcore.problem import Number, Problem
from mathcore.walkthrough import BatchEvaluation, evaluate_batch


@dataclass(frozen=True)
class GradientDecomposition:
    w: Number
    b: Number
    batches: tuple[BatchEvaluation, ...]
    mean_dw: Number
    mean_db: Number
    full: BatchEvaluation

    @property
    def exact_match(self) -> bool:
        """True when the batches' mean gradient equals the full-batch gradient."""
        return (self.mean_dw, self.mean_db) == (self.full.dw, self.full.db)


def decompose_gradient(problem: Problem, w: Number, b: Number,
                       batches: Sequence[Sequence[int]]) -> GradientDecomposition:
    evaluations = tuple(evaluate_batch(problem, w, b, batch) for batch in batches)
    k = len(evaluations)
    mean_dw = sum(e.dw for e in evaluations) / k
    mean_db = sum(e.db for e in evaluations) / k
    full = evaluate_batch(problem, w, b, range(len(problem.data)))
    return GradientDecomposition(w, b, evaluations, mean_dw, mean_db, full)
