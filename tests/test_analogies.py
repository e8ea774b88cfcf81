"""The seed's analogies as computed pictures: the teacher's sample, the one-neighbourhood poll, the husky and the
wolf, the foggy forest's view. Each checked against an independent computation (enumeration, numpy finite
differences, geometry)."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import numpy as np
import pytest

from mathcore.feature_lessons import Kind, batch_lesson
from mathcore.sample_average import drawn_averages, first_average, sample_average
from mathcore.view import View, centred_equal_scale
from tests.conftest import small_scenario

CLASS = [Fraction(s) for s in (50, 62, 71, 88, 93, 47, 75)]


@pytest.mark.parametrize("size", [1, 2, 3, 6, 7])
def test_spread_of_sample_averages_equals_the_enumeration_of_every_sample(size):
    """Var of the average over all C(N, n) samples, listed one by one with numpy, equals the exact closed form."""
    means = np.array([np.mean([float(CLASS[i]) for i in chosen])
                      for chosen in itertools.combinations(range(len(CLASS)), size)])
    spread = sample_average(CLASS, size)
    assert float(spread.mean) == pytest.approx(means.mean())
    assert float(spread.variance) == pytest.approx(means.var(), abs=1e-12)
    assert spread.spread == pytest.approx(means.std(), abs=1e-9)


@pytest.mark.parametrize("s", [Fraction(1), Fraction(1, 3), Fraction(7, 10)])
def test_within_compares_exactly_at_the_band_edge(s):
    """Two students scoring 0 and 4s: mean 2s, a sample of one strays by sd 2s, so the 2-sd band ends at 6s."""
    spread = sample_average([Fraction(0), 4 * s], 1)
    assert spread.mean == 2 * s and spread.variance == 4 * s * s
    assert spread.within(6 * s) and spread.within(-2 * s)
    assert not spread.within(6 * s + Fraction(1, 10 ** 12)) and not spread.within(-2 * s - Fraction(1, 10 ** 12))


def test_drawn_samples_are_distinct_students_with_their_true_average():
    drawn = drawn_averages(CLASS, 3, draws=20, seed=5)
    assert len(drawn) == 20
    for chosen, average in drawn:
        assert len(set(chosen)) == 3 and all(0 <= i < len(CLASS) for i in chosen)
        assert average == sum(CLASS[i] for i in chosen) / 3
    assert drawn == drawn_averages(CLASS, 3, draws=20, seed=5)  # reproducible from the seed
    assert first_average(CLASS, 2) == Fraction(56)


def _bce(rows, labels, weights, bias=0.0):
    z = rows @ weights + bias
    p = 1 / (1 + np.exp(-z))
    return float(np.mean(-(labels * np.log(p) + (1 - labels) * np.log(1 - p))))


KINDS = {"husky": Kind((Fraction(1), Fraction(1)), 1), "dog": Kind((Fraction(0), Fraction(1)), 1),
         "wolf": Kind((Fraction(1), Fraction(0)), 0), "cat": Kind((Fraction(0), Fraction(0)), 0)}


@pytest.mark.parametrize("counts", [{"husky": 1, "wolf": 1}, {"husky": 1, "cat": 1},
                                    {"husky": 2, "dog": 8, "wolf": 5, "cat": 17}, {"wolf": 3}])
def test_batch_lesson_is_minus_the_bce_gradient_at_zero_weights(counts):
    """Central finite differences of the mean cross-entropy of a logistic model (with a bias) at all-zero weights."""
    rows = np.array([[float(v) for v in KINDS[k].features] for k, n in counts.items() for _ in range(n)])
    labels = np.array([float(KINDS[k].label) for k, n in counts.items() for _ in range(n)])
    h = 1e-6
    numeric = []
    for j in range(rows.shape[1]):
        e = np.zeros(rows.shape[1])
        e[j] = h
        numeric.append(-(_bce(rows, labels, e) - _bce(rows, labels, -e)) / (2 * h))
    assert [float(v) for v in batch_lesson(KINDS, counts)] == pytest.approx(numeric, abs=1e-8)


def test_husky_and_wolf_teach_nothing_about_grey_fur_but_husky_and_cat_do():
    """The seed says a husky + wolf batch teaches "grey fur = dog"; computed, both are grey, so grey fur cancels;
    a husky with a (not grey) cat does teach it."""
    assert batch_lesson(KINDS, {"husky": 1, "wolf": 1})[0] == 0
    assert batch_lesson(KINDS, {"husky": 1, "cat": 1})[0] > 0


@pytest.mark.parametrize("view, centre", [(View(-1.0, 3.0, 0.5, 0.6), (0.1, 0.55)), (View(0.0, 0.2, -5, 5), (0.1, 0.0)),
                                          (View(-2, 2, -2, 2), (1.5, -1.5))])
def test_equal_scale_view_holds_the_view_and_keeps_angles(view, centre):
    width, height = 6.2, 4.7
    out = centred_equal_scale(view, *centre, width, height)
    assert out.w_min <= view.w_min and out.w_max >= view.w_max and out.b_min <= view.b_min and out.b_max >= view.b_max
    assert (out.w_min + out.w_max) / 2 == pytest.approx(centre[0]) and (out.b_min + out.b_max) / 2 == pytest.approx(centre[1])
    # one parameter unit is the same length on screen along w and along b
    assert width / (out.w_max - out.w_min) == pytest.approx(height / (out.b_max - out.b_min))


SAMPLING = small_scenario("""  - scene: sampling
    scores: [90, 94, 50, 62, 71, 47, 75, 58]
    sample_sizes: [1, 3, 8]
    first: 2
  - scene: features
    features: [{en: "grey fur"}, {en: "dog face"}]
    label: {en: "dog"}
    kinds:
      husky: {name: {en: "husky"}, features: [1, 1], label: 1}
      wolf: {name: {en: "wolf"}, features: [1, 0], label: 0}
      cat: {name: {en: "cat"}, features: [0, 0], label: 0}
      dog: {name: {en: "dog"}, features: [0, 1], label: 1}
    batches:
      - name: {en: "husky + cat"}
        counts: {husky: 1, cat: 1}
      - name: {en: "mixed"}
        counts: {husky: 1, dog: 4, wolf: 3, cat: 2}
