"""A text's letters and a formula's symbols are built once per process from their glyph (scenes.pipeline.text_glyphs):
the same points (to rounding), colours, strokes and parts as manim's own parse of the whole file, each distinct
letter parsed once, and a file of another shape left to manim."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

import numpy as np
import pytest

# texts as the scenes make them: English and Chinese, a colour, opacity, lines, spans of other colours and weights
CASES: list[tuple[str, Callable]] = [
    ("latin", lambda m, s: s.label("Hello world 12: the loss falls", 24)),
    ("chinese", lambda m, s: s.label("批量大小 4 的梯度，沿着山坡向下。", 30)),
    ("coloured", lambda m, s: s.label("w ← 0.5 − 0.1 · 0.25 ŷ σ(x)", 36, color="#aabbcc")),
    ("t2c", lambda m, s: m.Text("Mixed 颜色 colours", font=s.ensure_cjk_font(),
                                t2c={"颜色": "#ff0000", "colours": "#00ff00"})),
    ("markup", lambda m, s: m.MarkupText('<span foreground="#FF8800">orange</span> and <b>bold</b> text')),
    ("lines", lambda m, s: m.Text("line one\nline two", line_spacing=0.8, font_size=20)),
    ("opacity", lambda m, s: m.Text("aaa aaa", font_size=40, fill_opacity=0.5)),
    # formulas (dvisvgm's glyphs): a fraction's bar and a root's line are <rect>s, parts are named groups
    ("formula", lambda m, s: s.math_tex(r"w \leftarrow w - \eta \frac{1}{B}\sum_{i=1}^{B} g_i", size=36)),
    ("formula parts", lambda m, s: s.math_tex("L", "=", r"\frac{1}{4}", r"\sum (\hat y - y)^2", color="#aabbcc")),
    ("root", lambda m, s: s.math_tex(r"\sqrt{\frac{\sigma^2}{B}} = 0.25", size=30)),
    ("isolated", lambda m, s: m.MathTex(r"g_{B} = \frac{1}{B} g", substrings_to_isolate=["B"],
                                        tex_template=s.tex_template()).set_color_by_tex("B", "#ff8800")),
]


@contextmanager
def _fresh(media: str, fast: bool) -> Iterator[list]:
    """A process state with nothing parsed (no parsed-SVG cache, manim's SVG map empty, no letter kept in memory or
    on disk), counting svgelements parses; ``fast=False``: manim parses every text whole."""
    import svgelements
    from manim import tempconfig
    from manim.mobject.svg import svg_mobject

    from scenes.pipeline import kept_letters, parsed_svg_cache, text_glyphs

    parses: list[str] = []
    original = svgelements.SVG.parse
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    text_glyphs.forget_letters()
    with mock.patch.object(parsed_svg_cache, "load", lambda *a, **k: None), \
            mock.patch.object(parsed_svg_cache, "store", lambda *a, **k: None), \
            mock.patch.object(kept_letters, "load", lambda *a, **k: {}), \
            mock.patch.object(kept_letters, "store", lambda *a, **k: None), \
            mock.patch.object(svgelements.SVG, "parse", lambda *a, **k: (parses.append(a[0]), original(*a, **k))[1]), \
            mock.patch.object(text_glyphs, "letters_of", text_glyphs.letters_of if fast else lambda *a, **k: None), \
            tempconfig({"media_dir": media, "verbosity": "ERROR"}):
        yield parses
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()


@pytest.fixture(scope="module")
def installed() -> None:
    """The pipeline's manim: texts through the TeX cache's generate_mobject, which builds them from glyphs."""
    from scenes.pipeline import tex_cache
    from scenes.pipeline.heavy import manim_api

    manim_api()
    tex_cache.install()


@pytest.fixture(scope="module")
def built(installed):
    import manim

    from scenes.kinds import style

    made = {}
    for fast in (False, True):
        with tempfile.TemporaryDirectory() as media, _fresh(media, fast):
            made[fast] = {name: make(manim, style) for name, make in CASES}
    return made


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_letters_are_manims_own(built, name):
    manims, ours = built[False][name], built[True][name]
    theirs, mine = manims.family_members_with_points(), ours.family_members_with_points()
    assert len(mine) == len(theirs) > 0
    assert [len(part.submobjects) for part in ours.submobjects] == [len(part.submobjects) for part in manims.submobjects]
    for a, b in zip(theirs, mine):
        assert a.points.shape == b.points.shape
        np.testing.assert_allclose(b.points, a.points, rtol=0, atol=1e-12)
        assert np.array_equal(a.fill_rgbas, b.fill_rgbas) and np.array_equal(a.stroke_rgbas, b.stroke_rgbas)
        assert a.stroke_width == b.stroke_width


def test_each_distinct_letter_is_parsed_once_per_process(installed, tmp_path):
    from scenes.kinds.style import label
    from scenes.pipeline import text_glyphs

    with _fresh(str(tmp_path), fast=True) as parses:
        label("batch size", 24)
        first = len(parses)
        again = label("size batch", 24)  # the same letters, elsewhere: nothing new to parse
        assert first == 1 and len(parses) == 1
        label("batch size 7", 24)  # one new letter: only it is parsed
        assert len(parses) == 2
    assert len(again.family_members_with_points()) == len("sizebatch")
    assert text_glyphs._letters  # noqa: SLF001 - kept for the next text


def test_a_formulas_symbols_are_parsed_once_per_process(installed, tmp_path):
    from scenes.kinds.style import math_tex

    with _fresh(str(tmp_path), fast=True) as parses:
        first = math_tex(r"\frac{w}{2} + b = 0")
        assert len(parses) == 1
        again = math_tex(r"0 = b + \frac{w}{2}")  # the same symbols and bar, elsewhere: nothing new to parse
        assert len(parses) == 1
        math_tex(r"\frac{w}{2} + b = 7")  # one new symbol: only it is parsed
        assert len(parses) == 2
    assert len(again.family_members_with_points()) == len(first.family_members_with_points()) == 7  # the bar too


@pytest.mark.parametrize("change", [
    (b"<use ", b'<use transform="rotate(10)" '),  # a placed letter turned: manim applies it
    (b"<defs>", b"<style>use { fill: red }</style><defs>"),  # a style sheet: manim's parse applies it
])
def test_a_file_of_another_shape_is_parsed_by_manim_whole(installed, tmp_path, change):
    import xml.etree.ElementTree as ET

    from manim import SVGMobject, Text

    from scenes.pipeline import text_glyphs

    with _fresh(str(tmp_path), fast=True):
        text = Text("abc", font_size=24)
        path = tmp_path / "changed.svg"
        path.write_bytes(open(text.file_name, "rb").read().replace(*change))  # noqa: SIM115
        tree = SVGMobject.modify_xml_tree(text, ET.parse(path))
        assert text_glyphs.letters_of(text, tree, "cairo") is None


def test_the_kept_letters_are_bounded_and_a_forgotten_one_is_built_again(installed, tmp_path, monkeypatch):
    from manim.mobject.svg import svg_mobject

    from scenes.kinds.style import label
    from scenes.pipeline import text_glyphs

    monkeypatch.setattr(text_glyphs, "KEPT_LETTERS", 3)
    with _fresh(str(tmp_path), fast=True) as parses:
        first = label("abcdef", 24)
        assert len(text_glyphs._letters) == 3  # noqa: SLF001 - the three used last
        svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # manim's own map would hand the whole text back
        again = label("abcdef", 24)  # a, b, c forgotten: parsed again (one file), the same letters
        assert len(parses) == 2
    for a, b in zip(first.family_members_with_points(), again.family_members_with_points()):
        np.testing.assert_allclose(a.points, b.points, rtol=0, atol=1e-12)


def test_a_letter_built_by_an_earlier_process_is_read_from_disk(installed, tmp_path, monkeypatch):
    """The letters a process built are kept on disk (scenes.pipeline.kept_letters): a later process (here: the
    letters forgotten) parses none of them again and draws the same points; a damaged file is built again."""
    from manim.mobject.svg import svg_mobject

    from scenes.kinds.style import label, math_tex
    from scenes.pipeline import kept_letters, tex_cache, text_glyphs

    load, store = kept_letters.load, kept_letters.store
    monkeypatch.setenv("BATCHVIZ_TEX_DIR", str(tmp_path / "tex"))

    def later_process():
        svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
        text_glyphs.forget_letters()

    def widths(mob):
        return sorted(round(float(np.ptp(m.points[:, 0])), 9) for m in mob.family_members_with_points())

    with _fresh(str(tmp_path), fast=True) as parses, mock.patch.object(kept_letters, "load", load), \
            mock.patch.object(kept_letters, "store", store):
        first = [label("批量大小 batch", 30), math_tex(r"\frac{w}{2} = 0.5")]
        assert len(parses) == 2
        folder = next(tex_cache.cache_dir().glob("letters-*"))
        assert len(list(folder.glob("*.pickle"))) == len("批量大小 batch") + len("w-2=0.5")  # the space draws nothing
        later_process()
        again = [label("batch 批量大小", 30), math_tex(r"0.5 = \frac{w}{2}")]  # other texts, the same letters
        assert len(parses) == 2
        for file in folder.glob("*.pickle"):
            file.write_bytes(b"not a pickle")
        later_process()
        label("大小", 30)
        assert len(parses) == 3  # damaged: built again
    assert widths(first[0]) == widths(again[0]) and widths(first[1]) == widths(again[1])
