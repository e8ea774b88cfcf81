"""How much computing each run of a scenario needs, and the budgets that keep every command fast.

A run is computed two ways (see mathcore): its *worked* steps, recorded sample by
sample (exact where cheap) for the step and compare scenes, the claims and
``explain``; and its float64 *path*, every step, for the paths scenes and the
run summaries. The budgets below are per scenario file, so a file cannot
multiply the work by defining many runs (or aliases of one run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mathcore.batching import BatchSchedule, run_length, steps_per_epoch
from scenes.scenario.kind import StepReference, kinds

if TYPE_CHECKING:
    from scenes.scenario.schema import Run, Scenario

DEFAULT_WORKED_STEPS = 16  # `explain` shows at least this many steps of each run...
DEFAULT_WORKED_SAMPLES = 2_000  # ...when they hold at most this many samples (per run)
MAX_DEFAULT_WORKED_SAMPLES = 10_000  # ...and all runs' together at most this many
MAX_WORKED_SAMPLES = 50_000  # samples in the steps the lesson and claims refer to, whole file
MAX_EPOCH_SAMPLES = 200_000  # samples x repeat in one epoch of a run
MAX_PATH_STEPS = 300_000  # float steps of all runs
MAX_PATH_WORK = 30_000_000  # float element operations of all runs (about a second of numpy)


def run_steps(run: Run, n: int) -> int:
    """Total steps of a run (schema Run) on n samples."""
    return run_length(n, run.schedule(), run.epochs, run.steps)


def step_references(scenario: Scenario) -> list[StepReference]:
    """Every worked step the lesson and the claims refer to (runs that exist only)."""
    refs: list[StepReference] = []
    for i, entry in enumerate(scenario.lesson):
        refs.extend(kinds()[entry.scene].worked_steps(scenario, ("lesson", i), entry))
    for i, claim in enumerate(scenario.claims):
        refs.append(StepReference(("claims", i, "step"), claim.run, claim.step))
    return [r for r in refs if r.run in scenario.runs]


def worked_steps(scenario: Scenario) -> dict[str, int]:
    """Steps to work out per run: those referred to, else the first few for `explain` when cheap."""
    n = len(scenario.dataset)
    needed: dict[str, int] = {}
    for ref in step_references(scenario):
        needed[ref.run] = max(needed.get(ref.run, 0), ref.step)
    plan, spent = {}, 0
    for name, run in scenario.runs.items():
        total = run_steps(run, n)
        default = min(total, DEFAULT_WORKED_STEPS, DEFAULT_WORKED_SAMPLES // run.batch_size)
        if spent + default * run.batch_size > MAX_DEFAULT_WORKED_SAMPLES:
            default = 0  # explain still summarises the run from its float path
        spent += default * run.batch_size
        plan[name] = min(total, max(needed.get(name, 0), default))
    return plan


def path_work(schedule: BatchSchedule, n: int, steps: int, model: str) -> int:
    """Element operations of a float run: batching each epoch, plus the whole-data loss per step."""
    epochs = -(-steps // steps_per_epoch(n, schedule))
    batching = epochs * n * schedule.repeat
    per_step_loss = 1 if model == "linear" else n + schedule.batch_size  # linear: sufficient statistics
    return batching + steps * per_step_loss
