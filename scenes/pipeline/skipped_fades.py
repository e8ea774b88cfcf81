"""In a still's render (only its last frame is kept: `batchviz watch`), a FadeIn leaves its mobject as it found it.

manim still runs every skipped animation: a FadeIn copies its mobject twice (the faded start, the target), aligns
them, sets the mobject to the faded start, then to the target, which is the mobject as it was. A fifth of a step
scene's last frame went there. Here such a FadeIn only adds its mobject to the scene (manim does that before the
animation begins) and suspends and resumes its updating as manim does, when that is exactly what the animation
would leave: a plain FadeIn (not a subclass) whose rate function ends at 1, of vector mobjects none of which has an
updater (an updater would move the target copy during the skipped play, and the mobject with it).
"""

from __future__ import annotations

from typing import Any

from manim import FadeIn
from manim.mobject.types.vectorized_mobject import VMobject


def fade_ins_arrive_as_they_are(scene: Any) -> None:
    """For this scene only (every animation of it skipped): FadeIns that change nothing are not run."""
    begin_all = scene.begin_animations

    def begin_animations() -> None:
        for animation in scene.animations:
            if leaves_its_mobject_as_it_was(animation):
                _arrive_as_it_is(animation)
        begin_all()

    scene.begin_animations = begin_animations


def leaves_its_mobject_as_it_was(animation: Any) -> bool:
    """A skipped play of ``animation`` ends with its mobject exactly as it began (see the module docstring)."""
    if type(animation) is not FadeIn or animation.rate_func(1.0) != 1.0:
        return False
    return all(isinstance(m, VMobject) and not m.updaters for m in animation.mobject.get_family())


def _arrive_as_it_is(animation: Any) -> None:
    mobject = animation.mobject

    def begin() -> None:
        if animation.suspend_mobject_updating:
            mobject.suspend_updating()  # finish() resumes it, running its updaters once, as after the real play

    animation.begin = begin
    animation.interpolate = _nothing
    animation.update_mobjects = _nothing


def _nothing(*_args: Any, **_kwargs: Any) -> None:
    """Nothing to move: the mobject is already where the FadeIn would leave it."""
