"""Scenes run without painting frames nobody sees: the dry runs (`batchviz script`'s timeline, the listing of a
scene's formulas before it renders), and a still's animations (only its last frame is saved: `batchviz watch`).

Under manim's dry_run the renderer still paints every frame of every animation into the camera's pixel array, only
for the file writer to drop it: about a third of a dry run's time. The frames are still counted (the renderer's
clock advances by one frame per frame added), so the cue and scene times are those of the real render.
"""

from __future__ import annotations

from typing import Any


def render_unpainted(scene: Any) -> None:
    """``scene.render()`` with its renderer's painting (``update_frame``) replaced by nothing, for this scene only."""
    scene.renderer.update_frame = _paint_nothing
    scene.render()


def _paint_nothing(*_args: Any, **_kwargs: Any) -> None:
    """The renderer's update_frame without the camera: the frame stays as it was (nobody looks at it)."""


def render_last_frame_only(scene: Any) -> None:
    """``scene.render()`` for a still output (PNG): manim skips every animation of a still but still paints the frame
    at each play, then paints the last frame again when the scene finishes. Only that last painting is kept."""
    renderer = scene.renderer
    finish = renderer.scene_finished

    def paint_then_finish(finished_scene: Any) -> None:
        del renderer.update_frame  # the renderer's own painting again, for the frame that is saved
        finish(finished_scene)

    renderer.update_frame = _paint_nothing
    renderer.scene_finished = paint_then_finish
    scene.render()
