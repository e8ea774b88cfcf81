"""A scene run without painting its frames, for the dry runs (`batchviz script`'s timeline, the listing of a scene's
formulas before it renders).

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
