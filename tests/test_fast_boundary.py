"""Bounding points gathered as arrays (scenes.pipeline.fast_boundary) are manim's own: the same points, in the same
order, with the same shape and dtype, for the mobjects the lessons are made of; and the cases it leaves to manim
behave as manim does."""

import numpy as np
import pytest
from manim import Arrow, Axes, Circle, DashedLine, Dot, Group, Line, Mobject, Rectangle, Square, Text, VGroup, VMobject

from scenes.pipeline import fast_boundary
from scenes.pipeline.fast_boundary import MANIMS_OWN, _points_defining_boundary


def _cases():
    one_point = VMobject()
    one_point.points = np.array([[1.0, 2.0, 0.0]])
    moved = VGroup(Circle(radius=0.3).shift([1, 2, 0]), Square().rotate(0.4)).scale(1.7).set_opacity(0.4)
    return {
        "circle": Circle(),
        "square in a group": VGroup(Square(), VGroup(Dot(), Line([0, 0, 0], [3, 1, 0]))),
        "arrow (a tip is a part)": Arrow([0, 0, 0], [2, 1, 0]),
        "dashed line": DashedLine([0, 0, 0], [4, 0, 0]),
        "moved, scaled, rotated": moved,
        "axes with ticks": Axes(x_range=[0, 8, 1], y_range=[-1, 2, 1]),
        "text": Text("批量 B = 4, batch"),
        "one point": one_point,
        "empty group": VGroup(),
        "groups with empty members": VGroup(VGroup(), Rectangle(), VMobject()),
    }


CASES = ["circle", "square in a group", "arrow (a tip is a part)", "dashed line", "moved, scaled, rotated",
         "axes with ticks", "text", "one point", "empty group", "groups with empty members"]


def test_every_case_is_built():
    assert list(_cases()) == CASES


@pytest.mark.parametrize("name", CASES)  # built in the test: a text made while collecting writes into the checkout
def test_the_bounding_points_are_manims(name):
    mobject = _cases()[name]
    ours, manims = _points_defining_boundary(mobject), MANIMS_OWN(mobject)
    assert ours.shape == manims.shape and ours.dtype == manims.dtype
    assert np.array_equal(ours, manims)


def test_points_that_are_not_whole_curves_fail_as_in_manim():
    broken = VMobject()
    broken.points = np.zeros((6, 3))  # one curve and a half: manim's zip(strict=True) refuses it
    with pytest.raises(ValueError):
        MANIMS_OWN(broken)
    with pytest.raises(ValueError):
        _points_defining_boundary(broken)


def test_a_member_with_anchors_of_its_own_is_left_to_manim(monkeypatch):
    class Shifted(VMobject):
        def get_anchors(self):
            return [point + 1 for point in super().get_anchors()]

    shape = Shifted()
    shape.points = Square().points.copy()
    group = VGroup(Circle(), shape)
    assert np.array_equal(_points_defining_boundary(group), MANIMS_OWN(group))
    assert _points_defining_boundary(group).max() == pytest.approx(2.0)  # the shifted square's corner, 1 + 1


def test_a_render_installs_it():
    from scenes.pipeline.heavy import manim_api

    manim_api()
    assert VMobject.get_points_defining_boundary is fast_boundary._points_defining_boundary
    assert Group(Dot(), Mobject()).get_center().shape == (3,)  # a plain Mobject keeps manim's own
