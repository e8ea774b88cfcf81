"""The two small plots beside a worked step: the data with the model's line, and the loss surface with (w, b).

While the step's numbers resolve, the line turns and the point moves: the picture carries what the table computes.
Both plots are built from mathcore values only (the model's predictions, the loss surface); positions of the
point are the walkthrough's (w, b) before and after the step.
"""

from __future__ import annotations

import numpy as np
from manim import Dot, Group, Line, VGroup, VMobject

from mathcore.models import get_model
from mathcore.noise import drawn_population
from mathcore.optimum import find_optimum
from mathcore.view import View, fit_view
from scenes.kinds.mobjects.loss_heatmap import loss_heatmap
from scenes.kinds.mobjects.param_plane import fitted_range, framed_axes

CURVE_SAMPLES = 48  # points of the model's curve across the data's x range (a straight line needs two)


def model_curve(problem, w: float, b: float, axes, x_range, y_range, **style) -> VMobject:
    """The model's prediction over ``x_range`` as a polyline, cut to the plot's y range (never clamped to it)."""
    model = get_model(problem.model, problem.loss)
    xs = np.linspace(*x_range, CURVE_SAMPLES)
    ys = np.array([float(model.sample(w, b, float(x), 0.0).prediction) for x in xs])
    inside = (ys >= y_range[0]) & (ys <= y_range[1])
    curve = VMobject(**style)
    runs, current = [], []
    for x, y, ok in zip(xs, ys, inside):
        if ok:
            current.append(axes.c2p(x, y))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for points in runs:
        if len(points) >= 2:
            piece = VMobject(**style)
            piece.set_points_as_corners(points)
            curve.append_points(piece.points)
    return curve


def data_ranges(problem, lines) -> tuple[tuple[float, float], tuple[float, float]]:
    """x over the data; y over the labels and the predictions of the given (w, b) lines at the data's ends,
    so that both lines of the step stay visible while they turn."""
    model = get_model(problem.model, problem.loss)
    xs = [float(v) for v in problem.data.x]
    ys = [float(v) for v in problem.data.y]
    for w, b in lines:
        ys += [float(model.sample(w, b, x, 0.0).prediction) for x in (min(xs), max(xs))]
    return fitted_range(xs, 0.08), fitted_range(ys, 0.12)


class DataInset(VGroup):
    """The data as dots (the batch's in ``batch_color``) and the model's line at (w, b)."""

    def __init__(self, problem, batch: set[int], lines, width: float, height: float, fmt, colors, batch_color):
        super().__init__()
        self.problem, self.colors = problem, colors
        self.x_range, self.y_range = data_ranges(problem, lines)
        self.axes, self.decor = framed_axes(self.x_range, self.y_range, width, height, fmt, x_name="x", y_name="y",
                                            size=20, color=colors.faint)
        # every sample of the batch, and of the others at most MAX_DRAWN_POPULATION chosen at random: 10,000 dots
        # made the dry run of one step scene take a minute, and a screen shows no more
        others = drawn_population([i for i in range(len(problem.data.x)) if i not in batch])
        self.dots = VGroup(*(Dot(self.axes.c2p(float(problem.data.x[i]), float(problem.data.y[i])), radius=0.06,
                                 color=batch_color if i in batch else colors.muted)
                             for i in sorted(set(batch) | set(others))))
        self.add(self.axes, self.decor, self.dots)

    def line(self, w, b, color, width: float = 4) -> VMobject:
        return model_curve(self.problem, float(w), float(b), self.axes, self.x_range, self.y_range,
                           stroke_color=color, stroke_width=width)

    def residuals(self, w, b, indices, color) -> VGroup:
        """Vertical segments from each batch sample to the line: the ŷ − y column, drawn."""
        model = get_model(self.problem.model, self.problem.loss)
        group = VGroup()
        for i in sorted(set(indices)):
            x, y = self.problem.data.x[i], self.problem.data.y[i]
            pred = float(model.sample(w, b, x, y).prediction)
            if self.y_range[0] <= pred <= self.y_range[1]:
                group.add(Line(self.axes.c2p(float(x), float(y)), self.axes.c2p(float(x), pred), color=color,
                               stroke_width=3))
        return group


def loss_view(problem, points) -> View:
    """The (w, b) plane around the start, the optimum and the step's points."""
    anchors = [(float(problem.init.w), float(problem.init.b))] + [(float(w), float(b)) for w, b in points]
    optimum = find_optimum(problem).params
    if optimum is not None:
        anchors.append((float(optimum.w), float(optimum.b)))
    return fit_view(anchors, [], 1.0, margin=0.2)


class LossInset(Group):
    """The loss over (w, b) as a small heatmap with contours; ``point(w, b)`` is where (w, b) lies on it."""

    def __init__(self, problem, points, width: float, height: float, fmt, colors):
        super().__init__()
        self.view = loss_view(problem, points)
        v = self.view
        self.axes, self.decor = framed_axes((v.w_min, v.w_max), (v.b_min, v.b_max), width, height, fmt, size=20,
                                            color=colors.faint)
        self.heat, self.contours = loss_heatmap(problem, v, self.axes, colors.on_heatmap)
        self.add(self.axes, self.heat, self.contours, self.decor)

    def point(self, w, b) -> np.ndarray:
        return np.array(self.axes.c2p(float(w), float(b)))

