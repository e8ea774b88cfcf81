"""The basin study (mathcore.basin_study) for `batchviz explain`: a Markdown section and a JSON object."""

from __future__ import annotations

from mathcore.basin_study import BasinOutcome, BasinStudy, exploration_verdict, same_minimum_verdict
from mathcore.formatting import format_value

MEASURED_DIGITS = 3  # seeded, noisy values: three significant digits


def _outcome_json(o: BasinOutcome) -> dict:
    return {"batch_size": o.batch_size, "runs": o.runs, "ended_in": list(o.counts), "diverged": o.diverged, "elsewhere": o.elsewhere,
            "fractions": [o.fraction(k) for k in range(len(o.counts))],
            "intervals_90": [list(iv) for iv in o.intervals], "held_out_loss": o.held_out_loss,
            "left_sharp_basin": None if o.escape_steps is None else len(o.escape_steps),
            "stayed_in_sharp_basin": o.stayed if o.escape_steps is not None else None,
            "median_steps_before_leaving_sharp_basin": o.median_escape}


def basin_json(study: BasinStudy) -> dict:
    return {"minima": [{"w": m.w, "b": m.b, "loss": m.loss, "sharpness": m.sharpness,
                        "stable_rate": m.stable_rate} for m in study.minima],
            "learning_rate": study.lr, "epochs": study.epochs, "start": list(study.start),
            "from_start": [_outcome_json(o) for o in study.outcomes],
            "from_grid": [_outcome_json(o) for o in study.grid_outcomes],
            "small_batch_finds_flat_more_often": exploration_verdict(study).outcome,
            "batch_sizes_end_in_same_minimum": same_minimum_verdict(study).outcome}


def basin_markdown(study: BasinStudy) -> str:
    f = lambda v: format_value(v, MEASURED_DIGITS, "text")
    out = ["## Basin study", "",
           "Minima found (flattest first; sharpness = the Hessian's largest eigenvalue): "
           + "; ".join(f"w {f(m.w)}, b {f(m.b)}, loss {f(m.loss)}, sharpness {f(m.sharpness)}" for m in study.minima)
           + ".", ""]

    def table(outcomes, where):
        rows = [f"Shuffled runs {where}, learning rate {f(study.lr)}, {study.epochs} epochs; share ending in each "
                "minimum with its 90% Wilson interval.", "",
                "| batch size | runs | " + " | ".join(f"minimum {k + 1}" for k in range(len(study.minima)))
                + " | elsewhere | diverged | held-out loss | steps before leaving the sharp basin (median) |",
                "|---:|---:|" + "---:|" * len(study.minima) + "---:|---:|---:|---:|"]
        for o in outcomes:
            shares = " | ".join(f"{f(100 * o.fraction(k))}% ({f(100 * lo)}–{f(100 * hi)}%)"
                                for k, (lo, hi) in enumerate(o.intervals))
            held = f(o.held_out_loss) if o.held_out_loss is not None else "—"
            escape = (f"{f(o.median_escape)} ({len(o.escape_steps)} left, {o.stayed} stayed)"
                      if o.escape_steps else "—" if o.escape_steps is None else f"none left ({o.stayed} stayed)")
            rows.append(f"| {o.batch_size} | {o.runs} | {shares} | {o.elsewhere} | {o.diverged} | {held} | {escape} |")
        return rows + [""]

    out += table(study.outcomes, f"from (w, b) = ({f(study.start[0])}, {f(study.start[1])})")
    if study.grid_outcomes:
        out += table(study.grid_outcomes, "from every point of the grid of starts")
    out += [f"Small batch finds the flat minimum more often: {exploration_verdict(study).outcome}; "
            f"every batch size ends in the same minimum: {same_minimum_verdict(study).outcome}.", ""]
    return "\n".join(out)
