"""Tiny renders for tests: manim through tempconfig at 160x90, read back with PyAV."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

TINY = (160, 90, 5)
SMALLEST = (64, 36, 2)  # for renders whose files and made texts are read, not their pictures


def decode_frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def render_still(mobjects_factory, tmp_path: Path, size=(320, 180)) -> np.ndarray:
    """Render one frame holding the mobjects that ``mobjects_factory()`` returns; RGB array."""
    from manim import Scene, tempconfig

    class Still(Scene):
        def construct(self):
            self.add(*mobjects_factory())

    with tempconfig({"media_dir": str(tmp_path), "pixel_width": size[0], "pixel_height": size[1],
                     "format": "png", "save_last_frame": True, "verbosity": "ERROR", "progress_bar": "none",
                     "output_file": f"still_{id(mobjects_factory)}"}):
        scene = Still()
        scene.render()
        return np.asarray(scene.renderer.get_frame())[:, :, :3].copy()
