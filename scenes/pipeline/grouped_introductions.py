"""An animation group brings its new mobjects onto the scene in one ``Scene.add``, as manim's one-by-one adds would.

manim sets up a group's animations one by one: each introducer (a FadeIn, a Create, a Write) asks whether its
mobject is already on the scene (a walk of every mobject's family) and, if not, adds it (a second walk, which
takes the mobject out of any group on the scene before appending it). A ``LaggedStart`` of a cloud of 300 dots
walks the whole scene 600 times: a third of the noise scene's dry run went there.

Here the scene's family is walked once, the group's new mobjects are gathered in order and added in one
``Scene.add``, which leaves ``scene.mobjects`` exactly as the adds one by one: ``add`` takes every added family out
of the list and appends the added mobjects, then the foreground ones, in order. Where one-by-one adds would differ
the gathered ones are added first: before a mobject that holds, or shares a part with, one gathered already (its add
takes that one out of the list again), and before an animation with its own set-up (``Succession``, a speed
modifier), which then runs as manim runs it. Nested groups are walked in place, in order.
"""

from __future__ import annotations

from typing import Any

from manim.animation.animation import Animation
from manim.animation.composition import AnimationGroup

MANIMS_OWN = AnimationGroup._setup_scene  # kept for tests


def introduce_group_members_at_once() -> None:
    """From now on, every animation group in this process adds its new mobjects at once (idempotent)."""
    AnimationGroup._setup_scene = _setup_group  # type: ignore[method-assign]


def _setup_group(group: AnimationGroup, scene: Any) -> None:
    if scene is None:
        return
    gathered: list[Any] = []
    gathered_parts: set[Any] = set()
    on_scene: set[Any] | None = None  # the scene's mobjects and their parts, and what is gathered (walked lazily)

    def add_gathered() -> None:
        nonlocal on_scene
        if gathered:
            scene.add(*gathered)
        gathered.clear()
        gathered_parts.clear()
        on_scene = None

    for animation in _in_order(group):
        if type(animation)._setup_scene is not Animation._setup_scene:
            add_gathered()  # an animation with its own set-up sees the scene as manim would show it
            animation._setup_scene(scene)
            continue
        if not animation.is_introducer():
            continue
        if on_scene is None:
            on_scene = set(scene.get_mobject_family_members())
        mobject = animation.mobject
        if mobject in on_scene:
            continue
        family = mobject.get_family()
        if not gathered_parts.isdisjoint(family):
            add_gathered()
            on_scene = set(scene.get_mobject_family_members())
        gathered.append(mobject)
        gathered_parts.update(family)
        on_scene.update(family)
    add_gathered()


def _in_order(group: AnimationGroup) -> list[Animation]:
    """The group's animations in the order manim sets them up, nested groups opened in place."""
    found: list[Animation] = []
    for animation in group.animations:
        if type(animation)._setup_scene is _setup_group:
            found.extend(_in_order(animation))
        else:
            found.append(animation)
    return found
