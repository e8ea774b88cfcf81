"""One gradient-descent step, equation by equation: forward pass, loss, gradient, update."""

from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UL, UR, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart,
                   ReplacementTransform, TransformMatchingTex, VGroup, Write)

from scenes.lesson_scene import LessonScene
from scenes.mobjects.value_table import ValueTable
from scenes.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, math

MAX_LISTED_TERMS = 4  # longer sums are shown as the table column's total
EQ_LEFT = 0.2  # equations live in x in [EQ_LEFT, 6.9]
EQ_WIDTH = 6.7


class GradientStepScene(LessonScene):
    kind = "step"

    def paren(self, value) -> str:
        text = self.num(value)
        return f"({text})" if text.startswith(("-", "\\approx")) else text

    def construct(self):
        sc, c = self.scenario, self.colors
        run = sc.runs[self.entry.run]
        step = sc.walkthrough(self.entry.run).step(self.entry.step)
        rows = step.distinct_positions()
        mult = step.multiplicity()
        repeated = any(m > 1 for m in mult.values())
        B = step.batch_size

        # Header: batch title (left), parameter readout (right)
        title_key = "batch_repeated" if repeated else "batch"
        title = label(self.text(title_key, number=step.index, size=B, repeat=max(mult.values())),
                      TITLE_SIZE, weight="BOLD").to_corner(UL, buff=0.4)
        fit(title, 8.0)
        readout = self.readout(step.w_before, step.b_before).to_corner(UR, buff=0.45)

        # Forward-pass table: one row per distinct sample
        xs = [step.x[p] for p in rows]
        columns = [
            ("x", [self.num(v) for v in xs], c.prediction),
            ("y", [self.num(step.y[p]) for p in rows], c.label),
            (r"\hat y", [self.num(step.predictions[p]) for p in rows], c.prediction),
            (r"\hat y - y", [self.num(step.residuals[p]) for p in rows], "#FFFFFF"),
            (r"(\hat y - y)^2", [self.num(step.loss_terms[p]) for p in rows], c.loss),
            (r"(\hat y - y)\,x", [self.num(step.residual_x[p]) for p in rows], c.w),
        ]
        if repeated:
            columns.insert(2, (r"\times", [rf"\times{mult[step.indices[p]]}" for p in rows], "#BBBBBB"))
        table = ValueTable(columns, row_height=0.66 if len(rows) <= 6 else 0.5, size=36)
        fit(table, 6.9, 5.2)
        table.align_to([-6.75, 2.2, 0], UP + LEFT)
        col = {name: i for i, (name, _, _) in enumerate(columns)}

        stage = label(self.text("forward_pass"), TEXT_SIZE, color="#DDDDDD").next_to(title, DOWN, aligned_edge=LEFT, buff=0.25)

        w0, b0 = self.num(step.w_before), self.num(step.b_before)
        fmt = lambda v: self.num(v, tex=False)

        # Forward pass
        with self.beat(self.text("sub_forward", w=fmt(step.w_before), b=fmt(step.b_before))):
            self.play(FadeIn(title), FadeIn(readout), FadeIn(stage), run_time=0.8)
            self.play(FadeIn(table.rule), FadeIn(table.column(col["x"])), FadeIn(table.column(col["y"])),
                      *([FadeIn(table.column(col[r"\times"]))] if repeated else []), run_time=1.0)
            model = math(r"\hat y", "=", "w", "x", "+", "b").move_to([3.55, 2.1, 0])
            model[2].set_color(c.w)
            model[5].set_color(c.b)
            model[0].set_color(c.prediction)
            subst = math(r"\hat y", "=", w0, r"\cdot x", "+", self.paren(step.b_before)).move_to(model)
            subst[2].set_color(c.w)
            subst[5].set_color(c.b)
            subst[0].set_color(c.prediction)
            self.play(Write(model), run_time=0.8)
            self.play(TransformMatchingTex(model, subst), run_time=1.0)
            self.play(FadeIn(table.headers[col[r"\hat y"]]),
                      LaggedStart(*(FadeIn(m, shift=0.15 * RIGHT) for m in table.cells[col[r"\hat y"]]), lag_ratio=0.25),
                      run_time=1.6)
            self.play(FadeIn(table.column(col[r"\hat y - y"])), run_time=0.8)
            self.wait(1.0)
            self.play(FadeOut(subst), run_time=0.4)

        # Loss
        loss_sym = math(r"L", "=", r"\frac{1}{B}\sum_{i=1}^{B}(\hat y_i - y_i)^2")
        terms = [f"{self.paren(step.residuals[p])}^2" for p in rows]
        loss_sub = self.sum_equation("L", B, mult, terms)
        loss_val = self.value_equation("L", B, mult, step.loss_sum, step.loss, c.loss)
        for m in (loss_sym, loss_sub, loss_val):
            self.place_equation(m, 0)
        with self.beat(self.text("sub_loss", loss=fmt(step.loss))):
            self.play(ReplacementTransform(stage, stage := self.stage_label("compute_loss", title)), run_time=0.5)
            self.play(Write(loss_sym), run_time=1.0)
            self.play(FadeIn(table.headers[col[r"(\hat y - y)^2"]]), run_time=0.4)
            self.reveal_with_rows(table, col[r"(\hat y - y)^2"], c.loss)
            self.play(TransformMatchingTex(loss_sym, loss_sub), run_time=1.2)
            self.wait(0.6)
            self.play(TransformMatchingTex(loss_sub, loss_val), run_time=1.2)
            self.wait(1.5)

        # Gradient
        dw_sym = math(r"\frac{\partial L}{\partial w}", "=", r"\frac{2}{B}\sum_{i=1}^{B}(\hat y_i - y_i)\,x_i")
        dw_val = self.value_equation(r"\frac{\partial L}{\partial w}", B, mult, sum(step.residual_x), step.dw, c.w, two=True)
        db_sym = math(r"\frac{\partial L}{\partial b}", "=", r"\frac{2}{B}\sum_{i=1}^{B}(\hat y_i - y_i)")
        db_val = self.value_equation(r"\frac{\partial L}{\partial b}", B, mult, sum(step.residuals), step.db, c.b, two=True)
        for i, group in enumerate(((dw_sym, dw_val), (db_sym, db_val))):
            for m in group:
                self.place_equation(m, i + 1)
        with self.beat(self.text("sub_grad", dw=fmt(step.dw), db=fmt(step.db))):
            self.play(ReplacementTransform(stage, stage := self.stage_label("compute_gradient", title)), run_time=0.5)
            self.play(Write(dw_sym), run_time=1.0)
            self.play(FadeIn(table.headers[col[r"(\hat y - y)\,x"]]), run_time=0.4)
            self.reveal_with_rows(table, col[r"(\hat y - y)\,x"], c.w)
            self.play(TransformMatchingTex(dw_sym, dw_val), run_time=1.2)
            self.wait(0.6)
            self.play(Write(db_sym), run_time=1.0)
            self.play(Indicate(table.cells[col[r"\hat y - y"]], color=c.b), run_time=1.0)
            self.play(TransformMatchingTex(db_sym, db_val), run_time=1.2)
            self.wait(1.5)

        # Update
        lr = self.num(step.lr)
        w_up = math("w", r"\leftarrow", w0, "-", lr, r"\cdot", self.paren(step.dw), "=", self.num(step.w_after))
        b_up = math("b", r"\leftarrow", b0, "-", lr, r"\cdot", self.paren(step.db), "=", self.num(step.b_after))
        w_up[0].set_color(c.w)
        w_up[-1].set_color(c.w)
        b_up[0].set_color(c.b)
        b_up[-1].set_color(c.b)
        for i, m in enumerate((w_up, b_up)):
            self.place_equation(m, i + 3)
        with self.beat(self.text("sub_update", w0=fmt(step.w_before), w1=fmt(step.w_after),
                                 b0=fmt(step.b_before), b1=fmt(step.b_after))):
            self.play(ReplacementTransform(stage, self.stage_label("update_params", title)), run_time=0.5)
            self.play(Write(w_up), run_time=1.4)
            self.play(Write(b_up), run_time=1.4)
            new_readout = self.readout(step.w_after, step.b_after).to_corner(UR, buff=0.45)
            self.play(TransformMatchingTex(readout[0], new_readout[0]),
                      TransformMatchingTex(readout[1], new_readout[1]), run_time=1.5)
            self.wait(3.0)

    # Helpers

    def place_equation(self, eq, slot: int):
        """Equation slots stack down the right half, left-aligned, centred on their slot line."""
        fit(eq, EQ_WIDTH)
        eq.move_to([0, 2.35 - 1.15 * slot, 0]).align_to([EQ_LEFT, 0, 0], LEFT)

    def stage_label(self, key: str, title):
        return label(self.text(key), TEXT_SIZE, color="#DDDDDD").next_to(title, DOWN, aligned_edge=LEFT, buff=0.25)

    def readout(self, w, b) -> VGroup:
        w_tex = math("w", "=", self.num(w), size=38)
        b_tex = math("b", "=", self.num(b), size=38)
        w_tex.set_color(self.colors.w)
        b_tex.set_color(self.colors.b)
        return VGroup(w_tex, b_tex).arrange(RIGHT, buff=0.6)

    def coefficient(self, B: int, mult: dict[int, int], two: bool = False) -> str:
        """1/B (or 2/B) with the multiplicity of repeated data folded in: 4/32 for 8 samples x 4."""
        m = set(mult.values())
        k = (2 if two else 1) * (m.pop() if len(m) == 1 else 1)
        return rf"\frac{{{k}}}{{{B}}}"

    def sum_equation(self, lhs: str, B: int, mult, terms: list[str]):
        """lhs = coef [t1 + t2 + ...]; long sums keep their first two and last terms."""
        if len(terms) > MAX_LISTED_TERMS:
            terms = terms[:2] + [r"\cdots"] + terms[-1:]
        return math(lhs, "=", self.coefficient(B, mult), r"\Big[", " + ".join(terms), r"\Big]")

    def value_equation(self, lhs: str, B: int, mult, total, value, color, two: bool = False):
        uniform = len(set(mult.values())) == 1
        shown = total / (next(iter(mult.values())) if uniform else 1)
        eq = math(lhs, "=", self.coefficient(B, mult, two), r"\cdot", self.paren(shown), "=", self.num(value))
        eq[-1].set_color(color)
        return eq

    def reveal_with_rows(self, table: ValueTable, column: int, color):
        """Fill a column row by row, boxing the row each new value comes from."""
        for r, cell in enumerate(table.cells[column]):
            box = table.row_box(r, color, 0, column)
            self.play(Create(box), FadeIn(cell), run_time=0.35)
            self.remove(box)
