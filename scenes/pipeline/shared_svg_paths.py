"""Copies of a text or formula share the SVG paths its glyphs were parsed from, instead of deep-copying them.

Each glyph manim draws from an SVG (VMobjectFromSVGPath: every Text, MathTex, Tex) keeps the svgelements path it
was built from. ``Mobject.copy()`` deep-copies the whole object, and every animation copies its mobjects (a
starting copy, a target copy, a faded copy), so each play copied thousands of svgelements Point objects per line of
text: about 60% of the CPU time of a step scene's last-frame render (`batchviz watch`). Nothing changes a path
after manim has read it (its arcs are approximated once, in the glyph's __init__, before any copy; afterwards only
the glyph's own points are transformed), so sharing it changes no picture.
"""

from __future__ import annotations

from typing import Any

import svgelements


def _shared(shape: svgelements.Shape, _memo: dict[int, Any]) -> svgelements.Shape:
    return shape


def share_parsed_svg_paths() -> None:
    """From now on, deep copies in this process share svgelements shapes (idempotent)."""
    svgelements.Shape.__deepcopy__ = _shared
