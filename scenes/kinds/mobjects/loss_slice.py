"""What the gradient ∂L/∂w is, drawn: the batch's loss along w (b held), the tangent at the current w whose slope is
∂L/∂w, and the step's direction along w, against the slope. Shown beside the term's definition."""

from __future__ import annotations

import numpy as np
from manim import DL, DOWN, DR, LEFT, RIGHT, UL, UP, UR, Arrow, Axes, Dot, Line, VGroup

from mathcore.walkthrough import evaluate_batch
from scenes.kinds.style import math_tex

SLICE_POINTS = 41  # samples of the curve
SPAN_STEPS = 2.0  # the curve spans this many update lengths either side of w (so the step's end is on it)
TANGENT_SHARE = 0.45  # the tangent's half-length, as a share of the span (shortened to stay inside the plot)


class LossSlice(VGroup):
    """L(w) of one batch at fixed b, around ``w``; ``tangent`` has slope ∂L/∂w there (from ``dw``), ``step`` points
    along w against it. ``w_range`` and ``loss_range`` are the plot's ranges (for tests: where the points are)."""

    def __init__(self, problem, indices, w, b, dw, w_after, width: float, height: float, colors, batch_color):
        super().__init__()
        w0, dw0 = float(w), float(dw)
        span = SPAN_STEPS * abs(float(w_after) - w0) or 1.0  # no step at all: a unit either side
        ws = [w0 - span + 2 * span * k / (SLICE_POINTS - 1) for k in range(SLICE_POINTS)]
        losses = [float(evaluate_batch(problem, v, b, indices).loss) for v in ws]
        low, high = min(losses), max(losses)
        pad = 0.08 * (high - low or 1.0)  # below the curve a wider margin: room for the slope's name
        self.w_range, self.loss_range = (ws[0], ws[-1]), (low - 3 * pad, high + pad)
        self.axes = Axes(x_range=[*self.w_range, span], y_range=[*self.loss_range, high - low + 4 * pad],
                         x_length=width, y_length=height, tips=False,
                         axis_config={"include_ticks": False, "stroke_opacity": 0})
        # axis lines along the left and bottom edges (manim's would cross at w = 0, wherever that is)
        corner = self.axes.c2p(self.w_range[0], self.loss_range[0])
        self.frame = VGroup(Line(corner, self.axes.c2p(self.w_range[1], self.loss_range[0])),
                            Line(corner, self.axes.c2p(self.w_range[0], self.loss_range[1]))
                            ).set_stroke(colors.faint, width=2)
        self.curve = self.axes.plot_line_graph(ws, losses, add_vertex_dots=False, line_color=batch_color,
                                               stroke_width=4)
        loss0 = float(evaluate_batch(problem, w0, b, indices).loss)
        self.point = Dot(self.axes.c2p(w0, loss0), radius=0.08, color=colors.foreground)
        half = TANGENT_SHARE * span
        if dw0:  # keep the tangent's ends inside the plot's height
            half = min(half, (loss0 - self.loss_range[0]) / abs(dw0), (self.loss_range[1] - loss0) / abs(dw0))
        self.tangent = Line(self.axes.c2p(w0 - half, loss0 - dw0 * half), self.axes.c2p(w0 + half, loss0 + dw0 * half),
                            color=colors.w, stroke_width=4)
        # the step goes against the slope: towards smaller w when ∂L/∂w > 0
        direction = LEFT if dw0 > 0 else RIGHT
        base = self.axes.c2p(w0, self.loss_range[0]) + 0.3 * DOWN  # under the axis, below the point
        self.step = Arrow(base, base + direction * 0.3 * width, buff=0, color=colors.foreground, stroke_width=4,
                          max_tip_length_to_length_ratio=0.3, tip_length=0.16)
        w_name, l_name = math_tex("w", color=colors.w), math_tex("L")
        w_name.next_to(self.frame[0], DOWN, buff=0.15).align_to(self.frame[0], RIGHT)
        l_name.next_to(self.frame[1], LEFT, buff=0.15).align_to(self.frame[1], UP)
        slope = self.clear_spot(math_tex(r"\frac{\partial L}{\partial w}", color=colors.w))
        self.names = VGroup(w_name, l_name, slope)
        self.add(self.axes, self.frame, self.curve, self.tangent, self.point, self.step, self.names)

    def clear_spot(self, name):
        """``name`` beside the tangent where it touches neither the curve nor the axes: the first free place among
        below its ends and its middle, then above them (the curve may bend either way)."""
        ends = (self.tangent.get_end(), self.tangent.get_start(), self.tangent.get_center())
        lines = [*self.frame, self.tangent]
        taken = np.array([*self.curve.get_anchors(),
                          *(line.point_from_proportion(t) for line in lines for t in np.linspace(0, 1, 30))])
        for side in (DR, DL, UR, UL):
            for end in ends:
                name.next_to(end, side, buff=0.12)
                low, high = name.get_corner(DL) - 0.05, name.get_corner(UR) + 0.05
                if not np.any(np.all((taken[:, :2] >= low[:2]) & (taken[:, :2] <= high[:2]), axis=1)):
                    return name
        return name.next_to(self.tangent.get_end(), DR, buff=0.12)  # nowhere free: where a convex curve leaves room

    def slope(self) -> float:
        """The tangent's slope in (w, L) units, read back from the drawing."""
        (w1, l1), (w2, l2) = (self.axes.p2c(p) for p in (self.tangent.get_start(), self.tangent.get_end()))
        return (l2 - l1) / (w2 - w1)
