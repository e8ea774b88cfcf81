"""`batchviz ARGS` as separate processes forked from one prepared process, for tests that kill the program at work.

A fresh `python -m scenes.pipeline.cli render` spends about 3 s of CPU importing (the command line, the kinds,
manim) before it renders anything: a test that starts five of them, to kill each at another moment, spent 15 of its
18 s there. Here one prepared process does those imports once and forks a child for each command. Each child is
its own process running the program's entry (scenes.pipeline.cli's click group, as `python -m scenes.pipeline.cli`
does), killed like the real program; the prepared process only imported, never rendered, so no child inherits
Cairo or Pango state (why the render pool spawns its workers instead of forking them). What comes back mimics
subprocess.Popen where such a test uses it: pid, poll(), send_signal(), kill(), wait().
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

from scenes.pipeline.hash_seed import HASH_SEED

# the prepared process: imports what `render` needs, then for each JSON argv line on stdin forks a child that runs
# the command (its output to /dev/null) and writes the child's pid, then its wait status, one line each
PREPARED = """
import json, os, sys
from scenes.pipeline.cli import main
import scenes.pipeline.commands.render
from scenes.pipeline.heavy import manim_api
manim_api()  # imports manim and the kinds' scenes; renders nothing
for line in sys.stdin:
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)
            main.main(args=json.loads(line), prog_name="batchviz")
        except SystemExit as end:
            code = end.code if isinstance(end.code, int) else int(end.code is not None)
        finally:
            os._exit(code)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""


class ForkedCommand:
    """One command's child process: ``returncode`` is None while it runs, then its wait status as a Popen's is
    (-signal when killed)."""

    def __init__(self, pid: int, reports: IO[bytes]):
        self.pid, self._reports = pid, reports
        self.returncode: int | None = None

    def _ended(self, status: int) -> int:
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        self.returncode = code
        return code

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._reports], [], [], 0)[0]:
            return self._ended(int(self._reports.readline()))
        return self.returncode

    def wait(self) -> int:
        return self.returncode if self.returncode is not None else self._ended(int(self._reports.readline()))

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkedCli:
    """The prepared process, started in folder ``cwd`` with the project ``root`` on the path (a context manager):
    ``start(*args)`` runs `batchviz ARGS` in a new child and returns at once."""

    def __init__(self, root: Path, cwd: Path):
        env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": HASH_SEED}  # the program's hash seed
        # unbuffered: poll() asks select() whether a report waits, which a read-ahead buffer would hide
        self._process = subprocess.Popen([sys.executable, "-c", PREPARED], cwd=cwd, env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, bufsize=0)

    def start(self, *args: str) -> ForkedCommand:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write((json.dumps([str(a) for a in args]) + "\n").encode())
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the prepared batchviz process ended (status {self._process.wait()})")
        return ForkedCommand(int(line), self._process.stdout)

    def __enter__(self) -> ForkedCli:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()  # its loop ends
        self._process.wait(timeout=60)
