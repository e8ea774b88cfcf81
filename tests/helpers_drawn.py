"""What a scene keeps in ``drawn`` for tests (the tradeoffs plot's marks and names, ...), as plain boxes that can be
pickled: the shared dry runs (tests/helpers_script.py) keep it for every entry, so a layout test reads a shipped
lesson's scene as it ended instead of running it again.

A mobject becomes a Shape: its box in scene units, its text (a Text's words, a formula's TeX) and, unless it is a
text or formula, its submobjects as Shapes, indexed and counted as the VGroup was."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import manim

from tests.helpers_boxes import box


@dataclass(frozen=True)
class Shape:
    left: float
    right: float
    bottom: float
    top: float
    text: str | None  # a Text's text or a formula's TeX; None for anything else
    parts: tuple[Shape, ...]  # its submobjects (none for a text or formula)

    def __getitem__(self, index: int) -> Shape:
        return self.parts[index]

    def __len__(self) -> int:
        return len(self.parts)

    def __iter__(self):
        return iter(self.parts)


def shape(mob: manim.Mobject) -> Shape:
    left, bottom, right, top = box(mob)
    if isinstance(mob, manim.Text):
        return Shape(float(left), float(right), float(bottom), float(top), mob.text, ())
    if isinstance(mob, manim.SingleStringMathTex):  # MathTex and Tex too
        return Shape(float(left), float(right), float(bottom), float(top), mob.tex_string, ())
    return Shape(float(left), float(right), float(bottom), float(top), None, tuple(shape(m) for m in mob.submobjects))


def snapshot(drawn: Any) -> Any:
    """``drawn`` with every mobject in it turned into a Shape, dicts, lists and tuples kept, numbers and strings as
    they are; anything else (a function the scene keeps, ...) becomes None."""
    if isinstance(drawn, manim.Mobject):
        return shape(drawn)
    if isinstance(drawn, dict):
        return {key: snapshot(value) for key, value in drawn.items()}
    if isinstance(drawn, (list, tuple)):
        return type(drawn)(snapshot(value) for value in drawn)
    return drawn if isinstance(drawn, (int, float, str, type(None))) else None
