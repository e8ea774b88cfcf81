"""The glyphs of a text or formula, kept on disk after their SVG was parsed once, for every later process.

manim parses the SVG of each Text and MathTex with svgelements and turns every path into a VMobject: about 0.1 s
for a line of text, half of the CPU time of a lesson's dry run (`batchviz script`), and paid again by every render
process, since manim's own cache of parsed SVGs (SVG_HASH_TO_MOB_MAP) lives only as long as its process. Here the
submobjects manim made are stored beside the TeX cache (``<cache>/parsed``) under a hash of everything they are
made from (the SVG's bytes, the style defaults, the path options, the class and manim's version), and a later
process loads them in about a tenth of the time.

The files are pickles, read back by an unpickler that accepts only the classes a parsed SVG is made of (manim's
mobjects and colours, numpy arrays): a file with anything else in it is not loaded, and the SVG is parsed again.
Any unreadable file is a miss, never an error. The svgelements path a glyph was built from is not stored: manim
reads it only while building the glyph's points.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_ALLOWED_BUILTINS = {"set", "frozenset", "slice", "complex"}


# numpy rebuilds arrays, scalars and dtypes through these; nothing else of numpy is ever needed.
_NUMPY_NAMES = {"_reconstruct", "ndarray", "dtype", "scalar", "_frombuffer", "frombuffer"}


class _GlyphUnpickler(pickle.Unpickler):
    """Loads manim's classes (never its functions), numpy's array builders and a few builtin containers only."""

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("numpy"):
            allowed = name in _NUMPY_NAMES
        elif module == "builtins":
            allowed = name in _ALLOWED_BUILTINS
        else:
            allowed = module.startswith("manim.")
        found = super().find_class(module, name) if allowed else None
        if found is None or (module.startswith("manim.") and not isinstance(found, type)):
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a parsed SVG")
        return found


# Cairo numbers the surfaces it draws (Pango's text SVGs) per process: the same text drawn after five others in
# one process has <g id="surface6"> where a fresh process wrote "surface1". The id only names a group.
_SURFACE_ID = re.compile(rb'id="(surface\d+)"')


@dataclass(frozen=True)
class SvgKey:
    digest: str  # what the parsed glyphs depend on
    surface: str | None  # the file's own surface id, given to the loaded groups


def key(svg_mobject: Any, manim_version: str) -> SvgKey:
    """What the parsed glyphs depend on: manim's own cache key (its hash_seed) with the file's name replaced by the
    file's bytes without its surface number (a text's SVG is rewritten under the same name when its font changes),
    plus manim's version."""
    seed = list(svg_mobject.hash_seed)
    data = Path(svg_mobject.get_file_path()).read_bytes()
    surface = _SURFACE_ID.search(data)
    seed[seed.index(svg_mobject.file_name)] = hashlib.sha256(_SURFACE_ID.sub(b'id="surface"', data)).hexdigest()
    described = repr((manim_version, type(svg_mobject).__module__, type(svg_mobject).__qualname__, *seed))
    return SvgKey(hashlib.sha256(described.encode("utf-8")).hexdigest()[:40],
                  surface.group(1).decode("ascii") if surface else None)


# Past this many bytes of files the files used longest ago go, down to three quarters of it (a lesson's glyphs
# take about 15 MB; every edited text adds its own file).
LIMIT_BYTES = 512 * 2**20


def _path(folder: Path, digest: str) -> Path:
    return folder / "parsed" / f"{digest}.pickle"


def load(folder: Path, svg_key: SvgKey) -> tuple[list[Any], dict[str, Any]] | None:
    """The submobjects and id groups stored under ``svg_key`` (the surface group named as in this file), or None
    (not stored, unreadable, or not glyphs)."""
    try:
        data = _path(folder, svg_key.digest).read_bytes()
    except OSError:
        return None
    try:
        submobjects, groups = _GlyphUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss: the SVG is parsed again
        return None
    if not isinstance(submobjects, list) or not isinstance(groups, dict):
        return None
    with contextlib.suppress(OSError):  # used now: the last to go when the cache is trimmed
        os.utime(_path(folder, svg_key.digest))
    if svg_key.surface is not None:
        groups = {svg_key.surface if re.fullmatch(r"surface\d+", name) else name: group for name, group in groups.items()}
    return submobjects, groups


def store(folder: Path, svg_key: SvgKey, submobjects: list[Any], groups: dict[str, Any]) -> None:
    """Keep ``submobjects`` (with the id groups over them) under ``svg_key``; written whole, then renamed, so a
    process reading at the same moment finds the old file, the new one or none."""
    paths = []
    for glyph in submobjects:  # not needed once the points exist, and half the file's size
        paths.append(getattr(glyph, "path_obj", None))
        if hasattr(glyph, "path_obj"):
            glyph.path_obj = None
    try:
        data = pickle.dumps((submobjects, groups), protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for glyph, path in zip(submobjects, paths):
            if path is not None:
                glyph.path_obj = path
    digest = svg_key.digest
    target = _path(folder, digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{digest}.")
    except OSError:  # a read-only cache only costs speed
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, target)
    except OSError:  # a full disk, too
        Path(partial).unlink(missing_ok=True)
    _trim(target.parent)


def _trim(parsed: Path) -> None:
    """Past LIMIT_BYTES, remove the files used longest ago (by modification time, which a load renews)."""
    try:
        files = [(stat.st_mtime, stat.st_size, entry.path) for entry in os.scandir(parsed)
                 if entry.name.endswith(".pickle") for stat in (entry.stat(),)]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    if total <= LIMIT_BYTES:
        return
    for _, size, path in sorted(files):
        if total <= LIMIT_BYTES * 3 // 4:
            break
        with contextlib.suppress(OSError):  # another process removed it first
            os.unlink(path)
        total -= size

