"""What a new teacher's trial (notes/trial.md, issue 28) heard on its own two lessons, re-checked from the numbers.

The two lessons are the trial's input files, copied to tests/narration_scenarios: `trial_hours.yaml` (a noisy
hours-vs-pass logistic model, ten points) and `trial_linear.yaml` (y = 2x + 1 exactly, a run that stops short).
Each scene is run dry (scenes.pipeline.script.entry_script: every cue, no frame painted); the expected numbers are
computed here, by plain Python or exact fractions, never read from the code under test.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

import pytest

from scenes.pipeline.script import entry_script
from scenes.scenario.lesson import lesson_of
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


# --- tradeoffs: counts said whole, the fit's verdict said as what it means, no critical batch size invoked --------

def said_count(value) -> str:
    """A median step count as a person says it, computed here: halves round up, "≈" when not whole."""
    exact = Fraction(value)
    return str(exact.numerator) if exact.denominator == 1 else "≈" + str(int(exact + Fraction(1, 2)))


@pytest.fixture(scope="module")
def linear_study():
    return lesson_of(scenario("linear")).study()


def test_tradeoffs_says_steps_as_whole_numbers(linear_study):
    text = said("linear", "tradeoffs", "en")
    first, last = linear_study.study.reached[0], linear_study.study.reached[-1]
    assert Fraction(first.steps).denominator == 2  # the trial's case: a median of an even number of seeds
    assert f"Batch size {first.batch_size} needs {said_count(first.steps)} steps" in text
    assert f"batch size {last.batch_size} needs {said_count(last.steps)} steps" in text
    assert not re.search(r"\d\.5 (steps|samples)", text)


def test_tradeoffs_without_a_fit_never_leans_on_a_critical_batch_size(linear_study):
    assert linear_study.fit.b_noise is None  # the trial's case: the steps do not follow S_min (1 + B_noise / B)
    a, b = linear_study.study.reached[:2]
    assert b.steps < a.steps  # they did fall from the smallest batch to the next ...
    text = said("linear", "tradeoffs", "en")
    assert "The steps do not fall as the batch grows" not in text  # ... so "do not fall" alone contradicts it
    assert "do not keep falling" in text
    assert text.count("critical batch size") == text.count("no critical batch size")


def test_tradeoffs_zh_says_times_as_large_not_larger(linear_study):
    text = said("linear", "tradeoffs", "zh")
    a, b = linear_study.study.reached[:2]
    assert f"batch 是原来的 {b.batch_size // a.batch_size} 倍" in text
    assert not re.search(r"大 [\d.≈]+ 倍", text)
