"""The step scene's data inset draws a bounded number of dots: every sample of the batch, and a random sample of
the others (issue 26: one dot per sample of a 10,000-sample lesson made one step scene's dry run take a minute)."""

from __future__ import annotations

import numpy as np

from mathcore.noise import MAX_DRAWN_POPULATION

LESSON = """id: many
language: en
title: {en: "Many"}
init: {w: 0, b: 0}
learning_rate: 0.001
data: {csv: many.csv}
runs:
  b8: {batch_size: 8, order: shuffled, steps: 1}
lesson:
  - {scene: step, run: b8, step: 1}
"""


def test_the_data_inset_draws_the_batch_and_at_most_a_few_hundred_others(tmp_path):
    from manim import ManimColor

    from scenes.kinds.mobjects.step_insets import DataInset
    from scenes.scenario.loader import load_scenario

    count = 10_000
    (tmp_path / "many.csv").write_text("x,y\n" + "".join(f"{k / 100},{(k * 37) % 101}\n" for k in range(count)),
                                       encoding="utf-8")
    (tmp_path / "many.yaml").write_text(LESSON, encoding="utf-8")
    scenario = load_scenario(tmp_path / "many.yaml")
    problem, colors = scenario.problem(), scenario.theme()
    batch = {3, 4_000, 4_001, 9_999}
    inset = DataInset(problem, batch, [(0, 0)], 5.0, 3.0, str, colors, "#FF0000")
    assert len(inset.dots) <= len(batch) + MAX_DRAWN_POPULATION
    drawn = {(round(float(x), 6), round(float(y), 6)) for x, y in (inset.axes.p2c(d.get_center()) for d in inset.dots)}
    red = [d for d in inset.dots if d.get_color() == ManimColor("#FF0000")]
    assert len(red) == len(batch)  # every batch sample, in the batch's colour
    for i in batch:
        assert (round(i / 100, 6), float((i * 37) % 101)) in drawn
    # the others are spread over the data, not its first rows: they span most of x
    xs = np.array(sorted(x for x, _ in drawn))
    assert xs[0] < 10 and xs[-1] > 90 and len(drawn) > MAX_DRAWN_POPULATION // 2
