"""Shared look: the TeX template, text and math factories, fitting things into boxes."""

from __future__ import annotations

from functools import lru_cache

from manim import DOWN, LEFT, MathTex, Mobject, Text, TexTemplate, VGroup

from scenes.kinds.fonts import ensure_cjk_font

TEXT_SIZE = 26
SMALL_SIZE = 20
TITLE_SIZE = 34
MATH_SIZE = 34
# The smallest sizes made: a capital letter or digit stays at least 24 px tall at 1080p (tests/test_picture.py).
# A Text capital is 1.375 px per point there, a MathTex one 0.956 (their fonts differ), so text needs 18 points,
# formulas 26. Anything shrunk by `fit` below that fails the test: give it room instead.
MIN_TEXT_SIZE = 18
MIN_MATH_SIZE = 26


@lru_cache(maxsize=None)
def tex_template() -> TexTemplate:
    """An `article` template: needs only texlive-latex-base (no standalone.cls)."""
    template = TexTemplate(documentclass=r"\documentclass{article}")
    template.add_to_preamble(r"\pagestyle{empty}")
    return template


def label(text: str, size: float = TEXT_SIZE, color: str | None = None, weight: str = "NORMAL") -> Text:
    """A line of (possibly Chinese) text in the bundled CJK font, never smaller than MIN_TEXT_SIZE."""
    kwargs = {"color": color} if color else {}
    # use_svg_cache: a text drawn again (every `batchviz watch` update, the same labels in scene after scene) is
    # copied from its first parse, not parsed again (a third of a step scene's last frame); manim names a text's SVG
    # by everything that shapes it (text, font, size, weight, colour), so the copy is what a new parse would give
    return Text(text, font=ensure_cjk_font(), font_size=max(size, MIN_TEXT_SIZE), weight=weight, use_svg_cache=True,
                **kwargs)


def math_tex(*parts: str, size: float = MATH_SIZE, color: str | None = None) -> MathTex:
    """A formula, never smaller than MIN_MATH_SIZE."""
    kwargs = {"color": color} if color else {}
    return MathTex(*parts, tex_template=tex_template(), font_size=max(size, MIN_MATH_SIZE), **kwargs)


def fit(mob: Mobject, max_width: float, max_height: float | None = None) -> Mobject:
    """Shrink (never grow) ``mob`` to fit the box; keeps every layout inside the frame."""
    if mob.width > max_width:
        mob.scale_to_fit_width(max_width)
    if max_height is not None and mob.height > max_height:
        mob.scale_to_fit_height(max_height)
    return mob


def wrapped_label(text: str, size: float, max_width: float, color: str | None = None):
    """A label on one line, or broken in two at the break nearest its middle when too wide."""
    one = label(text, size, color)
    if one.width <= max_width:
        return one
    breaks = [i for i, ch in enumerate(text) if ch in " ，,；;：:。？！"]
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):  # Chinese: a space may sit inside a phrase ("大于 5")
        breaks = [i for i in breaks if text[i] != " "] or breaks
    if not breaks:
        return fit(one, max_width)
    cut = min(breaks, key=lambda i: abs(i - len(text) / 2))
    first, second = text[: cut + 1].rstrip(), text[cut + 1:].lstrip()
    two = VGroup(label(first, size, color), label(second, size, color)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    return fit(two, max_width)
