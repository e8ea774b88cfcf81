"""Scenes move while they are narrated: with the eSpeak voice the title card was a still picture for half of its
length (51% in stretches of 3 s or more) and the English data scene for a third (31.7%). Measured with
scripts/frozen_share.py on tiny voiced renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_frozen_share import _script

ROOT = Path(__file__).resolve().parent.parent
MOST_FROZEN = 0.20  # the lesson's target for the share of still stretches under narration


@pytest.mark.render
@pytest.mark.parametrize("scenario", ["seed.yaml", "seed_en.yaml"])
@pytest.mark.parametrize("kind, shortest", [("title", 6.0), ("data", 20.0)])
def test_a_voiced_scene_is_not_a_still_picture(tmp_path, monkeypatch, scenario, kind, shortest):
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice"))
    sc = load_scenario(ROOT / "scenarios" / scenario)
    index = next(k for k, e in enumerate(sc.lesson) if e.scene == kind)
    video = render_entry(sc, index, tmp_path, size=TINY, voice="espeak").video
    frozen_share = _script()
    times, changed, end = frozen_share.frame_changes(video)
    frozen = sum(b - a for a, b in frozen_share.frozen_intervals(times, changed, end))
    assert end > shortest  # everything is said (the title's question, every batch of the data scene), not skipped
    assert frozen / end <= MOST_FROZEN, (frozen, end)
