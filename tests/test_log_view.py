"""The log-distance view that follows a diverging path: it inverts, keeps directions, holds every step, and the
paths scene draws every step of the advanced seed lesson's diverging runs inside its frame."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from mathcore.log_view import RadialLogView, radial_log_view


def test_drawn_distance_is_log_of_one_plus_distance_in_the_same_direction():
    view = RadialLogView(1.0, -2.0, 0.5, 10.0)
    for w, b in [(1.0, -2.0), (1.3, -2.4), (-40.0, 7.0), (1e6, -3e5)]:
        u, v = view.to_plane(w, b)
        r = math.hypot(w - 1.0, b + 2.0) / 0.5
        assert math.hypot(float(u), float(v)) == pytest.approx(math.log(1 + r), rel=1e-12)
        if r > 0:  # same direction as seen from the centre
            assert float(u) * (b + 2.0) - float(v) * (w - 1.0) == pytest.approx(0.0, abs=1e-9 * r)
        back = view.from_plane(u, v)
        assert float(back[0]) == pytest.approx(w, rel=1e-9, abs=1e-12)
        assert float(back[1]) == pytest.approx(b, rel=1e-9, abs=1e-12)


def test_the_view_holds_every_point_and_rings_are_powers_of_ten():
    w = np.array([0.1, -4.4, 54.3, -15.2, 127.9])
    b = np.array([0.2, 3.0, -20.0, 8.0, -60.0])
    view = radial_log_view((0.18, -0.43), 0.35, [(w, b)])
    farthest = max(math.hypot(x - 0.18, y + 0.43) for x, y in zip(w, b))
    assert view.radius >= math.log(1 + farthest / 0.35)
    assert view.ring_distances() == [Fraction(1), Fraction(10), Fraction(100)]


@pytest.fixture(scope="module")
def diverging_paths_scene(tmp_path_factory):
    from manim import tempconfig

    from scenes.kinds.paths.scene import PathsScene
    from scenes.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    seed = load_scenario(SCENARIOS / "seed_advanced_en.yaml")  # its paths at the lesson rate, 0.1, diverge
    index = next(i for i, e in enumerate(seed.lesson) if e.scene == "paths" and e.learning_rate is None)
    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("paths")), "pixel_width": 160, "pixel_height": 90,
                     "frame_rate": 5, "format": "mp4", "verbosity": "ERROR", "progress_bar": "none",
                     "disable_caching": True}):
        scene = PathsScene(scenario=seed, entry=seed.lesson[index])
        scene.render()
    return scene, seed, seed.lesson[index]


def test_every_step_of_a_diverging_run_stays_in_the_frame(diverging_paths_scene):
    from mathcore.trajectory import run_trajectory

    scene, seed, entry = diverging_paths_scene
    assert any(p.left_view for p in scene.path_data)  # the seed's η = 0.1: the runs leave the linear view
    frame = scene.log_axes
    left, right = frame.c2p(frame.x_range[0], 0)[0], frame.c2p(frame.x_range[1], 0)[0]
    bottom, top = frame.c2p(0, frame.y_range[0])[1], frame.c2p(0, frame.y_range[1])[1]
    for trace, name in zip(scene.log_traces, entry.runs):
        run = seed.runs[name]
        traj = run_trajectory(seed.problem(), run.schedule(), epochs=run.epochs or 1)
        assert traj.diverged_at is not None
        line = trace[0]
        drawn = np.vstack([line.get_start_anchors(), line.get_end_anchors()[-1:]])
        assert len(drawn) == traj.steps + 1  # every step is drawn
        assert (drawn[:, 0] >= left - 1e-9).all() and (drawn[:, 0] <= right + 1e-9).all()
        assert (drawn[:, 1] >= bottom - 1e-9).all() and (drawn[:, 1] <= top + 1e-9).all()
        # and each vertex is that step's (w, b), drawn at log distance from the centre
        u, v = scene.log_view.to_plane(traj.w, traj.b)
        np.testing.assert_allclose([frame.p2c(p)[0] for p in drawn], u, atol=1e-6)
        np.testing.assert_allclose([frame.p2c(p)[1] for p in drawn], v, atol=1e-6)
