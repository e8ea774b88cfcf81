"""A text's letters (and a formula's symbols) built once per process, each from its glyph's outline, not once per
letter of every text.

pango writes a text's SVG as each glyph's outline once (a ``<symbol>`` in ``<defs>``) and one ``<use>`` per letter,
placed at x, y. manim parses the whole file with svgelements (each ``<use>`` parses its glyph's outline again) and
builds every letter from scratch, with an empty VGroup for every element on the way: the texts were a fifth of a
new lesson's dry run. Here each distinct letter (a glyph's outline, with the style the ``<use>`` gives it) is
parsed and built by manim once per process, from a small file holding only the letters not met yet, each at 0, 0;
a text's letters are copies of them moved to their x, y. The points are manim's up to the rounding of that move
(svgelements moves a glyph's points before manim makes curves of them, here it is after: about 1e-13 of a unit);
styles are manim's own. dvisvgm writes a formula the same way (each glyph a ``<path>`` in ``<defs>``, one ``<use>``
per symbol) plus a ``<rect>`` for each fraction's bar or root's line, built once per size and moved as a letter is.
A file of another shape (a ``<use>`` with a transform or a size, anything else drawn outside a ``<use>``) is left to
manim whole.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any, Optional

import numpy as np
import svgelements as se

from scenes.pipeline import kept_letters

KEPT_LETTERS = 5000  # about 10 kB each (50 MB at most); both seed lessons, Chinese and English, meet 1,338
_HREFS = ("{http://www.w3.org/1999/xlink}href", "href")

_letters: OrderedDict[Hashable, Optional[Any]] = OrderedDict()  # key: the letter's VMobject (None: draws nothing)


class _OtherShape(Exception):
    """The file is not only placed letters: manim parses it whole."""


def letters_of(svg_mobject: Any, tree: ET.ElementTree, renderer: str,
               kept: Optional[Path] = None) -> Optional[tuple[list[Any], dict[str, list]]]:
    """The mobjects manim's ``get_mobjects_from`` makes of the text SVG ``tree`` (as ``modify_xml_tree`` left it),
    before manim flips them, and the letters under each named group ("root": all of them, as manim names them);
    None for a file of another shape. ``kept``: a folder of letters earlier processes built (kept_letters)."""
    root = tree.getroot()
    if any(_local(el.tag) == "style" for el in root.iter()):
        return None  # a style sheet may select by id or class: manim's own parse applies it
    # pango's glyphs are <symbol>s, dvisvgm's (formulas) <path>s in <defs>
    symbols = {el.get("id"): el for el in root.iter() if _local(el.tag) == "symbol" and el.get("id")}
    symbols.update((el.get("id"), el) for defs in root.iter() if _local(defs.tag) == "defs"
                   for el in defs if _local(el.tag) == "path" and el.get("id"))
    # each glyph's outline as text, once (its id is only its number in this file)
    outlines = {sid: repr((sorted((k, v) for k, v in el.attrib.items() if k != "id"), [ET.tostring(p) for p in el]))
                for sid, el in symbols.items()}
    placed: list[tuple[Hashable, tuple, ET.Element, float, float, tuple[str, ...]]] = []
    named: dict[str, None] = {}  # every named group, in order (a formula's part may be empty)
    try:
        _collect(root, (), (), symbols, outlines, placed, named,
                 (repr(sorted(svg_mobject.path_string_config.items())), renderer))
    except _OtherShape:
        return None
    missing = list(OrderedDict((key, (chain, symbol)) for key, chain, symbol, _, _, _ in placed
                               if key not in _letters).items())
    if missing and kept is not None:
        found = kept_letters.load(kept, [key for key, _ in missing])
        _letters.update(found)
        missing = [(key, value) for key, value in missing if key not in found]
    if missing:
        try:
            built = _build(svg_mobject, root, missing)
        except _OtherShape:
            return None
        _letters.update(built)
        if kept is not None:
            kept_letters.store(kept, built)
    made: list[Any] = []
    groups: dict[str, list[Any]] = {"root": made, **{name: [] for name in named}}
    for key, _, _, x, y, names in placed:
        _letters.move_to_end(key)
        letter = _letters[key]
        if letter is not None:
            copy = letter.copy()
            copy.shift(np.array([x, y, 0.0]))
            made.append(copy)
            for name in names:
                groups[name].append(copy)
    while len(_letters) > KEPT_LETTERS:
        _letters.popitem(last=False)
    return made, groups


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _collect(element: ET.Element, chain: tuple, names: tuple, symbols: dict, outlines: dict, placed: list,
             named: dict, settings: tuple) -> None:
    """Each ``<use>`` (and a formula's ``<rect>``: a fraction's bar) under ``element`` in document order as (key,
    chain of groups above it, symbol or rect at 0, 0, x, y, the ids of the groups above it); ``named``: the ids
    of the groups met."""
    for child in element:
        tag = _local(child.tag)
        if tag == "defs":
            continue
        if tag == "g":
            # a group's id only names it (no style sheet refers to it: a file with one is left to manim)
            attributes = tuple(sorted((k, v) for k, v in child.attrib.items() if k != "id"))
            if child.get("id"):
                named[child.get("id")] = None
            above = names + ((child.get("id"),) if child.get("id") else ())
            _collect(child, chain + ((child.tag, attributes),), above, symbols, outlines, placed, named, settings)
        elif tag == "use":
            attributes = dict(child.attrib)
            href = next((attributes.pop(name) for name in _HREFS if name in attributes), "")
            x, y = float(attributes.pop("x", 0)), float(attributes.pop("y", 0))
            symbol = symbols.get(href[1:]) if href.startswith("#") else None
            if attributes or symbol is None:
                raise _OtherShape
            placed.append(((chain, outlines[href[1:]], settings), chain, symbol, x, y, names))
        elif tag == "rect":
            attributes = {k: v for k, v in child.attrib.items() if k != "id"}
            x, y = float(attributes.pop("x", 0)), float(attributes.pop("y", 0))
            if set(attributes) != {"width", "height"}:
                raise _OtherShape  # rounded, styled or transformed: manim's parse
            rect = ET.Element(child.tag, attributes)
            placed.append(((chain, ("rect", attributes["width"], attributes["height"]), settings), chain, rect, x, y,
                           names))
        else:
            raise _OtherShape


def _build(svg_mobject: Any, root: ET.Element, missing: list) -> dict[Hashable, Optional[Any]]:
    """Each missing letter parsed and built by manim's own code, at 0, 0 under its own chain of groups."""
    small = ET.Element(root.tag, dict(root.attrib))
    defs = ET.SubElement(small, "{http://www.w3.org/2000/svg}defs")
    for symbol in OrderedDict((id(s), s) for _, (_, s) in missing if _local(s.tag) != "rect").values():
        defs.append(symbol)
    for k, (_, (chain, symbol)) in enumerate(missing):
        parent = small
        for tag, attributes in chain:
            parent = ET.SubElement(parent, tag, dict(attributes))
        if _local(symbol.tag) == "rect":  # manim names only groups: the rect in a group of its own, at 0, 0
            ET.SubElement(ET.SubElement(parent, "{http://www.w3.org/2000/svg}g", {"id": f"letter-{k}"}), symbol.tag,
                          {**symbol.attrib, "x": "0", "y": "0"})
        else:
            ET.SubElement(parent, "{http://www.w3.org/2000/svg}use",
                          {"{http://www.w3.org/1999/xlink}href": f"#{symbol.get('id')}", "id": f"letter-{k}"})
    handle, name = tempfile.mkstemp(suffix=".svg")
    try:
        with os.fdopen(handle, "wb") as out:
            ET.ElementTree(small).write(out)
        _, groups = svg_mobject.get_mobjects_from(se.SVG.parse(name))
    finally:
        os.unlink(name)
    built = {}
    for k, (key, _) in enumerate(missing):
        letter = groups[f"letter-{k}"].submobjects
        if len(letter) > 1:
            raise _OtherShape  # pango draws a glyph as one path; anything else is parsed by manim whole
        built[key] = letter[0] if letter else None
    return built


def forget_letters() -> None:
    _letters.clear()
