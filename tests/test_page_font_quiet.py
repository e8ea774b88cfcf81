"""`batchviz page` does not print fontTools' report of every table it prunes (trial item 18: ~40 INFO lines)."""

from __future__ import annotations

import logging

from fontTools import ttLib

from scenes.pipeline.page_font import subset_woff2


def test_subsetting_the_page_font_logs_nothing_below_a_warning(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # whatever level the root logger is at (manim sets INFO), nothing below WARNING
    out = subset_woff2("学习时间 batch size 1", tmp_path / "lesson.woff2")
    assert ttLib.TTFont(str(out)).getBestCmap().keys() >= {ord("学"), ord("b"), ord("1")}  # the subset still works
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools") and r.levelno < logging.WARNING] \
        == []
