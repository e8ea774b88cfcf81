"""What a new teacher's trial (notes/trial.md, issue 28) heard on its own two lessons, re-checked from the numbers.

The two lessons are the trial's input files, copied to tests/narration_scenarios: `trial_hours.yaml` (a noisy
hours-vs-pass logistic model, ten points) and `trial_linear.yaml` (y = 2x + 1 exactly, a run that stops short).
Each scene is run dry (tests/conftest.py render_tiny unpainted: every cue, no frame painted); the expected numbers are
computed here, by plain Python or exact fractions, never read from the code under test.
"""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction
from functools import lru_cache

import pytest

from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from scenes.scenario.speech import speech_text
from tests.conftest import ROOT, TinyRender, render_tiny

pytestmark = pytest.mark.render  # every test runs scenes dry

TRIAL = ROOT / "tests" / "narration_scenarios"


@lru_cache(maxsize=None)
def scenario(name: str):
    return load_scenario(TRIAL / f"trial_{name}.yaml")


@lru_cache(maxsize=None)
def dry_run(name: str, kind: str, language: str) -> TinyRender:
    """The first `kind` scene of trial lesson `name`, in `language`, run dry once per test process: its cues and
    the TeX it made."""
    sc = scenario(name)
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == kind)
    return render_tiny(sc, index, TRIAL / "unused", painted=False, language=language)  # unpainted: writes nothing


def cues(name: str, kind: str, language: str) -> tuple[str, ...]:
    """The subtitle cues of the first `kind` scene of trial lesson `name`, in `language`."""
    return tuple(dry_run(name, kind, language).subtitles)


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


# --- fog: the average angle of every batch size shown, one name for the arrow, degrees as a person says them -----

def mean_angles_linear() -> dict[int, float]:
    """Mean angle (degrees) between each batch's way down and the whole data's, at (0, 0), for every batch of sizes
    1, 2, 3 of the linear trial lesson: per-sample MSE gradients 2 (w x + b − y) (x, 1), written out here."""
    x, y = [1, 2, 3, 4, 5, 6], [3, 5, 7, 9, 11, 13]
    grads = [(2 * (0 - yi) * xi, 2 * (0 - yi)) for xi, yi in zip(x, y)]
    full = (sum(g[0] for g in grads) / 6, sum(g[1] for g in grads) / 6)

    def angle(g):
        a = math.atan2(-g[1], -g[0]) - math.atan2(-full[1], -full[0])
        return abs(math.degrees((a + math.pi) % (2 * math.pi) - math.pi))

    out = {}
    for size in (1, 2, 3):
        batches = [[grads[i] for i in idx] for idx in itertools.combinations(range(6), size)]
        means = [(sum(g[0] for g in b) / size, sum(g[1] for g in b) / size) for b in batches]
        out[size] = sum(angle(g) for g in means) / len(means)
    return out


def said_degrees(angle: float) -> str:
    """Whole degrees from 10 ("≈82"), a tenth below ("9.4"), as a regular expression (≈ optional below 10)."""
    return f"≈{int(angle + 0.5)}" if angle >= 10 else f"≈?{round(angle, 1)}"


def test_fog_average_sentence_names_every_batch_size():
    text = said("linear", "fog", "en")
    for size, angle in mean_angles_linear().items():
        assert re.search(f"{said_degrees(angle)} degrees for batch size {size}\\b", text), (size, angle, text)
    assert "typical" not in text and "thick arrow" not in text
    assert "off the white arrow by" in text  # the same arrow, by its drawn colour (dark theme), in every sentence


@pytest.mark.parametrize("name, language", [("linear", "en"), ("hours", "en"), ("linear", "zh"), ("hours", "zh")])
def test_fog_numbers_are_said_as_a_person_says_them(name, language):
    text = said(name, "fog", language)
    assert not re.search(r"\d\s+≈?\d", text), text  # no two numbers side by side
    assert not re.search(r"\b[1-9]\d\.\d\b", text), text  # "81.7 degrees": whole degrees from 10
    if language == "zh":
        assert "两者" not in text and "平均夹角" in text


