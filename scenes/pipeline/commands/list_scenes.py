"""`batchviz list`: the lesson's scenes, with the length of their animations."""

from __future__ import annotations

import click
from rich.table import Table

from scenes.pipeline.commands.options import console, load
from scenes.scenario.errors import one_line
from scenes.scenario.lesson_plan import entry_seconds, scene_names


@click.command(name="list")
@click.argument("scenario", type=click.Path(dir_okay=False))
def list_scenes(scenario):
    """List the lesson's scenes with the length of their animations.

    A scene lasts at least that long; narration that needs more time to read adds to it (`batchviz script`
    gives the exact timeline).

    \b
    Example:
      batchviz list scenarios/seed.yaml
    """
    sc = load(scenario)

    table = Table(title=f"{sc.id}: {one_line(sc.title.get(sc.language))}")
    table.add_column("scene (for --scene)")
    table.add_column("seconds (at least)", justify="right")
    for name, entry in zip(scene_names(sc), sc.lesson):
        table.add_row(name, f"{entry_seconds(sc, entry):.0f}")
    total = sum(entry_seconds(sc, e) for e in sc.lesson)
    table.add_row("total", f"{total:.0f}")
    console().print(table)
