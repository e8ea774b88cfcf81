"""scripts/contact_sheet runs with the project's environment, whichever Python starts it."""

from __future__ import annotations

import shutil
import subprocess

import av
import numpy as np
import pytest
from PIL import Image

from tests.conftest import ROOT


def test_contact_sheet_with_the_system_python(tmp_path):
    system_python = shutil.which("python3", path="/usr/bin:/bin")
    if system_python is None:
        pytest.skip("no system python3")
    video = tmp_path / "v.mp4"
    with av.open(str(video), "w") as out:  # 2 s of 5 fps frames, each a different grey
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for k in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), 20 * k, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    sheet = tmp_path / "sheet.png"
    done = subprocess.run([system_python, str(ROOT / "scripts" / "contact_sheet"), str(video), str(sheet),
                           "--every", "1", "--columns", "2", "--width", "64"], capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert Image.open(sheet).size == (128, 36)  # frames at 0 s and 1 s side by side
