"""The classifier scene says what a learner must hear when the picture would mislead: a step that turns the curve
over (w changes sign) and a boundary outside the data (where the picture cannot show it); and its legend names no
curve that is not drawn. Checked against a plain re-run of logistic SGD written here."""

from __future__ import annotations

import math

import pytest

from tests.conftest import render_all_tiny

X = [4, 1, 3, 0.5, 2.5]  # in this order, one sample a step at rate 1: boundaries in and off the data, and a flip
Y = [1, 0, 1, 0, 0]
LESSON = f"""id: hours
language: {{language}}
title: {{{{en: "Hours", zh: "学习时间"}}}}
model: logistic
loss: bce
init: {{{{w: 0, b: 0}}}}
learning_rate: 1
data: {{{{x: {X}, y: {Y}}}}}
runs:
  b1: {{{{batch_size: 1, epochs: 1}}}}
lesson:
  - {{{{scene: classifier, run: b1, steps: 5}}}}
"""


def sgd_steps(steps):
    """(w, b) after each of the first ``steps`` one-sample steps in file order, binary cross-entropy."""
    w = b = 0.0
    out = []
    for x, y in list(zip(X, Y))[:steps]:
        p = 1 / (1 + math.exp(-(w * x + b)))
        w, b = w - (p - y) * x, b - (p - y)
        out.append((w, b))
    return out


@pytest.mark.render
@pytest.mark.parametrize("language, flipped, outside", [("en", "w changed sign", "outside the data"),
                                                         ("zh", "w 变了号", "落在数据之外")])
def test_a_flip_and_a_boundary_off_the_data_are_said(tmp_path_factory, language, flipped, outside):
    after = sgd_steps(5)
    before = [(0.0, 0.0)] + after[:-1]
    flips = [wb * wa < 0 for (wb, _), (wa, _) in zip(before, after)]
    off = [not min(X) <= -b / w <= max(X) for w, b in after]
    assert any(flips) and any(off) and not all(off)  # the data shows each case
    _, (scene,) = render_all_tiny(tmp_path_factory, f"hours_{language}", LESSON.format(language=language))
    text = " ".join(scene.subtitles)
    per_step = text.split("Step " if language == "en" else "第 ")[1:]
    assert len(per_step) == 5, text
    for k in range(5):
        assert (flipped in per_step[k]) == flips[k], (k, per_step[k])
        assert (outside in per_step[k]) == off[k], (k, per_step[k])