""", "sampling")


@pytest.fixture(scope="module")
def analogies(tmp_path_factory):
    from tests.conftest import render_all_tiny

    return render_all_tiny(tmp_path_factory, "analogies", SAMPLING)


def test_sampling_scene_says_the_enumerated_spreads_and_the_poll_verdict(analogies):
    sc, rendered = analogies
    said = " ".join(rendered[0].subtitles)
    scores = np.array([90, 94, 50, 62, 71, 47, 75, 58], dtype=float)
    for size in (1, 3, 8):
        means = [scores[list(c)].mean() for c in itertools.combinations(range(8), size)]
        if np.std(means) == 0:  # every sample of all 8 students has the class average: no spread, said so
            assert re.search(rf"Samples of {size}: .*? These averages do not spread at all", said), said
            continue
        value = re.search(rf"Samples of {size}: .*? These averages spread ≈?([\d.]+) around", said).group(1)
        assert float(value) == pytest.approx(np.std(means), rel=6e-3)  # said with three significant digits
    # the first two (90, 94) average 92; random pairs spread std_2 around the class mean: outside 2 spreads?
    pairs = [scores[list(c)].mean() for c in itertools.combinations(range(8), 2)]
    outside = abs(92 - scores.mean()) > 2 * np.std(pairs)
    assert ("outside the band" in said) == outside and ("within the band" in said) == (not outside)
    # every sample of all 8 students has the class average: the largest spread is 0, said as such
    assert re.search(r"spread [\d.≈]+ for samples of 1 and 0 for samples of 8", said)


def test_features_scene_says_what_each_batch_teaches_from_finite_differences(analogies):
    sc, rendered = analogies
    said = " ".join(rendered[1].subtitles)
    assert "husky + cat: the first step learns “grey fur” means dog; “dog face” means dog." in said
    # the mixed batch: grey fur from finite differences (husky +, wolves -), its sign decides the sentence
    rows = np.array([[1, 1]] + [[0, 1]] * 4 + [[1, 0]] * 3 + [[0, 0]] * 2, dtype=float)
    labels = np.array([1] * 5 + [0] * 5, dtype=float)
    h = 1e-6
    grey = -(_bce(rows, labels, np.array([h, 0])) - _bce(rows, labels, np.array([-h, 0]))) / (2 * h)
    assert grey < 0
    assert "mixed: the first step learns “grey fur” means not dog" in said
    assert "Compared with mixed, husky + cat gets grey fur the wrong way round." in said


def test_analogy_scenes_last_as_long_as_their_animations_and_words(analogies):
    from tests.conftest import assert_length_follows_animation_and_words

    sc, rendered = analogies
    for entry, result in zip(sc.lesson, rendered):
        assert_length_follows_animation_and_words(sc, entry, result)


def test_fog_scene_draws_w_and_b_at_one_scale(seed):
    """On the seed the gradients point almost along w; with unequal scales the fan's angles on screen were not the
    angles the scene states. One parameter unit must be equally long on screen along w and along b."""
    from scenes.kinds.fog.scene import PLOT_SIZE, fog_view
    from scenes.kinds.mobjects.param_plane import framed_axes

    view = fog_view(seed.problem())
    axes, _ = framed_axes((view.w_min, view.w_max), (view.b_min, view.b_max), *PLOT_SIZE, str, color="#777777")
    along_w = np.linalg.norm(np.array(axes.c2p(1, 0)) - np.array(axes.c2p(0, 0)))
    along_b = np.linalg.norm(np.array(axes.c2p(0, 1)) - np.array(axes.c2p(0, 0)))
    assert along_w == pytest.approx(along_b, rel=1e-6)
