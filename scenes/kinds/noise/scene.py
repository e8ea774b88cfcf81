"""Gradient noise: every minibatch gradient at one point, as a cloud that shrinks as the batch grows."""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Dot,
    Ellipse,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Line,
    NumberLine,
    Transform,
    VGroup,
)

from mathcore.noise import (
    batch_count,
    batch_gradient_cloud,
    covariance_ellipse,
    drawn_population,
    finite_population_factor,
    minibatch_noise,
)
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.param_plane import fitted_range, framed_axes
from scenes.kinds.mobjects.piece_shares import first_share
from scenes.kinds.noise.entry import NoiseEntry, variance_key
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, math_tex

PLANE_SIZE = (5.6, 4.3)
PLANE_CENTER = np.array([-3.0, -0.55, 0])
POLL_LEFT, POLL_WIDTH = 1.4, 5.2  # right of the plane, with room for the row labels between
LEGEND_BOTTOM = -3.55  # clear of the frame's bottom edge (at least 24 px at 1080p, as every kind)
ROW_GAP = 0.85  # between the poll's rows of batch means, closer when six batch sizes would reach the legend


class GradientNoiseScene(LessonScene[NoiseEntry]):
    kind = "noise"

    def construct(self):
        c, init = self.colors, self.scenario.problem().init
        w, b = init.w, init.b
        grads = self.lesson.start_gradients()
        n = len(grads)
        sizes = [s for s in self.entry.batch_sizes if s <= n]
        fmt = lambda v: self.num(v, tex=False)

        title = fit(label(self.text("noise_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)
        gw = [float(g[0]) for g in grads]
        gb = [float(g[1]) for g in grads]
        # the view holds every single-sample gradient and the widest (smallest-batch) 2-sigma ellipse
        widest = minibatch_noise(grads, min(sizes))
        sd_w, sd_b = (2 * float(widest.covariance[k][k]) ** 0.5 for k in (0, 1))
        mw, mb = (float(v) for v in widest.mean)
        axes, decor = framed_axes(fitted_range(gw + [mw - sd_w, mw + sd_w], 0.08),
                                  fitted_range(gb + [mb - sd_b, mb + sd_b], 0.08), *PLANE_SIZE, lambda v: self.num(v),
                                  x_name=r"\partial L/\partial w", y_name=r"\partial L/\partial b", size=18,
                                  color=c.faint)
        VGroup(axes, decor).move_to(PLANE_CENTER)
        full = minibatch_noise(grads, n).mean
        full_dot = Dot(axes.c2p(float(full[0]), float(full[1])), color=c.foreground, radius=0.08)
        legend = VGroup(
            VGroup(Dot(radius=0.08, color=c.foreground), label(self.text("full_gradient"), SMALL_SIZE)).arrange(RIGHT, buff=0.15),
            VGroup(Dot(radius=0.06, color=c.faint), label(self.text("batch_gradients"), SMALL_SIZE)).arrange(RIGHT, buff=0.15),
            VGroup(Line(ORIGIN, 0.4 * RIGHT, color=c.foreground, stroke_width=4),
                   label(self.text("spread_bar"), SMALL_SIZE)).arrange(RIGHT, buff=0.15),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        fit(legend, 5.6).move_to([POLL_LEFT, LEGEND_BOTTOM, 0], aligned_edge=DL)
        full_label = legend[0]

        # Poll analogy on the right: the population of per-sample dL/dw values, and the means of batches
        lo, hi = fitted_range(gw, 0.05)
        row_gap = min(ROW_GAP, (1.9 - legend.get_top()[1] - 0.45) / len(sizes))  # the last bar stays above the legend
        poll_line = NumberLine(x_range=[lo, hi, (hi - lo)], length=POLL_WIDTH, include_ticks=False,
                               stroke_width=2, color=c.faint)
        poll_line.move_to([POLL_LEFT + POLL_WIDTH / 2, 1.9, 0])
        population = VGroup(*(Dot(poll_line.n2p(v), radius=0.07, color=c.prediction) for v in drawn_population(gw)))
        population_label = fit(label(self.text("population", n=n), SMALL_SIZE), POLL_WIDTH).next_to(poll_line, UP, buff=0.25)
        population_label.align_to(poll_line, LEFT)

        def cloud_for(size):
            points = batch_gradient_cloud(grads, size)
            noise = minibatch_noise(grads, size)
            ell = covariance_ellipse(noise.covariance)
            dots = VGroup(*(Dot(axes.c2p(float(p[0]), float(p[1])), radius=0.045, color=c.batch_color(size), fill_opacity=0.75)
                            for p in points))
            unit_x = axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0]
            unit_y = axes.c2p(0, 1)[1] - axes.c2p(0, 0)[1]
            # the ellipse in data units, mapped to screen by the axes' scales (before rotating)
            shape = Ellipse(width=max(2 * ell.semi_major, 1e-6), height=max(2 * ell.semi_minor, 1e-6),
                            color=c.foreground, stroke_width=2)
            shape.rotate(ell.angle).stretch(unit_x, 0, about_point=shape.get_center())
            shape.stretch(unit_y, 1, about_point=shape.get_center()).move_to(full_dot)
            factor = finite_population_factor(n, size)
            caption = math_tex(r"B =", self.num(size), r",\quad \frac{N-B}{B(N-1)}", *self.equals(factor), size=30)
            caption[0:2].set_color(c.batch_color(size))
            fit(caption, 5.6).next_to(decor[0], UP, buff=0.2).align_to(decor[0], LEFT)
            means = [float(p[0]) for p in points]
            row_y = 1.9 - row_gap * (sizes.index(size) + 1)
            row = VGroup(*(Dot([poll_line.n2p(m)[0], row_y, 0], radius=0.04, color=c.batch_color(size), fill_opacity=0.6)
                           for m in means))
            spread = float(np.sqrt(float(noise.covariance[0][0])))
            centre = poll_line.n2p(float(full[0]))[0]
            scale = poll_line.n2p(1)[0] - poll_line.n2p(0)[0]
            bar = Line([centre - spread * scale, row_y - 0.22, 0], [centre + spread * scale, row_y - 0.22, 0],
                       color=c.foreground, stroke_width=4)
            row_label = math_tex(r"B =", self.num(size), size=24, color=c.batch_color(size)).next_to([POLL_LEFT, row_y, 0], LEFT, buff=0.15)
            return dots, shape, caption, VGroup(row, bar, row_label), noise

        said = self.text("sub_noise_intro", n=n, w=fmt(w), b=fmt(b))
        # every sample's own gradient: a dot in the plane and its dL/dw on the poll's line
        samples = drawn_population(list(zip(gw, gb)))
        sample_dots = VGroup(*(Dot(axes.c2p(x, y), radius=0.05, color=c.prediction) for x, y in samples))
        with self.beat(said):
            self.play(FadeIn(title), FadeIn(decor), FadeIn(poll_line), FadeIn(population_label), run_time=1.0)
            # the samples' gradients arrive one by one while "every sample has its own gradient" is said ...
            arrive = max(self.filling(said, 0) * first_share(said, self.language) - 1.0, 1.0)
            self.play(LaggedStart(*(FadeIn(d, scale=2) for d in sample_dots), lag_ratio=0.5),
                      LaggedStart(*(FadeIn(d, scale=2) for d in population), lag_ratio=0.5), run_time=arrive)
            # ... then their copies gather into the mean, which the full-batch dot marks, while that is said
            gather = sample_dots.copy()
            self.play(*(d.animate.move_to(full_dot) for d in gather), run_time=max(self.time_left() - 1.0, 1.0))
            self.remove(gather)
            self.add(full_dot)
            self.play(Indicate(full_dot, color=c.foreground, scale_factor=2.0), FadeIn(full_label), run_time=max(self.time_left(), 0.8))
        shown, polls, shapes = None, [], []
        for size in sizes:
            dots, shape, caption, poll_row, noise = cloud_for(size)
            shapes.append(shape)
            # all batches, a random draw of them, or the single batch of all samples: said as it is
            total = batch_count(n, size)
            # a count is said whole; a count too long to read is written as the binomial it is
            total_text = fmt(total) if total is not None and total < 10**4 else f"C({fmt(n)}, {fmt(size)})"
            if size == n:
                key = "sub_noise_batch_all"
            elif total is not None and len(dots) == total:
                key = "sub_noise_batch"
            else:
                key = "sub_noise_batch_drawn"
            said = self.text(variance_key(key, finite_population_factor(n, size)), size=size,
                             factor=fmt(finite_population_factor(n, size)), count=len(dots), n=n,
                             total=total_text)
            row, bar, row_label = poll_row
            with self.beat(said):
                # the batch size is named: its caption comes, the previous cloud goes (the samples' dots the first time)
                old = [FadeOut(shown[0]), FadeOut(shown[2])] if shown is not None else [FadeOut(sample_dots),
                                                                                        FadeIn(legend[1:])]
                self.play(*old, FadeIn(caption), run_time=0.8)
                counted = max(self.filling(said, 0) * first_share(said, self.language) - 0.8, 1.0)
                if size == n:
                    # the only batch is all samples: every sample's gradient gathers into the full-batch dot
                    gather = sample_dots.copy()
                    self.play(FadeIn(gather), run_time=0.5)
                    self.play(*(d.animate.move_to(full_dot) for d in gather), run_time=max(counted - 0.5, 0.5))
                    self.remove(gather)
                    self.add(dots)
                else:  # the batches' gradients arrive one by one while they are counted
                    self.play(LaggedStart(*(FadeIn(d, scale=1.5) for d in dots), lag_ratio=0.3), run_time=counted)
                # then, while the spread is said, the cloud's ellipse takes its size and the poll's row its bar
                rest = max(self.time_left(), 2.0)
                outline = Transform(shown[1], shape) if shown is not None else GrowFromCenter(shape)
                self.play(outline, FadeIn(row, lag_ratio=0.3), FadeIn(row_label), run_time=0.4 * rest)
                if shown is not None:
                    self.remove(shown[1])
                    self.add(shape)
                grow = GrowFromCenter(bar) if size < n else Indicate(full_dot, color=c.foreground, scale_factor=1.8)
                self.play(grow, run_time=max(self.time_left(), 1.0))
                if size == n:
                    self.add(bar)
                polls.append(poll_row)
            shown = (dots, shape, caption)
        said = self.text("sub_noise_summary", n=n)
        with self.beat(said):  # each batch size's row again, as its cloud's ellipse comes back, widest first
            each = self.filling(said, 0, 3.0) / (len(polls) + 1)
            outline = shapes[-1] if shapes else None
            for row, shape in zip(polls, shapes):
                self.play(Transform(outline, shape.copy()), Indicate(row, color=c.foreground, scale_factor=1.1), run_time=each)
            # with all samples only one point is left: the full-batch gradient
            self.play(Indicate(full_dot, color=c.foreground, scale_factor=2.0), Indicate(full_label, color=c.foreground), run_time=max(self.time_left(), 1.0))
