"""Pure numeric core of batchviz: every number the videos show comes from here.

mathcore never imports manim (or pydantic): inputs and results are frozen
dataclasses, exact ``fractions.Fraction`` values wherever the math is
rational (linear model + MSE), numpy float64 elsewhere.
"""

from mathcore.batching import BatchSchedule, batch_indices
from mathcore.exact import to_fraction
from mathcore.formatting import format_value
from mathcore.models import get_model
from mathcore.problem import Dataset, Params, Problem
from mathcore.walkthrough import StepRecord, Walkthrough, run_walkthrough

__all__ = [
    "to_fraction", "Dataset", "Params", "Problem", "get_model",
    "BatchSchedule", "batch_indices", "StepRecord", "Walkthrough",
    "run_walkthrough", "format_value",
]
