"""The key comparison: a small-batch run's first epoch beside one full-batch step."""

from __future__ import annotations

from typing import Literal

from pydantic import StrictStr

from mathcore.batching import steps_per_epoch
from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind
from scenes.scenario.run_plan import StepReference, run_steps

MAX_STEPS = 8  # the small-batch run's first epoch, at most this many steps side by side
BASE_SECONDS, STEP_SECONDS = 16.6, 1.0


class CompareEntry(EntryBase):
    """The small-batch run's first epoch (at most 8 steps) beside the full-batch run's first step: parameter
    sequences, both paths in the (w, b) plane, and the full-batch gradient beside the mean of the batches' gradients
    at one point, with the relation between them computed ("=" only when they are equal)."""

    scene: Literal["compare"]
    """Scene kind."""
    small: StrictStr
    """The small-batch run (its first epoch is shown, at most 8 steps)."""
    full: StrictStr
    """The full-batch run (its first step is shown)."""


def check(checks, loc, e) -> None:
    if checks.run_name(loc + ("small",), e.small) and checks.dataset is not None and e.small in checks.totals:
        small = checks.sc.runs[e.small]
        if steps_per_epoch(len(checks.dataset), small.schedule()) > MAX_STEPS:
            checks.problem(loc + ("small",), f"run '{e.small}' has more than {MAX_STEPS} steps per epoch, too "
                                             "many to compare side by side; use a larger batch size")
    checks.run_name(loc + ("full",), e.full)


def worked_steps(scenario, loc, e) -> list[StepReference]:
    refs = [StepReference(loc + ("full",), e.full, 1)]
    small = scenario.runs.get(e.small)
    if small is not None:
        n = len(scenario.dataset)
        shown = min(steps_per_epoch(n, small.schedule()), run_steps(small, n), MAX_STEPS)
        refs.insert(0, StepReference(loc + ("small",), e.small, shown))
    return refs


def seconds(scenario, e) -> float:
    run, n = scenario.runs.get(e.small), len(scenario.data.x) if scenario.data.x is not None else None
    if run is None or not n:
        return BASE_SECONDS
    return BASE_SECONDS + STEP_SECONDS * min(-(-n * run.repeat // run.batch_size), MAX_STEPS)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_compare_small_true | sub_compare_small_false | sub_compare_small_undecided",
         "sub_compare_full_true | sub_compare_full_false | sub_compare_full_undecided", "sub_compare_mean")

KIND = Kind(CompareEntry, seconds=seconds, check=check, name_parts=lambda e: [e.small, e.full],
            worked_steps=worked_steps, beats=BEATS)
