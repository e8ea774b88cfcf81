"""The trade-offs scene says what the batch-size study measured, and each relation it states is recomputed here."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from mathcore.formatting import MEASURED_DIGITS, format_value
from tests.conftest import SCENARIOS, entry_index, render_all_tiny, small_scenario

TRADEOFFS = "  - {scene: tradeoffs, step_seconds: 0.01, sample_seconds: 0.0001, memory_limit: %s}\n"


def measured(value) -> str:
    return format_value(value, MEASURED_DIGITS)


def count(value) -> str:
    """A median count as a person says it: whole, or the nearest whole with "≈" (77.5 steps: "≈78")."""
    exact = Fraction(value)
    return str(exact.numerator) if exact.denominator == 1 else "≈" + str(int(exact + Fraction(1, 2)))


def first_digit(v: float, place: int) -> Fraction:
    """``v`` rounded at decimal ``place``, or at its first significant digit when that is finer."""
    place = max(place, -int(np.floor(np.log10(abs(v))))) if v else place
    return Fraction(str(round(v, place)))


@pytest.fixture(scope="module")
def seed_tradeoffs(shipped_scripts):
    """The tradeoffs scene of seed_advanced_en.yaml (it has the research page), from the lesson's shared dry run."""
    from scenes.scenario.lesson import lesson_of
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / "seed_advanced_en.yaml")
    rendered = shipped_scripts.get(SCENARIOS / "seed_advanced_en.yaml").entries[entry_index(sc, "tradeoffs")]
    return sc, lesson_of(sc).study(), rendered


def test_seed_narration_states_the_measured_numbers(seed_tradeoffs):
    sc, report, rendered = seed_tradeoffs
    said = " ".join(rendered.subtitles)
    first, last = report.study.results[0], report.study.results[-1]
    assert f"Batch size {first.batch_size} needs {count(first.steps)} steps and {count(first.samples)} " \
           f"samples" in said
    assert f"batch size {last.batch_size} needs {count(last.steps)} steps" in said
    # the critical batch size rounded to what its interval supports, re-derived here: the value at the decade of
    # the interval's width, the ends one digit finer
    lo, hi = report.critical_interval
    place = -int(np.ceil(np.log10(hi - lo)))
    value = first_digit(report.fit.b_noise, place)
    error = max(abs(report.fit.steps(r.batch_size) / r.steps - 1) for r in report.study.reached)
    if error <= 0.15:
        assert f"the critical batch size is about {measured(value)}, somewhere between {measured(first_digit(lo, place + 1))} " \
               f"and {measured(first_digit(hi, place + 1))}" in said
    assert ("below the smallest batch studied, 1" in said) == (hi < 1)
    # steps from the smallest batch to the next: "almost in proportion" from 80% of the batch's growth
    a, b = report.study.reached[:2]
    share = (a.steps / b.steps) / (b.batch_size / a.batch_size)
    ending = "almost in proportion." if share >= 0.8 else "far from in proportion." if share < 0.4 else \
        "fewer, but not in proportion."
    assert f"the steps went from {count(a.steps)} to {count(b.steps)}: {ending}" in said


def test_seed_fastest_batch_size_is_recomputed_from_the_rows(seed_tradeoffs):
    sc, report, rendered = seed_tradeoffs
    entry = sc.lesson[entry_index(sc, "tradeoffs")]
    seconds = {r.batch_size: entry.step_seconds * r.steps + entry.sample_seconds * r.samples
               for r in report.study.results if r.reached and r.batch_size <= entry.memory_limit}
    best = min(seconds, key=lambda b: (seconds[b], b))
    slowest = max(seconds, key=lambda b: (seconds[b], -b))
    said = " ".join(rendered.subtitles)
    assert f"batch size {best} reaches the target soonest: {measured(seconds[best])} s, against " \
           f"{measured(seconds[slowest])} s for batch size {slowest}" in said
    assert f"For this data and this hardware, batch size {best}." in said
    assert "For this data and this hardware: batch size " + str(best) in rendered.texts
    assert "32" not in said.split("For this data")[1]  # no rule of thumb where the measurement speaks
    runner = min((b for b in seconds if b != best), key=lambda b: (seconds[b], b))
    tie = seconds[runner] <= 1.1 * seconds[best]  # within 10%: the two are said to tie
    assert (f"Batch size {runner} takes {measured(seconds[runner])} s, within 10% of it" in said) == tie


