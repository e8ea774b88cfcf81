"""A text drawn again in one process is copied from its first parse (`batchviz watch` redraws the same labels on every
save; a render worker draws the same axis labels in scene after scene), and the copy is what a fresh parse gives."""

from __future__ import annotations

import manim
import numpy as np
from manim.mobject.svg.svg_mobject import SVGMobject

from scenes.kinds.style import ensure_cjk_font, label


def test_a_label_drawn_again_is_copied_not_parsed_again(tmp_path, monkeypatch):
    text = f"批量大小 batch size {tmp_path.name}"  # new to this process: its first drawing parses its SVG
    parses = []
    parse = SVGMobject.generate_mobject

    def counted(self):
        parses.append(self.file_name)
        return parse(self)

    monkeypatch.setattr(SVGMobject, "generate_mobject", counted)
    with manim.tempconfig({"media_dir": str(tmp_path)}):
        first = label(text, 30, "#F75D59")
        again = label(text, 30, "#F75D59")
        other_size = label(text, 40, "#F75D59")
        fresh = manim.Text(text, font=ensure_cjk_font(), font_size=30, color="#F75D59", use_svg_cache=False)
    assert len(parses) == 3  # first, the other size and the uncached one; never the second drawing
    for drawn in (first, again):
        assert len(drawn.family_members_with_points()) == len(fresh.family_members_with_points())
        assert np.allclose(drawn.get_all_points(), fresh.get_all_points())
        assert drawn.get_fill_color().to_hex() == fresh.get_fill_color().to_hex()
    assert other_size.width > first.width * 1.2  # a different size is its own text, not a copy of the first
