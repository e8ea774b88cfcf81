"""The classifier picture of a logistic lesson: boundaries x = -b/w, the whole data's and each batch's own fit, each
against an independent computation, and the scene that says them."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize

from mathcore.classifier import classifier_picture, decision_boundary, probabilities
from scenes.scenario.lesson import lesson_of
from tests.conftest import render_tiny
from tests.helpers_render import SMALLEST

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.fixture(scope="module")
def logistic():
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / "noisy_logistic.yaml")
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == "classifier")
    return sc, index


@pytest.fixture(scope="module")
def rendered(logistic, tmp_path_factory):
    sc, index = logistic
    # the classifier painted once; its video is only checked to exist: the smallest picture does
    return render_tiny(sc, index, tmp_path_factory.mktemp("classifier"), painted=True, size=SMALLEST)


def bce_fit(xs, ys):
    """The best (w, b) by a general-purpose minimiser (BFGS) on the mean BCE, written here."""
    def loss(theta):
        z = theta[0] * np.asarray(xs) + theta[1]
        return float(np.mean(np.logaddexp(0.0, z) - np.asarray(ys) * z))
    return minimize(loss, np.zeros(2), method="BFGS", options={"gtol": 1e-10}).x


def test_boundary_is_where_the_model_answers_one_half():
    assert decision_boundary(Fraction(2), Fraction(-3)) == Fraction(3, 2)
    assert decision_boundary(Fraction(0), Fraction(1)) is None
    for w, b in [(1.5, -4.0), (-0.3, 0.7)]:
        x = decision_boundary(w, b)
        assert probabilities(w, b, np.array([x]))[0] == pytest.approx(0.5, abs=1e-12)
        assert probabilities(w, b, np.array([0.0]))[0] == pytest.approx(1 / (1 + math.exp(-b)), rel=1e-12)


def test_picture_matches_an_independent_fit_and_independent_steps(logistic):
    sc, index = logistic
    e = sc.lesson[index]
    xs, ys = [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]
    picture = classifier_picture(sc.problem(), lesson_of(sc).walkthrough(e.run), e.steps)
    w, b = bce_fit(xs, ys)
    assert picture.whole_fit.params.w == pytest.approx(w, rel=1e-5)
    assert picture.whole_boundary == pytest.approx(-b / w, rel=1e-5)
    # each step recomputed here: the mean of (σ(w x + b) - y) x and of (σ - y) over the batch
    wf, bf, lr = float(sc.init.w), float(sc.init.b), float(sc.learning_rate)
    for step in picture.steps:
        bx, by = [float(v) for v in step.x], [float(v) for v in step.y]
        r = [1 / (1 + math.exp(-(wf * x + bf))) - y for x, y in zip(bx, by)]
        wf, bf = wf - lr * sum(ri * x for ri, x in zip(r, bx)) / len(bx), bf - lr * sum(r) / len(bx)
        assert float(step.w_after) == pytest.approx(wf, rel=1e-12, abs=1e-15)
        assert step.boundary_after == pytest.approx(-bf / wf, rel=1e-9, abs=1e-12)
        zeros = [x for x, y in zip(bx, by) if y < 1]
        ones = [x for x, y in zip(bx, by) if y > 0]
        separable = not zeros or not ones or max(zeros) <= min(ones) or max(ones) <= min(zeros)
        assert (step.batch_fit.params is None) == separable
        if not separable:
            own_w, own_b = bce_fit(bx, by)
            assert step.batch_boundary == pytest.approx(-own_b / own_w, rel=1e-4)


def test_scene_says_the_boundaries(logistic, rendered):
    sc, _ = logistic
    text = " ".join(rendered.subtitles)
    xs, ys = [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]
    w, b = bce_fit(xs, ys)
    assert f"boundary is at x ≈ {-b / w:.3g}" in text  # said with three significant digits (the screen shows four)
    assert "sub_classifier_step" in rendered.keys or "sub_classifier_step_no_fit" in rendered.keys
    assert rendered.result.video.exists()


def test_narrates_only_with_its_declared_beats(rendered):
    from scenes.scenario.kind import kinds

    used = {key for key in rendered.keys if key.startswith("sub_")}
    assert used and used <= kinds()["classifier"].beat_keys()


def test_every_number_drawn_or_said_is_one_computed_here(logistic, rendered):
    """Each number in the scene's texts, formulas and subtitles matches (to its digits) a value computed in this
    test: the start, the BFGS fit of all the data and of each batch, each step redone by hand, the batch's x."""
    from tests.test_drawn_numbers import unexplained_numbers

    sc, index = logistic
    e = sc.lesson[index]
    xs, ys = [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]
    expected = {0.0, 0.5, 1.0, float(len(xs)), 2.0}  # the labels 0 and 1, one half, the sample count, "σ(w·x ...)"
    w, b = bce_fit(xs, ys)
    expected |= {w, b, -b / w}
    picture = classifier_picture(sc.problem(), lesson_of(sc).walkthrough(e.run), e.steps)
    wf, bf, lr = float(sc.init.w), float(sc.init.b), float(sc.learning_rate)
    expected |= {wf, bf, lr}
    for step in picture.steps:
        bx, by = [float(v) for v in step.x], [float(v) for v in step.y]
        r = [1 / (1 + math.exp(-(wf * x + bf))) - y for x, y in zip(bx, by)]
        wf, bf = wf - lr * sum(ri * x for ri, x in zip(r, bx)) / len(bx), bf - lr * sum(r) / len(bx)
        expected |= {float(step.index), wf, bf, *bx}
        if wf != 0:
            expected.add(-bf / wf)
        zeros = [x for x, y in zip(bx, by) if y < 1]
        ones = [x for x, y in zip(bx, by) if y > 0]
        if zeros and ones and not (max(zeros) <= min(ones) or max(ones) <= min(zeros)):
            own_w, own_b = bce_fit(bx, by)
            expected.add(-own_b / own_w)
    unexplained = unexplained_numbers(rendered, expected, True)
    assert not unexplained, unexplained
