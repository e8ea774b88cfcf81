"""Paths on the loss surface, on a fair clock, beside the loss curves."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StrictStr

from scenes.scenario.fields import EntryBase, Frozen, LearningRate, PositiveInt, TitleLocalized
from scenes.scenario.kind import Kind
from scenes.scenario.run_plan import StepReference

BASE_SECONDS, ARROWS_SECONDS = 20.1, 5.0


class GradientArrows(Frozen):
    """Where to draw a minibatch gradient beside the full-batch gradient at the same point."""

    run: StrictStr
    """The run whose steps get arrows."""
    steps: Annotated[list[PositiveInt], Field(min_length=1, max_length=8)]
    """Which steps (from 1): at each, the step's own direction and the full batch's, from the point before it."""


class PathsEntry(EntryBase):
    """The loss surface over (w, b) as a heatmap with contour lines and the optimum (drawn on top), each run's path
    moving on a fair clock (`clock: samples` — samples seen, the default — or `epochs`), and beside it each run's
    whole-dataset loss (a log scale when the losses span decades). A run whose loss explodes is marked "diverged at
    step k" (one definition, shared with `explain`), its path cut where it leaves the view; the full-data bound
    2/λ_max and each run's worst-batch bound are stated (for the logistic model the narration states 2/L, the
    limit where the cross-entropy is most curved: mathcore/bce_stability.py), or with `stability: words` the same
    story is told in plain words. `arrows: {run: b1, steps: [3, 4]}` draws, at those steps,
    the minibatch direction beside the full-batch one from the same point."""

    scene: Literal["paths"]
    """Scene kind."""
    runs: Annotated[list[StrictStr], Field(min_length=1, max_length=6)]
    """Runs to draw (1 to 6), each in its own colour."""
    clock: Literal["samples", "epochs"] = "samples"
    """What advances the paths together: samples seen, or epochs."""
    learning_rate: Optional[LearningRate] = None
    """Learning rate for this scene's paths (default: the scenario's)."""
    arrows: Optional[GradientArrows] = None
    """Draw minibatch vs full-batch gradient directions at some steps of one run."""
    title: Optional[TitleLocalized] = None
    """Heading of the scene (default: the locale's paths_title)."""
    stability: Literal["formulas", "words"] = "formulas"
    """How the outcome tells whether the learning rate is too long a step: `formulas` draws and says the limits
    (2/λ_max of the full batch, 2/λ_max(H_S) of each run's steepest batch; give the lesson `define: [lambda_max,
    batch_curvature]`); `words` tells the same computed story without a formula, for beginners ("η = 0.02 is a safe
    step for all 8 samples together, but too long for the steepest batches of size 1 and 2: ...")."""


def check(checks, loc, e) -> None:
    for j, name in enumerate(e.runs):
        checks.run_name(loc + ("runs", j), name)
    if e.arrows is not None:
        checks.run_step(loc + ("arrows",), e.arrows.run, max(e.arrows.steps))


def worked_steps(scenario, loc, e) -> list[StepReference]:
    if e.arrows is None:
        return []
    return [StepReference(loc + ("arrows", "steps"), e.arrows.run, max(e.arrows.steps))]


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_surface | sub_surface_lowest_found | sub_surface_separable | sub_surface_not_unique",
         "sub_paths_true | sub_paths_false | sub_paths_undecided", "sub_zoom_out",
         "sub_converged | sub_diverged | sub_overshoot | sub_outcome | sub_bce_above | sub_bce_overshoot | "
         "sub_bce_below | sub_stability_all_true | sub_stability_all_undecided | sub_stability_batches_true | "
         "sub_stability_batches_false | sub_stability_batches_undecided", "sub_arrows")

KIND = Kind(PathsEntry, seconds=lambda scenario, e: BASE_SECONDS + (ARROWS_SECONDS if e.arrows else 0),
            check=check, name_parts=lambda e: list(e.runs[:3]), worked_steps=worked_steps, beats=BEATS)
