"""Framed 2-D plots: axes over given ranges, tick labels through mathcore's formatter."""

from __future__ import annotations

from fractions import Fraction

from manim import DOWN, LEFT, Axes, Rectangle, VGroup

from mathcore.ticks import nice_ticks
from scenes.kinds.style import label, math_tex


def fitted_range(values, margin: float = 0.15) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = hi - lo or max(abs(hi), 1.0)
    return lo - margin * span, hi + margin * span


def framed_axes(x_range, y_range, width: float, height: float, fmt, x_name: str = "w", y_name: str = "b",
                size: float = 22, name_is_tex: bool = True, y_log: bool = False, *, color: str) -> tuple[Axes, VGroup]:
    """Axes over ``x_range`` x ``y_range`` drawn as a frame with tick labels (formatted by ``fmt``), in ``color``
    (the theme's `faint`).

    ``y_log``: the y range is in decades (log10 of the values); ticks stand at powers of ten, labelled
    with the values themselves.
    """
    # axis lines would cross at (0, 0) wherever that is: hide them, frame the plot instead
    axes = Axes(x_range=[*x_range, x_range[1] - x_range[0]], y_range=[*y_range, y_range[1] - y_range[0]],
                x_length=width, y_length=height, tips=False, axis_config={"include_ticks": False, "stroke_opacity": 0})
    frame = Rectangle(width=width, height=height, color=color, stroke_width=1.5).move_to(axes.get_center())
    labels = VGroup()
    for t in nice_ticks(*x_range, 4):
        labels.add(math_tex(fmt(t), size=size, color=color).next_to(axes.c2p(float(t), y_range[0]), DOWN, buff=0.1))
    if y_log:
        decades = range(int(round(y_range[0])), int(round(y_range[1])) + 1)
        step = max(1, -(-len(decades) // 5))  # at most about five labels
        y_ticks = [(k, Fraction(10) ** k) for k in decades[::step]]
    else:
        y_ticks = [(t, t) for t in nice_ticks(*y_range, 4)]
    for at, value in y_ticks:
        # beyond four digits a power of ten reads better as one: 10^6, not 1000000
        text = rf"10^{{{fmt(at)}}}" if y_log and abs(at) >= 4 else fmt(value)
        labels.add(math_tex(text, size=size, color=color).next_to(axes.c2p(x_range[0], float(at)), LEFT,
                                                                         buff=0.1))
    if name_is_tex:
        x_label, y_label = math_tex(x_name, size=size + 6), math_tex(y_name, size=size + 6)
    else:
        x_label, y_label = label(x_name, size), label(y_name, size)
    x_label.next_to(frame.get_bottom(), DOWN, buff=0.45)
    y_label.next_to(frame.get_left(), LEFT, buff=0.75)
    return axes, VGroup(frame, labels, VGroup(x_label, y_label))


def param_axes(ws, bs, width: float, height: float, fmt, size: float = 22, *, color: str):
    """(w, b) axes fitted around the points (ws[i], bs[i])."""
    return framed_axes(fitted_range([float(v) for v in ws]), fitted_range([float(v) for v in bs]),
                       width, height, fmt, size=size, color=color)
