"""A lesson's studies kept on disk, so that the next command on the same lesson does not run them again.

The batch-size study of a logistic lesson takes seconds of CPU (noisy_logistic: about 6 s), and every command and
every render process that draws it ran it again: `batchviz script`, `explain`, each re-render of the trade-offs or
summary scene, each scene process of a render with --jobs. Here each result is stored under a hash of everything it
is computed from (the study's arguments, written out with repr, and the source of mathcore, whose code computes
it) in ``$BATCHVIZ_STUDY_DIR``, else ``$XDG_CACHE_HOME/batchviz/studies``, else ``~/.cache/batchviz/studies``. The
folder is bounded (the least recently used files go first).

The files are pickles, read back by an unpickler that accepts only mathcore's classes, fractions and numpy arrays:
a file with anything else in it is not loaded, and the study runs again; so does any file that cannot be read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

MATHCORE = Path(__file__).resolve().parents[2] / "mathcore"
MAX_BYTES = 256 * 2**20  # the folder's bound; a study is a few hundred kB
_NUMPY_NAMES = {"_reconstruct", "ndarray", "dtype", "scalar", "_frombuffer", "frombuffer"}

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


class _StudyUnpickler(pickle.Unpickler):
    """Loads mathcore's classes (never its functions), Fraction, numpy's array builders and a few containers."""

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("numpy"):
            allowed = name in _NUMPY_NAMES
        elif module == "builtins":
            allowed = name in {"set", "frozenset", "slice", "complex"}
        else:
            allowed = module == "fractions" and name == "Fraction" or module.startswith("mathcore.")
        found = super().find_class(module, name) if allowed else None
        if not isinstance(found, type) and not (module.startswith("numpy") and found is not None):
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a study")
        return found


def kept(name: str, kind: type[T], compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)`` (a ``kind``), from the study folder when a run with the same arguments and code stored
    it."""
    key = hashlib.sha256(f"{name}\0{code_digest()}\0{args!r}".encode()).hexdigest()
    path = study_dir() / f"{name}-{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError,
                             TypeError, IndexError):
        loaded = _StudyUnpickler(io.BytesIO(path.read_bytes())).load()
        if isinstance(loaded, kind):
            os.utime(path)  # recently used: kept longest
            return loaded
    result = compute(*args)
    with contextlib.suppress(OSError, pickle.PicklingError):
        _store(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # written whole, then renamed: another process reads the old file, the new one or none, never half of one
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".partial", delete=False) as part:
        part.write(data)
    os.replace(part.name, path)
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove the least recently used studies while the folder holds more than MAX_BYTES."""
    files = []
    for entry in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            stat = entry.stat()
            files.append((stat.st_mtime, stat.st_size, entry))
    total = sum(size for _, size, _ in files)
    for _, size, entry in sorted(files):
        if total <= MAX_BYTES:
            break
        with contextlib.suppress(OSError):
            entry.unlink()
            total -= size
