"""Small batches explore: where many shuffled runs of each batch size end on a loss with a sharp and a flat
minimum (the basin study, mathcore.basin_study)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

import numpy as np
from pydantic import Field, StrictInt

from mathcore.basin_study import BASIN_BUDGET, sample_evaluations
from mathcore.basin_work import basin_study_problem
from scenes.scenario.fields import EntryBase, Frozen, LearningRate, Number, TitleLocalized
from scenes.scenario.kind import Kind

BatchSize = Annotated[StrictInt, Field(ge=1, le=100_000)]
Window = Annotated[list[Number], Field(min_length=2, max_length=2)]


class HeldOut(Frozen):
    """Samples kept out of training: the held-out loss of where the runs ended says which minimum generalises."""

    x: Annotated[list[Number], Field(min_length=1, max_length=10_000)]
    """Inputs."""
    y: Annotated[list[Number], Field(min_length=1, max_length=10_000)]
    """Labels, one per input."""


class BasinsEntry(EntryBase):
    """Needs `model: bump`. The loss surface over the window with every minimum the search finds, marked by its
    sharpness (the Hessian's largest eigenvalue); the path of one run of the smallest and of the largest batch size
    from the scenario's `init`; then a bar per batch size: the share of `runs` shuffled runs (each its own
    permutations) that ended in each minimum (full-batch descent from the run's last point reaches it), with its 90%
    interval, and of those that ended in none. The narration says the small batch found the
    flat minimum more often only when the intervals show it, and says so when every batch size ends in the same
    minimum. With `held_out` samples, the held-out loss of each batch size's end points. Budget: samples × epochs ×
    batch sizes × (runs + grid_runs × grid²) at most 40
    million."""

    scene: Literal["basins"]
    """Scene kind."""
    batch_sizes: Annotated[list[BatchSize], Field(min_length=2, max_length=4)]
    """Batch sizes to compare (2 to 4), smallest first; each at most the number of samples."""
    runs: Annotated[StrictInt, Field(ge=10, le=5000)] = 200
    """Shuffled runs per batch size (10 to 5000); more runs, narrower intervals."""
    epochs: Annotated[StrictInt, Field(ge=1, le=10_000)] = 40
    """Passes over the data of each run."""
    learning_rate: Optional[LearningRate] = None
    """Learning rate of every run (default: the scenario's)."""
    w_range: Window = [-1, 3]
    """The window of w drawn and searched for minima: [low, high]."""
    b_range: Window = [-4, 4]
    """The window of b drawn and searched for minima: [low, high]."""
    grid: Annotated[StrictInt, Field(ge=0, le=6)] = 0
    """Also start runs from each point of a grid × grid grid over the window (0: only from `init`); the scene draws
    the map (each start a dot coloured by the minimum most of its runs ended in, per batch size) and `explain`
    reports it."""
    grid_runs: Optional[Annotated[StrictInt, Field(ge=1, le=5000)]] = None
    """Runs from each grid start (default: `runs`); a few per start are enough for the map."""
    seed: Annotated[StrictInt, Field(ge=0, le=2**32 - 1)] = 0
    """Seed of the runs' permutations (the batch size is added to it)."""
    held_out: Optional[HeldOut] = None
    """Held-out samples, to measure how well each outcome generalises."""
    title: Optional[TitleLocalized] = None
    """Heading of the scene (default: the locale's basins_title)."""


def budget(n: int, e: BasinsEntry) -> int:
    return sample_evaluations(n, e.batch_sizes, e.runs, e.epochs, e.grid, e.grid_runs)


def check(checks, loc, e: BasinsEntry) -> None:
    sc = checks.sc
    if sc.model != "bump":
        checks.problem(loc + ("scene",), "the basins scene needs a loss with several minima; set model: bump "
                                         "(and loss: mse) at the top of the scenario")
    for key in ("w_range", "b_range"):
        low, high = getattr(e, key)
        if not low < high:
            checks.problem(loc + (key,), f"{key} must be [low, high] with low < high; swap or widen them")
    if sorted(set(e.batch_sizes)) != list(e.batch_sizes):
        checks.problem(loc + ("batch_sizes",), "the batch sizes are out of order or repeated; list them smallest first, each once")
    if e.held_out is not None and len(e.held_out.x) != len(e.held_out.y):
        checks.problem(loc + ("held_out",), f"held_out has {len(e.held_out.x)} x values but {len(e.held_out.y)} y "
                                            "values; give one y per x")
    if checks.dataset is not None:
        n = len(checks.dataset)
        for j, size in enumerate(e.batch_sizes):
            if size > n:
                checks.problem(loc + ("batch_sizes", j), f"batch size {size} exceeds the {n} samples; use at most {n}")
        cost = budget(n, e)
        if cost > BASIN_BUDGET:
            checks.problem(loc + ("runs",), f"{n} samples x {e.epochs} epochs x {len(e.batch_sizes)} batch sizes x "
                                            f"(runs + grid_runs x grid²) = {cost:,} sample "
                                            f"evaluations is over the {BASIN_BUDGET:,} budget; use fewer runs, "
                                            "epochs or a smaller grid")
        elif sc.model == "bump" and all(low < high for low, high in (e.w_range, e.b_range)):
            # the study's whole cost (mathcore.basin_work), and a window that holds a minimum
            xs, ys = (np.array([float(v) for v in values]) for values in (checks.dataset.x, checks.dataset.y))
            found = basin_study_problem(xs, ys, e.batch_sizes, e.runs, e.epochs, e.grid,
                                        len(e.held_out.x) if e.held_out is not None else 0, e.w_range, e.b_range,
                                        e.grid_runs)
            if found:
                checks.problem(loc + (found[0],), found[1])


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_basins_minima | sub_basins_minima_one",
         "sub_basins_paths",
         "sub_basins_small_batch_finds_flat_more_often_true | sub_basins_same_minimum | "
         "sub_basins_small_batch_finds_flat_more_often_false | sub_basins_small_batch_finds_flat_more_often_undecided",
         "sub_basins_held_out | sub_basins_held_out_none",
         "sub_basins_map_true | sub_basins_map_false | sub_basins_map_undecided")

KIND = Kind(BasinsEntry, seconds=lambda scenario, e: 30.0, check=check, beats=BEATS)
