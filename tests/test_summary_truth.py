"""The summary says only what the lesson measured: no "middle ground" when its trade-offs scene calls the fastest a tie
with the smallest, no blind men disagreeing when its data scene showed every batch agreeing (a new teacher's
perfectly linear lesson, where the seed's story does not hold)."""

from __future__ import annotations

import numpy as np

from mathcore.hardware_cost import Hardware, batch_costs
from mathcore.verdicts import fastest_batch
from scenes.scenario.judged import summary_advice, summary_blind_men, summary_large_batch
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

LINE = """id: line
language: en
title: {en: "A perfect line", zh: "一条完美的直线"}
init: {w: 0, b: 0}
learning_rate: 0.01
data:
  x: [1, 2, 3, 4, 5, 6]
  y: [3, 5, 7, 9, 11, 13]
runs:
  b2: {batch_size: 2, steps: 2}
  full: {batch_size: 6, steps: 3}
lesson:
  - {scene: data, run: b2}
  - {scene: summary, runs: [b2, full], batch_sizes: [1, 6]}
  - {scene: tradeoffs, step_seconds: 0.002, sample_seconds: 0.00005, memory_limit: 128}
"""


def line_lesson(tmp_path):
    path = tmp_path / "line.yaml"
    path.write_text(LINE, encoding="utf-8")
    return lesson_of(load_scenario(path))


def test_on_a_perfect_line_the_summary_does_not_tell_blind_men_who_disagree(tmp_path):
    lesson = line_lesson(tmp_path)
    # independently: every pair of samples of y = 2x + 1 has least-squares slope exactly 2
    x, y = np.arange(1, 7, dtype=float), 2 * np.arange(1, 7, dtype=float) + 1
    assert {round(np.polyfit(x[k:k + 2], y[k:k + 2], 1)[0], 12) for k in range(0, 6, 2)} == {2.0}
    for language in ("en", "zh"):
        said = summary_blind_men(lesson, language)
        assert said.text == lesson.text("sub_summary_1_agreed", language)
        assert [v.holds for v in said.verdicts] == [False]


def test_on_the_seed_the_blind_men_disagree_as_its_data_scene_showed():
    lesson = lesson_of(load_scenario(SCENARIOS / "seed_en.yaml"))
    said = summary_blind_men(lesson, "en")
    assert said.text == lesson.text("sub_summary_1", "en") and [v.holds for v in said.verdicts] == [True]


def test_a_tie_with_the_smallest_batch_is_no_middle_ground(tmp_path):
    """The trade-offs scene of this lesson says batch size 1 about ties with the fastest (within its margin); the
    summary then names no middle ground and says the undecided sentence."""
    lesson = line_lesson(tmp_path)
    entry = lesson.scenario.lesson[2]
    study = lesson.study().study
    costs = batch_costs(study.results, Hardware(entry.step_seconds, entry.sample_seconds, entry.memory_limit))
    usable = sorted((c.seconds, c.batch_size) for c in costs if c.fits and c.seconds is not None)
    smallest = min(r.batch_size for r in study.results)
    tie = [size for seconds, size in usable if seconds <= 1.1 * usable[0][0]]
    assert fastest_batch(costs).holds is None and smallest in tie and len(tie) > 1, usable  # the scene's tie
    said = summary_advice(lesson, lesson.scenario.lesson[1], "en")
    assert "middle ground:" not in said.text and "neither the smallest" not in said.text
    assert said.text == lesson.text("sub_summary_3_undecided", "en")


# a large batch is "more conservative" only where the lesson's compare scene measured its one step shorter
STEEP = """id: steep
language: en
title: {en: "Hours and scores", zh: "学习时长与分数"}
init: {w: 0, b: 0}
learning_rate: 0.005
data:
  x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  y: [2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8]
runs:
  b4: {batch_size: 4, steps: 3}
  full: {batch_size: 12, steps: 1}
lesson:
  - {scene: compare, small: b4, full: full}
  - {scene: summary, runs: [b4, full], batch_sizes: [4, 12]}
"""


