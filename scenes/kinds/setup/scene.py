"""The lesson's opening: task, model, loss, data and starting point."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UL, FadeIn, LaggedStart, VGroup, Write

from scenes.kinds.equation_forms import forms_for
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.setup.entry import SetupEntry
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, math_tex

MAX_DATA_COLUMNS = 12  # wider datasets show their first columns and an ellipsis


class SetupScene(LessonScene[SetupEntry]):
    kind = "setup"

    def construct(self):
        sc, c = self.scenario, self.colors
        problem = sc.problem()
        title = fit(label(sc.title.get(self.language) or sc.title.get(sc.language), TITLE_SIZE, weight="BOLD"), 13.0)
        title.to_corner(UL, buff=0.45)
        task_text = self.lesson.task(self.language)
        task = label(self.text("task", task=task_text), TEXT_SIZE).next_to(title, DOWN, aligned_edge=LEFT, buff=0.3)

        # Model and loss, left column
        model_head = label(self.text("model"), TEXT_SIZE)
        forms = forms_for(sc.model)
        model_eq = math_tex(*forms.model_parts)
        model_eq[0].set_color(c.prediction)
        model_eq[forms.w_index].set_color(c.w)
        model_eq[forms.b_index].set_color(c.b)
        loss_head = label(self.text("loss_name" if sc.loss == "mse" else "loss_name_bce"), TEXT_SIZE)
        loss_eq = math_tex("L", "=", forms.loss_symbolic)
        left = fit(VGroup(model_head, model_eq, loss_head, loss_eq).arrange(DOWN, aligned_edge=LEFT, buff=0.28), 6.6)
        left.next_to(task, DOWN, aligned_edge=LEFT, buff=0.5)

        # Starting point, right column
        init = problem.init
        params_head = label(self.text("init_params"), TEXT_SIZE)
        w_eq = math_tex("w", *self.equals(init.w))
        w_eq[0].set_color(c.w)
        b_eq = math_tex("b", *self.equals(init.b))
        b_eq[0].set_color(c.b)
        lr_head = label(self.text("learning_rate"), TEXT_SIZE)
        lr_eq = math_tex(r"\eta", *self.equals(problem.lr))
        right = VGroup(params_head, w_eq, b_eq, lr_head, lr_eq).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        right.move_to([3.6, left.get_center()[1], 0])

        # Data table: samples as columns
        data = problem.data
        shown = min(len(data), MAX_DATA_COLUMNS)
        xs = [self.num(v) for v in data.x[:shown]]
        ys = [self.num(v) for v in data.y[:shown]]
        if shown < len(data):
            xs.append(r"\cdots")
            ys.append(r"\cdots")
        rows = VGroup(
            VGroup(label(self.text("sample"), SMALL_SIZE), *[math_tex(v, color=c.prediction) for v in xs]).arrange(RIGHT, buff=0.45),
            VGroup(label(self.text("label"), SMALL_SIZE), *[math_tex(v, color=c.label) for v in ys]).arrange(RIGHT, buff=0.45),
        )
        # one column per sample: labels sit under their x
        rows[1].next_to(rows[0], DOWN, buff=0.3, aligned_edge=LEFT)
        for a, b in zip(rows[0], rows[1]):
            b.set_x(a.get_x())
        data_head = label(self.text("data"), TEXT_SIZE)
        data_block = fit(VGroup(data_head, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.25), 13.0)
        data_block.to_edge(DOWN, buff=0.5).to_edge(LEFT, buff=0.45)

        key = {"logistic": "sub_setup_logistic", "bump": "sub_setup_bump"}.get(sc.model, "sub_setup")
        said = self.text(key, task=task_text, w=self.said(init.w), b=self.said(init.b),
                         lr=self.num(problem.lr, tex=False))
        with self.beat(said):
            self.play(FadeIn(title, shift=0.2 * DOWN), run_time=0.8)
            self.play(Write(task), run_time=1.0)
            self.play(FadeIn(model_head), Write(model_eq), run_time=1.2)
            self.play(FadeIn(loss_head), Write(loss_eq), run_time=1.5)
            self.play(LaggedStart(*(FadeIn(m) for m in right), lag_ratio=0.2), run_time=1.5)
            # the samples arrive one by one while the starting point is said
            self.play(FadeIn(data_head), LaggedStart(*(FadeIn(m) for m in rows), lag_ratio=0.3),
                      run_time=self.filling(said, 6.0, 1.5))
