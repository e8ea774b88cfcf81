"""The (w, b) plane: axes fitted to a set of points, tick labels from mathcore's formatter."""

from __future__ import annotations

from manim import DOWN, LEFT, Axes, Rectangle, VGroup

from mathcore.ticks import nice_ticks
from scenes.style import math

AXIS_COLOR = "#AAAAAA"


def fitted_range(values, margin: float = 0.15) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = hi - lo or max(abs(hi), 1.0)
    return lo - margin * span, hi + margin * span


def param_axes(ws, bs, width: float, height: float, fmt, size: float = 22) -> tuple[Axes, VGroup]:
    """Axes spanning the points (ws[i], bs[i]) with margins, and their tick labels (formatted by ``fmt``)."""
    w_range, b_range = fitted_range([float(v) for v in ws]), fitted_range([float(v) for v in bs])
    # the axis lines would cross at (0, 0) wherever that is: hide them, frame the plot instead
    axes = Axes(x_range=[*w_range, (w_range[1] - w_range[0])], y_range=[*b_range, (b_range[1] - b_range[0])],
                x_length=width, y_length=height, tips=False,
                axis_config={"include_ticks": False, "stroke_opacity": 0})
    frame = Rectangle(width=width, height=height, color=AXIS_COLOR, stroke_width=1.5).move_to(axes.get_center())
    labels = VGroup()
    for t in nice_ticks(*w_range, 4):
        labels.add(math(fmt(t), size=size, color=AXIS_COLOR).next_to(axes.c2p(float(t), b_range[0]), DOWN, buff=0.1))
    for t in nice_ticks(*b_range, 4):
        labels.add(math(fmt(t), size=size, color=AXIS_COLOR).next_to(axes.c2p(w_range[0], float(t)), LEFT, buff=0.1))
    names = VGroup(math("w", size=size + 6).next_to(frame.get_corner(DOWN + 0 * LEFT), DOWN, buff=0.45),
                   math("b", size=size + 6).next_to(frame.get_left(), LEFT, buff=0.75))
    return axes, VGroup(frame, labels, names)
