"""The teacher's sample: a class average estimated from 1, 5, 30 students, and the poll of one neighbourhood."""

from __future__ import annotations

import math
from collections import Counter

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    BackgroundRectangle,
    Circumscribe,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Rectangle,
    RoundedRectangle,
    Square,
    Succession,
    Triangle,
    VGroup,
    Write,
)

from mathcore import to_fraction
from mathcore.sample_average import drawn_averages, first_average, sample_average
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.piece_shares import first_sentence_share, first_share
from scenes.kinds.sampling.entry import SamplingEntry, spread_key
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, math_tex, wrapped_label

CLASS_BOX = (5.4, 4.6)  # the class grid, left
CLASS_TOP_LEFT = (-6.7, 2.55)
ROW_LEFT, ROW_RIGHT = 0.9, 6.5  # the number line of each row, right
ROW_LABEL_X = -0.15
ROWS_TOP, ROW_HEIGHT = 2.2, 1.25
DOT_RADIUS = 0.055
MAX_WRITTEN_SCORES = 48  # above this many students the grid shows shades, not numbers
INTRO_PICKS = 3  # random samples the intro lights up
FILL_OPACITY = 0.55  # a drawn student's seat while it lights up
NAMED_DRAWS = 3  # draws of a row whose students light up before their average lands


