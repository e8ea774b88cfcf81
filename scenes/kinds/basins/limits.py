"""The basins entry's limits at `check`: the study's whole cost (mathcore.basin_work), the size of its largest
array, and a window that holds a minimum, so that `explain` and a render never run for minutes, run out of
memory, or stop half-way with "no minimum"."""

from __future__ import annotations


def check_study_cost(checks, loc, e, n: int) -> None:
    """Report a study over the work or memory limit; when it is within them, search the window for minima."""
    from mathcore.basin_work import BASIN_ARRAY_LIMIT, BASIN_WORK_LIMIT, basin_work, largest_array

    held = len(e.held_out.x) if e.held_out is not None else 0
    work = basin_work(n, e.batch_sizes, e.runs, e.epochs, e.grid, held)
    if work > BASIN_WORK_LIMIT:
        checks.problem(loc + ("runs",), f"this study's work is about {work / 1e6:,.0f} million sample evaluations "
                                        f"(the minima search; {e.runs} runs x {e.epochs} epochs x {n} samples per "
                                        "batch size and start, a step per batch; 3000 descent steps per run to find "
                                        f"its basin), over the limit of {BASIN_WORK_LIMIT / 1e6:,.0f} million (about "
                                        "10 s); use fewer runs, epochs, samples or a smaller grid")
        return
    biggest = largest_array(n, e.runs, e.grid, held)
    if biggest > BASIN_ARRAY_LIMIT:
        where = ("held_out",) if held > n else ("runs",)
        checks.problem(loc + where, f"the study would hold {biggest:,} values at once (runs x (1 + grid²) x "
                                    f"{'held_out samples' if held > n else 'samples'}), over the limit of "
                                    f"{BASIN_ARRAY_LIMIT:,}; use fewer runs, a smaller grid or fewer held_out samples")
        return
    if checks.sc.model != "bump" or any(not low < high for low, high in (e.w_range, e.b_range)):
        return  # reported by the entry's own checks
    from mathcore.minima import find_minima

    x = [float(v) for v in checks.dataset.x]
    y = [float(v) for v in checks.dataset.y]
    if not find_minima(x, y, tuple(e.w_range), tuple(e.b_range)):
        checks.problem(loc + ("w_range",), f"the search found no minimum of the loss inside w_range {list(e.w_range)}"
                                           f" x b_range {list(e.b_range)}; move or widen the window to where the "
                                           "loss has a valley (`batchviz render` the paths scene to see it)")
