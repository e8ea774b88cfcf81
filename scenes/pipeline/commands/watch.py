"""`batchviz watch`: check the scenario on every save and re-render the scenes it changed (scenes.pipeline.watch)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

from scenes.pipeline.commands.options import language_option, out_option, quality_option, refuse
from scenes.pipeline.watch import WatchSession
from scenes.pipeline.watch import watch as watch_loop

DRAFT_QUALITY = "preview"  # `watch` draws drafts while the author types: the one command whose default is smaller


@click.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@language_option()
@quality_option(default=DRAFT_QUALITY)
@out_option("drafts go to OUT/<scenario id>/preview/")
@click.option("--frames-only", is_flag=True, help="Render last frames only, no clips.")
def watch(scenario, lang, quality, out, frames_only):
    """Check the scenario on every save and re-render the scenes it changed: last frames first, then clips.

    An invalid edit prints its errors and keeps the last good outputs. Stop with Ctrl-C.

    \b
    Example:
      batchviz watch scenarios/seed_en.yaml --frames-only
    """
    try:
        mode = os.stat(scenario).st_mode
    except (OSError, ValueError):
        refuse(f"{scenario}: no such file; give the path of a scenario YAML file")
    if stat.S_ISDIR(mode):
        refuse(f"{scenario}:1:1: the scenario file is a folder, not a file; name the file itself")
    if not stat.S_ISREG(mode):  # as `check` says it: a FIFO would block the first read, /dev/zero never end
        refuse(f"{scenario}:1:1: the scenario file is not a regular file (a pipe, device or socket); "
               "save it as an ordinary file")
    session = WatchSession(Path(scenario), Path(out), language=lang, quality=quality, clips=not frames_only,
                           echo=click.echo)
    click.echo(f"watching {scenario} (Ctrl-C to stop)")
    watch_loop(session)
