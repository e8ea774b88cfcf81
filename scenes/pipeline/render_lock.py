"""One render at a time per output folder.

Two renders into the same folder would share manim's working folder and the
scene files; the second waits for the first (the lock is released when the
first process ends, even if it is killed), then finds the scenes it rendered
unchanged.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional


@contextmanager
def render_lock(folder: Path, on_wait: Optional[Callable[[], None]] = None):
    """Hold an exclusive lock on ``folder``/.render.lock for the block; call ``on_wait`` if it must wait."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".render.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
