"""What a logistic classifier believes, step by step: the sigmoid and its decision boundary x = -b/w.

For the classifier picture of a logistic lesson: the start's curve, the whole data's best fit (mathcore.optimum),
and for each worked step the batch's own best fit (the same search on the batch's samples alone: none when the
batch is separable or holds one x value) and where the step moves the boundary. Boundaries are exact when the
parameters are; w = 0 has no boundary (the model answers σ(b) everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

import numpy as np

from mathcore.optimum import Optimum, find_optimum
from mathcore.problem import Dataset, Number, Problem
from mathcore.walkthrough import Walkthrough


def decision_boundary(w: Number, b: Number) -> Optional[Number]:
    """Where σ(w x + b) = 1/2: x = -b/w, or None when w = 0."""
    if w == 0:
        return None
    return -b / w


def probabilities(w: Number, b: Number, xs: np.ndarray) -> np.ndarray:
    """σ(w x + b) at each x, float64 (for drawing the curve)."""
    z = float(w) * np.asarray(xs, dtype=np.float64) + float(b)
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # σ(z) without overflow


@dataclass(frozen=True)
class ClassifierStep:
    index: int  # 1-based step of the run
    x: tuple[Fraction, ...]  # the batch's samples
    y: tuple[Fraction, ...]
    w_before: Number
    b_before: Number
    w_after: Number
    b_after: Number
    batch_fit: Optimum  # the batch's own best fit, or why it has none
    boundary_before: Optional[Number]
    boundary_after: Optional[Number]

    @property
    def batch_boundary(self) -> Optional[Number]:
        p = self.batch_fit.params
        return None if p is None else decision_boundary(p.w, p.b)


@dataclass(frozen=True)
class ClassifierPicture:
    start_w: Number
    start_b: Number
    start_boundary: Optional[Number]
    whole_fit: Optimum
    steps: tuple[ClassifierStep, ...]

    @property
    def whole_boundary(self) -> Optional[Number]:
        p = self.whole_fit.params
        return None if p is None else decision_boundary(p.w, p.b)


def classifier_picture(problem: Problem, walk: Walkthrough, steps: int) -> ClassifierPicture:
    """The start, the whole data's fit and the first ``steps`` worked steps of ``walk`` (a run of ``problem``)."""
    shown = []
    for s in walk.steps[:steps]:
        own = find_optimum(Problem(problem.model, problem.loss, Dataset(s.x, s.y), problem.init, problem.lr))
        shown.append(ClassifierStep(s.index, s.x, s.y, s.w_before, s.b_before, s.w_after, s.b_after, own,
                                    decision_boundary(s.w_before, s.b_before), decision_boundary(s.w_after, s.b_after)))
    w0, b0 = problem.init.w, problem.init.b
    return ClassifierPicture(w0, b0, decision_boundary(w0, b0), find_optimum(problem), tuple(shown))
