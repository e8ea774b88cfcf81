"""What the repository tracks: never the local environment or caches. A worktree's `.venv` symlink was once
committed by `git add -A` (.gitignore's `.venv/` matched only a directory); checked out, it replaced the real
environment with a link to itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCAL = (".venv", ".cache", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache")


def test_no_local_environment_or_cache_is_tracked():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    local = [p.decode() for p in tracked if p and p.decode().split("/")[0] in LOCAL]
    assert not local, f"tracked local files (ignore them in .gitignore without a trailing slash): {local[:5]}"
