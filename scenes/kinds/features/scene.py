"""The husky and the wolf: what one step learns about each feature from a small batch and from a mixed one."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    DashedLine,
    FadeIn,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    VGroup,
)

from mathcore import to_fraction
from mathcore.feature_lessons import Kind, batch_lesson, differences
from scenes.kinds.features.entry import FeaturesEntry
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, wrapped_label

CHART_LEFT, CHART_RIGHT = 0.4, 6.5  # the last bar's value stays clear of the frame's edge
CHART_MID_Y, CHART_HALF = -0.35, 2.0  # the zero line, and the height of the largest |lesson|
LEFT_WIDTH = 6.6


class FeaturesScene(LessonScene[FeaturesEntry]):
    kind = "features"

    def construct(self):
        e, c = self.entry, self.colors
        lang = self.language
        fmt = lambda v: self.num(v, tex=False)
        name = lambda localized: localized.get(lang) or localized.get(self.scenario.language) or ""
        features = [name(f) for f in e.features]
        target = name(e.label)
        kinds = {k: Kind(tuple(to_fraction(v) for v in kind.features), kind.label) for k, kind in e.kinds.items()}
        lessons = [batch_lesson(kinds, batch.counts) for batch in e.batches]
        batch_names = [name(b.name) for b in e.batches]
        colors = [c.group_color(k) for k in range(len(e.batches))]  # named groups, not batch sizes: greys

        title = fit(label(self.text("features_title", label=target), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(
            UL, buff=0.35)
        table = self.kinds_table(e, features, target, name)
        table.next_to(title, DOWN, buff=0.35).align_to(title, LEFT)
        intro = self.text("sub_features_intro", label=target, features=self.text("list_separator").join(features))
        with self.beat(intro):  # the table's rows arrive while the features are named
            self.play(FadeIn(title), run_time=0.6)
            self.play(LaggedStart(*(FadeIn(row) for row in table), lag_ratio=0.5), run_time=self.filling(intro, 0.6, 1.5))

        # The chart: per feature a group of bars, one per batch; up means "this feature says <label>"
        largest = max((abs(v) for lesson in lessons for v in lesson), default=0) or 1
        zero = Line([CHART_LEFT, CHART_MID_Y, 0], [CHART_RIGHT, CHART_MID_Y, 0], color=c.faint, stroke_width=2)
        up_tag = fit(label(self.text("features_up", label=target), SMALL_SIZE - 2, color=c.muted), 3.2).next_to(
            [CHART_LEFT, CHART_MID_Y + CHART_HALF, 0], UP, buff=0.1, aligned_edge=LEFT)
        down_tag = fit(label(self.text("features_down", label=target), SMALL_SIZE - 2, color=c.muted), 3.2).next_to(
            [CHART_LEFT, CHART_MID_Y - CHART_HALF, 0], DOWN, buff=0.1, aligned_edge=LEFT)
        group_width = (CHART_RIGHT - CHART_LEFT) / len(features)
        slot = 0.95 * group_width / len(e.batches)  # the width each bar may use; its value a little more
        bar_width = min(0.6, slot)
        feature_tags = VGroup(*(wrapped_label(f, SMALL_SIZE - 2, group_width * 0.95).move_to(
            [CHART_LEFT + group_width * (j + 0.5), CHART_MID_Y - CHART_HALF - 0.75, 0]) for j, f in enumerate(features)))
        guide = DashedLine([CHART_LEFT, CHART_MID_Y + CHART_HALF, 0], [CHART_LEFT, CHART_MID_Y - CHART_HALF, 0],
                           color=c.faint, stroke_width=1)
        self.play(FadeIn(zero), FadeIn(guide), FadeIn(up_tag), FadeIn(down_tag), FadeIn(feature_tags), run_time=0.8)

        batch_rows = VGroup()
        for k, (batch, lesson) in enumerate(zip(e.batches, lessons)):
            row = self.batch_row(batch, batch_names[k], colors[k], name, e)
            batch_rows.add(row)
            batch_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
            fit(batch_rows, LEFT_WIDTH, 3.7).next_to(table, DOWN, buff=0.4).align_to(table, LEFT)
            bars, values = VGroup(), VGroup()
            for j, v in enumerate(lesson):
                x = CHART_LEFT + group_width * (j + 0.1) + slot * (k + 0.5)
                height = CHART_HALF * float(abs(v) / largest)
                bar = Rectangle(width=bar_width * 0.9, height=max(height, 0.015), stroke_width=0, fill_color=colors[k],
                                fill_opacity=0.9)
                edge = DOWN if v >= 0 else UP
                bar.move_to([x, CHART_MID_Y, 0], aligned_edge=edge)
                value = fit(label(fmt(v), SMALL_SIZE - 4, color=colors[k]), slot * 1.2).next_to(
                    bar, UP if v >= 0 else DOWN, buff=0.06)
                bars.add(bar)
                values.add(value)
            said = self.text("list_separator").join(self.lesson_phrase(f, v, target) for f, v in zip(features, lesson))
            batch_said = self.text("sub_features_batch", batch=batch_names[k], lessons=said)
            with self.beat(batch_said):  # each feature's bar grows while its lesson is said
                self.play(FadeIn(row), run_time=0.6)
                for bar, value, v in zip(bars, values, lesson):
                    self.play(GrowFromEdge(bar, DOWN if v >= 0 else UP), FadeIn(value),
                              run_time=self.filling(batch_said, 0.6, len(lesson)) / max(len(lesson), 1))

        # each batch against the last (the reference), feature by feature, from the signs of the exact lessons
        reference = lessons[-1]
        for k, lesson in enumerate(lessons[:-1]):
            opposite, missed = ([features[j] for j in found] for found in differences(lesson, reference))
            parts = []
            sep = self.text("list_separator")
            if opposite:
                parts.append(self.text("sub_features_opposite", batch=batch_names[k], reference=batch_names[-1],
                                       features=sep.join(opposite)))
            if missed:
                parts.append(self.text("sub_features_missed", batch=batch_names[k], reference=batch_names[-1],
                                       features=sep.join(missed)))
            if not parts:
                parts.append(self.text("sub_features_agrees", batch=batch_names[k], reference=batch_names[-1]))
            compared = " ".join(parts)
            with self.beat(compared):  # the two batches compared, lit one after the other
                half = self.filling(compared, 0, 3.0) / 2
                self.play(Indicate(batch_rows[k], color=colors[k], scale_factor=1.05), run_time=half)
                self.play(Indicate(batch_rows[-1], color=colors[-1], scale_factor=1.05), run_time=half)

    def lesson_phrase(self, feature: str, value, target: str) -> str:
        key = "lesson_yes" if value > 0 else "lesson_no" if value < 0 else "lesson_none"
        return self.text(key, feature=feature, label=target)

    def kinds_table(self, e, features, target, name) -> VGroup:
        """Kinds down, features across, and each kind's label: the examples the batches are made of."""
        c = self.colors
        cells = [[label("", SMALL_SIZE)] + [wrapped_label(f, SMALL_SIZE - 2, 1.5, color=c.muted) for f in features] +
                 [fit(label(target, SMALL_SIZE - 2, color=c.muted), 1.3)]]
        for kind in e.kinds.values():
            row = [fit(label(name(kind.name), SMALL_SIZE - 2), 1.6)]
            row += [label(self.num(to_fraction(v), tex=False), SMALL_SIZE - 2) for v in kind.features]
            row.append(label(self.text("label_yes" if kind.label == 1 else "label_no"), SMALL_SIZE - 2,
                             color=c.prediction if kind.label == 1 else c.loss))
            cells.append(row)
        grid = VGroup(*(m for row in cells for m in row))
        height = max(m.height for m in grid)
        grid.arrange_in_grid(rows=len(cells), cols=len(cells[0]), buff=(0.35, 0.14), row_heights=[height] * len(cells))
        return fit(grid, LEFT_WIDTH, 3.0)

    def batch_row(self, batch, batch_name, color, name, e) -> VGroup:
        """A batch as its name and one chip per kind with its count."""
        c = self.colors
        chips = VGroup()
        for kind_id, count in batch.counts.items():
            kind = e.kinds[kind_id]
            text = label(self.text("kind_count", kind=name(kind.name), count=count), SMALL_SIZE - 4)
            chip = RoundedRectangle(width=text.width + 0.25, height=text.height + 0.2, corner_radius=0.08,
                                    color=c.prediction if kind.label == 1 else c.loss, stroke_width=2)
            chips.add(VGroup(chip, text.move_to(chip)))
        chips.arrange(RIGHT, buff=0.12)
        if chips.width > LEFT_WIDTH and len(chips) > 1:  # two lines of chips rather than smaller text
            half = (len(chips) + 1) // 2
            chips = VGroup(VGroup(*chips[:half]).arrange(RIGHT, buff=0.12),
                           VGroup(*chips[half:]).arrange(RIGHT, buff=0.12)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        head = fit(label(batch_name, TEXT_SIZE - 4, color=color), LEFT_WIDTH)
        return VGroup(head, chips).arrange(DOWN, aligned_edge=LEFT, buff=0.1)  # the name over its chips: room to read
