"""`batchviz page` as a teacher runs it after `render`: the scenes already rendered are reused, only the languages
the scenario's title is written in are made, and `--voice` shows the voiced lesson, kept beside the silent one.

The commands run in this process (tests/helpers_cli.py), one scene at a time (--jobs 1), with a cheaper sound
track (tests/helpers_audio.py): what is checked is what they write and say, not how the scenes are spread."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import small_scenario
from tests.helpers_audio import cheap_sound_track
from tests.helpers_cli import batchviz_here

SIZE = "64x36@2"  # what the page reuses and shows is checked, not a picture: the smallest size does


@pytest.mark.render
def test_page_reuses_the_render_and_shows_the_voiced_lesson(tmp_path, monkeypatch):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice-cache"))
    cheap_sound_track(monkeypatch)
    # one scene, the step the page cuts its GIF from: the reuse of every scene is checked, whatever their number
    (tmp_path / "lesson.yaml").write_text(small_scenario("  - {scene: step, run: r, step: 1}\n", "onlyen"),
                                          encoding="utf-8")
    for voice in ("none", "espeak"):
        done = batchviz_here("render", "lesson.yaml", "--size", SIZE, "--voice", voice, "--out", "out", "--jobs", "1",
                             cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    done = batchviz_here("page", "lesson.yaml", "--size", SIZE, "--voice", "espeak", "--out", "out", "--jobs", "1",
                         cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "rendered in" not in done.stderr and done.stderr.count("unchanged") >= 2  # the scene + the GIF's scene
    folder = tmp_path / "out" / "onlyen"
    assert not (folder / "scenes-zh").exists()  # the title is written in English only
    assert (folder / "onlyen_en.mp4").exists() and (folder / "onlyen_en.espeak.mp4").exists()
    page = (folder / "page" / "index.html").read_text(encoding="utf-8")
    data = json.loads(page.split('type="application/json">', 1)[1].split("</script>")[0])
    assert list(data["languages"]) == ["en"] and data["languages"]["en"]["video"] == "media/onlyen_en.espeak.mp4"
