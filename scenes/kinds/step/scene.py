"""One gradient-descent step, equation by equation: forward pass, loss, gradient, update."""

from __future__ import annotations

from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    LaggedStart,
    Line,
    MoveAlongPath,
    ReplacementTransform,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
    Write,
    smooth,
)

from mathcore.relations import TEX, displayed_relation, relation
from mathcore.walkthrough import evaluate_batch
from scenes.kinds.equation_forms import forms_for
from scenes.kinds.lesson_scene import PICTURE_BOX, LessonScene
from scenes.kinds.mobjects.loss_slice import LossSlice
from scenes.kinds.mobjects.step_insets import DataInset, LossInset
from scenes.kinds.mobjects.value_table import ValueTable
from scenes.kinds.style import TEXT_SIZE, TITLE_SIZE, fit, label, math_tex

MAX_LISTED_TERMS = 4  # longer sums show their first two and last terms
EQ_LEFT = 0.2  # equations live in x in [EQ_LEFT, EQ_LEFT + EQ_WIDTH]
EQ_WIDTH = 6.7
SLOT_TOP, SLOT_GAP = 2.35, 1.15  # equation slots stack down the right half
INSET_BOTTOM, INSET_LEFT, INSET_RIGHT = -3.85, -6.75, -0.15  # the two small plots share the space below the table
MIN_INSET_HEIGHT = 1.9  # below this the plots would be unreadable: the step is shown by its numbers alone
INSET_WIDTH, MIN_INSET_WIDTH = 2.5, 1.6  # each plot's frame; narrower ones leave the step to its numbers
SLICE_LABEL_ROOM = 1.0  # the gradient picture's axis names and slope label, around its plot
MIN_TURN_SECONDS = 2.0  # the line turns and the point moves for at least this long, longer while the update is said


