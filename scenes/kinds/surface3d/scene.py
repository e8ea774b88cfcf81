"""A short 3D shot: the loss surface as a low-poly sheet, with the runs' paths lying on it.

Cairo draws 3D slowly (about half a second per frame at any resolution), so the
sheet has few faces and the shot lasts a few seconds.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    OUT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    Dot,
    FadeIn,
    Line,
    Star,
    Surface,
    ThreeDScene,
    VGroup,
    VMobject,
    linear,
    rgb_to_color,
)

from mathcore.optimum import find_optimum
from mathcore.surface import loss_function
from mathcore.view import clip_path, fit_view, thin_indices
from mathcore.walkthrough import dataset_loss
from scenes.kinds.colormap import colormap
from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import SMALL_SIZE, TITLE_SIZE, fit, label, math_tex
from scenes.scenario.judged import surface3d_said

RESOLUTION = (14, 14)  # faces per side: each costs render time in every frame
HEIGHT = 2.6  # screen height of the tallest point shown
SIDE = 5.5  # screen size of the (w, b) square
# the camera starts low (heights read) and ends looking down from above: seen from the side, a path that crosses a
# valley back and forth draws parallel ribs; from above, the zig-zag reads as one
MAX_STEP_DOTS = 400  # beyond this many steps the dots would merge into the line
START_PHI, END_PHI = 68 * DEGREES, 12 * DEGREES
START_THETA, END_THETA = -60 * DEGREES, -90 * DEGREES


class Surface3DScene(LessonScene, ThreeDScene):
    kind = "surface3d"

    def construct(self):
        sc, e = self.scenario, self.entry
        problem = sc.problem(sc.learning_rate_of(e))
        trajectories = [self.lesson.trajectory(r, problem.lr) for r in e.runs]
        start_loss = float(dataset_loss(problem, problem.init.w, problem.init.b))
        anchors = [(float(problem.init.w), float(problem.init.b))]
        opt = find_optimum(problem).params
        if opt is not None:
            anchors.append((float(opt.w), float(opt.b)))
        view = fit_view(anchors, [(t.w, t.b, t.full_loss, t.diverged_at is not None) for t in trajectories], start_loss)
        loss = loss_function(problem)
        # heights are clipped above the highest point a drawn path reaches, so that one steep wall
        # cannot flatten the rest while every path still lies on the sheet
        reached = [float(np.max(t.full_loss[np.isfinite(t.full_loss)])) for t in trajectories if t.diverged_at is None]
        top = 1.1 * max(reached + [start_loss])

        def point(w, b):
            x = (w - view.w_min) / (view.w_max - view.w_min) - 0.5
            y = (b - view.b_min) / (view.b_max - view.b_min) - 0.5
            z = min(loss(w, b), top) / top
            return np.array([SIDE * x, SIDE * y, HEIGHT * z])

        sheet = Surface(lambda u, v: point(u, v), u_range=[view.w_min, view.w_max], v_range=[view.b_min, view.b_max],
                        resolution=RESOLUTION, fill_opacity=0.75, stroke_width=0.4)
        # each face coloured by its height with the heatmap's ramp, interpolated in OKLab as in the paths scenes
        # (manim's colorscale blends in RGB)
        heights = np.array([face.get_center()[2] / HEIGHT for face in sheet])
        for face, rgb in zip(sheet, colormap(heights)):
            face.set_fill(rgb_to_color(rgb / 255), opacity=0.75)
        paths = VGroup()
        for k, t in enumerate(trajectories):
            clipped = clip_path(t.w, t.b, view)  # as in the paths scenes: cut where it leaves the sheet, on its edge
            drawn = thin_indices(len(clipped.w))
            ws, bs = clipped.w[drawn], clipped.b[drawn]
            # each step is a straight line in (w, b); lifted onto the sheet point by point, it follows the surface
            # instead of cutting through the air between two valley walls
            per_step = max(1, min(12, 4000 // max(len(ws), 1)))
            fractions = np.arange(per_step) / per_step
            dense_w = np.concatenate([ws[:-1, None] + fractions * np.diff(ws)[:, None], ws[-1:, None]], axis=None) \
                if len(ws) > 1 else ws
            dense_b = np.concatenate([bs[:-1, None] + fractions * np.diff(bs)[:, None], bs[-1:, None]], axis=None) \
                if len(bs) > 1 else bs
            pts = [point(w, b) + np.array([0, 0, 0.06]) for w, b in zip(dense_w, dense_b)]
            line = VMobject(stroke_color=sc.run_color(e.runs[k]), stroke_width=3 + 1.5 * k)
            if len(pts) >= 2:
                line.set_points_as_corners(pts)
            # a dot where each step lands marks the turns, so that a path crossing the valley back and forth reads
            # as a zig-zag, not as separate parallel strokes
            if len(ws) <= MAX_STEP_DOTS:
                corners = VGroup(*(Dot(point(w, b) + np.array([0, 0, 0.07]), radius=0.045,
                                       color=sc.run_color(e.runs[k])) for w, b in zip(ws, bs)))
                line = VGroup(line, corners)
            paths.add(line)

        title = fit(label(self.text("surface3d_title"), TITLE_SIZE, weight="BOLD"), 12.0).to_corner(UL, buff=0.35)
        legend = self.legend()
        axes, names = self.axes_and_names()
        star = VGroup()
        if opt is not None:  # the optimum, on the sheet, facing the camera
            star = Star(n=5, outer_radius=0.16, color=self.colors.on_heatmap, fill_opacity=1)
            star.move_to(point(float(opt.w), float(opt.b)) + np.array([0, 0, 0.08]))
        self.add_fixed_in_frame_mobjects(title, legend)
        self.add_fixed_orientation_mobjects(*names, star)
        self.remove(title, legend, *names, star)
        self.set_camera_orientation(phi=START_PHI, theta=START_THETA, zoom=0.95)
        self.drawn = {"legend": legend, "names": names, "star": star, "point": point, "sheet": sheet}  # for tests
        with self.beat(surface3d_said(self.lesson, self.entry, self.language)):  # "jumps" only when it does
            self.play(FadeIn(title), FadeIn(sheet), Create(axes), FadeIn(legend, *names, star), run_time=1.0)
            self.move_camera(phi=END_PHI, theta=END_THETA, run_time=e.seconds - 1.0, rate_func=linear,
                             added_anims=[Create(p, rate_func=linear) for p in paths])

    def axes_and_names(self):
        """Three edges of the box (w, b along the sheet's sides, loss upwards from their corner) and their names, each
        name outside the sheet as the camera sees it all along its move: w beyond its axis's end, away from the sheet;
        b on the floor beside the first quarter of its axis, outside the sheet (the wall at small w hides the axis's
        far end, and a name lifted above it drifts into the title); loss to the left of its axis's top
        (tests/test_layout_surface3d.py projects them)."""
        c, corner = self.colors, np.array([-SIDE / 2, -SIDE / 2, 0])
        ends = (corner + SIDE * RIGHT, corner + SIDE * UP, corner + HEIGHT * OUT)
        axes = VGroup(*(Line(corner, end, color=c.foreground, stroke_width=2) for end in ends))
        loss = label(self.text("loss_axis"), SMALL_SIZE + 4, color=c.loss)
        names = [math_tex("w", size=34, color=c.w).move_to(ends[0] + 0.3 * RIGHT + 0.3 * DOWN),
                 math_tex("b", size=34, color=c.b).move_to(corner + SIDE / 4 * UP + 0.9 * LEFT),
                 loss.move_to(ends[2] + (loss.width / 2 + 0.3) * LEFT)]
        return axes, names

    def legend(self) -> VGroup:
        """Each run's colour and name (its batch size's colour, as in every scene)."""
        rows = VGroup()
        for name in self.entry.runs:
            color = self.scenario.run_color(name)
            rows.add(VGroup(Line(ORIGIN, 0.4 * RIGHT, color=color, stroke_width=6),
                            label(self.run_label(name), SMALL_SIZE + 2, color=color)).arrange(RIGHT, buff=0.15))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        return fit(rows, 4.0).to_corner(UR, buff=0.4).shift(0.6 * DOWN)
