"""What several commands share: their common options, loading a scenario, refusing bad input in one line, the
console they print on, the output folder they write to. Light on purpose: every command imports it."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from scenes.pipeline.presets import DEFAULT_QUALITY, QUALITIES
from scenes.scenario.errors import ScenarioError, one_line
from scenes.scenario.lesson_plan import safe_name
from scenes.scenario.loader import load_scenario
from scenes.scenario.schema import LANGUAGES, Scenario

DEFAULT_OUT = Path("media")
# Output folders that are never files: writing there fails late or does harm
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def load(path: str) -> Scenario:
    """Load a scenario or exit 2 with its one-line errors (no traceback)."""
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(2)


def refuse(message: str):
    """A usage error: one line on stderr, exit status 2."""
    click.echo(one_line(message), err=True)
    sys.exit(2)


def console(stderr: bool = False) -> Console:
    """A rich console that prints user text as it is: no markup ([/bold] in a title is text), no emoji codes."""
    width = None if (sys.stderr if stderr else sys.stdout).isatty() else 160
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, width=width)


def writable_folder(out: str, scenario_id: str) -> Path:
    """OUT/<id>, created and checked writable now, so that a bad --out fails before any rendering."""
    if one_line(out) != out:
        refuse(f"--out {out}: the folder name contains control characters or newlines; choose a plain name")
    folder = Path(out) / safe_name(scenario_id)
    resolved = folder.resolve()
    if any(resolved == Path(s) or Path(s) in resolved.parents for s in _SYSTEM_FOLDERS):
        refuse(f"--out {out}: {resolved} is a system folder; choose a folder for videos, e.g. media")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        refuse(f"--out {out}: cannot write to {folder} ({(exc.strerror or 'error').lower()}); "
               "choose a folder you can write to")
    return folder


def _parse_size(ctx, param, value):
    if value is None:
        return None
    try:
        dims, fps = value.split("@")
        width, height = (int(v) for v in dims.lower().split("x"))
        fps = int(fps)
    except ValueError:
        raise click.BadParameter("write it as WIDTHxHEIGHT@FPS, e.g. 160x90@5") from None
    if not (16 <= width <= 7680 and 16 <= height <= 4320 and 1 <= fps <= 120) or width % 2 or height % 2:
        raise click.BadParameter("use even sizes from 16x16 to 7680x4320 and 1 to 120 frames per second")
    return width, height, fps


# Options shared by the commands: each defined once here, composed onto every command that takes it
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def language_option(several: bool = False, default: str = "the scenario's") -> Decorator:
    """--lang: the language of the text; ``several``: repeatable, one output each (the parameter is ``langs``)."""
    if several:
        return click.option("--lang", "langs", type=click.Choice(LANGUAGES), multiple=True,
                            help=f"Language of the text (default: {default}); repeat it for several.")
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                        help=f"Language of the text (default: {default}).")


def quality_option(default: str = DEFAULT_QUALITY) -> Decorator:
    return click.option("--quality", type=click.Choice(list(QUALITIES)), default=default, show_default=True,
                        help="preview 360p10 (drafts), low 480p15, medium 720p30, high 1080p60, 4k 2160p60; scenes "
                             "already rendered at this quality are reused.")


def out_option(what: str = "files go to OUT/<scenario id>/") -> Decorator:
    return click.option("--out", default=str(DEFAULT_OUT), show_default=True, help=f"Output folder; {what}.")


jobs_option = click.option("--jobs", type=click.IntRange(1, 32), default=None,
                           help="Render scenes in N processes (default: one per core).")
size_option = click.option("--size", callback=_parse_size, default=None, metavar="WIDTHxHEIGHT@FPS",
                           help="A frame size and rate of your own, e.g. 320x180@5 for quick PNG checks; overrides "
                                "--quality.")
