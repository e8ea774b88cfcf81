"""The check's view of the render's text (scenes/scenario/glyphs.py): the font table is the bundled font's own, and
the width it predicts is the width manim draws (trial item 15)."""

from __future__ import annotations

import importlib.util

import pytest

from scenes.scenario import glyphs
from tests.conftest import ROOT


def font_table_script():
    spec = importlib.util.spec_from_file_location("font_table", ROOT / "scripts" / "font_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_is_the_installed_fonts_cmap_and_advances():
    """Read with fontTools from the font file itself: a font upgrade without `scripts/font_table.py` fails here."""
    assert glyphs.TABLE.read_text(encoding="utf-8") == font_table_script().table_text()


def test_the_layout_constants_are_the_scenes():
    from scenes.kinds.style import MIN_TEXT_SIZE, TITLE_SIZE
    from scenes.kinds.title.scene import TITLE_CARD_SIZE

    assert glyphs.READABLE_SIZE == MIN_TEXT_SIZE and glyphs.ENTRY_TITLE_SIZE == TITLE_SIZE
    assert glyphs.TITLE_CARD[0] == TITLE_CARD_SIZE


@pytest.mark.parametrize("char", ["💩", "😀", "𝔘", "\U0001d400", "\U0010ffff"])
def test_characters_the_font_lacks(char):
    assert glyphs.missing_character(f"a {char} b") == char


def test_what_lessons_write_is_drawable():
    # Latin, Chinese with full-width punctuation, and the symbols labels and formulas in text use
    text = "Batch size 1 vs. 全部数据：“学习率”为 0.1，梯度≈−2.5×10³；σ(w·x + b), η, λ_max, ∇L, |G|², 5–10 °C ±"
    assert glyphs.missing_character(text) is None
    # breaks and spaces are layout (Pango breaks a line at U+2028/U+2029), not glyphs the font needs
    assert glyphs.missing_character("one\u2028two\u2029three\tfour\u3000五") is None


@pytest.mark.parametrize("text", ["W" * 60, "i" * 40, "Hours studied and passing", "学习时间与及格" * 4,
                                  "Batch size 一 and 二: 0.125"])
@pytest.mark.parametrize("weight", ["NORMAL", "BOLD"])
def test_predicted_width_is_manims_within_fifteen_percent(text, weight):
    """manim's own Text (Pango with the bundled font) measured against the table's advances. Bold widens thin
    letters most (a line of "i" 13% more than the average BOLD_WIDENING): a bold title of thin letters may be
    drawn a little smaller than predicted, never refused wrongly."""
    from manim import Text

    from scenes.kinds.fonts import ensure_cjk_font

    drawn = Text(text, font=ensure_cjk_font(), font_size=52, weight=weight).width
    predicted = glyphs.line_width(text, 52, bold=weight == "BOLD")
    assert 0.85 < predicted / drawn < 1.1, (predicted, drawn)


def test_a_wide_title_is_refused_and_a_usual_one_is_not():
    size, box = glyphs.TITLE_CARD
    assert glyphs.drawn_size("W" * 60, size, box, bold=True) < glyphs.READABLE_SIZE
    assert glyphs.drawn_size("Hours studied and passing", size, box, bold=True) == size
    assert glyphs.drawn_size("学习时间" * 15, size, box, bold=True) < glyphs.READABLE_SIZE  # 60 characters of 1 em
    assert glyphs.drawn_size("一条完美的直线：批量大小如何影响梯度下降", size, box, bold=True) > glyphs.READABLE_SIZE
