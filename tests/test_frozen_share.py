"""scripts/frozen_share.py: the share of a video spent in still stretches of 3 s or more, per chapter."""

from __future__ import annotations

import importlib.util
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FPS = 10


def _script():
    spec = importlib.util.spec_from_file_location("frozen_share", ROOT / "scripts" / "frozen_share.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["frozen_share"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def write_video(path: Path, pictures: list[np.ndarray], chapters: list[tuple[str, float, float]] = ()) -> None:
    """An H.264 file of ``pictures`` at FPS, with chapter marks (title, start s, end s)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for picture in pictures:
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        if chapters:
            tb = Fraction(1, 1000)
            out.set_chapters([{"id": i + 1, "start": int(a * 1000), "end": int(b * 1000), "time_base": tb,
                               "metadata": {"title": t}} for i, (t, a, b) in enumerate(chapters)])


def pictures() -> list[np.ndarray]:
    """8 s: 1 s moving, 4 s still, 1 s moving, 2 s still (a square steps right each moving frame)."""
    def at(x):
        p = np.full((48, 64, 3), 20, np.uint8)
        p[10:30, x:x + 8] = 230
        return p
    moving1 = [at(2 * k) for k in range(10)]
    still1 = [at(22)] * 40
    moving2 = [at(24 + 2 * k) for k in range(10)]
    still2 = [at(50)] * 20
    return moving1 + still1 + moving2 + still2


def test_a_still_stretch_of_3_s_or_more_counts_and_a_shorter_one_does_not(tmp_path):
    fs = _script()
    path = tmp_path / "v.mp4"
    write_video(path, pictures())
    rows = fs.measure(path)
    total = rows[-1]
    assert total.name == "total" and total.seconds == pytest.approx(8.0, abs=0.11)
    assert total.frozen == pytest.approx(4.0, abs=0.11)  # 1.0 s to 5.0 s; the 2 s still end is too short
    assert total.share == pytest.approx(0.5, abs=0.02)


def test_stretches_are_cut_at_chapter_marks(tmp_path):
    fs = _script()
    path = tmp_path / "v.mp4"
    write_video(path, pictures(), [("first", 0.0, 4.0), ("second", 4.0, 8.0)])
    rows = {r.name: r for r in fs.measure(path)}
    assert rows["first"].frozen == pytest.approx(3.0, abs=0.11)  # 1.0 to 4.0: exactly 3 s inside the chapter
    assert rows["second"].frozen == pytest.approx(0.0, abs=0.01)  # 4.0 to 5.0 and 6.0 to 8.0: both short
    assert rows["total"].frozen == pytest.approx(3.0, abs=0.11)


def test_encoder_noise_on_a_still_picture_is_not_a_change(tmp_path):
    fs = _script()
    rng = np.random.default_rng(0)
    texture = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)  # hard to encode: noise on every frame
    path = tmp_path / "v.mp4"
    write_video(path, [texture] * 50)
    assert fs.measure(path)[-1].share == pytest.approx(1.0, abs=0.01)


def test_a_missing_file_is_a_one_line_error(tmp_path, capsys):
    assert _script().main([str(tmp_path / "none.mp4")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.mp4" in err
