"""What a new teacher's trial (notes/trial.md, issue 28) heard on its own two lessons, re-checked from the numbers.

The two lessons are the trial's input files, copied to tests/narration_scenarios: `trial_hours.yaml` (a noisy
hours-vs-pass logistic model, ten points) and `trial_linear.yaml` (y = 2x + 1 exactly, a run that stops short).
Each scene is run dry (scenes.pipeline.script.entry_script: every cue, no frame painted); the expected numbers are
computed here, by plain Python or exact fractions, never read from the code under test.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from scenes.pipeline.script import entry_script
from scenes.scenario.loader import load_scenario
from scenes.scenario.speech import speech_text
from tests.conftest import ROOT

pytestmark = pytest.mark.render  # every test runs scenes dry (entry_script)

TRIAL = ROOT / "tests" / "narration_scenarios"


@lru_cache(maxsize=None)
def scenario(name: str):
    return load_scenario(TRIAL / f"trial_{name}.yaml")


@lru_cache(maxsize=None)
def cues(name: str, kind: str, language: str) -> tuple[str, ...]:
    """The subtitle cues of the first `kind` scene of trial lesson `name`, in `language`."""
    sc = scenario(name)
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == kind)
    return tuple(c.text for c in entry_script(sc, index, language)[0])


def said(name: str, kind: str, language: str) -> str:
    return (" " if language == "en" else "").join(cues(name, kind, language))


# --- setup: the logistic model's prediction is ŷ, and σ is said as a word ------------------------------------

@pytest.mark.parametrize("language, shown, voice", [
    ("en", "ŷ = σ(w·x + b)", "y hat equals sigmoid of (w times x plus b)"),
    ("zh", "ŷ = σ(w·x + b)", "预测值 等于 S 形函数(w乘x 加 b)"),
])
def test_logistic_setup_says_prediction_and_sigmoid(language, shown, voice):
    text = said("hours", "setup", language)
    assert shown in text and "y = σ" not in text
    assert voice in speech_text(text, language)
    assert "σ" not in speech_text(text, language)
