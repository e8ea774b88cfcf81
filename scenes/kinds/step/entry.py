"""One gradient step, equation by equation."""

from __future__ import annotations

from typing import Literal

from pydantic import StrictStr

from scenes.scenario.fields import EntryBase, PositiveInt
from scenes.scenario.kind import Kind
from scenes.scenario.run_plan import StepReference

MAX_TABLE_ROWS = 10  # one table row per distinct sample
BASE_SECONDS = 31.2
ROW_SECONDS = 0.7  # two columns revealed row by row at 0.35 s
REPEAT_SECONDS = 6.0  # the beat showing that repeated data changes neither loss nor gradient


class StepEntry(EntryBase):
    """One step of a run (whose batches hold at most 10 distinct samples: one table row each): forward-pass table,
    loss, gradient and update equations, the (w, b) readout moving. With repeated data (`repeat`), it also shows
    whether the loss and gradient equal those of the distinct samples (computed, not assumed). With `model: bump`
    the table gains a column for dL/db's terms (ŷ − y)(x − b)·e^(−(x − b)²), and every value is float64."""

    scene: Literal["step"]
    """Scene kind."""
    run: StrictStr
    """Name of a run under `runs`."""
    step: PositiveInt = 1
    """Which step of the run, from 1."""


def check(checks, loc, e) -> None:
    checks.run_step(loc, e.run, e.step)
    run = checks.sc.runs.get(e.run)
    if run is not None and checks.dataset is not None and e.run in checks.totals:
        rows = min(run.batch_size, len(checks.dataset))
        if rows > MAX_TABLE_ROWS:
            checks.problem(loc + ("run",), f"a step scene draws a table row per sample, and run '{e.run}' has "
                                           f"{rows} samples per batch (at most {MAX_TABLE_ROWS} fit); "
                                           "show a run with a smaller batch size")


def seconds(scenario, e) -> float:
    run, n = scenario.runs.get(e.run), len(scenario.data.x) if scenario.data.x is not None else None
    if run is None:
        return BASE_SECONDS
    rows = min(run.batch_size, n) if n else run.batch_size
    repeated = run.repeat > 1 and n and run.batch_size > n
    return BASE_SECONDS + ROW_SECONDS * rows + (REPEAT_SECONDS if repeated else 0)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_forward", "sub_loss | sub_loss_bce", "sub_grad", "sub_repeat | sub_repeat_unequal", "sub_update")

KIND = Kind(StepEntry, seconds=seconds, check=check, name_parts=lambda e: [e.run, str(e.step)],
            worked_steps=lambda scenario, loc, e: [StepReference(loc + ("step",), e.run, e.step)], beats=BEATS)
