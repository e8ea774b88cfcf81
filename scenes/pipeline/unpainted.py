"""Scenes run without painting frames nobody sees: the dry runs (`batchviz script`'s timeline, the listing of a
scene's formulas before it renders), and a still's animations (only its last frame is saved: `batchviz watch`).

Under manim's dry_run the renderer still paints every frame of every animation into the camera's pixel array, only
for the file writer to drop it: about a third of a dry run's time. The frames are still counted (the renderer's
clock advances by one frame per frame added), so the cue and scene times are those of the real render. Nor is
each play's split of the scene into moving and still mobjects made (manim's family walk of every mobject, which only
tells the painter what to paint once and keep): a tenth of a step scene's last frame. Nor is an animation stepped
through its in-between frames (a fifth of a dry run) unless something on the scene moves with time (an updater
taking ``dt``): manim finishes every animation at its end state and then runs the updaters once, which is where a
render leaves it; the frames are still counted one by one.
"""

from __future__ import annotations

from typing import Any

from scenes.pipeline import tex_cache
from scenes.pipeline.heavy import manim_api


def render_unpainted(scene: Any) -> None:
    """``scene.render()`` with its renderer's painting (``update_frame``) replaced by nothing, for this scene only."""
    _stop_painting(scene)
    scene.render()


def _stop_painting(scene: Any) -> None:
    """Nothing painted, nothing split for the painter, no in-between step of a play, no fade run that leaves
    its mobject as it was (scenes.pipeline.skipped_fades), no play at all once the run is void: nobody sees the
    frames of these plays."""
    manim_api().fade_ins_arrive_as_they_are(scene)
    _only_the_clock_once_void(scene)
    scene.renderer.update_frame = _paint_nothing
    scene.get_moving_and_static_mobjects = _nothing_to_split
    scene.update_to_time = _steps_only_with_time(scene)


def _only_the_clock_once_void(scene: Any) -> None:
    """Once the run is void (a placeholder stood in for a formula not compiled yet: tex_cache.run_is_void), its
    plays and waits only move the clock: the run is made again once its formulas compiled, and all that still counts
    is the formulas its code makes (about a third of a new lesson's first pass went to plays nobody keeps)."""
    play, wait = scene.play, scene.wait

    def play_unless_void(*animations: Any, **kwargs: Any) -> Any:
        if not tex_cache.run_is_void():
            return play(*animations, **kwargs)
        times = [getattr(animation, "run_time", 1.0) for animation in animations]
        scene.renderer.time += kwargs.get("run_time") or max(times, default=1.0)
        return None

    def wait_unless_void(duration: float = 1.0, *args: Any, **kwargs: Any) -> Any:  # 1.0: manim's DEFAULT_WAIT_TIME
        if not tex_cache.run_is_void():
            return wait(duration, *args, **kwargs)
        scene.renderer.time += duration
        return None

    scene.play, scene.wait = play_unless_void, wait_unless_void


def _steps_only_with_time(scene: Any) -> Any:
    """Scene.update_to_time for frames nobody sees: a play whose mobjects all follow their animations or trackers
    is not stepped (after its last frame manim finishes each animation, interpolate(1), and updates the mobjects:
    the state a render ends it in); a play with a time-based updater is stepped frame by frame, as manim does."""
    step = type(scene).update_to_time.__get__(scene)
    stepped: dict[int, bool] = {}

    def update_to_time(t: float) -> None:
        play = scene.renderer.num_plays
        if play not in stepped:
            stepped.clear()
            stepped[play] = any(m.has_time_based_updater() for m in scene.get_mobject_family_members())
        # a still's render (manim skips its animations) has one step per play, the last, and runs no updater after
        # it: that step is the play's end
        if stepped[play] or scene.renderer.skip_animations:
            step(t)
        else:
            scene.last_t = t

    return update_to_time


def _paint_nothing(*_args: Any, **_kwargs: Any) -> None:
    """The renderer's update_frame without the camera: the frame stays as it was (nobody looks at it)."""


def _nothing_to_split(*_args: Any, **_kwargs: Any) -> tuple[list[Any], list[Any]]:
    """Scene.get_moving_and_static_mobjects when nothing is painted: no still picture to keep (the renderer then
    keeps none and paints everything on the background when it next paints), no moving part to paint."""
    return [], []


def render_last_frame_only(scene: Any) -> None:
    """``scene.render()`` for a still output (PNG): manim skips every animation of a still but still paints the frame
    at each play, then paints the last frame again when the scene finishes. Only that last painting is kept."""
    renderer = scene.renderer
    finish = renderer.scene_finished

    def paint_then_finish(finished_scene: Any) -> None:
        del renderer.update_frame  # the renderer's own painting again, for the frame that is saved
        del scene.get_moving_and_static_mobjects
        del scene.update_to_time
        finish(finished_scene)

    _stop_painting(scene)
    renderer.scene_finished = paint_then_finish
    scene.render()
