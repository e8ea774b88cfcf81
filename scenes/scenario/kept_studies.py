"""A lesson's studies kept on disk, so that the next command on the same lesson does not run them again.

The batch-size study of a logistic lesson takes seconds of CPU (noisy_logistic: about 6 s), and every command and
every render process that draws it ran it again: `batchviz script`, `explain`, each re-render of the trade-offs or
summary scene, each scene process of a render with --jobs. Here each result is stored under a hash of everything it
is computed from (the study's arguments, written out with repr, and the source of mathcore, whose code computes
it) in ``$BATCHVIZ_STUDY_DIR``, else ``$XDG_CACHE_HOME/batchviz/studies``, else ``~/.cache/batchviz/studies``. The
folder is bounded (the least recently used files go first).

The files are pickles (scenes.scenario.kept_pickles), read back by an unpickler that accepts only mathcore's
classes, Fraction and numpy arrays: a file with anything else in it is not loaded, and the study runs again; so does
any file that cannot be read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from scenes.scenario import kept_pickles

MATHCORE = Path(__file__).resolve().parents[2] / "mathcore"
MAX_BYTES = 256 * 2**20  # the folder's bound; a study is a few hundred kB

T = TypeVar("T")


def study_dir() -> Path:
    base = os.environ.get("BATCHVIZ_STUDY_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "batchviz" / "studies"


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """The source of mathcore: a study stored by other code is another study."""
    digest = hashlib.sha256()
    for path in sorted(MATHCORE.rglob("*.py")):
        digest.update(path.relative_to(MATHCORE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def kept(name: str, kind: type[T], compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)`` (a ``kind``), from the study folder when a run with the same arguments and code stored
    it."""
    key = hashlib.sha256(f"{name}\0{code_digest()}\0{args!r}".encode()).hexdigest()
    path = study_dir() / f"{name}-{key}.pickle"
    loaded = kept_pickles.load(path, ("mathcore", "fractions"))
    if isinstance(loaded, kind):
        return loaded
    result = compute(*args)
    with contextlib.suppress(pickle.PicklingError):
        kept_pickles.store(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), MAX_BYTES, MAX_BYTES)
    return result
