"""The letters scenes.pipeline.text_glyphs built, kept on disk for every later process (one small file each).

A process builds each distinct letter once (parsed by svgelements and made by manim: a few milliseconds for a
Chinese character), but every render process, and each of the tests' workers, built the same letters again for
every text not met before: the whole text is kept (scenes.pipeline.parsed_svg_cache), its letters were not. Here a
letter is stored under a hash of its key (its glyph's outline, the style its groups give it, manim's path settings
and version) and read back by the same restricted unpickler as the parsed texts (scenes.scenario.kept_pickles):
anything unreadable or foreign is a miss, and the letter is built again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from scenes.scenario import kept_pickles

LIMIT_BYTES = 128 * 2**20  # about 10 kB a letter: both seed lessons' 1,338 letters take 13 MB


def _path(folder: Path, key: Hashable) -> Path:
    return folder / f"{hashlib.sha256(repr(key).encode('utf-8')).hexdigest()[:40]}.pickle"


def load(folder: Path, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
    """The letters of ``keys`` kept in ``folder`` (a letter that draws nothing is None), the others left out."""
    found = {}
    for key in keys:
        stored = kept_pickles.load(_path(folder, key), ("manim",))
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == repr(key):
            found[key] = stored[1]
    return found


def store(folder: Path, letters: dict[Hashable, Any]) -> None:
    """Keep each of ``letters`` (key: its letter, or None), then trim the folder once (kept_pickles.store)."""
    for k, (key, letter) in enumerate(letters.items()):
        path_obj = getattr(letter, "path_obj", None)  # svgelements' path: read only while the points were built
        if path_obj is not None:
            letter.path_obj = None
        try:
            data = pickle.dumps((repr(key), letter), protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            if path_obj is not None:
                letter.path_obj = path_obj
        kept_pickles.store(_path(folder, key), data, LIMIT_BYTES, LIMIT_BYTES * 3 // 4, trim=k == len(letters) - 1)
