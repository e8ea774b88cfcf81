"""The glyphs of a text or formula, kept on disk after their SVG was parsed once, for every later process.

manim parses the SVG of each Text and MathTex with svgelements and turns every path into a VMobject: about 0.1 s
for a line of text, half of the CPU time of a lesson's dry run (`batchviz script`), and paid again by every render
process, since manim's own cache of parsed SVGs (SVG_HASH_TO_MOB_MAP) lives only as long as its process. Here the
submobjects manim made are stored beside the TeX cache (``<cache>/parsed``) under a hash of everything they are
made from (the SVG's bytes, the style defaults, the path options, the class and manim's version), and a later
process loads them in about a tenth of the time.

The files are pickles (scenes.scenario.kept_pickles), read back by an unpickler that accepts only the classes a
parsed SVG is made of (manim's mobjects and colours, numpy arrays): a file with anything else in it is not loaded,
and the SVG is parsed again. Any unreadable file is a miss, never an error. The svgelements path a glyph was built from is not stored: manim
reads it only while building the glyph's points.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes.scenario import kept_pickles

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
    stored = kept_pickles.load(_path(folder, svg_key.digest), ("manim",))
    if not isinstance(stored, tuple) or len(stored) != 2:
        return None
    submobjects, groups = stored
    if not isinstance(submobjects, list) or not isinstance(groups, dict):
        return None
    if svg_key.surface is not None:
        groups = {svg_key.surface if re.fullmatch(r"surface\d+", name) else name: group for name, group in groups.items()}
    return submobjects, groups


def store(folder: Path, svg_key: SvgKey, submobjects: list[Any], groups: dict[str, Any]) -> None:
    """Keep ``submobjects`` (with the id groups over them) under ``svg_key`` (scenes.scenario.kept_pickles)."""
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
    kept_pickles.store(_path(folder, svg_key.digest), data, LIMIT_BYTES, LIMIT_BYTES * 3 // 4)
