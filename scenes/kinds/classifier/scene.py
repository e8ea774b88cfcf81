"""A logistic classifier's picture: samples at y = 0 and 1, sigmoids of the start, of each batch's own fit and of
the whole data's fit, and the decision boundary x = -b/w moving with each step."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    Circle,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Line,
    Transform,
    VGroup,
    VMobject,
)

from mathcore.classifier import classifier_picture, probabilities
from scenes.kinds.classifier.entry import ClassifierEntry
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.param_plane import fitted_range, framed_axes
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, wrapped_label
from scenes.scenario.lesson import with_true_minus

PLOT_SIZE = (8.2, 4.6)
PLOT_CENTER = np.array([-1.75, -0.45, 0])
SIDE_X = 3.35  # left edge of the legend and readouts column
LEGEND_TEXT_WIDTH = 2.8  # a legend row's words, after its 0.5-wide line sample: up to the frame's margin
CURVE_POINTS = 160
MAX_LISTED = 6  # a batch's x values listed in the narration; more are summarised by "…"


class ClassifierScene(LessonScene[ClassifierEntry]):
    kind = "classifier"

    def construct(self):
        sc, c, e = self.scenario, self.colors, self.entry
        problem = sc.problem()
        picture = classifier_picture(problem, self.lesson.walkthrough(e.run), e.steps)
        color = sc.run_color(e.run)
        fmt = lambda v: self.num(v, tex=False)
        xs = [float(v) for v in sc.dataset.x]
        x_range = fitted_range(xs, 0.08)
        title_text = e.title.get(self.language) if e.title else None
        title = fit(label(title_text or self.text("classifier_title"), TITLE_SIZE, weight="BOLD"), 12.5)
        title.to_corner(UL, buff=0.4)

        # Set up the axes and the samples
        axes, decor = framed_axes(x_range, (-0.1, 1.1), *PLOT_SIZE, lambda v: self.num(v), x_name="x",
                                  y_name=r"\sigma", size=20, color=c.faint)
        VGroup(axes, decor).move_to(PLOT_CENTER)
        dots = VGroup(*(Dot(axes.c2p(float(x), float(y)), radius=0.05, color=c.label, fill_opacity=0.8)
                        for x, y in zip(sc.dataset.x, sc.dataset.y)))
        grid = np.linspace(*x_range, CURVE_POINTS)

        def curve(w, b, stroke, dashed=False, width=3.0):
            line = VMobject(stroke_color=stroke, stroke_width=width)
            line.set_points_smoothly([axes.c2p(t, p) for t, p in zip(grid, probabilities(w, b, grid))])
            return DashedVMobject(line, num_dashes=40) if dashed else line

        def boundary(x, stroke):
            if x is None or not x_range[0] <= float(x) <= x_range[1]:
                return VGroup()
            return DashedLine(axes.c2p(float(x), -0.1), axes.c2p(float(x), 1.1), color=stroke, stroke_width=2.5,
                              dash_length=0.1)

        # Legend and readouts, right column
        def legend_row(key, stroke, dashed=False, **fields):
            sample = DashedLine(LEFT * 0.25, RIGHT * 0.25, color=stroke, dash_length=0.08) if dashed else \
                Line(LEFT * 0.25, RIGHT * 0.25, color=stroke, stroke_width=4)
            # broken in two rather than shrunk or run off the frame ("batch 1: no best curve of its own")
            words = wrapped_label(self.text(key, **fields), SMALL_SIZE, LEGEND_TEXT_WIDTH, color=stroke)
            return VGroup(sample, words).arrange(RIGHT, buff=0.15)

        def readout(w, b, x):
            text = self.text("classifier_boundary", x=fmt(x)) if x is not None else self.text("classifier_no_boundary")
            rows = VGroup(label(with_true_minus(f"w {self.said(w)}"), SMALL_SIZE + 2, color=c.w),
                          label(with_true_minus(f"b {self.said(b)}"), SMALL_SIZE + 2, color=c.b),
                          wrapped_label(text, SMALL_SIZE + 2, 3.6))  # broken in two rather than shrunk
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            return fit(rows, 3.6).move_to([SIDE_X, -1.9, 0], aligned_edge=LEFT)

        start_curve = curve(picture.start_w, picture.start_b, c.muted, dashed=True)
        start_row = legend_row("classifier_start", c.muted, dashed=True)
        model_curve = curve(picture.start_w, picture.start_b, color)
        model_line = boundary(picture.start_boundary, color)
        numbers = readout(picture.start_w, picture.start_b, picture.start_boundary)
        rows = [start_row]

        n = len(sc.dataset)
        if picture.start_boundary is not None:
            intro = self.text("sub_classifier_intro", w=fmt(picture.start_w), b=fmt(picture.start_b),
                              boundary=fmt(picture.start_boundary))
        else:
            intro = self.text("sub_classifier_intro_no_boundary", w=fmt(picture.start_w), b=fmt(picture.start_b))
        start_row.move_to([SIDE_X, 2.1, 0], aligned_edge=LEFT)
        with self.beat(intro):
            self.play(FadeIn(title), Create(decor), run_time=1.0)
            self.play(FadeIn(dots), run_time=1.0)
            self.play(Create(start_curve), FadeIn(start_row), FadeIn(numbers), FadeIn(model_line), run_time=1.2)
        self.add(model_curve)

        # The whole data's best fit
        whole = picture.whole_fit.params
        whole_group = VGroup()
        if whole is not None:
            whole_row = legend_row("classifier_whole", c.prediction)
            whole_row.next_to(rows[-1], DOWN, aligned_edge=LEFT, buff=0.2)
            rows.append(whole_row)
            whole_group = VGroup(curve(whole.w, whole.b, c.prediction, width=2.5),
                                 boundary(picture.whole_boundary, c.prediction), whole_row)
            whole_text = self.text("sub_classifier_whole", n=n, w=fmt(whole.w), b=fmt(whole.b),
                                   boundary=fmt(picture.whole_boundary) if picture.whole_boundary is not None
                                   else self.text("classifier_no_boundary"))
        else:
            whole_text = self.text("sub_classifier_whole_" + picture.whole_fit.reason, n=n)
        with self.beat(whole_text):
            self.play(FadeIn(whole_group), run_time=1.0)

        # Each step: the batch, its own fit, the model's curve and boundary moving
        def batch_row_of(step):
            key = "classifier_batch" if step.batch_fit.params is not None else "classifier_batch_none"  # no curve: say so
            return legend_row(key, c.loss, dashed=True, step=step.index)

        batch_row = batch_row_of(picture.steps[0])
        model_row = legend_row("classifier_model", color, step=picture.steps[0].index)
        batch_row.next_to(rows[-1], DOWN, aligned_edge=LEFT, buff=0.2)
        # the model's row sits below the tallest batch row of any step (a long one takes two lines): rows never touch
        tallest = max(batch_row_of(step).height for step in picture.steps)
        model_row.move_to([batch_row.get_left()[0], batch_row.get_top()[1] - tallest - 0.2 - model_row.height / 2, 0],
                          aligned_edge=LEFT)
        self.play(FadeIn(model_row), run_time=0.4)
        self.drawn = {"batch_row": batch_row, "model_row": model_row}  # for tests: the legend rows of each step
        shown = VGroup()
        w_before = picture.start_w
        for step in picture.steps:
            rings = VGroup(*(Circle(radius=0.11, color=color, stroke_width=3).move_to(axes.c2p(float(x), float(y)))
                             for x, y in zip(step.x, step.y)))
            own = step.batch_fit.params
            own_curve = curve(own.w, own.b, c.loss, dashed=True) if own is not None else VGroup()
            own_line = boundary(step.batch_boundary, c.loss)
            listed = self.text("classifier_separator").join(fmt(v) for v in step.x[:MAX_LISTED])
            listed += self.text("classifier_more") if len(step.x) > MAX_LISTED else ""
            where = lambda x: fmt(x) if x is not None else self.text("classifier_no_boundary")
            if step.boundary_after is None:
                move = self.text("classifier_move_none")
            elif step.boundary_before is None:
                move = self.text("classifier_move_first", after=fmt(step.boundary_after))
            else:
                move = self.text("classifier_move", before=fmt(step.boundary_before), after=fmt(step.boundary_after))
            # facts a learner must hear, or the picture misleads: the boundary left the data, the curve turned over
            if step.boundary_after is not None and not min(xs) <= float(step.boundary_after) <= max(xs):
                move += self.text("classifier_outside", lo=fmt(min(sc.dataset.x)), hi=fmt(max(sc.dataset.x)))
            if w_before * step.w_after < 0:
                move += self.text("classifier_flipped_up" if step.w_after > 0 else "classifier_flipped_down")
            w_before = step.w_after
            fields = dict(step=step.index, xs=listed, move=move)
            if own is not None:
                text = self.text("sub_classifier_step", own=where(step.batch_boundary), **fields)
            else:
                text = self.text("sub_classifier_step_no_fit", **fields)
            new_batch_row = batch_row_of(step)
            new_batch_row.move_to(batch_row.get_corner(UL), aligned_edge=UL)
            new_model_row = legend_row("classifier_model", color, step=step.index).move_to(model_row, LEFT)
            new_line = boundary(step.boundary_after, color)
            new_numbers = readout(step.w_after, step.b_after, step.boundary_after)
            with self.beat(text):
                # the previous batch and its own fit stay until this one replaces them (while they are talked about)
                self.play(FadeOut(shown), FadeIn(rings), Transform(batch_row, new_batch_row), FadeIn(own_curve),
                          FadeIn(own_line), run_time=0.8)
                self.play(Transform(model_curve, curve(step.w_after, step.b_after, color)),
                          Transform(model_line, new_line) if len(model_line) or len(new_line) else FadeIn(new_line),
                          FadeTransform(numbers, new_numbers),  # a different sentence: no letters morph
                          Transform(model_row, new_model_row), run_time=1.2)
                numbers = new_numbers
            shown = VGroup(rings, own_curve, own_line)
