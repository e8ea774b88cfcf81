"""The loss heatmap's contour lines sit where the axes put each of their points (they are placed in one call per
line, not one per point)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from manim import Axes

from mathcore import Dataset, Params, Problem
from mathcore.view import View
from scenes.kinds.mobjects.loss_heatmap import loss_heatmap


def test_every_contour_point_is_where_the_axes_put_it():
    problem = Problem("linear", "mse", Dataset(tuple(map(Fraction, (1, 2, 3, 4))), tuple(map(Fraction, (0, 0, 1, 1)))),
                      Params(Fraction(0), Fraction(0)), Fraction(1, 10))
    view = View(-1.0, 1.0, -1.0, 1.0)
    axes = Axes(x_range=[-1, 1, 0.5], y_range=[-1, 1, 0.5], x_length=6, y_length=4).shift([0.7, -0.3, 0])
    _, lines = loss_heatmap(problem, view, axes, "#FFFFFF")
    assert len(lines) >= 5
    x, y = np.array([1, 2, 3, 4.0]), np.array([0, 0, 1, 1.0])
    for line in lines:
        corners = line.get_anchors()
        coords = np.array([axes.p2c(p)[:2] for p in corners])  # each drawn corner back on the (w, b) plane
        assert np.all((coords >= -1 - 1e-9) & (coords <= 1 + 1e-9))
        # a contour line: the loss, computed here from the data, is the same all along it (up to the grid's
        # linear interpolation)
        loss = ((coords[:, :1] * x + coords[:, 1:] - y) ** 2).mean(axis=1)
        assert loss.max() - loss.min() <= 0.02 * loss.mean()