class GradientStepScene(LessonScene):
    kind = "step"

    def construct(self):
        step = self.lesson.walkthrough(self.entry.run).step(self.entry.step)
        self.step, self.forms, self.rows = step, forms_for(self.scenario.model), step.distinct_positions()
        self.repeated = max(step.multiplicity().values()) > 1  # some sample occurs more than once in this batch
        title, readout, table, col = self.header_and_table()
        self.insets = self.build_insets(table)
        stage = self.stage_label("forward_pass", title)
        self.forward_pass(title, readout, stage, table, col)
        stage, loss_val = self.loss_beat(title, stage, table, col)
        stage, dw_val, db_val = self.gradient_beat(title, stage, table, col)
        if self.repeated:
            self.show_repeat_invariance(step, self.rows, (loss_val, dw_val, db_val), table.column(col[r"\times"]))
        self.update_beat(title, stage, readout)

    def term_picture(self, name: str):
        """The gradient beside its definition: this batch's loss along w, its slope at the step's w."""
        if name != "gradient":
            return None
        step = self.lesson.walkthrough(self.entry.run).step(self.entry.step)  # (setup runs before construct)
        width, height, _ = PICTURE_BOX
        return LossSlice(self.scenario.problem(), step.indices, step.w_before, step.b_before, step.dw, step.w_after,
                         width - SLICE_LABEL_ROOM, height - SLICE_LABEL_ROOM, self.colors,
                         self.scenario.batch_color(step.batch_size))

    def fmt(self, value) -> str:
        return self.num(value, tex=False)

    def header_and_table(self):
        """The batch title (left), the parameter readout (right), and the forward-pass table: one row per distinct
        sample (with its multiplicity when data repeats)."""
        step, c, rows = self.step, self.colors, self.rows
        common = step.common_multiplicity  # every sample the same number of times (None: unequally)
        repeated_evenly = common is not None and common > 1
        title = label(self.text("batch_repeated" if repeated_evenly else "batch", number=step.index,
                                size=step.batch_size, repeat=common or 1), TITLE_SIZE, weight="BOLD",
                      color=self.scenario.batch_color(step.batch_size))  # the batch size's colour, as everywhere
        fit(title, 8.0).to_corner(UL, buff=0.4)
        readout = self.readout(step.w_before, step.b_before).to_corner(UR, buff=0.45)
        columns = [
            ("x", [self.num(step.x[p]) for p in rows], c.prediction),
            ("y", [self.num(step.y[p]) for p in rows], c.label),
            (r"\hat y", [self.num(step.predictions[p]) for p in rows], c.prediction),
            (r"\hat y - y", [self.num(step.residuals[p]) for p in rows], c.foreground),
            (self.forms.loss_term_header, [self.num(step.loss_terms[p]) for p in rows], c.loss),
            (self.forms.dw_bracket_header, [self.num(step.dw_brackets[p]) for p in rows], c.w),
        ]
        if self.forms.db_bracket_header is not None:  # dL/db sums a column of its own (the bump model)
            columns.append((self.forms.db_bracket_header, [self.num(step.db_brackets[p]) for p in rows], c.b))
        if self.repeated:
            mult = step.multiplicity()
            columns.insert(2, (r"\times", [rf"\times {self.num(mult[step.indices[p]])}" for p in rows], c.muted))
        col = {name: i for i, (name, _, _) in enumerate(columns)}
        table = ValueTable(columns, row_height=0.66 if len(rows) <= 6 else 0.5, size=36)
        # leave the bottom-left for the repeated-data comparison when there is one
        fit(table, 6.9, 3.9 if self.repeated else 5.0).align_to([-6.75, 2.2, 0], UP + LEFT)
        return title, readout, table, col

    def forward_pass(self, title, readout, stage, table, col):
        step, forms = self.step, self.forms
        with self.beat(self.text("sub_forward", w=self.fmt(step.w_before), b=self.fmt(step.b_before))):
            self.play(FadeIn(title), FadeIn(readout), FadeIn(stage), run_time=0.8)
            first = [FadeIn(table.rule), FadeIn(table.column(col["x"])), FadeIn(table.column(col["y"]))]
            if self.repeated:
                first.append(FadeIn(table.column(col[r"\times"])))
            if self.insets is not None:
                first.append(FadeIn(self.insets.group))
            self.play(*first, run_time=1.0)
            model = self.colored(math_tex(*forms.model_parts), forms.w_index, forms.b_index)
            parts = list(forms.model_parts)
            parts[forms.w_index] = self.bare(step.w_before)
            parts[forms.b_index] = self.paren(step.b_before)
            parts[forms.w_index + 1] = forms.w_substituted
            subst = self.colored(math_tex(*parts), forms.w_index, forms.b_index)
            for m in (model, subst):
                self.place_equation(m, 0)
            self.play(Write(model), *self.inset_line_appears(), run_time=0.8)
            self.play(TransformMatchingTex(model, subst), run_time=1.0)
            self.play(FadeIn(table.headers[col[r"\hat y"]]),
                      LaggedStart(*(FadeIn(m, shift=0.15 * RIGHT) for m in table.cells[col[r"\hat y"]]),
                                  lag_ratio=0.25), run_time=1.6)
            self.play(FadeIn(table.column(col[r"\hat y - y"])), *self.inset_residuals_appear(), run_time=0.8)
            self.wait(1.0)
            self.play(FadeOut(subst), run_time=0.4)

    def loss_beat(self, title, stage, table, col):
        """Symbols -> substituted terms -> coefficient x sum -> value. With every sample m times the sum runs over
        the distinct rows with coefficient m/B; with unequal counts each row carries its own count."""
        step, forms, c = self.step, self.forms, self.colors
        sum_terms = [self.square(step.residuals[p]) if forms.squares else self.paren(step.loss_terms[p])
                     for p in self.rows]
        if step.common_multiplicity is None:
            sum_terms = [rf"{self.num(k)}\cdot {t}" if k > 1 else t for k, t in zip(step.row_multiplicities, sum_terms)]
        loss_sym = math_tex("L", "=", forms.loss_symbolic)
        loss_sub = self.sum_equation("L", self.coefficient(step), sum_terms)
        loss_val = self.value_equation("L", self.coefficient(step), step.bracket_sum(step.loss_terms), step.loss, c.loss)
        for m in (loss_sym, loss_sub, loss_val):
            self.place_equation(m, 0)
        with self.beat(self.text("sub_loss_bce" if self.scenario.loss == "bce" else "sub_loss", loss=self.fmt(step.loss))):
            stage = self.swap_stage(stage, "compute_loss", title)
            self.play(Write(loss_sym), run_time=1.0)
            self.play(FadeIn(table.headers[col[forms.loss_term_header]]), run_time=0.4)
            self.reveal_with_rows(table, col[forms.loss_term_header], c.loss)
            self.play(TransformMatchingTex(loss_sym, loss_sub), run_time=1.2)
            self.wait(0.8)
            self.play(TransformMatchingTex(loss_sub, loss_val), run_time=1.2)
            if self.insets is not None:  # the loss is a height at this very point of the surface
                self.play(Indicate(self.insets.dot, scale_factor=1.8, color=c.loss), run_time=1.0)
            self.wait(1.5)
        return stage, loss_val

    def gradient_beat(self, title, stage, table, col):
        step, forms, c = self.step, self.forms, self.colors
        k = forms.grad_factor
        dw_sym = math_tex(r"\frac{\partial L}{\partial w}", "=", forms.dw_symbolic)
        dw_val = self.value_equation(r"\frac{\partial L}{\partial w}", self.coefficient(step, k),
                                     step.bracket_sum(step.dw_brackets), step.dw, c.w)
        db_sym = math_tex(r"\frac{\partial L}{\partial b}", "=", forms.db_symbolic)
        db_column = col[forms.db_bracket_header] if forms.db_bracket_header is not None else None
        db_terms = step.db_brackets if db_column is not None else step.residuals
        db_val = self.value_equation(r"\frac{\partial L}{\partial b}", self.coefficient(step, forms.db_factor or k),
                                     step.bracket_sum(db_terms), step.db, c.b,
                                     times=step.w_before if forms.db_times_w else None)
        for slot, group in ((1, (dw_sym, dw_val)), (2, (db_sym, db_val))):
            for m in group:
                self.place_equation(m, slot)
        with self.beat(self.text("sub_grad", dw=self.fmt(step.dw), db=self.fmt(step.db))):
            stage = self.swap_stage(stage, "compute_gradient", title)
            self.play(Write(dw_sym), run_time=1.0)
            self.play(FadeIn(table.headers[col[forms.dw_bracket_header]]), run_time=0.4)
            self.reveal_with_rows(table, col[forms.dw_bracket_header], c.w)
            self.play(TransformMatchingTex(dw_sym, dw_val), run_time=1.2)
            # the column's entries are the bracket's sum: they fly into it
            self.fly_into(VGroup(*table.cells[col[forms.dw_bracket_header]]), dw_val[4])
            self.wait(0.6)
            self.play(Write(db_sym), run_time=1.0)
            if db_column is None:  # dL/db sums the residuals already in the table
                self.play(Indicate(table.cells[col[r"\hat y - y"]], color=c.b), run_time=1.0)
            else:
                self.play(FadeIn(table.headers[db_column]), run_time=0.4)
                self.reveal_with_rows(table, db_column, c.b)
            self.play(TransformMatchingTex(db_sym, db_val), run_time=1.2)
            summed = col[r"\hat y - y"] if db_column is None else db_column  # the column this bracket sums
            self.fly_into(VGroup(*table.cells[summed]), db_val[4])
            if self.insets is not None:  # (∂L/∂w, ∂L/∂b) becomes the step on the surface: downhill, times η
                self.play(TransformFromCopy(VGroup(dw_val[-1], db_val[-1]), self.insets.arrow), run_time=1.4)
            self.wait(1.5)
        return stage, dw_val, db_val

    def update_beat(self, title, stage, readout):
        step, c = self.step, self.colors
        w_up = self.update_equation("w", step.w_before, step.lr, step.dw, step.w_after, c.w)
        b_up = self.update_equation("b", step.b_before, step.lr, step.db, step.b_after, c.b)
        self.place_equation(w_up, 3)
        self.place_equation(b_up, 4)
        with self.beat(self.text("sub_update", w0=self.fmt(step.w_before), w1=self.fmt(step.w_after),
                                 b0=self.fmt(step.b_before), b1=self.fmt(step.b_after))):
            self.swap_stage(stage, "update_params", title)
            self.play(Write(w_up), run_time=1.4)
            self.play(Write(b_up), run_time=1.4)
            new_readout = self.readout(step.w_after, step.b_after).to_corner(UR, buff=0.45)
            # the update resolves: the point walks down its arrow and the line turns, for as long as it is said
            turn = max(MIN_TURN_SECONDS, self.time_left() - 1.0)
            self.play(TransformMatchingTex(readout[0], new_readout[0]),
                      TransformMatchingTex(readout[1], new_readout[1]), *self.inset_update(), run_time=turn,
                      rate_func=smooth)
            self.wait(1.0)

    def show_repeat_invariance(self, step, rows, results, multiplicity_column):
        """Repeated data beside the distinct samples alone: the same loss and gradient when every sample occurs
        equally often, different ones when not; each sign is computed, never assumed."""
        distinct = [step.indices[p] for p in rows]
        once = evaluate_batch(self.scenario.problem(), step.w_before, step.b_before, distinct)
        B, n = step.batch_size, len(distinct)
        fmt = lambda v: self.num(v, tex=False)

        def line(symbol, batch_value, distinct_value):
            sign = TEX[relation(batch_value, distinct_value)]
            return math_tex(rf"{symbol}_{{{self.num(B)}}}", *self.equals(batch_value), sign,
                        rf"{symbol}_{{{self.num(n)}}}", *self.equals(distinct_value))

        lines = VGroup(line("L", step.loss, once.loss), line(r"\nabla_{w} L", step.dw, once.dw),
                       line(r"\nabla_{b} L", step.db, once.db)).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        fit(lines, 6.6, 1.6).align_to([-6.6, -3.7, 0], DL)
        box = SurroundingRectangle(lines, color=self.colors.label, buff=0.15, stroke_width=2)
        same = all(relation(a, b) != "≠" for a, b in ((step.loss, once.loss), (step.dw, once.dw), (step.db, once.db)))
        key = "sub_repeat" if same else "sub_repeat_unequal"
        with self.beat(self.text(key, repeat=step.common_multiplicity or max(step.row_multiplicities), n=n,
                                 loss=fmt(once.loss), dw=fmt(once.dw), db=fmt(once.db), loss_b=fmt(step.loss))):
            aside = [FadeOut(self.insets.group, *self.insets.drawn())] if self.insets is not None else []
            self.play(Indicate(multiplicity_column, color=self.colors.label), *aside, run_time=1.0)
            self.play(LaggedStart(*(FadeIn(m) for m in lines), lag_ratio=0.4), Create(box), run_time=2.0)
            self.play(*(Indicate(eq[-1], color=self.colors.label) for eq in results), run_time=1.2)
            self.wait(2.0)
            if self.insets is not None:
                self.play(FadeOut(lines, box), FadeIn(self.insets.group, *self.insets.drawn()), run_time=0.8)

    # The insets: the data with the model's line, the loss surface with (w, b)

    def build_insets(self, table):
        """Both plots below the table, or None when the table leaves no room for them."""
        top = table.get_bottom()[1] - 0.35
        if top - INSET_BOTTOM < MIN_INSET_HEIGHT:
            return None
        step, problem, c = self.step, self.scenario.problem(), self.colors
        before, after = (step.w_before, step.b_before), (step.w_after, step.b_after)
        batch_color = self.scenario.batch_color(step.batch_size)
        # the plots take the height left once their tick labels and names (about 0.9) have theirs: text keeps its size
        height = min(2.4, top - INSET_BOTTOM - 0.9)
        room, width = INSET_RIGHT - INSET_LEFT - 0.6, INSET_WIDTH
        for _ in range(2):  # likewise in width: narrower plots when their labels need the room, never smaller labels
            data = DataInset(problem, set(step.indices), [before, after], width, height, self.num, c, batch_color)
            surface = LossInset(problem, [before, after], width, height, self.num, c)
            group = Group(data, surface).arrange(RIGHT, buff=0.9)
            width -= max(group.width - room, 0) / 2
        if width < MIN_INSET_WIDTH:
            return None
        fit(group, room, top - INSET_BOTTOM)  # a no-op now: a guard that keeps the plots on screen
        group.move_to([(INSET_LEFT + INSET_RIGHT) / 2 + 0.3, (top + INSET_BOTTOM) / 2, 0])
        return StepInsets(self, data, surface, group, before, after, batch_color)

    def inset_line_appears(self):
        return [] if self.insets is None else [Create(self.insets.line)]

    def inset_residuals_appear(self):
        return [] if self.insets is None else [Create(self.insets.residuals)]

    def inset_update(self):
        if self.insets is None:
            return []
        i = self.insets
        return [MoveAlongPath(i.dot, i.step_path), Transform(i.line, i.line_after), Transform(i.residuals, i.residuals_after)]

    # Layout helpers

    def stage_label(self, key: str, title):
        return label(self.text(key), TEXT_SIZE, color=self.colors.muted).next_to(title, DOWN, aligned_edge=LEFT, buff=0.25)

    def swap_stage(self, old, key: str, title):
        new = self.stage_label(key, title)
        self.play(ReplacementTransform(old, new), run_time=0.5)
        return new

    def place_equation(self, eq, slot: int):
        fit(eq, EQ_WIDTH)
        eq.move_to([0, SLOT_TOP - SLOT_GAP * slot, 0]).align_to([EQ_LEFT, 0, 0], LEFT)

    def colored(self, eq, w_index: int, b_index: int):
        eq[0].set_color(self.colors.prediction)
        eq[w_index].set_color(self.colors.w)
        eq[b_index].set_color(self.colors.b)
        return eq

    def readout(self, w, b) -> VGroup:
        w_tex = math_tex("w", *self.equals(w), size=38, color=self.colors.w)
        b_tex = math_tex("b", *self.equals(b), size=38, color=self.colors.b)
        return VGroup(w_tex, b_tex).arrange(RIGHT, buff=0.6)

    # Number helpers: every number goes through self.num (mathcore's formatter)

    def paren(self, value) -> str:
        text = self.bare(value)
        return f"({text})" if text.startswith("-") else text

    def square(self, value) -> str:
        text = self.bare(value)
        return f"({text})^2" if text.startswith("-") else f"{text}^2"

    def coefficient(self, step, factor: int = 1) -> str:
        """factor x m / B as a fraction: with 8 samples x 4, the sum over the 8 distinct rows counts 4 times."""
        numerator, denominator = step.coefficient(factor)
        return rf"\frac{{{self.num(numerator)}}}{{{self.num(denominator)}}}"

    def sum_equation(self, lhs: str, coef: str, terms: list[str]):
        if len(terms) > MAX_LISTED_TERMS:
            terms = terms[:2] + [r"\cdots"] + terms[-1:]
        return math_tex(lhs, "=", coef, r"\Big[", " + ".join(terms), r"\Big]")

    def value_equation(self, lhs: str, coef: str, total, value, color, times=None):
        """lhs = coef · (total) = value; with ``times`` (w, in the bump model's dL/db) coef · times · (total)."""
        factors = [total] if times is None else [times, total]
        first = r"\approx" if any(self.is_approx(v) for v in factors) else "="
        # the product of the shown numbers is only approximately the result when any of them is rounded
        second = TEX[displayed_relation(factors, value, self.scenario.style.digits)]
        middle = [] if times is None else [self.paren(times), r"\cdot"]
        eq = math_tex(lhs, first, coef, r"\cdot", *middle, self.paren(total), second, self.bare(value))
        eq[-1].set_color(color)
        return eq

    def update_equation(self, name: str, before, lr, grad, after, color):
        sign = TEX[displayed_relation([before, lr, grad], after, self.scenario.style.digits)]
        eq = math_tex(name, r"\leftarrow", self.bare(before), "-", self.bare(lr), r"\cdot", self.paren(grad), sign,
                  self.bare(after))
        eq[0].set_color(color)
        eq[-1].set_color(color)
        return eq

    def fly_into(self, sources, target, run_time: float = 1.0):
        """Copies of ``sources`` fly onto ``target`` and vanish there. (A TransformFromCopy onto the target itself
        would leave it holding a copy of its glyph per source point set, stacked: it looks the same but is no longer
        the formula that was typeset, and measures as a smaller one.)"""
        landing = target.copy()
        self.play(ReplacementTransform(sources.copy(), landing), run_time=run_time)
        self.remove(landing)

    def reveal_with_rows(self, table: ValueTable, column: int, color):
        """Fill a column row by row, boxing the row each new value comes from."""
        for r, cell in enumerate(table.cells[column]):
            box = table.row_box(r, color, 0, column)
            self.play(Create(box), FadeIn(cell), run_time=0.35)
            self.remove(box)


class StepInsets:
    """The insets' moving parts: the line at (w, b) before and after, the residuals, the point and its step."""

    def __init__(self, scene, data: DataInset, surface: LossInset, group, before, after, color):
        step, c = scene.step, scene.colors
        self.data, self.surface, self.group = data, surface, group
        self.line = data.line(*before, color)
        self.line_after = data.line(*after, color)
        self.residuals = data.residuals(*before, step.indices, c.foreground)
        self.residuals_after = data.residuals(*after, step.indices, c.foreground)
        start, end = surface.point(*before), surface.point(*after)
        self.dot = Dot(start, radius=0.08, color=color).set_stroke(c.background, width=2, background=True)
        group.add(self.dot)
        # the step is −η·(∂L/∂w, ∂L/∂b): from (w, b) before to after, exactly the update's arrow
        self.arrow = Arrow(start, end, buff=0, color=c.on_heatmap, stroke_width=4, max_tip_length_to_length_ratio=0.3,
                           tip_length=0.14)
        self.step_path = Line(start, end)
        self.positions = (before, after)  # for tests: where the point stands, in (w, b)

    def drawn(self):
        """What the beats added on top of the plots."""
        return [self.line, self.residuals, self.arrow]
