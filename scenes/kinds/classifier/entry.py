"""A logistic classifier's picture: the samples at y = 0 and 1, the sigmoid of the start, of each batch's own fit and
of the whole data's fit, and the decision boundary x = -b/w moving with each step."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StrictInt, StrictStr

from scenes.scenario.fields import EntryBase, TitleLocalized
from scenes.scenario.kind import Kind
from scenes.scenario.run_plan import StepReference

BASE_SECONDS, STEP_SECONDS = 6.0, 3.5


class ClassifierEntry(EntryBase):
    """Needs `model: logistic`. The samples drawn at y = 0 and y = 1, the model's curve σ(w·x + b) at the start
    (dashed) and the whole data's best fit (when the classes overlap), then for each of the first `steps` steps of
    `run`: the batch's samples highlighted, the sigmoid that batch alone would fit (none when the batch is
    separable), and the model's curve and decision boundary x = −b/w moving to where the step takes them."""

    scene: Literal["classifier"]
    """Scene kind."""
    run: StrictStr
    """The run whose steps move the curve."""
    steps: Annotated[StrictInt, Field(ge=1, le=6)] = 3
    """How many of its first steps to show (1 to 6)."""
    title: Optional[TitleLocalized] = None
    """Heading of the scene (default: the locale's classifier_title)."""


def check(checks, loc, e: ClassifierEntry) -> None:
    if checks.sc.model != "logistic":
        checks.problem(loc + ("scene",), "the classifier scene draws a sigmoid and its decision boundary; set "
                                         "model: logistic (and loss: bce)")
    checks.run_step(loc, e.run, e.steps)


def worked_steps(scenario, loc, e) -> list[StepReference]:
    return [StepReference(loc + ("steps",), e.run, e.steps)]


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_classifier_intro | sub_classifier_intro_no_boundary",
         "sub_classifier_whole | sub_classifier_whole_separable | sub_classifier_whole_not_unique",
         "sub_classifier_step | sub_classifier_step_no_fit")

KIND = Kind(ClassifierEntry, seconds=lambda scenario, e: BASE_SECONDS + STEP_SECONDS * e.steps, check=check,
            name_parts=lambda e: [e.run], worked_steps=worked_steps, beats=BEATS)