def _full_and_small_steps(x, y, lr, small):
    """(length of the full batch's one step, mean length of the small batch's steps), in floats from the formulas."""
    def step(w, b, xs, ys):
        r = w * xs + b - ys
        return w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
    w, b, lengths = 0.0, 0.0, []
    for k in range(0, len(x), small):
        nw, nb = step(w, b, x[k:k + small], y[k:k + small])
        lengths.append(np.hypot(nw - w, nb - b))
        w, b = nw, nb
    fw, fb = step(0.0, 0.0, x, y)
    return float(np.hypot(fw, fb)), float(np.mean(lengths))


def test_a_large_batch_whose_step_was_longer_is_not_called_more_conservative(tmp_path):
    path = tmp_path / "steep.yaml"
    path.write_text(STEEP, encoding="utf-8")
    lesson = lesson_of(load_scenario(path))
    x = np.arange(1, 13, dtype=float)
    full, small = _full_and_small_steps(x, 0.5 * x + 2, 0.005, 4)
    assert full > 1.25 * small  # independently: the full batch's step is the longer one here
    for language in ("en", "zh"):
        said = summary_large_batch(lesson, language)
        assert [v.holds for v in said.verdicts] == [False]
        assert said.text == lesson.text("sub_summary_2_longer", language)
        assert "conservative" not in said.text and "保守一些" not in said.text


def test_on_the_seed_a_large_batch_is_more_conservative_as_its_compare_scene_measured():
    lesson = lesson_of(load_scenario(SCENARIOS / "seed_en.yaml"))
    said = summary_large_batch(lesson, "en")
    assert [v.holds for v in said.verdicts] == [True] and said.text == lesson.text("sub_summary_2", "en")


def test_without_a_compare_scene_the_summary_does_not_judge_the_step(tmp_path):
    lesson = line_lesson(tmp_path)
    said = summary_large_batch(lesson, "en")
    assert said.verdicts == () and said.text == lesson.text("sub_summary_2_comparable", "en")


def test_the_tradeoffs_heading_asks_its_question_only_where_the_largest_batch_is_not_the_quickest(tmp_path):
    from scenes.pipeline.chapters import chapter_title
    from scenes.scenario.judged import tradeoffs_title

    # the line lesson's hardware: batch size 1 about ties with the quickest, the largest (6) does not
    lesson = line_lesson(tmp_path)
    entry = lesson.scenario.lesson[2]
    costs = batch_costs(lesson.study().study.results,
                        Hardware(entry.step_seconds, entry.sample_seconds, entry.memory_limit))
    quickest = min(c.seconds for c in costs if c.fits and c.seconds is not None)
    largest = max(costs, key=lambda c: c.batch_size)
    assert largest.seconds > 1.1 * quickest  # independently: the largest is not the quickest here
    assert tradeoffs_title(lesson, entry, "en") == lesson.text("tradeoffs_title", "en")
    # a second of overhead per step and nearly free samples: the fewest steps, the largest batch, is quickest
    # (the hours-and-scores lesson: its study needs fewer steps the larger the batch, 28 down to 22)
    path = tmp_path / "slow_steps.yaml"
    path.write_text(STEEP + "  - {scene: tradeoffs, research: false, step_seconds: 1, sample_seconds: 0.000001}\n",
                    encoding="utf-8")
    slow = lesson_of(load_scenario(path))
    entry = slow.scenario.lesson[2]
    costs = batch_costs(slow.study().study.results, Hardware(entry.step_seconds, entry.sample_seconds,
                                                             entry.memory_limit))
    reached = [c for c in costs if c.fits and c.seconds is not None]
    assert min(reached, key=lambda c: c.seconds).batch_size == max(c.batch_size for c in costs)
    for language in ("en", "zh"):
        title = tradeoffs_title(slow, entry, language)
        assert title == slow.text("tradeoffs_title_largest_quickest", language)
        assert chapter_title(slow.scenario, 2, language) == title  # the chapter is the scene's heading
