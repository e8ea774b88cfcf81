"""The data, and the line each batch believes: the seed's blind men and the elephant, computed."""

from __future__ import annotations

from manim import DOWN, LEFT, UL, Circle, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line, VGroup

from mathcore.optimum import find_optimum
from scenes.kinds.data.entry import DataEntry
from scenes.kinds.data.plot_range import clipped_line, data_plot_ranges
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.param_plane import framed_axes
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, math_tex
from scenes.scenario.judged import data_batches, data_conclusion, listed

PLOT_CENTER = (-3.1, -0.45, 0)
PLOT_SIZE = (6.4, 4.6)
LIST_LEFT, LIST_TOP = 0.9, 2.3
MAX_BATCHES = 8


class DataScene(LessonScene[DataEntry]):
    kind = "data"

    def construct(self):
        sc, c = self.scenario, self.colors
        problem = sc.problem()
        color = sc.run_color(self.entry.run)
        n = len(problem.data)
        fits = data_batches(self.lesson, self.entry, MAX_BATCHES)
        whole = find_optimum(problem).params
        xs = [float(v) for v in problem.data.x]
        ys = [float(v) for v in problem.data.y]
        fmt = lambda v: self.num(v, tex=False)

        # Set up the plot: every sample as a dot
        title = fit(label(self.text("data_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)
        x_range, y_range, start_on_plot = data_plot_ranges(xs, ys, float(problem.init.w), float(problem.init.b))
        axes, decor = framed_axes(x_range, y_range, *PLOT_SIZE, lambda v: self.num(v), x_name="x", y_name="y", size=20,
                                  color=c.faint)
        VGroup(axes, decor).move_to(PLOT_CENTER)
        dots = VGroup(*(Dot(axes.c2p(x, y), radius=0.07, color=c.prediction) for x, y in zip(xs, ys)))

        def line_mob(w, b, stroke, dashed=False, width=4):
            ends = clipped_line(float(w), float(b), x_range, y_range)
            if ends is None:
                return VGroup()
            kind = DashedLine if dashed else Line
            return kind(axes.c2p(*ends[0]), axes.c2p(*ends[1]), color=stroke, stroke_width=width)

        start = line_mob(problem.init.w, problem.init.b, c.faint, dashed=True, width=3)
        rows = VGroup()

        def row(name: str, w, b, stroke):
            text = label(name, SMALL_SIZE + 2, color=stroke)
            if w is None:
                return VGroup(text, label(self.text("no_single_line"), SMALL_SIZE, color=c.muted)).arrange(
                    DOWN, aligned_edge=LEFT, buff=0.08)
            numbers = math_tex("w", *self.equals(w), r",\ b", *self.equals(b), size=26, color=stroke)
            return VGroup(text, numbers).arrange(DOWN, aligned_edge=LEFT, buff=0.08)

        def place(mob):
            rows.add(mob)
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
            fit(rows, 5.9, 5.8).move_to([LIST_LEFT, LIST_TOP, 0], aligned_edge=UL)

        intro = "sub_data_intro" if start_on_plot else "sub_data_intro_off_plot"
        with self.beat(self.text(intro, n=n, w=self.said(problem.init.w), b=self.said(problem.init.b))):
            self.play(FadeIn(title), FadeIn(decor), run_time=1.0)
            # the samples appear one by one while they are counted, then the starting line while w and b are said
            rest = max(self.time_left() - 1.0, 1.5)
            self.play(LaggedStart(*(FadeIn(d, scale=2) for d in dots), lag_ratio=0.5), run_time=0.55 * rest)
            self.play(Create(start), run_time=0.45 * rest)
            self.wait(1.0)
        if whole is not None:
            # all the data is one batch of size n: its line in batch size n's colour, as in every other scene
            whole_color = sc.batch_color(n)
            full_line = line_mob(whole.w, whole.b, whole_color, width=5)
            full_row = row(self.text("all_data", n=n), whole.w, whole.b, whole_color)
            place(full_row)
            whole_said = self.text("sub_data_whole", n=n, w=self.said(whole.w), b=self.said(whole.b))
            with self.beat(whole_said):  # the best line is drawn while its slope is said
                self.play(FadeIn(full_row), Create(full_line), run_time=self.filling(whole_said, 0, 3.5))
        shown, batch_lines = None, []
        for k, batch in enumerate(fits, start=1):
            ring = VGroup(*(Circle(radius=0.14, color=color, stroke_width=3).move_to(dots[i]) for i in batch.indices))
            w, b = (batch.fit.w, batch.fit.b) if batch.fit is not None else (None, None)
            # every batch is of the run's size, so in its colour; dashed every other one, so two lines never look alike
            mine = line_mob(w, b, color, dashed=k % 2 == 0) if batch.fit is not None else VGroup()
            entry = row(self.text("batch_n", number=k), w, b, color)
            place(entry)
            seen = listed(self.lesson, [fmt(problem.data.x[i]) for i in sorted(set(batch.indices))], self.language)
            key = "sub_data_batch" if batch.fit is not None else "sub_data_batch_none"
            with self.beat(self.text(key, number=k, xs=seen, w=self.said(w) if w is not None else "")):
                dim = [] if shown is None else [m.animate.set_opacity(0.25) for m in shown if len(m)]
                # the samples the batch sees are ringed one by one as they are listed, then its line is drawn
                # and its slope lit while it is said
                rest = max(self.time_left() - 1.0, 2.9)
                if dim:
                    self.play(*dim, run_time=0.3)
                self.play(LaggedStart(*(Create(r) for r in ring), lag_ratio=0.6), run_time=0.3 * rest)
                self.play(Create(mine), FadeIn(entry), run_time=0.3 * rest)
                self.play(Indicate(entry[1], color=color), Indicate(ring, color=color), run_time=0.4 * rest - 0.3)
                self.wait(0.7)
                self.play(FadeOut(ring), run_time=0.3)
            shown = (mine,)
            batch_lines.append(mine)
        # whether the batches' lines visibly disagree is measured (mathcore.verdicts.batches_disagree)
        conclusion = data_conclusion(self.lesson, self.entry, self.language, fits)
        with self.beat(conclusion):  # each batch's line lit in turn, as the slopes are compared
            drawn = [m for m in batch_lines if len(m)]
            for m in drawn:
                self.play(m.animate.set_opacity(1), run_time=self.filling(conclusion, 0, 2.0) / (2 * len(drawn)))
            for m in drawn:
                self.play(Indicate(m, color=color), run_time=self.filling(conclusion, 0, 2.0) / (2 * len(drawn)))
            if not drawn:
                self.wait(2.0)
