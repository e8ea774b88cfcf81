"""What a batch contains: review cards grouped into small batches and one mixed large batch, with each
batch's teaching signal (its share of positive labels) as a bar."""

from __future__ import annotations

from fractions import Fraction
from math import ceil, sqrt

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Circumscribe,
    DashedLine,
    FadeIn,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Rectangle,
    RoundedRectangle,
    Square,
    VGroup,
)

from mathcore import to_fraction
from mathcore.batch_composition import label_share
from scenes.kinds.composition.entry import CompositionEntry
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.piece_shares import first_sentence_share, first_share
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, math_tex, wrapped_label

BAR_HEIGHT = 2.6  # a share of 1 (all positive)
CARD_WIDTH = 2.9
SWING_SECONDS = 1.2  # one small batch's bar lit while the updates are said to swing


class CompositionScene(LessonScene[CompositionEntry]):
    kind = "composition"

    def tone(self, value: Fraction) -> str:
        """Card colour from its label: positive green, negative red, in between amber."""
        c = self.colors
        return c.prediction if value >= Fraction(3, 4) else c.loss if value <= Fraction(1, 4) else c.label

    def construct(self):
        e = self.entry
        fmt = lambda v: self.num(v, tex=False)
        title = fit(label(self.text("composition_title"), TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)

        # Small batches of cards, left
        labels = [to_fraction(r.label) for r in e.reviews]
        batches = [list(range(k, min(k + e.batch_size, len(e.reviews)))) for k in range(0, len(e.reviews), e.batch_size)]
        columns = VGroup()
        for number, batch in enumerate(batches, start=1):
            cards = VGroup()
            for i in batch:
                review = e.reviews[i]
                text = wrapped_label(review.text.get(self.language) or "", SMALL_SIZE, CARD_WIDTH - 0.25)
                tag_text = (review.tag.get(self.language) if review.tag else None) or \
                    self.text("positive" if labels[i] >= Fraction(1, 2) else "negative")
                tag = wrapped_label(tag_text, SMALL_SIZE - 4, CARD_WIDTH - 0.25, color=self.tone(labels[i]))
                body = VGroup(text, tag).arrange(DOWN, buff=0.08)
                card = RoundedRectangle(width=CARD_WIDTH, height=body.height + 0.25, corner_radius=0.08,
                                        color=self.tone(labels[i]), stroke_width=2).move_to(body)
                cards.add(VGroup(card, body))
            cards.arrange(DOWN, buff=0.12)
            head = label(self.text("batch_n", number=number), TEXT_SIZE)
            columns.add(VGroup(head, cards).arrange(DOWN, buff=0.2))
        columns.arrange(RIGHT, buff=0.35, aligned_edge=UP)
        fit(columns, 7.2, 5.6).next_to(title, DOWN, buff=0.35).to_edge(LEFT, buff=0.45)

        # Teaching signal bars, right
        shares = [label_share([labels[i] for i in batch]) for batch in batches]
        names = [self.text("batch_n", number=k) for k in range(1, len(batches) + 1)]
        mixed_share = None
        if e.mixed:
            counts = [(to_fraction(g.label), g.count) for g in e.mixed]
            mixed_labels = [value for value, count in counts for _ in range(count)]
            mixed_share = label_share(mixed_labels)
            shares.append(mixed_share)
            names.append(self.text("mixed_batch", size=len(mixed_labels)))
        base_y = -2.9
        bars, bar_labels = VGroup(), VGroup()
        for k, (share, name) in enumerate(zip(shares, names)):
            x = 1.5 + 1.75 * k
            bar = Rectangle(width=0.7, height=max(float(share) * BAR_HEIGHT, 0.02), stroke_width=0,
                            fill_color=self.tone(share), fill_opacity=0.9)
            bar.move_to([x, base_y, 0], aligned_edge=DOWN)
            value = math_tex(self.num(share), size=26).next_to(bar, UP, buff=0.1)
            caption = fit(label(name, SMALL_SIZE - 2), 1.7).next_to([x, base_y, 0], DOWN, buff=0.12)
            bars.add(bar)
            bar_labels.add(VGroup(value, caption))
        axis_head = fit(label(self.text("positive_share"), SMALL_SIZE), 5.0).move_to([3.3, base_y + BAR_HEIGHT + 0.75, 0])
        half = DashedLine([1.1, base_y + BAR_HEIGHT / 2, 0], [1.5 + 1.75 * (len(shares) - 1) + 0.5, base_y + BAR_HEIGHT / 2, 0],
                          color=self.colors.faint, stroke_width=1.5)

        # The mixed large batch as a grid of small squares, coloured by label
        grid = VGroup()
        if e.mixed:
            squares = [Square(side_length=0.16, stroke_width=0, fill_color=self.tone(v), fill_opacity=0.9)
                       for v, count in counts for _ in range(count)]
            # wider than tall for large batches, so that the grid stays below the axis heading
            cols = max(8, ceil(sqrt(2 * len(squares))))
            grid = VGroup(*squares).arrange_in_grid(cols=cols, buff=0.05)
            fit(grid, 2.4, 2.2).next_to(axis_head, UP, buff=0.3).set_x(bars[-1].get_x())

        said = self.text("sub_composition_small", s1=fmt(shares[0]), s2=fmt(shares[1]) if len(shares) > 1 else "")
        with self.beat(said):
            self.play(FadeIn(title), run_time=0.6)
            self.play(LaggedStart(*(FadeIn(col) for col in columns), lag_ratio=0.5), run_time=2.0)
            self.play(FadeIn(axis_head), FadeIn(half), run_time=0.6)
            # each batch's share is said as its cards are framed and its bar grows
            each = max(self.filling(said, 0) * first_sentence_share(said, self.language) - 3.2, 1.0) / len(batches)
            for k in range(len(batches)):
                self.play(Circumscribe(columns[k][1], color=self.colors.foreground, buff=0.08),
                          GrowFromEdge(bars[k], DOWN), FadeIn(bar_labels[k]), run_time=each)
            # "their signals contradict, so the updates swing": the small batches' bars light up in turn
            swings = max(round(self.time_left() / SWING_SECONDS), 1) if len(batches) > 1 else 0
            for k in range(swings):
                self.play(Indicate(VGroup(bars[k % len(batches)], bar_labels[k % len(batches)]),
                                   color=self.colors.foreground, scale_factor=1.1),
                          run_time=max(self.time_left() / (swings - k), 0.5))
        if e.mixed:
            said = self.text("sub_composition_mixed", size=len(grid), share=fmt(mixed_share))
            with self.beat(said):
                # the large batch's reviews arrive one by one as it is said what they are, then its bar grows
                counted = max(self.filling(said, 0) * first_share(said, self.language), 1.0)
                self.play(LaggedStart(*(FadeIn(q, scale=1.5) for q in grid), lag_ratio=0.3), run_time=counted)
                self.play(GrowFromEdge(bars[-1], DOWN), FadeIn(bar_labels[-1]), run_time=1.0)
                # "close to the whole data, so the gradient is steady": the steady bar is framed
                self.play(Circumscribe(VGroup(bars[-1], bar_labels[-1]), color=self.colors.foreground, buff=0.08),
                          run_time=max(self.time_left(), 1.0))
