"""The line each batch "believes": its own least-squares fit, beside the whole data's.

The seed's blind men and the elephant, computed: a batch that holds only
small x (all labelled 0) sees a flat line, one of large x a different one;
only all the data together gives the whole-data slope. Exact fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from mathcore.problem import Params, Problem
from mathcore.stability import least_squares_optimum


@dataclass(frozen=True)
class BatchFit:
    indices: tuple[int, ...]  # samples of the batch, in batch order
    fit: Optional[Params]  # its least-squares line, or None when all its x are equal (no single line)


def batch_fits(problem: Problem, batches: Sequence[Sequence[int]]) -> list[BatchFit]:
    """Each batch's own least-squares line y = w x + b (the loss of a linear model on that batch alone)."""
    out = []
    for batch in batches:
        x = [problem.data.x[i] for i in batch]
        y = [problem.data.y[i] for i in batch]
        try:
            fit = least_squares_optimum(x, y)
        except ValueError:  # one distinct x: every line through the points' mean fits
            fit = None
        out.append(BatchFit(tuple(batch), fit))
    return out
