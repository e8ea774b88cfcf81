"""The trade-offs of batch size on one log-log plot, and the restaurant-table picture of memory."""

from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UL, Axes, Circle, Create, Cross, Dot, FadeIn, LaggedStart, Line,
                   Rectangle, RoundedRectangle, VGroup, VMobject, Write)

from mathcore.ticks import log_ticks
from mathcore.tradeoffs import tradeoffs
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, math_tex as tex

PLOT_SIZE = (5.6, 3.9)
PLOT_CENTER = np.array([-3.2, -0.2, 0])
SEAT = 0.09  # radius of a seat at a table


class TradeoffsScene(LessonScene):
    kind = "tradeoffs"

    def construct(self):
        e, c = self.entry, self.colors
        rows = tradeoffs(e.dataset_size, e.batch_sizes, e.memory_limit)
        fmt = lambda v: self.num(v, tex=False)
        title = fit(label(self.text("tradeoffs_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)

        # Log-log plot: x = batch size, y = steps per epoch, variance factor, memory (all relative to B = 1)
        series = [("steps_per_epoch", [r.steps_per_epoch for r in rows], c.prediction),
                  ("variance_factor", [r.variance_factor for r in rows], c.loss),
                  ("memory", [r.memory for r in rows], c.label)]
        values = [float(v) for _, vs, _ in series for v in vs if v > 0]
        y_lo, y_hi = math.log10(min(values)) - 0.3, math.log10(max(values)) + 0.3
        x_lo, x_hi = math.log10(min(e.batch_sizes)) - 0.2, math.log10(max(e.batch_sizes)) + 0.2
        axes = Axes(x_range=[x_lo, x_hi, x_hi - x_lo], y_range=[y_lo, y_hi, y_hi - y_lo], x_length=PLOT_SIZE[0],
                    y_length=PLOT_SIZE[1], tips=False, axis_config={"include_ticks": False, "stroke_opacity": 0})
        axes.move_to(PLOT_CENTER)
        frame = Rectangle(width=PLOT_SIZE[0], height=PLOT_SIZE[1], color=c.faint, stroke_width=1.5).move_to(axes)
        ticks = VGroup()
        for b in e.batch_sizes:
            ticks.add(tex(self.num(b), size=20, color=c.faint).next_to(axes.c2p(math.log10(b), y_lo), DOWN, buff=0.1))
        for t in log_ticks(10 ** y_lo, 10 ** y_hi):
            ticks.add(tex(self.num(t), size=20, color=c.faint).next_to(axes.c2p(x_lo, math.log10(t)), LEFT, buff=0.1))
        x_name = label(self.text("batch_size_axis"), SMALL_SIZE).next_to(frame, DOWN, buff=0.45)
        curves, legend = VGroup(), VGroup()
        for key, vs, color in series:
            points = [axes.c2p(math.log10(b), math.log10(float(v))) for b, v in zip(e.batch_sizes, vs) if v > 0]
            line = VMobject(stroke_color=color, stroke_width=4)
            line.set_points_as_corners(points)
            dots = VGroup(*(Dot(p, radius=0.05, color=color) for p in points))
            curves.add(VGroup(line, dots))
            legend.add(VGroup(Line(ORIGIN, 0.4 * RIGHT, color=color, stroke_width=5),
                              label(self.text(key), SMALL_SIZE, color=color)).arrange(RIGHT, buff=0.15))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        fit(legend, 5.6).next_to(title, DOWN, buff=0.3).align_to(frame, LEFT)

        # Restaurant tables: seats = batch size; the room holds tables up to the memory limit
        tables = VGroup()
        for size in e.tables:
            cols = max(2, math.ceil(math.sqrt(size)))
            seats = VGroup(*(Circle(radius=SEAT, color=c.w, fill_opacity=0.9, stroke_width=0).move_to(
                [(k % cols) * 2.4 * SEAT, -(k // cols) * 2.4 * SEAT, 0]) for k in range(size)))
            top = RoundedRectangle(width=seats.width + 0.3, height=seats.height + 0.3, corner_radius=0.1,
                                   color=c.table, fill_opacity=0.35, stroke_width=2).move_to(seats)
            caption = tex(self.num(size), size=26).next_to(top, DOWN, buff=0.12)
            group = VGroup(top, seats, caption)
            if e.memory_limit is not None and size > e.memory_limit:
                group.add(Cross(top, stroke_color=c.loss, stroke_width=6))
            tables.add(group)
        tables.arrange(RIGHT, buff=0.4, aligned_edge=DOWN)
        fit(tables, 6.2, 3.2).move_to([3.75, 0.2, 0])
        room_note = label(self.text("memory_note", limit=fmt(e.memory_limit)) if e.memory_limit else "",
                          SMALL_SIZE, color=c.muted)
        fit(room_note, 6.2).next_to(tables, DOWN, buff=0.3)
        advice = fit(label(self.text("advice"), TEXT_SIZE, color=c.foreground), 12.5).to_edge(DOWN, buff=0.35)

        small, large = rows[0], rows[-1]
        with self.beat(self.text("sub_tradeoffs_plot", n=fmt(e.dataset_size), b0=fmt(small.batch_size),
                                 b1=fmt(large.batch_size), s0=fmt(small.steps_per_epoch), s1=fmt(large.steps_per_epoch),
                                 v1=fmt(large.variance_factor))):
            self.play(FadeIn(title), Create(frame), FadeIn(ticks), FadeIn(x_name), run_time=1.2)
            for curve, entry in zip(curves, legend):
                self.play(FadeIn(entry), Create(curve), run_time=1.2)
            self.wait(2.0)
        with self.beat(self.text("sub_tradeoffs_tables", limit=fmt(e.memory_limit) if e.memory_limit else "")):
            self.play(LaggedStart(*(FadeIn(t) for t in tables), lag_ratio=0.4), run_time=2.0)
            if e.memory_limit is not None:
                self.play(FadeIn(room_note), run_time=0.6)
            self.wait(2.0)
        with self.beat(self.text("sub_advice")):
            self.play(Write(advice), run_time=1.5)
            self.wait(3.0)

