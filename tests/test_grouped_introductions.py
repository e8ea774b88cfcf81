"""An animation group adds its new mobjects in one Scene.add (scenes/pipeline/grouped_introductions.py), leaving the
scene's list of mobjects exactly as manim's one-by-one adds leave it."""

from __future__ import annotations

from unittest import mock

import pytest
from manim import AnimationGroup, Create, Dot, FadeIn, Indicate, LaggedStart, Scene, Square, Succession, VGroup, Write

from scenes.pipeline import grouped_introductions
from scenes.pipeline.grouped_introductions import MANIMS_OWN
from scenes.pipeline.heavy import manim_api


def _cases():
    """(name, build): build() returns (mobjects on the scene before, foreground mobjects, the group to set up)."""

    def cloud():
        dots = [Dot() for _ in range(12)]
        return [Square()], [], LaggedStart(*[FadeIn(d) for d in dots])

    def part_of_a_shown_group():
        shown = VGroup(Dot(), Dot(), Dot())  # a dot already on the scene inside a group, faded in again
        return [shown], [], AnimationGroup(FadeIn(shown[1]), FadeIn(Dot()))

    def a_group_holding_a_shown_mobject():
        inner = Dot()  # on the scene by itself, then inside a new group: the group's add takes it out of the list
        return [inner, Square()], [], AnimationGroup(FadeIn(Dot()), Create(VGroup(inner, Dot())))

    def a_group_holding_an_earlier_one():
        first = Dot()
        return [], [], AnimationGroup(FadeIn(first), FadeIn(VGroup(first, Dot())), FadeIn(Dot()))

    def a_part_of_an_earlier_one():
        group = VGroup(Dot(), Dot())
        return [], [], AnimationGroup(FadeIn(group), FadeIn(group[0]), Write(Square()))

    def two_groups_sharing_a_part():
        shared = Dot()
        return [], [], AnimationGroup(FadeIn(VGroup(shared, Dot())), FadeIn(VGroup(Square(), shared)))

    def nested_groups_and_a_succession():
        dots = [Dot() for _ in range(6)]
        return [Square()], [], AnimationGroup(
            LaggedStart(FadeIn(dots[0]), AnimationGroup(FadeIn(dots[1]), Indicate(dots[2]))),
            Succession(FadeIn(dots[3]), Indicate(dots[4]), introducer=True), FadeIn(dots[5]), FadeIn(dots[0]))

    def with_foreground():
        return [Square()], [Dot(), Dot()], LaggedStart(FadeIn(Dot()), FadeIn(Square()))

    return [cloud, part_of_a_shown_group, a_group_holding_a_shown_mobject, a_group_holding_an_earlier_one,
            a_part_of_an_earlier_one, two_groups_sharing_a_part, nested_groups_and_a_succession, with_foreground]


def _after_setup(build, setup) -> tuple[list[int], list[int], int]:
    """(indices of scene.mobjects, of foreground mobjects, number of Scene.add calls) after the group's set-up, with
    ``setup`` as every group's (manim's or ours)."""
    before, foreground, group = build()
    scene = Scene()
    scene.add(*before)
    scene.add_foreground_mobjects(*foreground)
    known: dict[int, int] = {}
    for top in [*before, *foreground, *_mobjects_of(group)]:
        for member in top.get_family():
            known.setdefault(id(member), len(known))
    adds = []
    add = scene.add
    with mock.patch.object(scene, "add", lambda *m: (adds.append(m), add(*m))[1]), \
            mock.patch.object(AnimationGroup, "_setup_scene", setup):
        group._setup_scene(scene)
    return [known[id(m)] for m in scene.mobjects], [known[id(m)] for m in scene.foreground_mobjects], len(adds)


def _mobjects_of(animation) -> list:
    return [animation.mobject, *(m for a in getattr(animation, "animations", ()) for m in _mobjects_of(a))]


@pytest.mark.parametrize("build", _cases(), ids=lambda b: b.__name__)
def test_the_scene_holds_what_manims_adds_one_by_one_leave(build):
    ours, ours_front, _ = _after_setup(build, grouped_introductions._setup_group)
    theirs, theirs_front, _ = _after_setup(build, MANIMS_OWN)
    assert (ours, ours_front) == (theirs, theirs_front)


def test_a_cloud_of_dots_is_added_at_once():
    cloud = _cases()[0]
    assert _after_setup(cloud, MANIMS_OWN)[2] == 12
    assert _after_setup(cloud, grouped_introductions._setup_group)[2] == 1


def test_a_render_process_sets_up_every_group_this_way():
    with mock.patch.object(AnimationGroup, "_setup_scene", MANIMS_OWN):
        manim_api()  # what every render and dry run calls first
        assert LaggedStart._setup_scene is grouped_introductions._setup_group