class SamplingScene(LessonScene[SamplingEntry]):
    kind = "sampling"

    def construct(self):
        e, c = self.entry, self.colors
        fmt = lambda v: self.num(v, tex=False)
        scores = [to_fraction(s) for s in e.scores]
        n = len(scores)
        what = (e.what.get(self.language) if e.what else None) or self.text("sampling_what")
        whole = sample_average(scores, 1)
        mean, sigma = whole.mean, whole.spread
        low, high = min(scores), max(scores)
        if low == high:
            low, high = low - 1, high + 1
        to_x = lambda v: ROW_LEFT + (ROW_RIGHT - ROW_LEFT) * float((v - low) / (high - low))

        title = fit(label(self.text("sampling_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)
        seats = self.class_grid(scores, low, high)
        summary = wrapped_label(self.text("sampling_class", n=n, what=what, mean=fmt(mean), sigma=fmt(sigma)),
                                SMALL_SIZE, CLASS_BOX[0]).next_to(seats, DOWN, buff=0.3).align_to(seats, LEFT)

        rows = [("sample", size) for size in e.sample_sizes] + ([("first", e.first)] if e.first else [])
        rows_bottom = ROWS_TOP - ROW_HEIGHT * len(rows)
        mean_line = DashedLine([to_x(mean), ROWS_TOP + 0.15, 0], [to_x(mean), rows_bottom + 0.2, 0],
                               color=c.foreground, stroke_width=2)
        mean_tag = fit(label(self.text("class_average", mean=fmt(mean)), SMALL_SIZE - 2), 3.6).next_to(
            mean_line, UP, buff=0.1)
        # the ends of every row's line: the lowest and the highest score
        ends = VGroup(*(fit(label(fmt(v), SMALL_SIZE - 4, color=c.faint), (ROW_RIGHT - ROW_LEFT) / 2 - 0.2).move_to(
            [x, rows_bottom - 0.3, 0], aligned_edge=edge) for v, x, edge in ((low, ROW_LEFT, LEFT), (high, ROW_RIGHT, RIGHT))))
        # the first row's draws: the intro shows the teacher picking its first few samples, the row their averages
        first_size = next((size for role, size in rows if role == "sample"), None)
        first_draws = drawn_averages(scores, first_size, e.draws, e.seed) if first_size else []
        said = self.text("sub_sampling_intro", n=n, what=what, mean=fmt(mean))
        with self.beat(said):
            self.play(FadeIn(title), run_time=0.6)
            # the students take their seats one by one while the class is described, then its average is drawn
            seated = max(self.filling(said, 0) * first_share(said, self.language) - 1.6, 1.0)
            self.play(LaggedStart(*(FadeIn(seat) for seat in seats), lag_ratio=0.3), run_time=seated)
            self.play(FadeIn(summary), Write(mean_line), FadeIn(mean_tag), FadeIn(ends), run_time=1.0)
            # "she tests a few at random": a few random samples light up, one after the other
            picks = [self.light_up(seats, chosen, c.group_color(0)) for chosen, _ in first_draws[:INTRO_PICKS]]
            if picks:
                self.play(LaggedStart(*picks, lag_ratio=0.7), run_time=max(self.time_left(), 1.0))

        spreads, bands, spread_texts = [], [], []
        for k, (role, size) in enumerate(rows):
            y = ROWS_TOP - ROW_HEIGHT * (k + 0.7)
            spread = sample_average(scores, size)
            color = c.group_color(k)  # n students is not a batch size: a grey, not a batch colour
            line = DashedLine([ROW_LEFT, y, 0], [ROW_RIGHT, y, 0], color=c.faint, stroke_width=1.5, dash_length=0.05)
            half = 2 * spread.spread * (ROW_RIGHT - ROW_LEFT) / float(high - low)
            band_lo, band_hi = max(to_x(mean) - half, ROW_LEFT), min(to_x(mean) + half, ROW_RIGHT)
            band = Rectangle(width=max(band_hi - band_lo, 0.02), height=0.5, stroke_width=0, fill_color=color,
                             fill_opacity=0.22).move_to([(band_lo + band_hi) / 2, y + 0.2, 0])
            row_name = math_tex(r"n =", self.num(size), size=26, color=color).move_to([ROW_LABEL_X, y + 0.15, 0])
            sd_words = fit(label(self.text("sampling_spread", sd=fmt(spread.spread)), SMALL_SIZE - 4, color=color),
                           ROW_RIGHT - ROW_LEFT).next_to([ROW_RIGHT, y, 0], DOWN, buff=0.08, aligned_edge=RIGHT)
            sd_words.align_to([ROW_RIGHT, 0, 0], RIGHT)
            # the mean line passes behind the words: a patch of background under them (beside the text, not inside
            # it, so the text keeps its own colour first)
            sd_text = VGroup(BackgroundRectangle(sd_words, color=c.background, fill_opacity=1, buff=0.04), sd_words)
            if role == "sample":
                spreads.append(spread)
                drawn = drawn_averages(scores, size, e.draws, e.seed)
                dots = self.dot_plot([avg for _, avg in drawn], y, to_x, color)
                caption = self.text(spread_key(spread.spread), size=size, draws=e.draws, sd=fmt(spread.spread),
                                    sigma=fmt(sigma),
                                    factor=fmt(spread.factor), mean=fmt(mean))
                with self.beat(caption):
                    self.play(FadeIn(row_name), FadeIn(line), run_time=0.5)
                    # while the draws are named: the first ones light up their students, then their averages land
                    named = max(self.filling(caption, 0) * first_share(caption, self.language) - 0.5, 1.0)
                    shown = min(NAMED_DRAWS, len(dots))
                    each = min(named / (shown + 1), 1.2)
                    for (chosen, _), dot in zip(drawn[:shown], dots):
                        self.play(self.light_up(seats, chosen, color), FadeIn(dot, scale=2), run_time=each)
                    if dots[shown:]:  # the other samples' averages arrive one by one
                        self.play(LaggedStart(*(FadeIn(d, scale=2) for d in dots[shown:]), lag_ratio=0.6),
                                  run_time=max(named - shown * each, 0.5))
                    # while the spread is said the band widens from the class average to it
                    self.play(GrowFromCenter(band), FadeIn(sd_text), run_time=max(self.time_left(), 0.9))
                bands.append(band)
                spread_texts.append(sd_text)
            else:
                average = first_average(scores, size)
                marker = Triangle(color=c.loss, fill_opacity=1).scale(0.12).rotate(math.pi).move_to(
                    [to_x(average), y + 0.22, 0])
                inside = spread.within(average)
                distance = spread.spreads_away(average)
                row_name = fit(label(self.text("first_row", k=size), SMALL_SIZE - 2, color=color), 1.4).move_to(
                    [ROW_LABEL_X, y + 0.15, 0])
                if distance is None:
                    key = "sub_sampling_first_exact"
                else:
                    key = "sub_sampling_first_inside" if inside else "sub_sampling_first_outside"
                caption = self.text(key, k=size, average=fmt(average), mean=fmt(mean),
                                    distance=fmt(distance) if distance is not None else "0")
                with self.beat(caption):
                    self.play(FadeIn(row_name), FadeIn(line), FadeIn(band), FadeIn(sd_text), run_time=0.6)
                    self.play(self.light_up(seats, range(size), c.loss), run_time=0.9)
                    # the poll's answer travels from the class average to where it lands: the distance said
                    marker.move_to([to_x(mean), y + 0.22, 0])
                    self.play(FadeIn(marker, shift=0.3 * DOWN), run_time=0.6)
                    self.play(marker.animate.move_to([to_x(average), y + 0.22, 0]),
                              run_time=self.filling(caption, 2.1, 0.8))

        # "larger samples guess closer" is computed from the exact variances, not assumed
        ordered = sorted(spreads, key=lambda s: s.size)
        if whole.sigma_squared == 0:
            key = "sub_sampling_summary_same"
        elif len(ordered) > 1 and all(a.variance > b.variance for a, b in zip(ordered, ordered[1:])):
            key = "sub_sampling_summary"
        else:
            key = "sub_sampling_summary_one"
        said = self.text(key, small=ordered[0].size, large=ordered[-1].size,
                         small_sd=fmt(ordered[0].spread), large_sd=fmt(ordered[-1].spread))
        with self.beat(said):
            # the bands compared, one after the other, as the sentence names them ...
            compared = max(self.filling(said, 0) * first_sentence_share(said, self.language), 1.0)
            for band, sd_text in zip(bands, spread_texts):  # a frame drawn round each band and its spread
                self.play(Circumscribe(VGroup(band, sd_text), color=c.foreground, buff=0.06),
                          run_time=compared / len(bands))
            # ... then "all the data": a wave over the whole class, whose average every sample estimates
            self.play(LaggedStart(*(self.light_up(seats, [i], c.foreground) for i in range(n)), lag_ratio=0.1), Indicate(mean_tag, color=c.foreground), run_time=max(self.time_left(), 1.0))

    def class_grid(self, scores, low, high) -> VGroup:
        """One seat per student: its score written on it (small classes) or shaded by it."""
        c = self.colors
        n = len(scores)
        columns = max(1, round(math.sqrt(n * CLASS_BOX[0] / CLASS_BOX[1])))
        rows = -(-n // columns)
        side = min(CLASS_BOX[0] / columns, CLASS_BOX[1] / rows) * 0.88
        seats = VGroup()
        for score in scores:
            shade = float((score - low) / (high - low))
            if n <= MAX_WRITTEN_SCORES:
                seat = RoundedRectangle(width=side, height=side, corner_radius=0.06, color=c.faint, stroke_width=1.5)
                number = fit(label(self.num(score, tex=False), SMALL_SIZE - 2), side * 0.8, side * 0.6)
                seats.add(VGroup(seat, number.move_to(seat)))
            else:
                seat = Square(side, color=c.faint, stroke_width=1, fill_color=c.w, fill_opacity=0.15 + 0.8 * shade)
                seats.add(VGroup(seat))
        seats.arrange_in_grid(rows=rows, cols=columns, buff=side * 0.12)
        return fit(seats, *CLASS_BOX).move_to([CLASS_TOP_LEFT[0], CLASS_TOP_LEFT[1], 0], aligned_edge=UL)

    def light_up(self, seats: VGroup, chosen, color) -> Succession:
        """The chosen students' seats fill with ``color`` behind their scores and go back: a sample being drawn."""
        fills = VGroup(*(seats[i][0].copy().set_fill(color, FILL_OPACITY).set_stroke(color, 3) for i in chosen))
        if len(seats) <= MAX_WRITTEN_SCORES:
            fills.set_z_index(-1)  # behind the written scores (shaded seats of a large class have none)
        return Succession(FadeIn(fills), FadeOut(fills))

    def dot_plot(self, values, y, to_x, color) -> list[Dot]:
        """The draws' averages as stacked dots: equal averages pile up instead of hiding each other."""
        step = 2.2 * DOT_RADIUS
        height = Counter()
        dots = []
        for v in values:
            column = round(to_x(v) / step)
            dots.append(Dot([column * step, y + DOT_RADIUS + 0.02 + step * 0.9 * height[column], 0], radius=DOT_RADIUS,
                            color=color))
            height[column] += 1
        tallest = max(height.values())
        limit = ROW_HEIGHT * 0.62
        if tallest * step * 0.9 > limit:  # squeeze tall piles into the row
            for d in dots:
                d.shift([0, (d.get_y() - y) * (limit / (tallest * step * 0.9) - 1), 0])
        return dots
