"""The foggy forest: at the starting point, every batch points its own way down; larger batches agree more."""

from __future__ import annotations

import contourpy
import numpy as np
from manim import DOWN, LEFT, UL, Arrow, Create, DashedLine, Dot, FadeIn, Indicate, LaggedStart, Star, VGroup, VMobject

from mathcore.formatting import format_degrees
from mathcore.noise import (
    angle_to_target,
    batch_count,
    batch_gradient_cloud,
    direction_spread,
    minibatch_noise,
    typical_deviation,
)
from mathcore.optimum import find_optimum
from mathcore.surface import loss_surface
from mathcore.verdicts import steepest_misses_minimum
from mathcore.view import View, centred_equal_scale, fit_view
from mathcore.walkthrough import dataset_loss
from scenes.kinds.fog.entry import heatmap_arrow_key
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.loss_heatmap import loss_heatmap
from scenes.kinds.mobjects.param_plane import framed_axes
from scenes.kinds.style import TEXT_SIZE, TITLE_SIZE, fit, label, wrapped_label
from scenes.scenario.judged import Judged, fog_averages

PLOT_SIZE = (7.2, 5.1)  # the left 60% of the frame, from under the title to above the bottom edge
PLOT_CENTER = np.array([-2.2, -0.25, 0])
ROWS_CORNER, ROWS_WIDTH = np.array([2.0, 2.35, 0]), 4.8  # the batch sizes' rows: the right column, top down
ARROW_LENGTH = 1.6  # on screen: the fan shows directions, not step lengths
MAX_ARROWS = 60


def fog_view(problem) -> View:
    """The loss surface around the start (and the optimum), as in the paths scenes, with the start in the middle so
    that a fan pointing any way stays on the surface; one scale for w and b, so that the angles on screen are the
    angles the rows and the narration state."""
    w0, b0 = float(problem.init.w), float(problem.init.b)
    anchors = [(w0, b0)]
    optimum = find_optimum(problem).params
    if optimum is not None:
        anchors.append((float(optimum.w), float(optimum.b)))
    start_loss = float(dataset_loss(problem, problem.init.w, problem.init.b))
    return centred_equal_scale(fit_view(anchors, [], start_loss), w0, b0, *PLOT_SIZE)


