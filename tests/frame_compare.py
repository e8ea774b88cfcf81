"""Last-frame comparison with stored control data, after manim's own graphical tests.

The control frames live in tests/control_data/<name>.npz; `pytest --set_test`
writes them, a missing one fails. Anti-aliasing differences between machines (measured: at most 17 levels, on a
few pixels) pass; at most 8 pixels may differ by more than 24 levels, so that one changed digit (about 26 pixels at
this size, measured by changing b = 0.2 to 0.3 in the set-up frame) fails. The old bound (0.5% of the pixels, ~650,
by more than 48 levels) let a recoloured summary pass unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

CONTROL_DIR = Path(__file__).parent / "control_data"
FRAME_SIZE = (480, 270, 15)
PIXEL_TOLERANCE = 24
MAX_DIFFERENT_PIXELS = 8


def last_frame(scenario, index: int, tmp_path: Path) -> np.ndarray:
    from PIL import Image

    from scenes.pipeline.render import render_entry

    result = render_entry(scenario, index, tmp_path, size=FRAME_SIZE, fmt="png")
    return np.asarray(Image.open(result.video).convert("RGB"))


def assert_matches_control(frame: np.ndarray, name: str, request) -> None:
    path = CONTROL_DIR / f"{name}.npz"
    if request.config.getoption("--set_test"):
        CONTROL_DIR.mkdir(exist_ok=True)
        np.savez_compressed(path, frame=frame)
        pytest.skip(f"wrote control data {path}")
    if not path.exists():
        pytest.fail(f"no control data {path}; look at the frame, then run pytest --set_test to write it")
    expected = np.load(path)["frame"]
    assert frame.shape == expected.shape
    differs = (np.abs(frame.astype(int) - expected.astype(int)).max(axis=2) > PIXEL_TOLERANCE)
    if differs.sum() > MAX_DIFFERENT_PIXELS and request.config.getoption("--show_diff"):
        from PIL import Image

        out = Path(request.config.rootpath) / f"diff_{name}.png"
        Image.fromarray(np.concatenate([frame, expected, (differs[..., None] * 255).repeat(3, 2).astype(np.uint8)])).save(out)
    assert differs.sum() <= MAX_DIFFERENT_PIXELS, f"{differs.sum()} pixels differ from {path} by more than {PIXEL_TOLERANCE} levels"
