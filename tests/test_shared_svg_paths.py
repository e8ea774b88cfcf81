"""Copies of a text share the SVG paths its glyphs were parsed from (scenes.pipeline.shared_svg_paths): the copy is
as independent as before where it matters (its points), and much cheaper."""

from __future__ import annotations

import numpy as np


def test_a_copied_text_shares_its_parsed_paths_and_owns_its_points():
    from manim import Text, tempconfig

    from scenes.pipeline.heavy import manim_api

    manim_api()  # what every render of the pipeline goes through
    with tempconfig({"verbosity": "ERROR"}):
        text = Text("Predict each sample")
        glyph = text.submobjects[0]
        before = glyph.points.copy()
        copied = text.copy()
        twin = copied.submobjects[0]
        assert twin.path_obj is glyph.path_obj  # shared, not copied (thousands of objects per line of text)
        assert twin is not glyph and twin.points is not glyph.points
        twin.shift(np.array([1.0, 0.0, 0.0]))
        twin.set_color("#ff0000")
        assert np.array_equal(glyph.points, before)  # moving the copy leaves the original where it was
        assert glyph.get_color() != twin.get_color()

