"""Small batches explore: the surface with its minima marked by sharpness, one path per batch size, and a bar per
batch size and minimum of where the runs ended."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    BackgroundRectangle,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Line,
    Rectangle,
    VGroup,
    VMobject,
)

from mathcore.basin_map import MIXED, map_verdict, start_maps
from mathcore.basin_study import exploration_verdict, same_minimum_verdict
from mathcore.view import View
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.loss_heatmap import loss_heatmap
from scenes.kinds.mobjects.param_plane import framed_axes
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, wrapped_label

SURFACE_SIZE = (5.4, 4.3)
SURFACE_CENTER = np.array([-3.3, -0.55, 0])
BARS_SIZE = (5.0, 2.7)  # room below for the held-out losses and escape times (text is never shrunk)
TEXT_FLOOR = -3.8  # text keeps at least 24 px (at 1080p) from the frame's bottom edge, as in every kind
BARS_CENTER = np.array([3.55, -0.35, 0])
PATH_SECONDS = 4.0
MAP_SIZE = (2.8, 2.8)  # each batch size's grid-of-starts map (the window's w across, b up, as on the surface)
MAP_GAP = 0.5
MAP_TOP = 1.7  # the maps' frames hang from here, under their title and batch sizes


def rank_word(rank: int, count: int) -> str:
    """Which text names a minimum: the flattest is "flat", the sharpest "sharp", others "middle"."""
    return "flat" if rank == 0 else "sharp" if rank == count - 1 else "middle"


class BasinsScene(LessonScene):
    kind = "basins"

    def construct(self):
        sc, c, e = self.scenario, self.colors, self.entry
        study = self.lesson.basin_study(e)
        minima, outcomes = study.minima, study.outcomes
        small, large = outcomes[0], outcomes[-1]
        colors = [c.batch_color(o.batch_size) for o in outcomes]  # one colour per batch size, as in every scene
        size_name = lambda o: self.text("batch_size_label", size=o.batch_size)
        m = lambda v: self.measured(v)
        # a tag on the heatmap sits on a patch of the background, so it reads whatever colour lies under it
        backed = lambda tag: VGroup(BackgroundRectangle(tag, color=c.background, fill_opacity=0.85, buff=0.05), tag)

        title_text = e.title.get(self.language) if e.title else None
        title = fit(label(title_text or self.text("basins_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.4)

        # Set up the surface
        view = View(float(e.w_range[0]), float(e.w_range[1]), float(e.b_range[0]), float(e.b_range[1]))
        axes, decor = framed_axes((view.w_min, view.w_max), (view.b_min, view.b_max), *SURFACE_SIZE,
                                  lambda v: self.num(v), size=20, color=c.faint)
        VGroup(axes, decor).move_to(SURFACE_CENTER)
        heat, contours = loss_heatmap(sc.problem(), view, axes, c.on_heatmap)
        marks = VGroup()
        for mn in minima:
            if not view.contains(mn.w, mn.b):
                continue
            dot = Dot(axes.c2p(mn.w, mn.b), radius=0.08, color=c.on_heatmap)
            word = rank_word(mn.flatness_rank, len(minima))
            tag = label(self.text(f"basins_{word}", sharpness=m(mn.sharpness)), SMALL_SIZE, color=c.foreground)
            side = RIGHT if mn.w < (view.w_min + view.w_max) / 2 else LEFT
            tag.next_to(dot, side, buff=0.12)
            if tag.get_left()[0] < axes.c2p(view.w_min, 0)[0] or tag.get_right()[0] > axes.c2p(view.w_max, 0)[0]:
                tag.next_to(dot, UP, buff=0.12)
            marks.add(VGroup(dot, backed(tag)))
        start = Dot(axes.c2p(*study.start), radius=0.07, color=c.foreground)
        start_tag = label(self.text("basins_start"), SMALL_SIZE, color=c.foreground).next_to(start, LEFT, buff=0.1)
        start_tag = backed(start_tag)

        # One run's path of the smallest and the largest batch size
        def path(outcome, color):
            # only the steps inside the window: a jump out of it breaks the line rather than running along the edge
            inside = [view.contains(wi, bi) for wi, bi in zip(outcome.path_w, outcome.path_b)]
            line = VMobject(stroke_color=color, stroke_width=2.5)
            for i in range(len(inside) - 1):
                if inside[i] and inside[i + 1]:
                    a = axes.c2p(outcome.path_w[i], outcome.path_b[i])
                    z = axes.c2p(outcome.path_w[i + 1], outcome.path_b[i + 1])
                    if i == 0 or not (inside[i - 1]):
                        line.start_new_path(a)
                    line.add_line_to(z)
            return line

        paths = [path(small, colors[0]), path(large, colors[-1])]
        legend = VGroup(*(VGroup(Line(ORIGIN, RIGHT * 0.4, color=col, stroke_width=4),
                                 label(size_name(o), SMALL_SIZE, color=col)).arrange(RIGHT, buff=0.12)
                          for o, col in ((small, colors[0]), (large, colors[-1]))))
        legend.arrange(RIGHT, buff=0.4).next_to(decor[0], UP, buff=0.15)

        # The bars: one group per minimum, one bar per batch size, with its 90% interval
        bar_axes = VGroup()
        frame_bottom = BARS_CENTER[1] - BARS_SIZE[1] / 2
        baseline = Line([BARS_CENTER[0] - BARS_SIZE[0] / 2, frame_bottom, 0],
                        [BARS_CENTER[0] + BARS_SIZE[0] / 2, frame_bottom, 0], color=c.faint, stroke_width=1.5)
        bar_axes.add(baseline)
        # runs that ended in no minimum (wandering off on a plateau, or diverged) get a group of their own
        groups = list(range(len(minima))) + ([-1] if any(o.nowhere for o in outcomes) else [])
        group_width = BARS_SIZE[0] / len(groups)
        bar_width = min(0.6, 0.8 * group_width / len(outcomes))
        bars, whiskers, shares, group_tags = VGroup(), VGroup(), VGroup(), VGroup()
        for slot, k in enumerate(groups):
            centre_x = BARS_CENTER[0] - BARS_SIZE[0] / 2 + group_width * (slot + 0.5)
            if k >= 0:  # two lines, "flat" over "λ = 0.456", so that three groups fit side by side
                word = rank_word(minima[k].flatness_rank, len(minima))
                tag = VGroup(label(self.text(f"basins_word_{word}"), SMALL_SIZE),
                             label(self.text("basins_middle", sharpness=m(minima[k].sharpness)), SMALL_SIZE))
                tag.arrange(DOWN, buff=0.08)
            else:
                tag = label(self.text("basins_nowhere"), SMALL_SIZE)
            fit(tag, group_width - 0.15).next_to([centre_x, frame_bottom, 0], DOWN, buff=0.15)
            group_tags.add(tag)
            for j, (o, col) in enumerate(zip(outcomes, colors)):
                x = centre_x + (j - (len(outcomes) - 1) / 2) * bar_width * 1.15
                share = o.fraction(k) if k >= 0 else o.nowhere / o.runs
                height = max(BARS_SIZE[1] * share, 0.001)
                bar = Rectangle(width=bar_width, height=height, fill_color=col, fill_opacity=0.85, stroke_width=0)
                bar.move_to([x, frame_bottom + height / 2, 0])
                bars.add(bar)
                low, high = o.intervals[k] if k >= 0 else [v / 100 for v in o.nowhere_interval_percent]
                y_low, y_high = frame_bottom + BARS_SIZE[1] * low, frame_bottom + BARS_SIZE[1] * high
                whiskers.add(VGroup(Line([x, y_low, 0], [x, y_high, 0], color=c.foreground, stroke_width=2),
                                    Line([x - 0.1, y_high, 0], [x + 0.1, y_high, 0], color=c.foreground, stroke_width=2),
                                    Line([x - 0.1, y_low, 0], [x + 0.1, y_low, 0], color=c.foreground, stroke_width=2)))
                percent = o.percent(k) if k >= 0 else o.nowhere_percent
                shares.add(label(self.text("basins_percent", percent=m(percent)), SMALL_SIZE - 2, color=col)
                           .next_to([x, y_high, 0], UP, buff=0.08))
        bar_title = fit(label(self.text("basins_bars", runs=small.runs), SMALL_SIZE, color=c.muted), BARS_SIZE[0] + 0.6)
        bar_title.move_to([BARS_CENTER[0], BARS_CENTER[1] + BARS_SIZE[1] / 2 + 0.75, 0])
        bar_legend = VGroup(*(VGroup(Rectangle(width=0.25, height=0.25, fill_color=col, fill_opacity=0.85,
                                               stroke_width=0), label(size_name(o), SMALL_SIZE, color=col))
                              .arrange(RIGHT, buff=0.1) for o, col in zip(outcomes, colors)))
        bar_legend.arrange(RIGHT, buff=0.35).next_to(group_tags, DOWN, buff=0.3)
        if bar_legend.width > BARS_SIZE[0] + 0.8:
            bar_legend.scale_to_fit_width(BARS_SIZE[0] + 0.8)
        held = VGroup()
        if small.held_out_loss is not None:
            held = VGroup(*(label(self.text("basins_held_out", loss=m(o.held_out_loss)), SMALL_SIZE - 2, color=col)
                            for o, col in zip(outcomes, colors))).arrange(RIGHT, buff=0.4)
            fit(held, BARS_SIZE[0] + 0.8).next_to(bar_legend, DOWN, buff=0.2)
        # the time spent in the sharp basin before escaping it, when the runs started there (the study measures it)
        escape = VGroup()
        if small.escape_steps is not None:
            # broken into lines rather than shrunk: text stays at least 24 px tall at 1080p
            escape = VGroup(*(wrapped_label(self.escape_text(o, size_name(o), m), SMALL_SIZE - 2, BARS_SIZE[0] + 1.2,
                                            color=col) for o, col in zip(outcomes, colors)))
            escape.arrange(DOWN, aligned_edge=LEFT, buff=0.06)
            fit(escape, BARS_SIZE[0] + 1.2).next_to(held if len(held) else bar_legend, DOWN, buff=0.12)
            # inside the frame: without room for the bars' own legend, it goes (the paths' legend names the same
            # colours) and the held-out losses and escape times move up under the minima's names
            if escape.get_bottom()[1] < TEXT_FLOOR:
                bar_legend = VGroup()
                foot = VGroup(held, escape) if len(held) else escape
                foot.next_to(group_tags, DOWN, buff=0.25)
                # still below the frame (long wrapped lines): the whole column rises with its title (the 100% label would
                # touch a title left behind), which stays under the heading
                overflow = TEXT_FLOOR - foot.get_bottom()[1]
                if overflow > 0:
                    VGroup(bar_title, bar_axes, bars, whiskers, shares, group_tags, foot).shift(min(overflow, 0.6) * UP)

        # Beats
        if len(minima) > 1:
            flat, sharp = minima[0], minima[-1]
            minima_text = self.text("sub_basins_minima", count=len(minima), flat_w=m(flat.w), flat_b=m(flat.b),
                                    flat_sharpness=m(flat.sharpness), sharp_w=m(sharp.w), sharp_b=m(sharp.b),
                                    sharp_sharpness=m(sharp.sharpness))
        else:
            minima_text = self.text("sub_basins_minima_one", w=m(minima[0].w), b=m(minima[0].b))
        with self.beat(minima_text):
            self.play(FadeIn(title), FadeIn(heat), Create(decor), run_time=1.2)
            self.play(Create(contours), FadeIn(marks), run_time=1.5)
        self.add_foreground_mobjects(marks)  # the minima's labels stay above the paths
        with self.beat(self.text("sub_basins_paths", w=self.num(sc.init.w, tex=False), b=self.num(sc.init.b, tex=False),
                                 lr=self.num(sc.learning_rate_of(e), tex=False), small=size_name(small), large=size_name(large))):
            self.play(FadeIn(start), FadeIn(start_tag), FadeIn(legend), run_time=0.8)
            self.play(*(Create(p) for p in paths), run_time=PATH_SECONDS)
        self.play(Create(bar_axes), FadeIn(bar_title), FadeIn(group_tags), FadeIn(bar_legend), run_time=0.8)
        with self.beat(self.outcome_text(study, size_name)):
            self.play(*(GrowFromEdge(bar, DOWN) for bar in bars), run_time=1.5)
            self.play(FadeIn(whiskers), FadeIn(shares), run_time=1.0)
        if small.held_out_loss is not None:
            held_text = self.text("sub_basins_held_out", small=size_name(small), large=size_name(large),
                                  small_loss=m(small.held_out_loss), large_loss=m(large.held_out_loss))
        else:
            held_text = self.text("sub_basins_held_out_none")
        with self.beat(held_text):
            self.play(FadeIn(held), FadeIn(escape), run_time=0.8)
        if study.grid:
            # the grid-of-starts map takes the bars' place: the bars' numbers have been said and shown
            bar_side = VGroup(bar_axes, bar_title, group_tags, bar_legend, bars, whiskers, shares, held, escape)
            maps = self.start_map_panel(study, view, colors, size_name)
            with self.beat(self.map_text(study, size_name)):
                self.play(FadeOut(bar_side), run_time=0.6)
                self.play(FadeIn(maps), run_time=1.2)

    def minimum_color(self, k: int, count: int) -> str:
        """A minimum's colour on the map: flat in w's teal, sharp in the loss's red, a middle one in b's brown."""
        word = rank_word(k, count)
        return self.colors.w if word == "flat" else self.colors.loss if word == "sharp" else self.colors.b

    def start_map_panel(self, study, view, colors, size_name) -> VGroup:
        """Side by side, the smallest and the largest batch size's maps: a dot per grid start, coloured by the
        minimum most of its runs ended in (a hollow ring where none had a majority); the minima as rings."""
        c = self.colors
        maps = start_maps(study)
        chosen = ((maps[0], colors[0]), (maps[-1], colors[-1]))
        panel = VGroup()
        left_x = BARS_CENTER[0] - MAP_SIZE[0] - MAP_GAP / 2
        for i, (mp, col) in enumerate(chosen):
            x0 = left_x + i * (MAP_SIZE[0] + MAP_GAP)
            frame = Rectangle(width=MAP_SIZE[0], height=MAP_SIZE[1], color=c.faint, stroke_width=1.5)
            frame.move_to([x0 + MAP_SIZE[0] / 2, MAP_TOP - MAP_SIZE[1] / 2, 0])
            to_point = lambda w, b, x0=x0: np.array([
                x0 + 0.08 * MAP_SIZE[0] + 0.84 * MAP_SIZE[0] * (w - view.w_min) / (view.w_max - view.w_min),
                MAP_TOP - MAP_SIZE[1] + 0.08 * MAP_SIZE[1] + 0.84 * MAP_SIZE[1] * (b - view.b_min) / (view.b_max - view.b_min),
                0])
            dots = VGroup()
            for w, b, k in zip(mp.w, mp.b, mp.majority):
                if k == MIXED:
                    dots.add(Circle(radius=0.07, color=c.muted, stroke_width=2).move_to(to_point(w, b)))
                else:
                    dots.add(Dot(to_point(w, b), radius=0.09, color=self.minimum_color(int(k), len(study.minima))))
            rings = VGroup(*(Circle(radius=0.17, color=c.foreground, stroke_width=2.5).move_to(to_point(mn.w, mn.b))
                             for mn in study.minima if view.contains(mn.w, mn.b)))
            name = label(size_name(mp), SMALL_SIZE, color=col).next_to(frame, UP, buff=0.12)
            w_axis = label("w", SMALL_SIZE, color=c.muted).next_to(frame, DOWN, buff=0.08)
            panel.add(VGroup(frame, dots, rings, name, w_axis))
        panel.add(label("b", SMALL_SIZE, color=c.muted).next_to(panel[0][0], LEFT, buff=0.1))
        title = wrapped_label(self.text("basins_map_title", runs=self.num(study.grid_runs, tex=False)), SMALL_SIZE,
                              2 * MAP_SIZE[0] + MAP_GAP + 0.6, color=c.muted)
        title.next_to(panel, UP, buff=0.2)
        swatch = lambda k: Dot(radius=0.09, color=self.minimum_color(k, len(study.minima)))
        entries = [VGroup(swatch(k), label(self.text("basins_word_" + rank_word(k, len(study.minima))), SMALL_SIZE))
                   for k in range(len(study.minima))]
        entries.append(VGroup(Circle(radius=0.07, color=c.muted, stroke_width=2),
                              label(self.text("basins_map_mixed"), SMALL_SIZE)))
        entries.append(VGroup(Circle(radius=0.14, color=c.foreground, stroke_width=2.5),
                              label(self.text("basins_map_minimum"), SMALL_SIZE)))
        legend = VGroup(*(e.arrange(RIGHT, buff=0.1) for e in entries)).arrange(RIGHT, buff=0.35)
        fit(legend, 2 * MAP_SIZE[0] + MAP_GAP + 0.6).next_to(panel, DOWN, buff=0.25)
        return VGroup(title, panel, legend)

    def map_text(self, study, size_name) -> str:
        """The map's beat, chosen by mathcore.verdicts.small_batch_reaches_flat_from_more_starts."""
        maps = start_maps(study)
        small, large = maps[0], maps[-1]
        count = lambda v: self.num(v, tex=False)
        return self.text(map_verdict(study).key("sub_basins_map"), starts=count(len(study.grid_w)),
                         runs=count(study.grid_runs), small=size_name(small), large=size_name(large),
                         small_flat=count(small.starts_in(study.flat)), large_flat=count(large.starts_in(study.flat)))

    def outcome_text(self, study, size_name) -> str:
        """The outcome beat, chosen by the exploration predicates (mathcore.verdicts)."""
        small, large = study.outcomes[0], study.outcomes[-1]
        m = lambda v: self.measured(v)
        flat = study.flat
        s_low, s_high = small.interval_percent(flat)
        l_low, l_high = large.interval_percent(flat)
        fields = dict(small=size_name(small), large=size_name(large), runs=small.runs,
                      small_share=m(small.percent(flat)), large_share=m(large.percent(flat)),
                      small_low=m(s_low), small_high=m(s_high), large_low=m(l_low), large_high=m(l_high))
        same = same_minimum_verdict(study)
        if same.holds:
            top = max(range(len(study.minima)), key=lambda k: small.counts[k])
            word = self.text("basins_word_" + rank_word(top, len(study.minima)))
            return self.text("sub_basins_same_minimum", minimum=word, **{**fields, "small_share": m(small.percent(top)),
                                                                         "large_share": m(large.percent(top))})
        return self.text(exploration_verdict(study).key("sub_basins_small_batch_finds_flat_more_often"), **fields)

    def escape_text(self, o, size: str, m) -> str:
        """The median steps before leaving the sharp basin over all runs (never-left ones counted) with its exact
        90% interval; "k of n never left" where the median or an end of the interval falls on those runs."""
        count = lambda v: self.num(v, tex=False)
        if not o.escape_steps:
            return self.text("basins_no_escape", size=size, stayed=count(o.stayed))
        iv = o.escape_interval
        if iv is None or iv.low is None:  # too few runs (or too few left) for a 90% interval of the median
            return self.text("basins_escape", size=size, left=count(len(o.escape_steps)), stayed=count(o.stayed))
        if iv.said_median is None:
            return self.text("basins_escape_open", size=size, low=m(iv.low), never=count(iv.never),
                             runs=count(o.runs))
        # the median said only as precisely as its interval supports (mathcore.basin_escape)
        return self.text("basins_escape_interval", size=size, steps=m(iv.said_median), low=m(iv.low),
                         high=m(iv.high), never=count(iv.never), runs=count(o.runs))
