"""The paths scene's "came close" is about the point, the star, not the loss alone: a run whose loss is within 0.4%
of the lowest but whose w and b are far from the star's in a long flat valley was said "not to have come close to
the lowest possible loss" (a teacher's outlier lesson). came_close needs both the loss and the distance; the words
now name the star, which is what a run far from it did not come close to."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers_cli import script_cues

X = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]
Y = [2.1, 2.9, 4.2, 5.0, 5.8, 15, 8.1, 9.0]
LESSON = f"""id: outlier
language: en
title: {{en: "Outlier"}}
init: {{w: 0, b: 0}}
learning_rate: 0.05
data: {{x: {X}, y: {Y}}}
runs:
  b1: {{batch_size: 1, epochs: 2}}
  b4: {{batch_size: 4, epochs: 2}}
lesson:
  - {{scene: paths, runs: [b1, b4]}}
"""


def _descend(size, epochs, lr=0.05):
    x, y = np.array(X, float), np.array(Y, float)
    w = b = 0.0
    for _ in range(epochs):
        for k in range(0, len(x), size):
            r = w * x[k:k + size] + b - y[k:k + size]
            w, b = w - lr * 2 * np.mean(r * x[k:k + size]), b - lr * 2 * np.mean(r)
    return w, b


@pytest.mark.render  # runs the paths scene (unpainted)
def test_a_run_near_the_lowest_loss_but_far_from_the_star_is_not_said_to_miss_the_loss(tmp_path):
    x, y = np.array(X, float), np.array(Y, float)
    loss = lambda w, b: float(np.mean((w * x + b - y) ** 2))
    w_star, b_star = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    w1, b1 = _descend(1, 2)
    share = (loss(w1, b1) - loss(w_star, b_star)) / (loss(0, 0) - loss(w_star, b_star))
    assert share < 0.01 and abs(b1 - b_star) > 0.5  # independently: the loss is all but the lowest, b is off by 0.6
    cues = script_cues(tmp_path, LESSON)
    said = " ".join(c["text"] for c in cues)
    close = [v for c in cues for v in c.get("verdicts", []) if v["name"] == "came_close" and v["subject"] == "b1"]
    assert close and close[0]["outcome"] in ("false", "undecided"), close  # judged on the distance to the star
    assert "lowest possible loss" not in said and "the lowest point, the star" in said, said
