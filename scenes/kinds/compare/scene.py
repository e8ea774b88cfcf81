"""The seed's key comparison: a small-batch run beside a full-batch step, in numbers and in the (w, b) plane."""

from __future__ import annotations

from manim import DOWN, LEFT, UL, UP, Arrow, Create, Dot, FadeIn, GrowArrow, Indicate, VGroup, Write

from mathcore.decomposition import decompose_gradient
from mathcore.relations import TEX, relation
from scenes.kinds.compare.entry import CompareEntry
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.param_plane import param_axes
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, math_tex, wrapped_label
from scenes.scenario.judged import compare_full, compare_small, first_epoch_batches

PLOT_CENTER = (3.5, -0.35, 0)
PLOT_SIZE = (6.0, 4.6)


class CompareScene(LessonScene[CompareEntry]):
    kind = "compare"

    def construct(self):
        sc, c = self.scenario, self.colors
        small_run, full_run = self.entry.small, self.entry.full
        small = self.lesson.walkthrough(small_run)
        full = self.lesson.walkthrough(full_run)
        small_steps = [s for s in small.steps if s.epoch == 1]
        full_step = full.steps[0]
        fmt = lambda v: self.num(v, tex=False)
        small_color, full_color = sc.run_color(small_run), sc.run_color(full_run)

        title = fit(label(self.text("compare_title"), TITLE_SIZE, weight="BOLD"), 7.0).to_corner(UL, buff=0.4)

        # Parameter sequences, left column
        def path_lines(walk, steps, color, run_name):
            w_path = [walk.init.w] + [s.w_after for s in steps]
            b_path = [walk.init.b] + [s.b_after for s in steps]
            head = label(self.run_label(run_name), TEXT_SIZE, color=color)
            w_row = math_tex("w:", r"\;\to\;".join(self.num(v) for v in w_path), size=32)
            b_row = math_tex("b:", r"\;\to\;".join(self.num(v) for v in b_path), size=32)
            w_row[0].set_color(c.w)
            b_row[0].set_color(c.b)
            return VGroup(head, w_row, b_row).arrange(DOWN, aligned_edge=LEFT, buff=0.18), w_path, b_path

        small_block, sw, sb = path_lines(small, small_steps, small_color, small_run)
        full_block, fw, fb = path_lines(full, [full_step], full_color, full_run)
        left = VGroup(small_block, full_block).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        fit(left, 6.4).next_to(title, DOWN, aligned_edge=LEFT, buff=0.45)

        # The (w, b) plane with both paths
        axes, decor = param_axes(sw + fw, sb + fb, *PLOT_SIZE, lambda v: self.num(v), size=20, color=c.faint)
        VGroup(axes, decor).move_to(PLOT_CENTER)
        start = Dot(axes.c2p(float(sw[0]), float(sb[0])), color=c.foreground, radius=0.06)

        def arrows(ws, bs, color):
            return [Arrow(axes.c2p(float(ws[i]), float(bs[i])), axes.c2p(float(ws[i + 1]), float(bs[i + 1])),
                          buff=0, color=color, stroke_width=4, max_tip_length_to_length_ratio=0.15,
                          tip_length=0.2) for i in range(len(ws) - 1)]

        small_arrows = arrows(sw, sb, small_color)
        full_arrows = arrows(fw, fb, full_color)
        step_labels = VGroup(*(math_tex(self.num(i + 1), size=24, color=small_color).next_to(a.get_center(), UP, buff=0.1)
                               for i, a in enumerate(small_arrows)))

        # whether the path swings, and whether the full batch's step is the shorter, is measured (mathcore.verdicts)
        # each step's arrow grows while the words tell it: the swing is seen as it is said
        small_said = compare_small(self.lesson, self.entry, self.language)
        with self.beat(small_said):
            self.play(FadeIn(title), Create(decor), run_time=1.2)
            self.play(FadeIn(start), FadeIn(small_block[0]), run_time=0.6)
            self.play(Write(small_block[1]), Write(small_block[2]), run_time=1.5)
            each = self.filling(small_said, 3.3, len(small_arrows)) / max(len(small_arrows), 1)
            for a, lab in zip(small_arrows, step_labels):
                self.play(GrowArrow(a), FadeIn(lab), run_time=each)
        full_said = compare_full(self.lesson, self.entry, self.language)
        with self.beat(full_said):
            self.play(FadeIn(full_block[0]), Write(full_block[1]), Write(full_block[2]), run_time=1.5)
            for a in full_arrows:
                self.play(GrowArrow(a), run_time=1.0)
            # "one step, shorter (or longer) than the small batch's steps": the steps lit in turn, the full one last
            compared = small_arrows + full_arrows
            for k, a in enumerate(compared):
                self.play(Indicate(a, color=c.foreground, scale_factor=1.15),
                          run_time=max(self.time_left() / (len(compared) - k), 0.5))

        # At one point, the full-batch gradient is the mean of the batches' gradients
        # every batch of the epoch, also those a run that stops short never steps with: the identity is the epoch's
        dec = decompose_gradient(sc.problem(), small.init.w, small.init.b, first_epoch_batches(self.lesson, small_run))
        vec = lambda dw, db: rf"\begin{{pmatrix}}{self.num(dw)}\\{self.num(db)}\end{{pmatrix}}"
        k = len(dec.batches)
        # the full gradient is the mean of the batch gradients only when the batches are equal in size
        # and cover every sample once: the sign says which, computed from the values
        signs = {relation(dec.full.dw, dec.mean_dw), relation(dec.full.db, dec.mean_db)}
        sign = "≠" if "≠" in signs else "≈" if "≈" in signs else "="
        mean_eq = math_tex(r"\nabla L_{\text{full}}", "=", vec(dec.full.dw, dec.full.db), TEX[sign],
                       rf"\tfrac{{1}}{{{self.num(k)}}}\Big[", " + ".join(vec(e.dw, e.db) for e in dec.batches), r"\Big]",
                       size=40)
        mean_eq[2].set_color(full_color)
        # wrapped, not shrunk: a long sentence stays readable
        note = wrapped_label(self.text("compare_same_point", w=fmt(dec.w), b=fmt(dec.b)), SMALL_SIZE + 2, 6.6,
                             color=c.muted)
        fit(mean_eq, 6.6, 1.5)
        VGroup(note, mean_eq).arrange(DOWN, aligned_edge=LEFT, buff=0.25).align_to(left, LEFT).to_edge(DOWN, buff=0.4)
        equal_word = self.text({"=": "equal", "≈": "equal_float", "≠": "not_equal"}[sign])
        mean_said = self.text("sub_compare_mean", w=fmt(dec.w), b=fmt(dec.b), k=k, dw=fmt(dec.full.dw),
                              db=fmt(dec.full.db), verdict=equal_word)
        with self.beat(mean_said):
            self.play(FadeIn(note), run_time=0.6)
            # the full gradient written, then the batches' mean beside it, as the sentence names them in turn
            self.play(Write(mean_eq[:3]), run_time=self.filling(mean_said, 0.6, 2.0) / 2)
            self.play(Write(mean_eq[3:]), run_time=self.filling(mean_said, 0.6, 2.0) / 2)
