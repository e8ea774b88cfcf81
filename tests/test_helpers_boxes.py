"""The recorders' boxes (tests/helpers_boxes.py) are manim's own get_corner, on the shapes scenes draw."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DL, UR, Arrow, Axes, Circle, Dot, Group, Line, Mobject, Square, VGroup, VMobject

from scenes.kinds.style import label
from tests.helpers_boxes import box


def _shapes():
    arc = Circle(radius=1.3).shift([2, -1, 0]).rotate(0.4)  # handles reach past the anchors
    single = VMobject()
    single.set_points(np.array([[0.5, -0.25, 0.0]]))
    bare = Mobject()
    bare.points = np.array([[1.0, 2.0, 0.0], [-3.0, 0.5, 1.0]])
    return {"circle": arc, "dot": Dot([1, 1, 0]), "arrow": Arrow([-2, 0, 0], [1, 2, 0]),
            "text": label("Batch size = 4, 批量", 30).shift([0.3, 0.7, 0]), "axes": Axes(x_range=[0, 5], y_range=[0, 3]),
            "vgroup": VGroup(Square(), Line([0, 0, 0], [4, -3, 0]), VGroup(arc.copy().scale(0.5))),
            "group of vector shapes": Group(arc.copy(), Dot([-4, 2, 0])),  # a plain group counts every point
            "single point": single, "plain mobject": bare, "empty": VGroup()}


SHAPES = ("circle", "dot", "arrow", "text", "axes", "vgroup", "group of vector shapes", "single point",
          "plain mobject", "empty")


@pytest.fixture
def shapes(tmp_path):
    """The shapes, made in the test (not at collection): a text writes its SVG into manim's media folder."""
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "ERROR"}):
        yield _shapes()


def test_every_shape_is_checked(shapes):
    assert tuple(shapes) == SHAPES


@pytest.mark.parametrize("name", SHAPES)
def test_a_box_is_manims_corners(shapes, name):
    mob = shapes[name]
    (left, bottom, _), (right, top, _) = mob.get_corner(DL), mob.get_corner(UR)
    assert box(mob) == (left, bottom, right, top)
    for member in mob.get_family():
        (left, bottom, _), (right, top, _) = member.get_corner(DL), member.get_corner(UR)
        assert box(member) == (left, bottom, right, top)


def test_a_plain_group_of_curves_is_not_boxed_by_their_anchors():
    """The case that tells the two rules apart: a circle's handles reach past its anchors."""
    circle = Circle().rotate(0.4)
    assert box(Group(circle))[2] > box(circle)[2]
