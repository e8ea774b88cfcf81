"""A short 3D shot: the loss surface as a low-poly sheet, with the runs' paths lying on it.

Cairo draws 3D slowly (about half a second per frame at any resolution), so the
sheet has few faces and the shot lasts a few seconds.
"""

from __future__ import annotations


import numpy as np
from manim import DEGREES, UL, Create, FadeIn, Surface, ThreeDScene, VGroup, VMobject, linear, rgb_to_color

from mathcore.optimum import find_optimum
from mathcore.surface import loss_function
from mathcore.view import clip_path, fit_view, thin_indices
from mathcore.walkthrough import dataset_loss
from scenes.kinds.colormap import colormap
from scenes.kinds.lesson_scene import LessonScene
from scenes.scenario.judged import surface3d_said
from scenes.kinds.style import TITLE_SIZE, fit, label

RESOLUTION = (14, 14)  # faces per side: each costs render time in every frame
HEIGHT = 2.6  # screen height of the tallest point shown
SIDE = 5.5  # screen size of the (w, b) square


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
            paths.add(line)

        title = fit(label(self.text("surface3d_title"), TITLE_SIZE, weight="BOLD"), 12.0).to_corner(UL, buff=0.35)
        self.add_fixed_in_frame_mobjects(title)
        self.remove(title)
        self.set_camera_orientation(phi=62 * DEGREES, theta=-60 * DEGREES, zoom=0.95)
        with self.beat(surface3d_said(self.lesson, self.entry, self.language)):  # "jumps" only when it does
            self.play(FadeIn(title), FadeIn(sheet), run_time=1.0)
            self.begin_ambient_camera_rotation(rate=0.12)
            self.play(*(Create(p) for p in paths), run_time=e.seconds - 1.0, rate_func=linear)
            self.stop_ambient_camera_rotation()