def test_fog_zh_and_en_name_the_same_statistic():
    en, zh = said("hours", "fog", "en"), said("hours", "fog", "zh")
    assert "average" in en and "平均" in zh and "typical" not in en


# --- regular data: identical is said as identical ---------------------------------------------------------------

def test_data_says_identical_slopes_agree_exactly():
    # the trial's batches {1, 2}, {3, 4}, {5, 6} of y = 2x + 1: each pair's line through its two points has slope
    # (y2 − y1) / (x2 − x1), exactly 2, as all the data's
    x, y = [1, 2, 3, 4, 5, 6], [3, 5, 7, 9, 11, 13]
    slopes = {Fraction(y[i + 1] - y[i], x[i + 1] - x[i]) for i in (0, 2, 4)}
    assert slopes == {2}
    en, zh = said("linear", "data", "en"), said("linear", "data", "zh")
    assert "from 2 to 2" not in en and "agree on the slope exactly, w = 2 for every one of them" in en
    assert "从 2 到 2" not in zh and "接近" not in zh and "完全相同" in zh


# --- logistic paths: the cross-entropy's limits stated, a run whose loss rose said to have risen -------------------

def bce_limit(xs) -> float:
    """2/L for the mean cross-entropy over inputs xs: L the largest eigenvalue of (1/4n) Σ [[x², x], [x, 1]], the
    Hessian where σ' is largest (1/4), by the closed form of a symmetric 2×2 matrix's eigenvalues."""
    n = len(xs)
    a, c, d = sum(x * x for x in xs) / (4 * n), sum(xs) / (4 * n), 1 / 4
    return 2 / ((a + d) / 2 + math.sqrt((a - d) ** 2 / 4 + c * c))


def three_digits(v: float) -> str:
    return "≈" + f"{v:.3g}"


def full_batch_losses(xs, ys, lr, steps):
    """Plain full-batch gradient descent on the mean cross-entropy from w = b = 0: the loss before each step and
    after the last."""
    w = b = 0.0
    losses = []
    for _ in range(steps + 1):
        p = [1 / (1 + math.exp(-(w * x + b))) for x in xs]
        losses.append(-sum(y * math.log(q) + (1 - y) * math.log(1 - q) for q, y in zip(p, ys)) / len(xs))
        gw = sum((q - y) * x for q, y, x in zip(p, ys, xs)) / len(xs)
        gb = sum(q - y for q, y in zip(p, ys)) / len(xs)
        w, b = w - lr * gw, b - lr * gb
    return losses


def test_logistic_paths_state_the_cross_entropy_limits():
    xs = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    text = said("hours", "paths", "en")
    assert f"η = 0.5 is below 2/L ({three_digits(bce_limit(xs))})" in text  # 0.5 < 0.767
    # batch size 1: its worst batch is the sample x = 5, (x² + 1)/4 = 6.5, so 2/L = 0.308 < 0.5: it can overshoot
    assert f"B = 1, worst batch 2/L {three_digits(bce_limit([5]))}" in text
    assert "so those steps can overshoot" in text
    zh = said("hours", "paths", "zh")
    assert f"η = 0.5 低于 2/L（{three_digits(bce_limit(xs))}）" in zh


def test_logistic_paths_say_a_run_ended_above_its_start():
    start = math.log(2)  # w = b = 0 answers 1/2 for every sample: the loss is ln 2
    b1 = lesson_of(scenario("hours")).trajectory("b1")
    assert b1.full_loss[-1] >= 1.05 * start  # the trial's B = 1 ended far above its start (≈1.54)
    text = said("hours", "paths", "en")
    assert f"B = 1 ended with a higher loss than the start's {three_digits(start)}" in text
    assert not re.search(r"B = 1(, B = \d+)* did not come close", text)
    # the full batch, re-run here, ended below its start by more than 5%: it is judged by how close it came
    xs = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    ys = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1]
    losses = full_batch_losses(xs, ys, 0.5, 5)
    assert losses[-1] < 0.95 * start
    assert "B = 10 did not come close" in text or "B = 10 got part of the way" in text


# --- regular data in the noise and sampling scenes: "1 times" is "equals", a spread of 0 is no spread ------------

