"""The loss surface with every run's (w, b) path, moving on a fair clock, beside the loss curves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Axes,
    Circle,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    Star,
    ValueTracker,
    VGroup,
    VMobject,
    config,
    linear,
)

from mathcore.drawn_path import turning_indices
from mathcore.formatting import MEASURED_DIGITS, format_same_digits, format_value
from mathcore.log_view import radial_log_view
from mathcore.trajectory import Trajectory
from mathcore.view import View, clip_path, envelope_indices, loss_axis
from mathcore.walkthrough import evaluate_batch, run_walkthrough
from scenes.kinds.fog.entry import heatmap_arrow_key
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.mobjects.loss_heatmap import loss_heatmap, radial_log_heatmap
from scenes.kinds.mobjects.param_plane import framed_axes
from scenes.kinds.paths.stability_words import stability_in_words
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, math_tex
from scenes.scenario.judged import (
    Judged,
    PathsPlan,
    bce_bounds,
    bce_outcome,
    paths_horizon,
    paths_plan,
    paths_race,
    paths_surface,
)

TITLE_WIDTH = 13.5  # the title runs above both panels, margin to margin (the curve panel starts below it)
BOTTOM_MARGIN = 0.45  # the bound note keeps this far from the frame's bottom edge (the surface's w label does too)
NOTE_HEIGHT = 1.2  # the bound note's two formulas need this much height to stay readable
BOUND_DIGITS = MEASURED_DIGITS  # a stability limit is a float threshold: three significant digits
SURFACE_SIZE = (6.2, 4.7)
SURFACE_CENTER = np.array([-2.75, -0.45, 0])
CURVE_SIZE = (4.6, 2.6)
CURVE_CENTER = np.array([4.15, 1.05, 0])
ANIMATION_SECONDS = 10.0
ARROW_LENGTH = 0.9  # screen length of the full-batch gradient arrow; minibatch arrows use the same scale
MAX_ARROW_LENGTH = 2.2  # a much longer minibatch arrow keeps its direction but is cut to this


@dataclass(frozen=True)
class PathData:
    name: str
    color: str
    trajectory: Trajectory
    clock: np.ndarray  # clock value of each kept point
    w: np.ndarray
    b: np.ndarray
    left_view: bool
    curve_clock: np.ndarray
    curve_loss: np.ndarray
    hollow: bool = False  # a second run of a batch size already shown: same colour, drawn as a hollow line


LEGEND_DIGITS = 3  # a legend compares runs: three significant digits tell them apart (style.digits may be 6)


def legend_digits(value) -> int:
    """LEGEND_DIGITS, or every digit before the point of a large loss (51770, not 51800: no invented zeros)."""
    whole = abs(float(value))
    return max(LEGEND_DIGITS, len(str(int(whole))) if whole < 1e15 else LEGEND_DIGITS)


class PathsScene(LessonScene):
    kind = "paths"

    def construct(self):
        plan = self.plan()
        title, axes, decor, heat, contours, markers = self.surface_panel(plan)
        curve_axes, curve_decor, clock_end, to_curve = self.curve_panel(plan)
        paths = self.build_paths(plan, clock_end, to_curve)
        tracker = ValueTracker(0.0)
        self.path_data, self.surface_axes = paths, axes  # for tests: what was drawn, and where
        self.traces = [self.trace(tracker, p, p.w, p.b, p.clock, axes) for p in paths]
        curves = [self.trace(tracker, p, p.curve_clock, p.curve_loss, p.curve_clock, curve_axes) for p in paths]
        legend, names, outcomes = self.legend(paths, curve_decor)
        bounds, bound_note = self.bound_note(plan, paths, legend)

        # Beats: the surface, the race on a fair clock, the outcome (and the gradient arrows)
        # the star: the optimum on a convex loss, the lowest minimum found on a non-convex one
        surface_text = paths_surface(self.lesson, self.entry, self.language, plan)
        with self.beat(surface_text):
            self.play(FadeIn(title), FadeIn(heat), Create(decor), run_time=1.2)
            # the contours draw themselves while colour, contours, star and start are being named
            self.play(Create(contours), FadeIn(markers), run_time=max(1.5, self.time_left() - 2.5))
            self.play(FadeIn(curve_decor), FadeIn(names), run_time=1.0)
            self.wait(1.0)
        self.add(*self.traces, *curves)
        self.bring_to_front(markers)  # the start and the optimum stay visible on top of every path
        clock_name = self.text("clock_" + self.entry.clock)
        race_text = paths_race(self.lesson, self.entry, self.language, plan, clock_name)
        with self.beat(race_text):
            # the runs move for as long as the clock is being explained, not 10 s and then a still picture
            seconds = max(ANIMATION_SECONDS, self.reading_time(race_text) - 1.0)
            self.play(tracker.animate.set_value(clock_end), run_time=seconds, rate_func=linear)
            self.wait(1.0)
        zoomed = any(p.left_view for p in paths)
        if zoomed:  # follow the runs that leave the picture instead of losing them at its edge
            self.follow_outwards(plan, paths, tracker, clock_end, (heat, contours, markers, decor))
        outcome_text = self.outcome_sentence(plan, paths, bounds)
        with self.beat(outcome_text):
            self.play(FadeIn(outcomes), run_time=0.6)
            if bound_note is not None:
                self.play(FadeIn(bound_note), run_time=0.8)
            exits = VGroup(*(self.exit_marker(axes, p) for p in paths if p.left_view and not zoomed))
            if len(exits):
                self.play(FadeIn(exits), run_time=0.6)
            # while the outcomes are read, the race runs again: a moving picture, not a still one under the numbers
            replay = self.time_left() - 1.0  # the beat's own length: the voice's when it speaks longer than one reads
            if replay >= 3.0:
                tracker.set_value(0.0)
                self.play(tracker.animate.set_value(clock_end), run_time=replay, rate_func=linear)
            self.wait(1.0)
        if self.entry.arrows is not None:
            self.show_gradient_arrows(plan.problem, axes, plan.view, self.entry.arrows)

    def fmt(self, value) -> str:
        return self.num(value, tex=False)

    # a stability limit is a float threshold, not a worked value: three significant digits ("≈0.038", not 0.0380223)
    def bound_text(self, value) -> str:
        return format_value(value, BOUND_DIGITS)

    def bound_tex(self, value) -> tuple[str, str]:
        text = format_value(value, BOUND_DIGITS, "tex")
        return ("\\approx", text[len("\\approx "):]) if text.startswith("\\approx ") else ("=", text)

    def plan(self) -> PathsPlan:
        """Computed values: trajectories, optimum, stability bound, and the view that holds them."""
        return paths_plan(self.lesson, self.entry)

    def surface_panel(self, plan: PathsPlan):
        """Left: the title, the loss heatmap with its contours, the start and the optimum."""
        entry, view, c = self.entry, plan.view, self.colors
        title_text = (entry.title.get(self.language) if entry.title else None) or \
            self.text("paths_title", lr=self.fmt(plan.lr))
        title = fit(label(title_text, TITLE_SIZE, weight="BOLD"), TITLE_WIDTH).to_corner(UL, buff=0.35)
        axes, decor = framed_axes((view.w_min, view.w_max), (view.b_min, view.b_max), *SURFACE_SIZE,
                                  lambda v: self.num(v), size=20, color=c.faint)
        VGroup(axes, decor).move_to(SURFACE_CENTER)
        heat, contours = loss_heatmap(plan.problem, view, axes, c.on_heatmap)
        markers = VGroup(Dot(axes.c2p(*plan.anchors[0]), color=c.on_heatmap, radius=0.07))
        if plan.found.params is not None:
            markers.add(Star(n=5, outer_radius=0.14, color=c.on_heatmap, fill_opacity=1).move_to(
                axes.c2p(*plan.anchors[1])))
        return title, axes, decor, heat, contours, markers

    def clock_of(self, plan: PathsPlan, name: str) -> np.ndarray:
        """Samples seen, or epochs: an epoch of a run is its n x repeat samples."""
        seen = plan.trajectories[name].samples_seen * 1.0
        if self.entry.clock == "epochs":
            return seen / (len(plan.problem.data) * self.scenario.runs[name].repeat)
        return seen

    def curve_panel(self, plan: PathsPlan):
        """Right: each run's whole-data loss against the clock. The loss axis holds every run up to its end or
        divergence (logarithmic when the losses span decades)."""
        entry = self.entry
        clock_end = max(float(self.clock_of(plan, name)[-1]) for name in plan.trajectories)
        # a diverging run's losses count too (they are finite up to its divergence): the axis goes logarithmic and
        # follows the run up, instead of letting its curve leave at the top
        bounded = [t.full_loss for t in plan.trajectories.values()]
        loss_scale = loss_axis(bounded, plan.start_loss)
        on_axis = (lambda v: np.log10(np.maximum(v, 1e-300))) if loss_scale.log else (lambda v: v)
        curve_axes, curve_decor = framed_axes((0, clock_end), (loss_scale.lo, loss_scale.hi), *CURVE_SIZE,
                                              lambda v: self.num(v), x_name=self.text("clock_" + entry.clock),
                                              y_name=self.text("loss_axis_log" if loss_scale.log else "loss_axis"),
                                              size=18, name_is_tex=False, y_log=loss_scale.log,
                                              color=self.colors.faint)
        VGroup(curve_axes, curve_decor[0], curve_decor[1], curve_decor[2][0]).move_to(CURVE_CENTER)
        # the axis name, turned upright, left of the tick labels (whose width depends on the numbers)
        fit(curve_decor[2][1].rotate(np.pi / 2), 1.0, CURVE_SIZE[1]).next_to(VGroup(curve_decor[0], curve_decor[1]),
                                                                           LEFT, buff=0.15)

        def to_curve(clock, loss):
            with np.errstate(divide="ignore", invalid="ignore"):
                return clip_path(clock, on_axis(loss), View(0, clock_end, loss_scale.lo, loss_scale.hi))
        return curve_axes, curve_decor, clock_end, to_curve

    def build_paths(self, plan: PathsPlan, clock_end, to_curve) -> list[PathData]:
        """Each run's path cut where it leaves the view, its loss curve, both thinned for drawing."""
        paths, colors_used = [], set()
        for name, traj in plan.trajectories.items():
            clipped = clip_path(traj.w, traj.b, plan.view)
            clock = self.clock_of(plan, name)
            kept = clock[: len(clipped.w)] if not clipped.left_view else np.append(clock[: clipped.exit_index],
                                                                                 clock[clipped.exit_index])
            curve = to_curve(clock, traj.full_loss)
            on_path, on_curve = turning_indices(clipped.w, clipped.b), envelope_indices(curve.b)
            color = self.scenario.run_color(name)
            paths.append(PathData(name, color, traj, kept[on_path], clipped.w[on_path], clipped.b[on_path],
                                  clipped.left_view, curve.w[on_curve], curve.b[on_curve], hollow=color in colors_used))
            colors_used.add(color)
        return paths

    def trace(self, tracker, path: PathData, points_w, points_b, clocks, on_axes):
        """A line drawn up to the tracker's clock, its points set again in every frame.

        The line is updated in place, not rebuilt: manim's ``become`` (always_redraw) aligns the old and the new
        line point by point in Python, which cost 0.3 s a frame for a 3,000-vertex path (875 s for a dry run)."""
        # the axes are linear: map every vertex to the screen once, not in every frame
        origin = np.array(on_axes.c2p(0, 0))
        unit_x, unit_y = np.array(on_axes.c2p(1, 0)) - origin, np.array(on_axes.c2p(0, 1)) - origin
        screen = origin + np.outer(points_w, unit_x) + np.outer(points_b, unit_y)
        # many-step (small-batch) paths thinner, so the steadier ones stay visible on top of them
        width = 2.0 if path.trajectory.steps > 60 else 3.5
        if path.hollow:
            width += 1.5  # room for the hollow core
        background = self.colors.background
        line = VMobject(stroke_color=path.color, stroke_width=width)
        # a dark edge keeps every run colour readable on every colour of the heatmap
        line.set_background_stroke(color=background, width=width + 2.5, opacity=0.85)
        dot = Dot(screen[0], color=path.color, radius=0.06)
        strokes = [line]
        if path.hollow:
            core = VMobject(stroke_color=background, stroke_width=width * 0.45)
            core.set_background_stroke(width=0)
            strokes.append(core)
            dot.set_fill(background).set_stroke(path.color, width=2)
        drawn = VGroup(*strokes, dot)

        def follow(_drawn):
            t = tracker.get_value()
            k = int(np.searchsorted(clocks, t, side="right"))
            pts = screen[:k]
            if 0 < k < len(clocks):
                f = (t - clocks[k - 1]) / (clocks[k] - clocks[k - 1]) if clocks[k] > clocks[k - 1] else 1.0
                pts = np.vstack([pts, screen[k - 1] + f * (screen[k] - screen[k - 1])])
            for stroke in strokes:
                if len(pts) >= 2:
                    stroke.set_points_as_corners(pts)
                else:
                    stroke.clear_points()
            dot.move_to(pts[-1] if len(pts) else screen[0])
        follow(drawn)
        drawn.add_updater(follow)
        return drawn

    def outcome(self, path: PathData) -> str:
        """A run's outcome for its legend row and the outcome sentence: the final loss at LEGEND_DIGITS."""
        t = path.trajectory
        return (self.text("diverged_at", step=t.diverged_at) if t.diverged_at
                else self.text("final_loss", loss=format_same_digits(t.full_loss[-1], legend_digits(t.full_loss[-1]))))

    def legend(self, paths, curve_decor):
        """Each run's colour and name now, its outcome once the paths have run."""
        legend, outcomes = VGroup(), VGroup()
        for p in paths:
            swatch = Line(ORIGIN, 0.4 * RIGHT, color=p.color, stroke_width=6)
            if p.hollow:
                swatch = VGroup(swatch, Line(ORIGIN, 0.4 * RIGHT, color=self.colors.background, stroke_width=2.5))
            name = VGroup(swatch, label(self.run_label(p.name), SMALL_SIZE, color=p.color)).arrange(RIGHT, buff=0.15)
            result = label(self.outcome(p), SMALL_SIZE - 2, color=self.colors.muted)
            legend.add(VGroup(name, result).arrange(RIGHT, buff=0.2))
            outcomes.add(result)
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        fit(legend, 5.4, 2.4).next_to(curve_decor, DOWN, buff=0.35).align_to(curve_decor[0], RIGHT)
        return legend, VGroup(*(row[0] for row in legend)), outcomes

    def bound_note(self, plan: PathsPlan, paths, legend):
        """Stability: the full batch's bound, and each run's worst batch (a batch of large x overshoots first)."""
        curvature, lr = plan.curvature, plan.lr
        if self.entry.stability == "words":  # the story is told in plain words, with no formula on screen
            return {}, None
        if curvature is not None:
            bounds = {p.name: self.lesson.stability(p.name) for p in paths}
            full, symbol = curvature.max_stable_lr, r"\lambda_{\max}"
        elif plan.problem.model == "logistic":  # the cross-entropy where it is most curved (mathcore.bce_stability)
            full, bounds = bce_bounds(self.lesson, self.entry)
            symbol = "L"
        else:
            return {}, None
        lines = [math_tex(r"\eta", *self.equals(lr), "<" if float(lr) < full else r"\geq",
                          rf"\frac{{2}}{{{symbol}}}", *self.bound_tex(full), size=30)]
        tightest = min(paths, key=lambda p: bounds[p.name].worst_batch_lr)
        worst = bounds[tightest.name]
        if worst.worst_batch_lr < full:
            size = self.num(self.scenario.runs[tightest.name].batch_size)
            worst_symbol = r"\lambda_{\max}(H_S)" if curvature is not None else "L_S"
            lines.append(math_tex(r"\eta", "<" if float(lr) < worst.worst_batch_lr else r"\geq",
                                  # the largest curvature among the run's own batches S of size B: no words,
                                  # so that every language reads it
                                  rf"\frac{{2}}{{\max_{{|S|={size}}}{worst_symbol}}}",
                                  *self.bound_tex(worst.worst_batch_lr), size=30))
        note = VGroup(*lines).arrange(DOWN, aligned_edge=RIGHT, buff=0.15)
        floor = -config.frame_height / 2 + BOTTOM_MARGIN
        room = legend.get_bottom()[1] - 0.2 - floor  # between the legend and the bottom margin
        if room < NOTE_HEIGHT:  # a long legend gives up height to the note: both stay inside the frame
            top_right = legend.get_corner(UR)
            legend.scale_to_fit_height(max(legend.height - (NOTE_HEIGHT - room), 0.5)).move_to(top_right, UR)
            room = legend.get_bottom()[1] - 0.2 - floor
        fit(note, 4.6, min(room, NOTE_HEIGHT + 0.4)).next_to(legend, DOWN, buff=0.2).align_to(legend, RIGHT)
        return bounds, note

    def outcome_sentence(self, plan: PathsPlan, paths, bounds) -> Judged:
        """Which sentence is true is computed: above the full batch's bound, above some run's worst batch, or
        neither; and whether each run came close to the optimum (scenes.scenario.judged.paths_horizon)."""
        separator = self.text("clause_separator")
        horizon = paths_horizon(self.lesson, self.entry, self.language, plan)
        if self.entry.stability == "words":
            # for beginners: the runs that diverged and how close the others came; each final loss is on the legend,
            # not read out as a list of numbers
            said = [p for p in paths if p.trajectory.diverged_at] if horizon.text else paths
            summary = separator.join([*(self.text("run_outcome", run=self.run_label(p.name), outcome=self.outcome(p))
                                        for p in said), *([horizon.text] if horizon.text else [])])
            words = stability_in_words(self.lesson, self.entry, self.language, plan, summary)
            return Judged(words.text, words.verdicts + horizon.verdicts)
        summary = separator.join(self.text("run_outcome", run=self.run_label(p.name), outcome=self.outcome(p))
                                 for p in paths)
        if horizon.text:
            summary += separator + horizon.text
        curvature, lr = plan.curvature, plan.lr
        if curvature is None and plan.problem.model == "logistic":  # the cross-entropy's limits, said not drawn
            return Judged(bce_outcome(self.lesson, self.entry, self.language, plan, summary, self.bound_text),
                          horizon.verdicts)
        overshooting = [p for p in paths if bounds.get(p.name) and float(lr) >= bounds[p.name].worst_batch_lr]
        bound = self.bound_text(curvature.max_stable_lr) if curvature is not None else "–"
        if curvature is not None and not curvature.is_stable(lr):
            key = "sub_diverged"
        elif overshooting:
            key = "sub_overshoot"
        elif curvature is not None:
            key = "sub_converged"
        else:
            key = "sub_outcome"
        overshoot = separator.join(self.text("worst_batch_bound", run=self.run_label(p.name),
                                             bound=self.bound_text(bounds[p.name].worst_batch_lr))
                              for p in overshooting)
        return Judged(self.text(key, lr=self.fmt(plan.lr), bound=bound, summary=summary, overshoot=overshoot),
                      horizon.verdicts)

    def follow_outwards(self, plan: PathsPlan, paths, tracker, clock_end, linear_panel):
        """Zoom out: the same panel with distance from the optimum (or the start) on a log scale, rings ten times
        farther apart, and the race run again so that every step of every run stays in the frame."""
        c, (heat, contours, markers, decor) = self.colors, linear_panel
        centre_key = "centre_star" if plan.found.params is not None else "centre_start"
        centre = plan.anchors[1] if plan.found.params is not None else plan.anchors[0]
        view = plan.view
        scale = max(view.w_max - view.w_min, view.b_max - view.b_min) / 2  # the linear view fits within ring "1"
        whole = [(plan.trajectories[p.name].w, plan.trajectories[p.name].b) for p in paths]
        log_view = radial_log_view(centre, scale, whole)
        half = (log_view.radius * SURFACE_SIZE[0] / SURFACE_SIZE[1], log_view.radius)
        axes = Axes(x_range=[-half[0], half[0], half[0]], y_range=[-half[1], half[1], half[1]],
                    x_length=SURFACE_SIZE[0], y_length=SURFACE_SIZE[1], tips=False,
                    axis_config={"include_ticks": False, "stroke_opacity": 0}).move_to(decor[0].get_center())
        log_heat, log_contours = radial_log_heatmap(plan.problem, log_view, axes, half, c.on_heatmap)
        unit = axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0]
        rings = VGroup()
        for distance in log_view.ring_distances():
            radius = log_view.drawn_radius(float(distance)) * unit
            ring = DashedVMobject(Circle(radius=radius, color=c.on_heatmap, stroke_width=1.5), num_dashes=40)
            ring.move_to(axes.c2p(0, 0))
            tag = math_tex(self.num(distance), size=26, color=c.on_heatmap)
            tag.move_to(axes.c2p(0, 0) + radius * np.array([np.cos(0.35), np.sin(0.35), 0]) + 0.22 * RIGHT)
            rings.add(VGroup(ring, tag))
        start_u, start_v = log_view.to_plane(*plan.anchors[0])
        log_markers = VGroup(Dot(axes.c2p(float(start_u), float(start_v)), color=c.on_heatmap, radius=0.07))
        if plan.found.params is not None:
            log_markers.add(Star(n=5, outer_radius=0.14, color=c.on_heatmap, fill_opacity=1).move_to(axes.c2p(0, 0)))
        note = fit(label(self.text("log_view_note", centre=self.text(centre_key)), SMALL_SIZE, color=c.muted),
                   SURFACE_SIZE[0]).next_to(decor[0], DOWN, buff=0.2)
        log_traces = []
        for p in paths:
            traj = plan.trajectories[p.name]
            u, v = log_view.to_plane(traj.w, traj.b)
            kept = turning_indices(u, v)  # the turns as drawn in this view
            log_traces.append(self.trace(tracker, p, u[kept], v[kept], self.clock_of(plan, p.name)[kept], axes))
        self.log_view, self.log_axes, self.log_traces = log_view, axes, log_traces  # for tests
        with self.beat(self.text("sub_zoom_out", centre=self.text(centre_key))):
            self.remove(*self.traces)
            self.play(FadeOut(heat, contours, markers, decor[1], decor[2]),
                      FadeIn(log_heat, log_contours, log_markers, note), run_time=1.5)
            self.play(Create(rings), run_time=1.0)
            tracker.set_value(0.0)
            self.add(*log_traces)
            self.bring_to_front(log_markers)
            self.play(tracker.animate.set_value(clock_end), run_time=max(4.0, self.time_left() - 0.5), rate_func=linear)

    def exit_marker(self, axes, path: PathData):
        point = axes.c2p(path.w[-1], path.b[-1])
        return VGroup(Line(point + 0.12 * (UP + LEFT), point + 0.12 * (DOWN + RIGHT), color=path.color, stroke_width=5),
                      Line(point + 0.12 * (UP + RIGHT), point + 0.12 * (DOWN + LEFT), color=path.color, stroke_width=5))

    def show_gradient_arrows(self, problem, axes, view, arrows_spec):
        """At chosen steps: the minibatch step direction beside the full-batch one, from the same point."""
        run = self.scenario.runs[arrows_spec.run]
        walk = run_walkthrough(problem, run.schedule(), epochs=run.epochs, steps=run.steps,
                               worked_steps=max(arrows_spec.steps))
        everything = range(len(problem.data))
        group = VGroup()
        for k in arrows_spec.steps:
            if k > len(walk.steps):
                continue
            s = walk.step(k)
            w, b = float(s.w_before), float(s.b_before)
            if not view.contains(w, b):
                continue
            full = evaluate_batch(problem, s.w_before, s.b_before, everything)
            origin = axes.c2p(w, b)
            full_vec = axes.c2p(w - float(full.dw), b - float(full.db)) - origin
            mini_vec = axes.c2p(w - float(s.dw), b - float(s.db)) - origin
            scale = ARROW_LENGTH / max(np.linalg.norm(full_vec), 1e-9)
            for vec, color in ((full_vec, self.colors.on_heatmap), (mini_vec, self.scenario.run_color(arrows_spec.run))):
                vec = vec * min(scale, MAX_ARROW_LENGTH / max(np.linalg.norm(vec), 1e-9))
                group.add(Arrow(origin, origin + vec, buff=0, color=color, stroke_width=4,
                                max_tip_length_to_length_ratio=0.2, tip_length=0.16))
        steps = self.text("list_comma").join(self.num(k, tex=False) for k in arrows_spec.steps)
        named = self.text(heatmap_arrow_key(self.colors.on_heatmap))  # the full-data arrow by its drawn colour
        with self.beat(self.text("sub_arrows", run=self.run_label(arrows_spec.run), steps=steps, arrow=named)):
            # one step's pair of arrows after another, for as long as they are being described
            pairs = [VGroup(group[k], group[k + 1]) for k in range(0, len(group), 2)]
            self.play(LaggedStart(*(Create(pair) for pair in pairs), lag_ratio=0.6),
                      run_time=max(2.0, self.time_left() - 1.0))
            self.wait(1.0)

