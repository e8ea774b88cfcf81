"""The blind men and the elephant: the data, and the straight line each batch believes."""

from __future__ import annotations

from typing import Literal

from pydantic import StrictStr

from mathcore.batching import steps_per_epoch
from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind

MAX_BATCHES = 8  # batches of the run's first epoch drawn one after another
BASE_SECONDS, BATCH_SECONDS = 9.0, 3.6


class DataEntry(EntryBase):
    """The data as dots with the model's starting line (dashed), the line that fits all the data best (least
    squares), and, batch by batch through the run's first epoch (at most 8 batches), the line that batch alone fits
    best: the seed's blind men and the elephant, computed. Linear models only."""

    scene: Literal["data"]
    """Scene kind."""
    run: StrictStr
    """The run whose first-epoch batches are shown (at most 8 batches)."""


def check(checks, loc, e) -> None:
    if checks.sc.model == "bump":  # the non-convex model of the basins lesson
        checks.problem(loc + ("scene",), "the data scene does not support model: bump: it draws the lines and sigmoids of the linear and logistic models; "
                                         "with bump use setup, paths, surface3d, noise or basins")
    if checks.sc.model != "linear":
        checks.problem(loc + ("scene",), "the data scene draws straight-line fits; it needs model: linear")
    if checks.run_name(loc + ("run",), e.run) and checks.dataset is not None and e.run in checks.totals:
        per_epoch = steps_per_epoch(len(checks.dataset), checks.sc.runs[e.run].schedule())
        if per_epoch > MAX_BATCHES:
            checks.problem(loc + ("run",), f"run '{e.run}' has {per_epoch} batches per epoch; the data scene shows "
                                           f"at most {MAX_BATCHES}, so use a larger batch size")


def seconds(scenario, e) -> float:
    run, n = scenario.runs.get(e.run), len(scenario.data.x) if scenario.data.x is not None else None
    if run is None or not n:
        return BASE_SECONDS
    return BASE_SECONDS + BATCH_SECONDS * min(-(-n * run.repeat // run.batch_size), MAX_BATCHES)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_data_intro | sub_data_intro_off_plot", "sub_data_whole", "sub_data_batch | sub_data_batch_none",
         "sub_data_differ_true | sub_data_differ_false | sub_data_agree_exactly | sub_data_differ_undecided | "
         "sub_data_end")

KIND = Kind(DataEntry, seconds=seconds, check=check, name_parts=lambda e: [e.run], beats=BEATS)
