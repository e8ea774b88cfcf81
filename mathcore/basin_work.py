"""What a basin study will cost, counted before it runs (`check` refuses a study over the limits).

``mathcore.basin_study.sample_evaluations`` counts the runs' sample evaluations only; the study also spends:
the minima search (SEARCH_STARTS² starts x SEARCH_STEPS steps over every sample), the full-batch descent that
decides each end point's basin (BASIN_STEPS steps over every run and sample: 3000 times one epoch), a Python
step per batch of every epoch (the runs move together, so a step costs the same for 10 runs as for 200), and the
held-out loss of every end point (one array of runs x held-out samples). ``basin_work`` adds these up in one
unit, element evaluations of the bump's gradient; a Python step (of the runs, of the search's Newton polish) counts
STEP_UNITS of them. Timed on the 2-core machine under load (mathcore.basin_study on 11 to 500 samples, 10 to 1,000
runs): 40 to 100 ns per unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from mathcore.minima import BASIN_STEPS, NEWTON_STEPS, SEARCH_STARTS, SEARCH_STEPS, find_minima

# 4 to 9 s on the 2-core machine, so that `explain` stays within 10 s (the shipped basins lesson: 55 million)
BASIN_WORK_LIMIT = 90_000_000
# the largest array one step builds (runs x samples or runs x held-out samples), in float64 elements: 32 MB, a few
# of them alive at once, far below a 1.5 GB address space
BASIN_ARRAY_LIMIT = 4_000_000
STEP_UNITS = 5_000  # one Python step of the runs (~200 µs measured), in element evaluations
BASIN_STEP_UNITS = 750  # one step of the basin descent (~30 µs of fixed cost)


def basin_starts(runs: int, grid: int, grid_runs: int | None = None) -> tuple[int, ...]:
    """The number of runs of each batch size's outcomes: from `init`, and from the grid when there is one."""
    return (runs, (runs if grid_runs is None else grid_runs) * grid * grid) if grid else (runs,)


def basin_work(n: int, batch_sizes: Sequence[int], runs: int, epochs: int, grid: int = 0,
               held_out: int = 0, grid_runs: int | None = None) -> int:
    """The study's cost in element evaluations (see the module docstring); n samples, held_out held-out samples."""
    starts = SEARCH_STARTS * SEARCH_STARTS
    search = starts * SEARCH_STEPS * n // 2 + starts * NEWTON_STEPS * STEP_UNITS  # one array, then one point a step
    work = search
    for size in batch_sizes:
        for starts in basin_starts(runs, grid, grid_runs):
            work += starts * n * (2 * epochs + BASIN_STEPS)  # permutations + gradients, then the basin descent
            work += STEP_UNITS * epochs * math.ceil(n / size) + BASIN_STEP_UNITS * BASIN_STEPS
            work += 3 * starts * held_out
    return work


def largest_array(n: int, runs: int, grid: int = 0, held_out: int | None = None, grid_runs: int | None = None) -> int:
    """Elements of the largest array the study builds: every run against every sample (or held-out sample)."""
    return max(basin_starts(runs, grid, grid_runs)) * max(n, held_out or 0)


def basin_study_problem(x: np.ndarray, y: np.ndarray, batch_sizes: Sequence[int], runs: int, epochs: int, grid: int, held_out: int,
                        w_range: Sequence[float], b_range: Sequence[float],
                        grid_runs: int | None = None) -> tuple[str, str] | None:
    """(field, what to do) when the study is over the work or memory limit or its window holds no minimum, else
    None: what `check` says about a basins entry before `explain` or a render runs the study."""
    n = len(x)
    work = basin_work(n, batch_sizes, runs, epochs, grid, held_out, grid_runs)
    if work > BASIN_WORK_LIMIT:
        return "runs", (f"this study's work is about {work / 1e6:,.0f} million sample evaluations (the minima "
                        f"search; {runs} runs x {epochs} epochs x {n} samples per batch size and start, a step per "
                        f"batch; {BASIN_STEPS} descent steps per run to find its basin), over the limit of "
                        f"{BASIN_WORK_LIMIT / 1e6:,.0f} million (about 10 s); use fewer runs, epochs, samples or a "
                        "smaller grid")
    biggest = largest_array(n, runs, grid, held_out, grid_runs)
    if biggest > BASIN_ARRAY_LIMIT:
        held = held_out > n
        return ("held_out" if held else "runs"), (
            f"the study would hold {biggest:,} values at once ((runs + grid_runs x grid²) x "
            f"{'held_out samples' if held else 'samples'}), over the limit of {BASIN_ARRAY_LIMIT:,}; use fewer runs, "
            "a smaller grid or fewer held_out samples")
    if not find_minima(x, y, (w_range[0], w_range[1]), (b_range[0], b_range[1])):
        return "w_range", (f"the search found no minimum of the loss inside w_range {list(w_range)} x b_range "
                           f"{list(b_range)}; move or widen the window to where the loss has a valley (`batchviz "
                           "render` the paths scene to see it)")
    return None