class FogScene(LessonScene):
    kind = "fog"

    def construct(self):
        c, problem = self.colors, self.scenario.problem()
        w0, b0 = problem.init.w, problem.init.b
        grads = self.lesson.start_gradients()
        n = len(grads)
        full = minibatch_noise(grads, n).mean

        optimum = find_optimum(problem).params
        view = fog_view(problem)
        title = fit(label(self.text("fog_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)
        axes, decor = framed_axes((view.w_min, view.w_max), (view.b_min, view.b_max), *PLOT_SIZE,
                                  lambda v: self.num(v), size=20, color=c.faint)
        VGroup(axes, decor).move_to(PLOT_CENTER)
        heat, contours = loss_heatmap(problem, view, axes, self.colors.on_heatmap)
        origin = np.array(axes.c2p(float(w0), float(b0)))
        markers = VGroup(Dot(origin, color=c.on_heatmap, radius=0.07))
        if optimum is not None:
            markers.add(Star(n=5, outer_radius=0.14, color=c.on_heatmap, fill_opacity=1).move_to(
                axes.c2p(float(optimum.w), float(optimum.b))))
        unit = np.array(axes.c2p(1, 0)) - np.array(axes.c2p(0, 0)), np.array(axes.c2p(0, 1)) - np.array(axes.c2p(0, 0))

        def arrow(g, color, width=3.0, opacity=0.8):
            screen = -float(g[0]) * unit[0] - float(g[1]) * unit[1]  # the way down, mapped to the screen
            length = np.linalg.norm(screen)
            tip = origin + (screen / length * ARROW_LENGTH if length > 0 else 0)
            return Arrow(origin, tip, buff=0, color=color, stroke_width=width, stroke_opacity=opacity,
                         max_tip_length_to_length_ratio=0.12)

        truth = arrow(full, c.on_heatmap, width=6, opacity=1.0)
        named = self.text(heatmap_arrow_key(c.on_heatmap))  # "white arrow": the colour it is drawn in, by the theme
        rows = VGroup()
        with self.beat(self.text("sub_fog_intro", n=n, arrow=named)):
            self.play(FadeIn(title), FadeIn(heat), FadeIn(decor), run_time=1.0)
            self.play(Create(contours), FadeIn(markers), run_time=1.2)
            self.play(Create(truth), run_time=max(0.8, self.time_left() - 1.0))  # drawn while it is introduced
            self.wait(0.8)
        if optimum is not None:
            self.steepest_is_not_the_way(problem, view, axes, origin, truth, markers[1], full, optimum)
        shown, spreads, typicals = None, [], {}
        for size in self.entry.batch_sizes:
            color = c.batch_color(size)
            cloud = batch_gradient_cloud(grads, size, max_points=MAX_ARROWS)
            spread = direction_spread(cloud, full)
            spreads.append((size, spread))
            typicals[size] = typical_deviation(cloud, full)  # the widest angle is one stray batch; this, all of them
            fan = VGroup(*(arrow(g, color, width=2.5, opacity=0.6) for g in cloud))
            row = self.row(self.text("fog_row_typical", size=size, angle=format_degrees(spread),
                                     typical=format_degrees(typicals[size])),
                           color)
            rows.add(row)
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5)
            fit(rows, ROWS_WIDTH, PLOT_SIZE[1]).move_to(ROWS_CORNER, aligned_edge=UL)
            # a batch of every sample is the whole data: one arrow, along the white one ("each its own way" is false)
            # at most MAX_ARROWS batches are drawn: the voice says how many there are and how many are drawn
            total = batch_count(n, size)
            key = "sub_fog_batch_whole" if size >= n else "sub_fog_batch" if total == len(cloud) else \
                "sub_fog_batch_drawn" if total is not None else "sub_fog_batch_drawn_vast"
            with self.beat(self.text(key, size=size, count=len(cloud), total=total, angle=format_degrees(spread),
                                     arrow=named)):
                animations = [Create(fan), FadeIn(row)]
                if shown is not None:
                    animations.append(shown.animate.set_opacity(0.12))
                # the arrows fan out one after another while the batch size is described
                self.play(*animations, run_time=max(1.4, self.time_left() - 1.0))
                self.bring_to_front(truth, markers)
                self.wait(1.0)
            shown = fan
        # whether larger batches agreed more closely here is computed, not assumed
        ordered = [s for _, s in sorted(spreads)]
        narrower = len(ordered) > 1 and all(a >= b for a, b in zip(ordered, ordered[1:])) and ordered[-1] < ordered[0]
        with self.beat(self.text("sub_fog_summary" if narrower else "sub_fog_summary_mixed")):
            # each row lights up in turn, smallest batch first, while the fans are compared
            # lit in their own colours (manim's default yellow is unreadable on white)
            self.play(LaggedStart(*(Indicate(r, color=c.batch_color(s), scale_factor=1.1)
                                    for r, s in zip(rows, self.entry.batch_sizes)), lag_ratio=0.7),
                      run_time=max(1.5, self.time_left() - 0.5))
        if len(typicals) > 1:
            a, b = sorted(typicals)[:2]
            with self.beat(fog_averages(self.lesson, self.entry, self.language, typicals, named)):
                pair = [(rows[self.entry.batch_sizes.index(s)], c.batch_color(s)) for s in (a, b)]
                self.play(*(Indicate(row, color=color, scale_factor=1.1) for row, color in pair),
                          run_time=max(1.5, self.time_left() - 0.5))

    @staticmethod
    def row(text: str, color: str):
        """A batch size's row: its name on one line, its angles on the next (cut after the first colon)."""
        cut = min((i for i in (text.find(":"), text.find("：")) if i >= 0), default=-1)
        if cut < 0:
            return wrapped_label(text, TEXT_SIZE, ROWS_WIDTH, color=color)
        lines = VGroup(label(text[:cut + 1].rstrip(), TEXT_SIZE, color), label(text[cut + 1:].lstrip(), TEXT_SIZE, color))
        return fit(lines.arrange(DOWN, aligned_edge=LEFT, buff=0.12), ROWS_WIDTH)

    def steepest_is_not_the_way(self, problem, view, axes, origin, truth, star, full, optimum):
        """The steepest way down crosses the contour through the start at a right angle; on an elongated valley that
        is not the straight line to the optimum (whether it is here is computed: mathcore.verdicts)."""
        c = self.colors
        angle = angle_to_target(full, (problem.init.w, problem.init.b), (optimum.w, optimum.b))
        verdict = steepest_misses_minimum(angle)
        to_star = DashedLine(origin, star.get_center(), color=c.on_heatmap, stroke_width=3, dash_length=0.12)
        contour = self.contour_through_start(problem, view, axes, origin)
        # a small right-angle mark between the arrow and the contour's tangent at the start
        direction = truth.get_unit_vector()
        normal = np.array([-direction[1], direction[0], 0])
        size = 0.22
        corner = VMobject(stroke_color=c.on_heatmap, stroke_width=2).set_points_as_corners(
            [origin + size * normal, origin + size * (normal + direction), origin + size * direction])
        text = self.text(verdict.key("sub_fog_steepest"), angle=format_degrees(angle),
                         arrow=self.text(heatmap_arrow_key(c.on_heatmap)))
        with self.beat(Judged(text, (verdict,))):
            self.play(Create(contour), run_time=1.2)
            self.play(Create(corner), Indicate(truth, color=c.label), run_time=1.0)
            self.play(Create(to_star), run_time=max(1.0, self.time_left() - 2.0))
            self.wait(1.0)
        self.contour_at_start = contour  # for tests

    def contour_through_start(self, problem, view, axes, origin) -> VMobject:
        """The loss's level line through the starting point, highlighted (the piece nearest the start)."""
        surf = loss_surface(problem, (view.w_min, view.w_max), (view.b_min, view.b_max), (160, 120))
        level = float(dataset_loss(problem, problem.init.w, problem.init.b))
        pieces = [seg for seg in contourpy.contour_generator(surf.w, surf.b, surf.loss).lines(level) if len(seg) >= 2]
        line = VMobject(stroke_color=self.colors.label, stroke_width=4)
        if pieces:
            nearest = min(pieces, key=lambda seg: min(np.linalg.norm(np.array(axes.c2p(w, b)) - origin)
                                                      for w, b in seg))
            line.set_points_as_corners([axes.c2p(w, b) for w, b in nearest])
        return line
