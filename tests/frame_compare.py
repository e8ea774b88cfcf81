"""Last-frame comparison with stored control data, after manim's own graphical tests.

The control frames live in tests/control_data/<name>.npz; `pytest --set_test`
writes them, a missing one fails. Small differences (anti-aliasing, another
freetype) pass: at most 0.5% of pixels may differ by more than 48 levels.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

CONTROL_DIR = Path(__file__).parent / "control_data"
FRAME_SIZE = (480, 270, 15)
PIXEL_TOLERANCE = 48
MAX_DIFFERENT_FRACTION = 0.005


def last_frame(scenario, index: int, tmp_path: Path) -> np.ndarray:
    from PIL import Image

    from scenes.pipeline.render import render_entry

    result = render_entry(scenario, index, tmp_path, size=FRAME_SIZE, fmt="png", cache=False)
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
    if differs.mean() > MAX_DIFFERENT_FRACTION and request.config.getoption("--show_diff"):
        from PIL import Image

        out = Path(request.config.rootpath) / f"diff_{name}.png"
        Image.fromarray(np.concatenate([frame, expected, (differs[..., None] * 255).repeat(3, 2).astype(np.uint8)])).save(out)
    assert differs.mean() <= MAX_DIFFERENT_FRACTION, f"{differs.mean():.2%} of pixels differ from {path}"
