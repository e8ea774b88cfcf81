"""Files appear only when complete: every output is written beside its final name, then renamed into place."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(final: Path):
    """Yield a hidden staging path beside ``final``; rename it into place when the block succeeds, else remove it,
    so an interrupted render never leaves a truncated file where the output belongs."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.with_name(f".{final.name}.partial")
    try:
        yield staging
        os.replace(staging, final)
    finally:
        staging.unlink(missing_ok=True)
