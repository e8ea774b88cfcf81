"""The data scene moves while it is narrated: with the eSpeak voice it was a still picture for a third of its length
(31.7% in stretches of 3 s or more, English). Measured with scripts/frozen_share.py on a tiny voiced render."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_frozen_share import _script

ROOT = Path(__file__).resolve().parent.parent
MOST_FROZEN = 0.20  # the lesson's target for the share of still stretches under narration


@pytest.mark.render
@pytest.mark.parametrize("scenario", ["seed.yaml", "seed_en.yaml"])
def test_the_voiced_data_scene_is_not_a_still_picture(tmp_path, monkeypatch, scenario):
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice"))
    sc = load_scenario(ROOT / "scenarios" / scenario)
    index = next(k for k, e in enumerate(sc.lesson) if e.scene == "data")
    video = render_entry(sc, index, tmp_path, size=TINY, voice="espeak").video
    frozen_share = _script()
    times, changed, end = frozen_share.frame_changes(video)
    frozen = sum(b - a for a, b in frozen_share.frozen_intervals(times, changed, end))
    assert end > 20.0  # every batch is narrated
    assert frozen / end <= MOST_FROZEN, (frozen, end)