def test_batch_size_one_variance_is_said_equal_to_one_samples():
    from scenes.kinds.noise.entry import variance_key
    from scenes.scenario.locale import locale_text

    n, size = 6, 1
    factor = Fraction(n - size, size * (n - 1))  # the finite-population factor, written out: exactly 1 here
    assert factor == 1
    for base in ("sub_noise_batch", "sub_noise_batch_drawn"):
        key = variance_key(base, factor)
        assert "times one sample" not in locale_text("en", key) and "equals one sample's" in locale_text("en", key)
        assert "倍" not in locale_text("zh", key) and "等于单个样本" in locale_text("zh", key)
    assert variance_key("sub_noise_batch", Fraction(n - 2, 2 * (n - 1))) == "sub_noise_batch"  # 0.4: "0.4 times"
    # and the scene says it (the trial's linear lesson: batch sizes 1, 2 and 6 of 6 samples)
    for language, equal, times in (("en", "equals one sample's", "1 times one sample"), ("zh", "等于单个样本", "是单个样本的 1 倍")):
        text = said("linear", "noise", language)
        assert equal in text and times not in text, text


def test_averages_of_equal_scores_are_said_not_to_spread():
    from scenes.kinds.sampling.entry import spread_key
    from scenes.scenario.locale import locale_text

    scores = [60] * 6
    spread = max(scores) - min(scores)  # every sample of equal scores averages 60: no spread
    key = spread_key(Fraction(spread))
    assert "{sd}" not in locale_text("en", key) and "do not spread" in locale_text("en", key)
    assert "{sd}" not in locale_text("zh", key) and "没有散开" in locale_text("zh", key)
    assert spread_key(Fraction(3, 2)) == "sub_sampling_size"
    # and the scene says it (the trial's linear lesson: six scores of 60)
    assert "do not spread" in said("linear", "sampling", "en") and "spread 0" not in said("linear", "sampling", "en")
    assert "没有散开" in said("linear", "sampling", "zh")


def test_final_losses_in_one_sentence_show_the_same_digits():
    xs = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    ys = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1]
    full = full_batch_losses(xs, ys, 0.5, 5)[-1]  # 5 epochs of the one full batch: 5 steps
    text = said("hours", "paths", "en")
    assert f"B = 10: final loss ≈{full:#.3g}" in text
    shown = re.findall(r"final loss ≈?([\d.]+)", text)
    assert len(shown) == 3 and all(len(v.replace(".", "").lstrip("0")) == 3 for v in shown), shown  # ≈0.690


def test_logistic_paths_draw_the_cross_entropy_limits():
    tex = dry_run("hours", "paths", "en").tex  # the run the paths narration tests above read
    xs = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
    full = [t for t in tex if "\\frac{2}{L}" in t]
    assert full and f"{bce_limit(xs):.3g}" in full[0] and "<" in full[0]  # 0.5 < 2/L ≈ 0.767
    worst = [t for t in tex if "L_S" in t]
    assert worst and f"{bce_limit([5]):.3g}" in worst[0] and "\\geq" in worst[0]  # 0.5 ≥ 0.308: B = 1 can overshoot


# --- fog on the seed: the batch of every sample is the whole data, one arrow along the white one ------------------

@pytest.mark.parametrize("name, language, whole, wrong", [
    ("seed_en.yaml", "en", "the only batch is all the data", "1 of them, each pointing its own way"),
    ("seed.yaml", "zh", "唯一的一个就是全部数据", "共 1 个，各指各的方向")])
def test_fog_says_the_batch_of_all_samples_is_the_whole_data(name, language, whole, wrong, shipped_scripts):
    sc = load_scenario(ROOT / "scenarios" / name)
    assert sc.language == language
    n = len(sc.dataset.x)  # the data's samples, counted here
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == "fog")
    assert n in sc.lesson[index].batch_sizes  # the seed's fog shows the batch of every sample
    fog = shipped_scripts.get(ROOT / "scenarios" / name).entries[index]  # the lesson's shared dry run
    text = ("" if language == "zh" else " ").join(fog.subtitles)
    assert whole in text and wrong not in text, text
