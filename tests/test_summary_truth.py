"""The summary says only what the lesson measured: no "middle ground" when its trade-offs scene calls the fastest a tie
with the smallest, no blind men disagreeing when its data scene showed every batch agreeing (a new teacher's
perfectly linear lesson, where the seed's story does not hold)."""

from __future__ import annotations

import numpy as np

from mathcore.hardware_cost import Hardware, batch_costs
from mathcore.verdicts import fastest_batch
from scenes.scenario.judged import summary_advice, summary_blind_men
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
