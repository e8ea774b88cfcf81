"""The lesson's points, each beside a small picture redrawn from the same computed data."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, Create, Dot, FadeIn, Rectangle, RoundedRectangle, VGroup, VMobject

from mathcore.basin_study import exploration_verdict, same_minimum_verdict
from mathcore.noise import batch_gradient_cloud
from mathcore.view import thin_indices
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import TEXT_SIZE, TITLE_SIZE, fit, label, wrapped_label
from scenes.kinds.summary.entry import SummaryEntry
from scenes.scenario.judged import summary_advice, summary_blind_men, summary_large_batch

ICON = (2.6, 1.45)  # width, height of each picture


class SummaryScene(LessonScene[SummaryEntry]):
    kind = "summary"

    def frame(self):
        return RoundedRectangle(width=ICON[0], height=ICON[1], corner_radius=0.08, color=self.colors.faint, stroke_width=1.5)

    def to_box(self, xs, ys, box):
        """Map data points into the box (inner margin 10%)."""
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        lo_x, hi_x, lo_y, hi_y = xs.min(), xs.max(), ys.min(), ys.max()
        sx = 0.8 * box.width / ((hi_x - lo_x) or 1.0)
        sy = 0.8 * box.height / ((hi_y - lo_y) or 1.0)
        c = box.get_center()
        return [np.array([c[0] + (x - (lo_x + hi_x) / 2) * sx, c[1] + (y - (lo_y + hi_y) / 2) * sy, 0])
                for x, y in zip(xs, ys)]

    def paths_icon(self, problem):
        box = self.frame()
        trajectories = [self.lesson.trajectory(r, self.scenario.learning_rate_of(self.entry)) for r in self.entry.runs]
        kept = [thin_indices(len(t.w)) for t in trajectories]
        ws = np.concatenate([t.w[i] for t, i in zip(trajectories, kept)])
        bs = np.concatenate([t.b[i] for t, i in zip(trajectories, kept)])
        mapped = self.to_box(ws, bs, box)
        lines, start = [], 0
        for k, (i, run) in enumerate(zip(kept, self.entry.runs)):
            pts = mapped[start:start + len(i)]
            start += len(i)
            line = VMobject(stroke_color=self.scenario.run_color(run), stroke_width=2.0 + 1.5 * k)
            line.set_points_as_corners(pts)
            lines.append(line)
        return VGroup(box, *reversed(lines))  # the steadier, larger-batch path on top

    def noise_icon(self, problem):
        box = self.frame()
        grads = self.lesson.start_gradients()
        sizes = [b for b in self.entry.batch_sizes if b <= len(grads)]
        clouds = [batch_gradient_cloud(grads, b) for b in sizes]
        xs = [float(p[0]) for cloud in clouds for p in cloud]
        ys = [float(p[1]) for cloud in clouds for p in cloud]
        half = Rectangle(width=ICON[0] / len(clouds), height=ICON[1])
        group = VGroup(box)
        for k in range(len(clouds)):
            cell = half.copy().move_to(box.get_left() + RIGHT * (ICON[0] / len(clouds)) * (k + 0.5))
            # every cloud on the scale of the first (widest), so the shrinking shows
            mapped = self.to_box(xs, ys, cell)[sum(len(c) for c in clouds[:k]):sum(len(c) for c in clouds[:k + 1])]
            group.add(*(Dot(p, radius=0.025, color=self.colors.batch_color(sizes[k])) for p in mapped))
        return group

    def tradeoff_icon(self):
        """The batch-size study's points, steps against samples to the target (log-log): the trade-off measured."""
        box = self.frame()
        if self.scenario.model == "bump":  # the study's theory is the single-minimum models' (see `explain`)
            return VGroup(box)
        reached = [r for r in self.lesson.study().study.reached if r.steps > 0 and r.samples > 0]
        group = VGroup(box)
        if reached:
            mapped = self.to_box([math.log10(r.samples) for r in reached], [math.log10(r.steps) for r in reached], box)
            line = VMobject(stroke_color=self.colors.foreground, stroke_width=2)
            if len(mapped) >= 2:
                line.set_points_as_corners(mapped)
            group.add(line, *(Dot(p, radius=0.05, color=self.colors.batch_color(r.batch_size))
                              for r, p in zip(reached, mapped)))
        return group

    def explores_sentence(self):
        """"Small batches explore", only as the lesson's basins scene measured it (mathcore.basin_study
        exploration_verdict; the same minimum for every batch size said as such); None without a basins scene, so
        no exploration claim is made that nothing backs."""
        basins = [x for x in self.scenario.lesson if x.scene == "basins"]
        if not basins:
            return None
        study = self.lesson.basin_study(basins[0])
        small, large = study.outcomes[0], study.outcomes[-1]
        key = ("sub_summary_explores_same" if same_minimum_verdict(study).holds
               else exploration_verdict(study).key("sub_summary_explores"))
        return self.text(key, small=self.text("batch_size_label", size=small.batch_size),
                         large=self.text("batch_size_label", size=large.batch_size),
                         small_share=self.measured(small.percent(study.flat)),
                         large_share=self.measured(large.percent(study.flat)))

    def construct(self):
        sc, e = self.scenario, self.entry
        problem = sc.problem(sc.learning_rate_of(e))
        title = fit(label(self.text("summary_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)
        icons = [self.paths_icon(problem), self.noise_icon(problem), self.tradeoff_icon()]
        # the last point is the trade-offs scene's measured advice: "a middle ground" only when it is one
        said = [summary_blind_men(self.lesson, self.language), summary_large_batch(self.lesson, self.language),
                summary_advice(self.lesson, self.entry, self.language)]
        shown = [self.text("summary_1"), self.text("summary_2"),
                 summary_advice(self.lesson, self.entry, self.language, "summary_3").text]
        explored = self.explores_sentence()
        if explored is not None:  # a basins scene measured exploration: say what it found, nothing more
            icons.append(self.frame())
            said.append(explored)
            shown.append(explored)
        texts = [wrapped_label(text, TEXT_SIZE, 9.2) for text in shown]
        rows = VGroup()
        for icon, text in zip(icons, texts):
            rows.add(VGroup(icon, text).arrange(RIGHT, buff=0.45))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        fit(rows, 12.8, 6.2).next_to(title, DOWN, buff=0.35).to_edge(LEFT, buff=0.5)
        self.play(FadeIn(title), run_time=0.6)
        for k, row in enumerate(rows, start=1):
            with self.beat(said[k - 1]):
                # the point's picture is redrawn while the point is said
                self.play(FadeIn(row[1], shift=0.2 * RIGHT), run_time=1.0)
                self.play(Create(row[0]), run_time=self.filling(said[k - 1], 1.0, 3.5))
        self.wait(1.5)
