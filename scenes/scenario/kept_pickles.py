"""Folders of results kept between processes as pickles: the parsed glyphs of texts and formulas
(scenes.pipeline.parsed_svg_cache) and a lesson's studies (scenes.scenario.kept_studies).

A file is read back by an unpickler that accepts only the classes of the packages its caller names (never their
functions), numpy's array builders and a few builtin containers: a file with anything else in it, or one that cannot
be read, is a miss (None), never run. A file is written whole, then renamed, so a process reading at the same moment
finds the old file, the new one or none; loading a file renews its time, and past its folder's limit the files used
longest ago go. Writing is best effort: a read-only or full disk only costs speed.

A process does not list the folder on every write (a lesson's first render writes a few thousand files: listing each
time was quadratic, seconds of stat calls): it lists it on its first write there, then counts what it wrote, and lists
again when that count passes the limit or every RESCAN_EVERY writes (other processes write there too).
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_ALLOWED_BUILTINS = {"set", "frozenset", "slice", "complex"}
# numpy rebuilds arrays, scalars and dtypes through these; nothing else of numpy is ever needed.
_NUMPY_NAMES = {"_reconstruct", "ndarray", "dtype", "scalar", "_frombuffer", "frombuffer"}
RESCAN_EVERY = 128  # writes between two listings of a folder, at most


@dataclass
class _Tally:
    """A folder's bytes as this process last listed them, plus what it has written there since."""

    bytes: int
    writes_since: int = 0


_tallies: dict[str, _Tally] = {}


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, packages: tuple[str, ...]):
        super().__init__(io.BytesIO(data))
        self.packages = packages

    def find_class(self, module: str, name: str) -> Any:
        numpy = module.startswith("numpy")
        if numpy:
            allowed = name in _NUMPY_NAMES
        elif module == "builtins":
            allowed = name in _ALLOWED_BUILTINS
        else:
            allowed = any(module == package or module.startswith(package + ".") for package in self.packages)
        found = super().find_class(module, name) if allowed else None
        if found is None or not (numpy or isinstance(found, type)):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in this folder")
        return found


def load(path: Path, packages: tuple[str, ...]) -> Any | None:
    """What the file at ``path`` holds, built only from the classes of ``packages``; None for a miss."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        value = _RestrictedUnpickler(data, packages).load()
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss: the caller computes it again
        return None
    with contextlib.suppress(OSError):  # used now: the last to go when the folder is trimmed
        os.utime(path)
    return value


def store(path: Path, data: bytes, limit_bytes: int, trimmed_to: int, trim: bool = True) -> None:
    """Write ``data`` (a pickle) at ``path``; then, past ``limit_bytes`` in its folder, remove the files used longest
    ago until at most ``trimmed_to`` bytes are left (``trim=False``: not now, another file of a batch follows)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except OSError:
        Path(partial).unlink(missing_ok=True)
        return
    tally = _tallies.get(str(path.parent))
    if tally is not None:
        tally.bytes += len(data)
        tally.writes_since += 1
    if trim and (tally is None or tally.bytes > limit_bytes or tally.writes_since >= RESCAN_EVERY):
        _tallies[str(path.parent)] = _Tally(_trim(path.parent, limit_bytes, trimmed_to))


def _trim(folder: Path, limit_bytes: int, trimmed_to: int) -> int:
    """List the folder, remove what is over the limit; the bytes left."""
    try:
        files = [(stat.st_mtime, stat.st_size, entry.path) for entry in os.scandir(folder)
                 if entry.name.endswith(".pickle") for stat in (entry.stat(),)]
    except OSError:
        return 0
    total = sum(size for _, size, _ in files)
    if total <= limit_bytes:
        return total
    for _, size, path in sorted(files):
        if total <= trimmed_to:
            break
        with contextlib.suppress(OSError):  # another process removed it first
            os.unlink(path)
        total -= size
    return total
