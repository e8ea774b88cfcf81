"""The loss over the (w, b) plane as a heatmap with contour lines, inside a framed plot."""

from __future__ import annotations

import contourpy
import numpy as np
from manim import ImageMobject, VGroup, VMobject
from manim.constants import RESAMPLING_ALGORITHMS

from mathcore.surface import loss_function, loss_surface
from mathcore.view import View
from scenes.kinds.colormap import colormap

GRID = (160, 120)
CONTOUR_LEVELS = 7


def log_levels(loss: np.ndarray, count: int) -> np.ndarray:
    """Contour levels evenly spaced in log(loss), from just above the minimum to the 90th percentile."""
    lo, hi = float(loss.min()), float(np.percentile(loss, 90))
    lo = max(lo, 1e-12)
    return np.geomspace(lo * 1.25, max(hi, lo * 1.5), count)


def loss_heatmap(problem, view: View, axes, contour_color: str) -> tuple[ImageMobject, VGroup]:
    """Heatmap image (colour = log loss) stretched over ``axes``, and its contour lines."""
    surf = loss_surface(problem, (view.w_min, view.w_max), (view.b_min, view.b_max), GRID)
    log_loss = np.log(np.maximum(surf.loss, 1e-12))
    image = _heat_image(log_loss, axes.c2p(view.w_min, view.b_min), axes.c2p(view.w_max, view.b_max))
    generator = contourpy.contour_generator(surf.w, surf.b, surf.loss)
    return image, _contour_lines(generator, log_levels(surf.loss, CONTOUR_LEVELS), axes, contour_color)


def _heat_image(log_loss: np.ndarray, lower_left: np.ndarray, upper_right: np.ndarray) -> ImageMobject:
    """The log loss as colours (the 98th percentile at the top of the colormap) stretched over the box."""
    span = np.percentile(log_loss, 98) - log_loss.min()
    rgb = colormap((log_loss - log_loss.min()) / (span or 1.0))[::-1]  # image row 0 is the top: the largest b
    image = ImageMobject(np.dstack([rgb, np.full(rgb.shape[:2], 255, np.uint8)]))
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
    image.stretch_to_fit_width(upper_right[0] - lower_left[0]).stretch_to_fit_height(upper_right[1] - lower_left[1])
    return image.move_to((lower_left + upper_right) / 2)


def _contour_lines(generator, levels, axes, color: str) -> VGroup:
    """The generator's contour lines at ``levels``, in ``axes``' coordinates."""
    lines = VGroup()
    for level in levels:
        for segment in generator.lines(level):
            if len(segment) < 2:
                continue
            line = VMobject(stroke_color=color, stroke_width=1.2, stroke_opacity=0.45)
            # all of a line's points in one call (c2p takes arrays and gives one column per point): a call per
            # point cost a tenth of a step scene's last frame
            line.set_points_as_corners(np.asarray(axes.c2p(segment[:, 0], segment[:, 1])).T)
            lines.add(line)
    return lines


def radial_log_heatmap(problem, view, axes, half_size: tuple[float, float], contour_color: str):
    """The same heatmap and contours over a mathcore.log_view.RadialLogView: ``axes`` run over the drawn
    coordinates (u, v) in [-half_size[0], half_size[0]] x [-half_size[1], half_size[1]]; each pixel shows the loss
    at the (w, b) drawn there."""
    loss = np.vectorize(loss_function(problem))
    us = np.linspace(-half_size[0], half_size[0], GRID[0])
    vs = np.linspace(-half_size[1], half_size[1], GRID[1])
    u, v = np.meshgrid(us, vs)
    w, b = view.from_plane(u, v)
    with np.errstate(over="ignore", invalid="ignore"):
        values = loss(w, b)
    values = np.where(np.isfinite(values), values, np.nanmax(np.where(np.isfinite(values), values, np.nan)))
    log_loss = np.log(np.maximum(values, 1e-12))
    image = _heat_image(log_loss, axes.c2p(-half_size[0], -half_size[1]), axes.c2p(half_size[0], half_size[1]))
    # contours spread over the whole range: on this scale the loss grows by many decades towards the edge
    lo, hi = float(values.min()), float(values.max())
    levels = np.geomspace(max(lo, 1e-12) * 1.25, max(hi, lo * 1.5) * 0.8, CONTOUR_LEVELS + 2)
    return image, _contour_lines(contourpy.contour_generator(u, v, values), levels, axes, contour_color)
