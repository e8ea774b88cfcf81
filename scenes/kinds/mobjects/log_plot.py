"""LogLogPlot: a framed plot whose axes are logarithmic, with round tick labels; points are given in data units."""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
from manim import DOWN, LEFT, Axes, Rectangle, VGroup, VMobject

from mathcore.ticks import log_axis_ticks

MARGIN = 0.12  # decades of air around the data on each side


class LogLogPlot(VGroup):
    """``x_range``/``y_range``: (lowest, highest) data values to show (> 0); ``tick_label`` turns a tick value into
    a mobject (the scene's one number formatter)."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float], size: tuple[float, float],
                 tick_label: Callable, frame_color: str):
        super().__init__()
        self.x_lo, self.x_hi = self._padded(*x_range)
        self.y_lo, self.y_hi = self._padded(*y_range)
        self.axes = Axes(x_range=[self.x_lo, self.x_hi, self.x_hi - self.x_lo],
                         y_range=[self.y_lo, self.y_hi, self.y_hi - self.y_lo], x_length=size[0], y_length=size[1],
                         tips=False, axis_config={"include_ticks": False, "stroke_opacity": 0})
        self.frame = Rectangle(width=size[0], height=size[1], color=frame_color, stroke_width=1.5).move_to(self.axes)
        self.ticks = VGroup()
        for t in log_axis_ticks(10 ** self.x_lo, 10 ** self.x_hi):
            self.ticks.add(tick_label(t).next_to(self.axes.c2p(math.log10(t), self.y_lo), DOWN, buff=0.1))
        for t in log_axis_ticks(10 ** self.y_lo, 10 ** self.y_hi):
            self.ticks.add(tick_label(t).next_to(self.axes.c2p(self.x_lo, math.log10(t)), LEFT, buff=0.1))
        self.add(self.axes, self.frame, self.ticks)

    @staticmethod
    def _padded(lo: float, hi: float) -> tuple[float, float]:
        lo, hi = math.log10(lo), math.log10(hi)
        if hi - lo < 0.3:  # less than a doubling: widen around the middle
            mid = (lo + hi) / 2
            lo, hi = mid - 0.15, mid + 0.15
        return lo - MARGIN, hi + MARGIN

    def inside(self, x: float, y: float) -> bool:
        return x > 0 and y > 0 and self.x_lo <= math.log10(x) <= self.x_hi and self.y_lo <= math.log10(y) <= self.y_hi

    def point(self, x: float, y: float) -> np.ndarray:
        return self.axes.c2p(math.log10(x), math.log10(y))

    def curve(self, xs: Sequence[float], ys: Sequence[float], **style) -> VMobject:
        """A polyline through the points that lie inside the plot (the others are left out, not clamped)."""
        points = [self.point(x, y) for x, y in zip(xs, ys) if self.inside(x, y)]
        line = VMobject(**style)
        if len(points) >= 2:
            line.set_points_as_corners(points)
        return line
