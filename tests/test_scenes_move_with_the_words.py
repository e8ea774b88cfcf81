"""The noise, sampling, compare and composition pictures move with the words: with the Chinese eSpeak voice the noise scene stood still
for 21.8% of its length (the full-batch dot named over a still plane, the batch of all samples over a lone dot)
and the sampling scene for 17.3% (the teacher's class described over a still grid, "all the data" over still
bands). Now each thing said moves as it is said: the samples' gradients arrive and gather into their mean, each
batch size's cloud builds up as it is counted and its spread bar grows as its value is said, the drawn students
light up, the class is swept as "all the data" is named. The compare (16.3%) and composition (18.1%) scenes
likewise: the steps lit in turn as their lengths are compared, each batch's cards framed as its share is said.
Measured with scripts/frozen_share.py on tiny voiced renders: no stretch of 3 s or more without a change while the
voice speaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_frozen_share import _script

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.render
@pytest.mark.parametrize("scenario", ["seed.yaml", "seed_en.yaml"])
@pytest.mark.parametrize("kind, shortest", [("noise", 40.0), ("sampling", 40.0), ("compare", 25.0),
                                            ("composition", 12.0)])
def test_the_voice_never_speaks_over_a_still_picture(tmp_path, monkeypatch, scenario, kind, shortest):
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "voice"))
    sc = load_scenario(ROOT / "scenarios" / scenario)
    index = next(k for k, e in enumerate(sc.lesson) if e.scene == kind)
    video = render_entry(sc, index, tmp_path, size=TINY, voice="espeak").video
    frozen_share = _script()
    times, changed, end = frozen_share.frame_changes(video)
    assert end > shortest  # every batch size, sample size and batch is said, none skipped
    assert frozen_share.frozen_intervals(times, changed, end) == []
