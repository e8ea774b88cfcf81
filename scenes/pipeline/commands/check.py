"""`batchviz check`: validate a scenario and audit its claims."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from mathcore import format_value
from scenes.pipeline.commands.options import console, load
from scenes.scenario.errors import one_line
from scenes.scenario.lesson import lesson_of


@click.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
def check(scenario):
    """Validate a scenario and audit its claims.

    Prints the claims that do not hold, with the exact value beside each.
    Exit status: 0 all claims hold (or only differ by the source's rounding),
    1 some claim is wrong, 2 the scenario is invalid.

    \b
    Example:
      batchviz check scenarios/seed.yaml
    """
    sc = load(scenario)

    results = lesson_of(sc).audit()
    failing = [r for r in results if r.verdict != "holds"]
    out = console()
    if failing:
        table = Table(title=f"{one_line(scenario)}: claims that do not hold", show_lines=False)
        for col in ("run", "step", "quantity", "claimed", "exact", "verdict", "source"):
            table.add_column(col, overflow="fold")
        for r in failing:
            verdict = r.verdict + (f" (carried from {r.carried_from})" if r.carried_from else "")
            table.add_row(r.run, str(r.step), r.quantity, r.claimed, format_value(r.exact, 8), verdict, r.source)
        out.print(table)
    for name in sc.runs:  # warnings: a learning rate that overshoots on some batch of a run
        bounds = lesson_of(sc).stability(name)
        lr = sc.problem().lr
        if bounds is not None and lr >= bounds.worst_batch_lr:
            where = "the whole data" if lr >= bounds.full_batch_lr else f"its worst batch (step {bounds.worst_step})"
            limit = bounds.full_batch_lr if lr >= bounds.full_batch_lr else bounds.worst_batch_lr
            out.print(f"warning: run {name}: learning rate {format_value(lr, 6)} is not below "
                      f"2/λ_max {format_value(limit, 4)} of {where}: its steps overshoot there")
    counts = {v: sum(r.verdict == v for r in results) for v in ("holds", "rounding", "wrong")}
    out.print(f"{one_line(scenario)}: valid; {len(results)} claims: {counts['holds']} hold, "
              f"{counts['rounding']} differ only by the source's rounding, {counts['wrong']} wrong")
    sys.exit(1 if counts["wrong"] else 0)
