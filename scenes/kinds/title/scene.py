"""The title card: the lesson's title, the question it answers, its subtitle, and the colour of each batch size."""

from __future__ import annotations

from manim import DOWN, RIGHT, FadeIn, Indicate, LaggedStart, Square, VGroup, Write

from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import TEXT_SIZE, fit, label, wrapped_label
from scenes.kinds.title.entry import TitleEntry

TITLE_CARD_SIZE = 52


class TitleScene(LessonScene[TitleEntry]):
    kind = "title"

    def construct(self):
        sc, c = self.scenario, self.colors
        title_text = sc.title.get(self.language) or sc.title.get(sc.language)
        subtitle_text = self.entry.subtitle.get(self.language) if self.entry.subtitle else None
        question_text = self.question()
        sizes = sorted({run.batch_size for run in sc.runs.values()})
        title = fit(label(title_text, TITLE_CARD_SIZE, weight="BOLD"), 12.5)
        question = wrapped_label(question_text, TEXT_SIZE + 6, 12.0)
        parts = [title, question]
        if subtitle_text:
            parts.append(fit(label(subtitle_text, TEXT_SIZE, color=c.muted), 12.0))
        # the colour code of the whole video: each batch size in the colour every scene gives it
        sizes_line = VGroup(label(self.text("title_batch_sizes", sizes=""), TEXT_SIZE, color=c.muted), *(
            VGroup(Square(0.22, stroke_width=0, fill_color=sc.batch_color(s), fill_opacity=1),
                   label(self.num(s, tex=False), TEXT_SIZE, color=sc.batch_color(s))).arrange(RIGHT, buff=0.1)
            for s in sizes)).arrange(RIGHT, buff=0.3)
        parts.append(fit(sizes_line, 12.0))
        VGroup(*parts).arrange(DOWN, buff=0.45)
        with self.beat(self.text("sub_title_card", title=title_text, subtitle=subtitle_text or "",
                                 question=question_text)):
            self.play(Write(title), run_time=1.2)
            self.play(FadeIn(question, shift=0.2 * DOWN), run_time=1.0)
            self.play(*(FadeIn(p) for p in parts[2:]), run_time=0.8)
            # while the question is said ("one sample, a few, or all of them?") the batch sizes it asks about light
            # up one after another, smallest first: the picture answers the words instead of standing still
            chips = sizes_line[1:]
            rest = self.time_left() - 1.0
            if rest >= 1.0:
                self.play(LaggedStart(*(Indicate(chip, scale_factor=1.3, color=sc.batch_color(s))  # its own colour, not yellow
                                          for chip, s in zip(chips, sizes)), lag_ratio=0.75),
                          run_time=rest)
            self.wait(1.0)

    def question(self) -> str:
        """The entry's question, else the default one made from the task and the number of samples."""
        own = self.entry.question.get(self.language) if self.entry.question else None
        return own or self.text("title_question", n=len(self.scenario.problem().data),
                                task=self.lesson.task(self.language))
