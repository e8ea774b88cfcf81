"""Render processes share one TeX cache: drawing a formula never writes and deletes manim's "<name>_.svg" in it."""

from __future__ import annotations

import pathlib


def test_drawing_a_formula_leaves_no_shared_scratch_file(tmp_path, monkeypatch):
    from scenes.kinds import style, tex_cache

    monkeypatch.setenv("BATCHVIZ_TEX_DIR", str(tmp_path / "tex"))
    tex_cache.install()
    touched = []
    real_unlink = pathlib.Path.unlink

    def recording_unlink(self, *args, **kwargs):
        touched.append(self)
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "unlink", recording_unlink)
    drawn = style.math_tex(r"w - \eta \, \frac{\partial L}{\partial w} + 7")
    assert drawn.width > 0
    # manim's own generate_mobject wrote "<name>_.svg" beside the cached SVG and unlinked it: two processes drawing
    # the same formula raced on that name (FileNotFoundError)
    assert not [p for p in touched if p.name.endswith("_.svg")]
    assert not list((tmp_path / "tex").glob("*_.svg"))
