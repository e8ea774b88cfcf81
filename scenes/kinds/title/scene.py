"""The title card: the lesson's title, its subtitle, and the batch sizes it will compare."""

from __future__ import annotations

from manim import DOWN, FadeIn, VGroup, Write

from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import TEXT_SIZE, fit, label

TITLE_CARD_SIZE = 52


class TitleScene(LessonScene):
    kind = "title"

    def construct(self):
        sc, c = self.scenario, self.colors
        title_text = sc.title.get(self.language) or sc.title.get(sc.language)
        subtitle_text = self.entry.subtitle.get(self.language) if self.entry.subtitle else None
        sizes = sorted({run.batch_size for run in sc.runs.values()})
        title = fit(label(title_text, TITLE_CARD_SIZE, weight="BOLD"), 12.5)
        parts = [title]
        if subtitle_text:
            parts.append(fit(label(subtitle_text, TEXT_SIZE + 4, color=c.muted), 12.0))
        sizes_line = fit(label(self.text("title_batch_sizes", sizes=", ".join(self.num(s, tex=False) for s in sizes)),
                               TEXT_SIZE, color=c.faint), 12.0)
        parts.append(sizes_line)
        VGroup(*parts).arrange(DOWN, buff=0.45)
        with self.beat(self.text("sub_title_card", title=title_text, subtitle=subtitle_text or "")):
            self.play(Write(title), run_time=1.2)
            self.play(*(FadeIn(p) for p in parts[1:]), run_time=0.8)
            self.wait(2.0)