def test_seed_noise_scale_comparison_is_computed(seed_tradeoffs):
    sc, report, rendered = seed_tradeoffs
    x = np.arange(1.0, 9.0)
    y = (x > 5).astype(float)
    r = 2 * (0.1 * x + 0.2 - y)
    g = np.stack([r * x, r], axis=1)
    b_simple = np.trace(np.cov(g, rowvar=False, bias=True)) / (g.mean(axis=0) @ g.mean(axis=0))
    lo, hi = report.critical_interval  # the measured value is said as its interval supports
    crit = first_digit(report.fit.b_noise, -int(np.ceil(np.log10(hi - lo))))
    ratio = b_simple / float(crit)
    said = " ".join(rendered.subtitles)
    if ratio > 2:
        assert f"{measured(ratio)} times the measured {measured(crit)}: it overestimates" in said
    elif ratio < 0.5:
        assert "underestimates" in said
    else:
        assert "close to the measured" in said


def test_seed_learning_rate_verdict_follows_the_ratio(seed_tradeoffs):
    sc, report, rendered = seed_tradeoffs
    reached = report.study.reached
    growth = (reached[-1].learning_rate / reached[0].learning_rate) / (reached[-1].batch_size / reached[0].batch_size)
    said = " ".join(rendered.subtitles)
    expected = "roughly in proportion" if 2 / 3 <= growth <= 3 / 2 else "only" if growth < 2 / 3 else \
        "more than in proportion"
    assert expected in said
    assert ("stability, not noise, sets the rate" in said) == all(r.at_stability_edge is True for r in reached)
    assert "stability bound drawn is the one for shuffled epochs" in said


@pytest.fixture(scope="module")
def unusual(tmp_path_factory):
    never = render_all_tiny(tmp_path_factory, "never", small_scenario(TRADEOFFS % 64, study="{max_steps: 10}"))
    logistic = render_all_tiny(tmp_path_factory, "logistic", small_scenario(
        TRADEOFFS % 2 + TRADEOFFS % "null", model="logistic", loss="bce",
        data="{x: [1, 2, 3, 4, 5, 6], y: [0, 0, 1, 0, 1, 1]}"))
    return never, logistic


def test_nothing_reached_is_said_and_nothing_invented(unusual):
    (sc, [rendered]), _ = unusual
    keys = set(rendered.keys)
    assert {"sub_study_measured_none", "sub_study_curve_too_few", "sub_study_lr_none", "sub_study_cost_none",
            "sub_advice_none"} <= keys
    said = " ".join(rendered.subtitles)
    assert "No batch size got there within 10 steps" in said
    assert "critical batch size at" not in said and "soonest" not in said


def test_memory_limit_and_no_limit(unusual):
    from scenes.scenario.lesson import lesson_of

    _, (sc, [limited, unlimited]) = unusual
    report = lesson_of(sc).study()
    said = " ".join(limited.subtitles)
    assert "Batch sizes above 2 do not fit in memory." in said
    fitting = [r for r in report.study.results if r.reached and r.batch_size <= 2]
    best = min(fitting, key=lambda r: (0.01 * r.steps + 0.0001 * r.samples, r.batch_size))
    assert f"For this data and this hardware, batch size {best.batch_size}." in said
    assert "sub_tradeoffs_tables_unlimited" in unlimited.keys
    assert "do not fit in memory" not in " ".join(unlimited.subtitles)


def test_tradeoffs_scenes_last_as_long_as_their_animations_and_words(seed_tradeoffs, unusual):
    from tests.conftest import assert_length_follows_animation_and_words

    sc, _, rendered = seed_tradeoffs
    assert_length_follows_animation_and_words(sc, sc.lesson[entry_index(sc, "tradeoffs")], rendered)
    for sc, results in unusual:
        for entry, result in zip(sc.lesson, results):
            assert_length_follows_animation_and_words(sc, entry, result)
