"""The 3D shot's axis names stand off the loss surface all along the camera's move: each name's box, where the
camera draws it (a name keeps facing the camera: its centre is projected, its size is not), covers no face of the
sheet as projected by the same camera. Checked with a small margin at five moments of the move, in both languages
(the loss axis's name is as wide as its words)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SCENARIOS, entry_index
from tests.helpers_layout import run_scene

pytestmark = pytest.mark.render  # runs the scene (unpainted): seconds

MARGIN = 0.05  # scene units of air around each name's box
MOMENTS = np.linspace(0, 1, 5)  # fractions of the camera's move, start to end
TITLE_BAND = 1.0  # scene units at the top of the frame: the title's line


def _inside_any(points: np.ndarray, quads: np.ndarray) -> np.ndarray:
    """For each of ``points`` (P x 2): whether it lies in any of the convex quadrilaterals ``quads`` (F x 4 x 2,
    either winding; on an edge counts), by the sign of the cross product along each edge (all at once in numpy)."""
    edges = np.roll(quads, -1, axis=1) - quads  # F x 4 x 2: corner i to corner i + 1
    to_point = points[:, None, None, :] - quads[None]  # P x F x 4 x 2
    crossings = edges[None, ..., 0] * to_point[..., 1] - edges[None, ..., 1] * to_point[..., 0]
    inside = (crossings >= 0).all(axis=2) | (crossings <= 0).all(axis=2)  # P x F
    return inside.any(axis=1)


def test_the_inside_test_finds_points_of_known_quads():
    square = [[0, 0], [2, 0], [2, 2], [0, 2]]
    turned = [[5, 0], [6, 1], [5, 2], [4, 1]]  # a diamond, the other winding
    points = np.array([[1, 1], [2, 1], [3, 1], [5, 1], [5.6, 1.6], [4.2, 0.2], [-0.1, 1]], dtype=float)
    assert _inside_any(points, np.array([square, turned[::-1]], dtype=float)).tolist() == \
        [True, True, False, True, False, False, False]


@pytest.fixture(scope="module", params=["seed.yaml", "seed_en.yaml"])
def scene(request):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / request.param)
    return run_scene(sc, entry_index(sc, "surface3d"))


def test_axis_names_never_cover_the_sheet(scene):
    from scenes.kinds.surface3d.scene import END_PHI, END_THETA, START_PHI, START_THETA

    camera, sheet = scene.camera, scene.drawn["sheet"]
    covered = []
    for f in MOMENTS:
        camera.set_phi(START_PHI + f * (END_PHI - START_PHI))
        camera.set_theta(START_THETA + f * (END_THETA - START_THETA))
        camera.reset_rotation_matrix()
        faces = np.array([camera.project_points(face.get_start_anchors()[:4])[:, :2] for face in sheet])
        for name in scene.drawn["names"]:
            centre = camera.project_point(name.get_center())
            half_w, half_h = name.width / 2 + MARGIN, name.height / 2 + MARGIN
            probes = np.array([centre[:2] + (x, y) for x in np.linspace(-half_w, half_w, 9)
                               for y in np.linspace(-half_h, half_h, 4)])
            hits = int(_inside_any(probes, faces).sum())
            if hits:
                covered.append((round(float(f), 2), getattr(name, "text", None) or name.get_tex_string(), hits))
    assert not covered, covered


def test_axis_names_stay_in_the_frame_below_the_title_and_apart(scene):
    from manim import config

    from scenes.kinds.surface3d.scene import END_PHI, END_THETA, START_PHI, START_THETA

    camera, names = scene.camera, scene.drawn["names"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    for f in MOMENTS:
        camera.set_phi(START_PHI + f * (END_PHI - START_PHI))
        camera.set_theta(START_THETA + f * (END_THETA - START_THETA))
        camera.reset_rotation_matrix()
        boxes = []
        for name in names:
            x, y = camera.project_point(name.get_center())[:2]
            boxes.append((x - name.width / 2, x + name.width / 2, y - name.height / 2, y + name.height / 2))
        for left, right, bottom, top in boxes:
            assert -half_w < left and right < half_w and -half_h < bottom and top < half_h - TITLE_BAND, (f, boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (f, a, b)
