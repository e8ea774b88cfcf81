"""The measured trade-offs of batch size on the lesson's own data, the time they cost on given hardware, and the
restaurant-table picture of memory."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Circle,
    Create,
    Cross,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    Star,
    VGroup,
    Write,
)

from mathcore import to_fraction
from mathcore.formatting import format_whole
from mathcore.hardware_cost import Hardware, batch_costs, fastest
from mathcore.study_report import compare_scales, linear_scaling, linear_scaling_rate, supported_rounding
from mathcore.ticks import nice_ticks
from mathcore.verdicts import (
    FASTEST_MARGIN,
    critical_below_smallest,
    fastest_batch,
    fit_good,
    linear_scaling_holds,
    stability_sets_rate,
    steps_in_proportion,
)
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.log_plot import LogLogPlot
from scenes.kinds.style import SMALL_SIZE, TEXT_SIZE, TITLE_SIZE, fit, label, wrapped_label
from scenes.kinds.style import math_tex as tex
from scenes.kinds.tradeoffs.entry import TradeoffsEntry
from scenes.scenario.judged import tradeoffs_title

PARETO_SIZE, PARETO_CENTER = (5.3, 3.7), np.array([-3.35, -0.55, 0])  # beside the learning-rate plot
PARETO_ALONE_SIZE, PARETO_ALONE_CENTER = (8.8, 4.3), np.array([0.4, -0.35, 0])  # no research page: the whole width
LABEL_GAP = 0.15  # the least air between a point's name and any other mark or name
LR_SIZE, LR_CENTER = (4.9, 3.7), np.array([3.85, -0.55, 0])
BARS_SIZE, BARS_CENTER = (5.6, 3.4), np.array([-3.3, 0.0, 0])
SEAT = 0.09  # radius of a seat at a table
CURVE_POINTS = 120


class TradeoffsScene(LessonScene[TradeoffsEntry]):
    kind = "tradeoffs"

    def construct(self):
        e, c = self.entry, self.colors
        report = self.lesson.study()
        study = report.study
        reached = study.reached
        m = self.measured
        hardware = Hardware(to_fraction(e.step_seconds), to_fraction(e.sample_seconds), e.memory_limit)
        costs = batch_costs(study.results, hardware)
        best = fastest(costs)
        heading = tradeoffs_title(self.lesson, e, self.language)
        title = fit(label(heading, TITLE_SIZE, weight="BOLD"), 12.5).to_corner(UL, buff=0.35)

        # Page 1, left: steps against samples to the target, one point per batch size, and the fitted hyperbola
        pareto = self.pareto_plot(report, *((PARETO_SIZE, PARETO_CENTER) if e.research else
                                            (PARETO_ALONE_SIZE, PARETO_ALONE_CENTER))) if reached else None
        self.drawn = {"pareto": pareto}  # for tests
        noise_note = None
        if report.start_noise.b_simple is not None:
            noise_note = fit(label(self.text("study_noise_label", b=m(report.start_noise.b_simple)), SMALL_SIZE,
                                   color=c.muted), 6.4).next_to(title, DOWN, buff=0.25).align_to(title, LEFT)
        target = self.num(report.shown_losses[2], tex=False)
        first, last = (reached[0], reached[-1]) if reached else (None, None)
        missing = [r.batch_size for r in study.results if not r.reached]
        unreached = "" if not missing or not reached else self.text(
            "study_unreached_clause", missing=", ".join(self.num(b, tex=False) for b in missing),
            limit=self.num(max(r.step_limit for r in study.results), tex=False))
        key = "sub_study_measured" if len(reached) >= 2 else "sub_study_measured_one" if reached else \
            "sub_study_measured_none"
        counts = sorted({r.seeds for r in study.results if r.batch_size < study.population} or {study.seeds})
        seeds = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"  # seeds were added where needed
        # the full batch is the same in every run: the study runs it once (mathcore.batch_size_study.simulate)
        full_once = any(r.batch_size >= study.population and r.seeds == 1 for r in study.results) and \
            any(r.batch_size < study.population for r in study.results)
        fields = dict(seeds=seeds, target=target, unreached=unreached,
                      full_once=self.text("study_full_batch_once") if full_once else "",
                      limit=self.num(max(r.step_limit for r in study.results), tex=False))
        if reached:
            fields.update(b0=first.batch_size, s0=format_whole(first.steps), e0=format_whole(first.samples),
                          b1=last.batch_size, s1=format_whole(last.steps), e1=format_whole(last.samples))
        said = self.text(key, **fields)
        falling = steps_in_proportion(study)
        if falling.holds is not None or not math.isnan(falling.measured):  # two batch sizes with steps to compare
            a, b = [r for r in reached if r.steps > 0][:2]
            said += self.text(falling.key("tradeoffs_steps_in_proportion"), b0=a.batch_size, b1=b.batch_size,
                              b_ratio=m(b.batch_size / a.batch_size), s0=format_whole(a.steps),
                              s1=format_whole(b.steps))
        with self.beat(said):
            self.play(FadeIn(title), run_time=0.8)
            if pareto is not None:  # one batch size's point after another, while their steps are said
                self.play(Create(pareto["frame"]), FadeIn(pareto["ticks"]), FadeIn(pareto["names"]), run_time=1.2)
                # each mark grows as it fades in: a slow fade alone is a still picture to the eye (and to frozen_share)
                self.play(LaggedStart(*(FadeIn(p, scale=0.2) for p in pareto["points"]), lag_ratio=0.6),
                          run_time=self.filling(said, 2.0, 1.5))
            else:
                self.wait(2.7)

        if e.research:
            self.research_page(report, study, pareto, noise_note)
        # Page 2: time to the target on this hardware, the restaurant tables, the choice
        if e.research:
            page1 = VGroup(*(mob for mob in (pareto["all"] if pareto else None, noise_note, self.research_lr_plot)
                             if mob is not None))
        else:  # only what was drawn: fading out the undrawn curve would flash it
            page1 = VGroup(*((pareto["frame"], pareto["ticks"], pareto["names"], pareto["points"]) if pareto else ()))
        self.practical_page(e, c, study, costs, best, hardware, page1, title)

    def research_page(self, report, study, pareto, noise_note) -> None:
        """Page 1 beyond the points: the fitted curve and critical batch size, the noise scale, the learning rates."""
        with self.beat(self.curve_text(report)):
            if pareto is not None and len(pareto["fit"]):
                self.play(Create(pareto["fit"]), run_time=1.5)
                self.play(FadeIn(pareto["critical"]), run_time=0.8)
            else:
                self.wait(2.3)
            self.wait(1.0)

        with self.beat(self.noise_text(report)):
            if noise_note is not None:
                self.play(FadeIn(noise_note), run_time=0.8)
            else:
                self.wait(0.8)
            self.wait(1.5)

        # Page 1, right: the tuned learning rate against batch size, its stability bound, linear scaling
        lr_plot = self.lr_plot(study)
        with self.beat(self.lr_text(study)):
            self.play(Create(lr_plot[0]), FadeIn(lr_plot[1]), run_time=1.2)
            self.play(Create(lr_plot[2]), run_time=1.5)
            self.wait(1.5)

        self.research_lr_plot = lr_plot

    def practical_page(self, e, c, study, costs, best, hardware, page1, title) -> None:
        """Page 2: time to the target on this hardware, the restaurant tables, the choice."""
        bars = self.cost_bars(costs, best, hardware)
        tables, room_note = self.tables()
        cost_said = self.cost_text(costs, best, hardware)
        with self.beat(cost_said):  # each batch size's time rises while the times are said
            self.play(FadeOut(page1), run_time=0.8)
            self.play(Create(bars[0]), FadeIn(bars[1]), run_time=1.0)
            self.play(LaggedStart(*(FadeIn(b, shift=0.2 * UP) for b in bars[2]), lag_ratio=0.6),
                      run_time=self.filling(cost_said, 1.8, 1.5))
        tables_key = "sub_tradeoffs_tables_unlimited" if e.memory_limit is None else \
            "sub_tradeoffs_tables" if e.memory_limit < study.population else "sub_tradeoffs_tables_all_fit"
        tables_said = self.text(tables_key, n=study.population,
                                limit=self.num(e.memory_limit, tex=False) if e.memory_limit else "")
        with self.beat(tables_said):  # the tables set one by one, small to large, as the analogy is told
            self.play(LaggedStart(*(FadeIn(t) for t in tables), lag_ratio=0.8), run_time=self.filling(tables_said, 0.6, 2.0))
            self.play(FadeIn(room_note), run_time=0.6)
        advice = fit(label(self.text("advice", best=best.batch_size) if best else self.text("advice_none"),
                           TEXT_SIZE, color=c.foreground), 12.5)
        # the answer under the title's question, clear of the bottom edge where subtitles are shown
        advice.next_to(title, DOWN, buff=0.3).align_to(title, LEFT)
        self.drawn["advice"] = advice  # for tests
        advice_said = self.text("sub_advice", best=best.batch_size) if best else self.text("sub_advice_none")
        with self.beat(advice_said):
            self.play(Write(advice), run_time=self.filling(advice_said, 1.0, 1.5))
            if best is not None:
                self.play(Indicate(bars[3], color=c.prediction), run_time=1.0)
            else:
                self.wait(1.0)

    # Texts whose wording the computed values decide
    def curve_text(self, report) -> str:
        """The hyperbola story only when the fit is good (mathcore.verdicts.fit_good), with the critical batch size
        rounded to what its interval supports."""
        fit_ = report.fit
        if fit_.reason:
            return self.text(f"sub_study_curve_{fit_.reason}")
        good = fit_good(fit_)
        span = report.critical_interval
        if span is None or good.holds is False:
            return self.text(good.key("tradeoffs_fit_good"), error=self.percent(good.measured), b_crit="", lo="",
                             hi="")
        value, lo, hi = supported_rounding(fit_.b_noise, span)
        said = self.text(good.key("tradeoffs_fit_good"), error=self.percent(good.measured), b_crit=self.measured(value),
                         lo=self.measured(lo), hi=self.measured(hi))
        below = critical_below_smallest(report)
        if good.holds or below.holds:  # the story below/above the critical batch size, or that all are above it
            said += self.text(below.key("tradeoffs_critical_below_smallest"),
                              smallest=report.study.results[0].batch_size)
        return said

    def percent(self, share: float) -> str:
        return self.measured(100 * share) + "%"

    def noise_text(self, report) -> str:
        m, noise = self.measured, report.start_noise
        if noise.b_simple is None:
            return self.text("sub_study_noise_at_optimum")
        path = ""
        if len(report.path_noise) >= 2 and report.path_noise[-1][3] is not None:
            end = report.path_noise[-1][3]
            path = self.text("study_path_grows" if end > noise.b_simple else "study_path_falls", b_end=m(end))
        crit = report.fit.b_noise
        if crit is None:
            return self.text("sub_study_noise_unfitted", b_simple=m(noise.b_simple), path=path)
        if report.critical_interval is not None:  # as its interval supports; the ratio to the number said
            crit = supported_rounding(crit, report.critical_interval)[0] or crit
        side, ratio = compare_scales(float(noise.b_simple), float(crit))
        return self.text(f"sub_study_noise_{side}", b_simple=m(noise.b_simple), b_crit=m(crit), ratio=m(ratio),
                         path=path)

    def lr_text(self, study) -> str:
        m, reached = self.measured, study.reached
        if not reached:
            return self.text("sub_study_lr_none")
        model = self.text("study_bound_shuffled" if all(r.bound_model == "shuffled_epochs" for r in study.results)
                          else "study_bound_independent")
        edge = self.text(stability_sets_rate(study).key("tradeoffs_stability_sets_rate")) + \
            self.text("study_bound_clause", model=model)
        scaling = linear_scaling(study)
        if scaling is None:
            return self.text("sub_study_lr_one", lr0=m(reached[0].learning_rate), edge=edge)
        holds = linear_scaling_holds(study).holds
        key = "sub_study_lr_proportional" if holds else "tradeoffs_linear_scaling_holds_undecided" if holds is None \
            else "sub_study_lr_less" if scaling.lr_ratio < scaling.size_ratio else "sub_study_lr_more"
        if key in ("sub_study_lr_proportional", "sub_study_lr_less") and self.lesson.study().fit.b_noise is None:
            key += "_no_critical"  # no critical batch size was stated: the rule is not told as relative to one
        return self.text(key, lr0=m(scaling.first.learning_rate),
                         b0=scaling.first.batch_size, lr1=m(scaling.last.learning_rate), b1=scaling.last.batch_size,
                         lr_ratio=m(scaling.lr_ratio), b_ratio=m(scaling.size_ratio), edge=edge)

    def cost_text(self, costs, best, hardware) -> str:
        fields = dict(a=self.num(hardware.step_seconds, tex=False), b=self.num(hardware.sample_seconds, tex=False))
        too_big = hardware.memory_limit is not None and any(not c.fits for c in costs)
        fields["memory"] = self.text("study_memory_clause", limit=hardware.memory_limit) if too_big else ""
        usable = [c for c in costs if c.fits and c.seconds is not None]
        if best is None:
            return self.text("sub_study_cost_none", **fields)
        fields.update(best=best.batch_size, seconds=self.measured(best.seconds))
        if len(usable) == 1:
            return self.text("sub_study_cost_one", **fields)
        slowest = max(usable, key=lambda c: (c.seconds, -c.batch_size))
        said = self.text("sub_study_cost", slowest=slowest.batch_size, slowest_seconds=self.measured(slowest.seconds),
                         **fields)
        verdict = fastest_batch(costs)
        if verdict.holds is None:  # the runner-up is within the margin: say they tie
            runner = sorted(usable, key=lambda c: (c.seconds, c.batch_size))[1]
            said += self.text("tradeoffs_fastest_batch_undecided", runner=runner.batch_size,
                              seconds=self.measured(runner.seconds), margin=self.measured(100 * FASTEST_MARGIN))
        return said

    # Pictures
    def axis_names(self, frame, y_key: str, x_key: str) -> VGroup:
        """The y axis's name above the frame's left corner, the x axis's below its tick labels."""
        name = lambda key: fit(label(self.text(key), SMALL_SIZE - 2, color=self.colors.muted), frame.width)
        return VGroup(name(y_key).next_to(frame, UP, buff=0.12).align_to(frame, LEFT),
                      name(x_key).next_to(frame, DOWN, buff=0.5))

    def tick(self, value):
        return tex(self.num(value), size=20, color=self.colors.faint)

    def pareto_plot(self, report, size, center) -> dict:
        c, study, fit_ = self.colors, report.study, report.fit
        reached = [r for r in study.reached if r.steps > 0]
        if not reached:
            return None
        xs = [r.samples for r in reached] + [r.samples_interval[0] for r in reached]
        ys = [r.steps for r in reached] + [r.steps_interval[0] for r in reached]
        xs += [r.samples_interval[1] for r in reached if r.samples_interval[1] is not None]
        ys += [r.steps_interval[1] for r in reached if r.steps_interval[1] is not None]
        if fit_.b_noise is not None:  # the corner of the hyperbola, where the critical batch size sits
            xs += [fit_.e_min, fit_.critical_point[0]]
            ys += [fit_.s_min, fit_.critical_point[1]]
        plot = LogLogPlot((min(xs), max(xs)), (min(ys), max(ys)), size, self.tick, c.faint)
        plot.move_to(center)
        names = self.axis_names(plot.frame, "study_steps_axis", "study_samples_axis")
        marks = []  # (result, its error bars, its dot): every mark is drawn before any name is placed
        for r in reached:
            color = c.batch_color(r.batch_size)
            bars = VGroup()
            (s_lo, s_hi), (e_lo, e_hi) = r.steps_interval, r.samples_interval
            if s_hi is not None and e_hi is not None:  # the bootstrap 90% intervals of the medians, with end caps
                cap = 0.06
                for a, b_, across in ((plot.point(r.samples, s_lo), plot.point(r.samples, s_hi), RIGHT),
                                      (plot.point(e_lo, r.steps), plot.point(e_hi, r.steps), UP)):
                    bars.add(Line(a, b_, color=color, stroke_width=2.5))
                    bars.add(*(Line(end - cap * across, end + cap * across, color=color, stroke_width=2.5)
                               for end in (a, b_)))
            marks.append((r, bars, Dot(plot.point(r.samples, r.steps), radius=0.07, color=color)))
        # a name may sit on no dot, no error bar and no other name (each bar line apart: a cross's box is too big)
        taken = [m for _, bars, dot in marks for m in (dot, *bars)]
        points = VGroup()
        for r, bars, dot in marks:
            name = self.place_label(tex(r"B =", self.num(r.batch_size), size=22, color=c.batch_color(r.batch_size)),
                                    dot, taken, plot)
            points.add(VGroup(bars, dot, name))
        curve = VGroup()
        critical = VGroup()
        if fit_.b_noise is not None:
            lo, hi = min(r.batch_size for r in reached) / 8, max(r.batch_size for r in reached) * 8
            sizes = np.geomspace(min(lo, fit_.b_noise / 4), max(hi, fit_.b_noise * 4), CURVE_POINTS)
            steps = [fit_.steps(b) for b in sizes]
            curve.add(plot.curve([s * b for s, b in zip(steps, sizes)], steps, stroke_color=c.foreground,
                                 stroke_width=3, stroke_opacity=0.8))
            corner = plot.point(*fit_.critical_point)
            star = Star(n=5, outer_radius=0.14, color=c.loss, fill_opacity=1).move_to(corner)
            span = report.critical_interval
            if span is not None:  # rounded to what the interval supports, the interval beside it
                value, lo, hi = supported_rounding(fit_.b_noise, span)
                name = self.text("study_critical_interval", b=self.measured(value), lo=self.measured(lo),
                                 hi=self.measured(hi))
            else:
                name = self.text("study_critical", b=self.measured(fit_.b_noise))
            legend = fit(label(self.text("study_fit"), SMALL_SIZE - 4, color=c.foreground), PARETO_SIZE[0] - 0.3)
            legend.move_to(plot.frame.get_corner(UR) + np.array([-0.15, -0.15, 0]), aligned_edge=UR)
            curve.add(legend)
            taken.append(legend)  # the critical batch size's name keeps clear of the curve's legend too
            critical.add(star, self.place_label(label(name, SMALL_SIZE - 2, color=c.loss), star, taken, plot))
        everything = VGroup(plot, names, points, curve, critical)
        return {"frame": VGroup(plot.frame, plot.axes), "ticks": plot.ticks, "names": names, "points": points,
                "fit": curve, "critical": critical, "all": everything}

    @staticmethod
    def place_label(mob, anchor, taken: list, plot):
        """Beside ``anchor``: the first place, nearest first, where it stays inside the plot and ``LABEL_GAP`` clear
        of everything in ``taken`` (the marks and the names placed so far)."""
        frame = plot.frame
        for gap in (LABEL_GAP, LABEL_GAP / 3):  # less air beside its point rather than a name far from it
            for buff in (0.1, 0.3):
                for side in (UR, RIGHT, DOWN + RIGHT, UL, LEFT, DOWN + LEFT, DOWN, UP):
                    mob.next_to(anchor, side, buff=buff)
                    inside = (mob.get_left()[0] >= frame.get_left()[0] and mob.get_right()[0] <= frame.get_right()[0]
                              and mob.get_bottom()[1] >= frame.get_bottom()[1] and mob.get_top()[1] <= frame.get_top()[1])
                    if inside and not any(_overlap(mob, other, gap) for other in taken):
                        taken.append(mob)
                        return mob
        # no place fits beside the anchor (a long label): the first free inside corner of the frame
        for corner in (DOWN + LEFT, UP + LEFT, DOWN + RIGHT):
            mob.move_to(frame.get_corner(corner) - 0.12 * corner, aligned_edge=corner)
            if not any(_overlap(mob, other, LABEL_GAP) for other in taken):
                break
        taken.append(mob)
        return mob

    def lr_plot(self, study) -> VGroup:
        c = self.colors
        results = study.results
        sizes = [r.batch_size for r in results]
        rates = [r.stable_lr for r in results] + [r.learning_rate for r in results if r.reached] + \
            [r.measured_edge for r in results if r.measured_edge is not None]
        plot = LogLogPlot((min(sizes), max(sizes)), (min(rates), max(rates)), LR_SIZE, self.tick, c.faint)
        plot.move_to(LR_CENTER)
        axis = self.axis_names(plot.frame, "study_lr_axis", "batch_size_axis")
        bound = plot.curve(sizes, [r.stable_lr for r in results], stroke_color=c.loss, stroke_width=3)
        reached = study.reached
        tuned = VGroup(plot.curve([r.batch_size for r in reached], [r.learning_rate for r in reached],
                                  stroke_color=c.foreground, stroke_width=4),
                       *(Dot(plot.point(r.batch_size, r.learning_rate), radius=0.06, color=c.batch_color(r.batch_size)) for r in reached))
        edges = VGroup(*(Cross(Dot(plot.point(r.batch_size, r.measured_edge), radius=0.06), stroke_color=c.loss,
                                   stroke_width=3, scale_factor=1.0)
                         for r in results if r.measured_edge is not None))  # where runs were seen to diverge
        scaling = VGroup()
        if len(reached) >= 1:
            r0 = reached[0]
            grid = np.geomspace(r0.batch_size, max(sizes), CURVE_POINTS)
            line = plot.curve(grid, [linear_scaling_rate(r0, b) for b in grid], stroke_color=c.muted,
                              stroke_width=2)
            if len(line.points):
                scaling.add(DashedVMobject(line, num_dashes=24))
        model = self.text("study_bound_shuffled" if all(r.bound_model == "shuffled_epochs" for r in results)
                          else "study_bound_independent")
        keys = [(c.foreground, self.text("study_lr_tuned"), 5), (c.loss, self.text("study_lr_bound_used", model=model), 3),
                (c.muted, self.text("study_lr_linear"), 2)]
        if len(edges):
            keys.append((c.loss, self.text("study_lr_edge"), 0))
        mark = lambda col, w: Line(np.zeros(3), 0.35 * RIGHT, color=col, stroke_width=w) if w else \
            Cross(Dot(radius=0.06), stroke_color=col, stroke_width=3, scale_factor=1.0)
        legend = VGroup(*(VGroup(mark(col, w), label(k, SMALL_SIZE, color=col)).arrange(RIGHT, buff=0.12)
                          for col, k, w in keys)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        fit(legend, LR_SIZE[0] * 0.75).move_to(plot.frame.get_corner(DOWN + RIGHT) + np.array([-0.12, 0.12, 0]),
                                               aligned_edge=DOWN + RIGHT)
        return VGroup(VGroup(plot.frame, plot.axes, plot.ticks, axis), legend, VGroup(bound, edges, scaling, tuned))

    def cost_bars(self, costs, best, hardware) -> VGroup:
        c = self.colors
        known = [float(x.seconds) for x in costs if x.seconds is not None] or [1.0]
        top = max(known) * 1.12
        frame = Rectangle(width=BARS_SIZE[0], height=BARS_SIZE[1], color=c.faint, stroke_width=1.5).move_to(BARS_CENTER)
        base_y, left_x = frame.get_bottom()[1], frame.get_left()[0]
        to_y = lambda v: base_y + BARS_SIZE[1] * float(v) / top
        slot = BARS_SIZE[0] / len(costs)
        texts = self.axis_names(frame, "study_cost_axis", "study_batch_axis")
        a, b = self.num(hardware.step_seconds, tex=False), self.num(hardware.sample_seconds, tex=False)
        line = self.text("study_hardware_unlimited", a=a, b=b) if hardware.memory_limit is None else \
            self.text("study_hardware", a=a, b=b, limit=self.num(hardware.memory_limit, tex=False))
        texts.add(wrapped_label(line, SMALL_SIZE - 4, BARS_SIZE[0], color=c.muted).next_to(texts[1], DOWN, buff=0.12))
        for t in nice_ticks(0, top, 4):
            texts.add(self.tick(t).next_to([left_x, to_y(t), 0], LEFT, buff=0.1))
        bars, chosen = VGroup(), VGroup()
        for k, cost in enumerate(costs):
            x = left_x + slot * (k + 0.5)
            name = fit(tex(self.num(cost.batch_size), size=20, color=c.batch_color(cost.batch_size)), slot * 0.9)
            name.next_to([x, base_y, 0], DOWN, buff=0.1)
            if cost.seconds is None:
                mark = fit(label(self.text("study_not_reached"), SMALL_SIZE - 6, color=c.faint), slot * 0.95)
                bars.add(VGroup(name, mark.next_to([x, base_y, 0], UP, buff=0.1)))
                continue
            is_best = best is not None and cost.batch_size == best.batch_size
            color = c.batch_color(cost.batch_size) if cost.fits else c.faint  # each batch size in its colour
            bar = Rectangle(width=slot * 0.6, height=max(to_y(cost.seconds) - base_y, 0.01),
                            stroke_width=4 if is_best else 0, stroke_color=c.foreground,
                            fill_color=color, fill_opacity=0.9 if cost.fits else 0.35)
            bar.move_to([x, base_y, 0], aligned_edge=DOWN)
            group = VGroup(bar, name)
            if not cost.fits:
                group.add(Cross(bar, stroke_color=c.loss, stroke_width=3, scale_factor=0.6))
            if is_best or len(costs) <= 6:
                value = fit(label(self.text("study_seconds", seconds=self.measured(cost.seconds)), SMALL_SIZE - 6,
                                  color=color), slot * 1.6)
                group.add(value.next_to(bar, UP, buff=0.08))
            if is_best:
                chosen = group
            bars.add(group)
        return VGroup(frame, texts, bars, chosen)

    def tables(self):
        """Restaurant tables: seats = samples; the room holds tables up to the memory limit."""
        e, c = self.entry, self.colors
        tables = VGroup()
        for size in e.tables:
            cols = max(2, math.ceil(math.sqrt(size)))
            seats = VGroup(*(Circle(radius=SEAT, color=c.prediction, fill_opacity=0.9, stroke_width=0).move_to(
                [(k % cols) * 2.4 * SEAT, -(k // cols) * 2.4 * SEAT, 0]) for k in range(size)))
            top = RoundedRectangle(width=seats.width + 0.3, height=seats.height + 0.3, corner_radius=0.1,
                                   color=c.table, fill_opacity=0.35, stroke_width=2).move_to(seats)
            caption = tex(self.num(size), size=26).next_to(top, DOWN, buff=0.12)
            group = VGroup(top, seats, caption)
            if e.memory_limit is not None and size > e.memory_limit:
                group.add(Cross(top, stroke_color=c.loss, stroke_width=6))
            tables.add(group)
        tables.arrange(RIGHT, buff=0.4, aligned_edge=DOWN)
        fit(tables, 6.0, 3.0).move_to([3.8, 0.3, 0])
        note = wrapped_label(self.text("memory_note", limit=self.num(e.memory_limit, tex=False)) if e.memory_limit
                             else "", SMALL_SIZE, 6.2, color=c.muted)
        return tables, note.next_to(tables, DOWN, buff=0.3)


def _overlap(a, b, gap: float = 0.0) -> bool:
    """Whether the boxes of ``a`` and ``b`` come closer than ``gap``."""
    return not (a.get_right()[0] + gap <= b.get_left()[0] or b.get_right()[0] + gap <= a.get_left()[0]
                or a.get_top()[1] + gap <= b.get_bottom()[1] or b.get_top()[1] + gap <= a.get_bottom()[1])
