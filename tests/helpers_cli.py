"""`batchviz ARGS` run inside the test process (click's CliRunner), for tests of what a command prints and the
status it ends with, where the process itself is not what is tested.

A `python -m scenes.pipeline.cli` subprocess spends about a second importing before it does anything, and a
rendering command another two importing manim: here both are imported once per test process. What comes back
reads like subprocess.run's result (returncode, stdout, stderr); an exception the command did not handle is
printed to stderr as Python prints it and ends with status 1, as the real program would, so that the tests'
"no Traceback" checks still see it. Tests of the process itself (its start-up, killing it, two at once, what it
imports, blocking on a FIFO) keep a real subprocess.
"""

from __future__ import annotations

import contextlib
import json
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from scenes.pipeline.cli import main


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it wrote to stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str


def batchviz_here(*args: str, cwd: Path | str | None = None) -> Ran:
    """Run `batchviz ARGS` in this process, in folder ``cwd`` (default: the current one)."""
    with contextlib.chdir(cwd or os.getcwd()):
        result = CliRunner().invoke(main, [str(a) for a in args], prog_name="batchviz")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))  # as the interpreter prints it
    return Ran(result.exit_code, result.stdout, stderr)


def script_cues(folder: Path, text: str, name: str = "lesson.yaml") -> list[dict]:
    """The cues `batchviz script --format json` prints for the lesson ``text``, written as ``folder/name`` (its
    scenes run unpainted: a test that calls this renders)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    printed = batchviz_here("script", str(path), "--format", "json")
    assert printed.returncode == 0, printed.stderr
    return json.loads(printed.stdout)["cues"]
