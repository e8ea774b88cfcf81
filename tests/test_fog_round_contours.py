"""The fog scene gives no reason it has not measured: "the arrow points almost straight at the star: the contours
around the start are nearly round" was said where the loss's curvatures differ 39-fold (long thin ellipses) and the
start merely lay along the valley's axis. Here the start is put on the long axis of an elongated valley: the arrow
points at the star, and the voice must not call the contours round."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers_cli import script_cues

X = [1, 2, 3, 4, 5, 6, 7, 8]
Y = [2, 1, 4, 3, 6, 5, 8, 7]


def _start_on_the_long_axis():
    x, y = np.array(X, float), np.array(Y, float)
    w_star, b_star = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])  # of the mean squared error
    values, vectors = np.linalg.eigh(hessian)
    flat = vectors[:, 0]  # the smallest curvature: the valley's long axis
    w0, b0 = np.round(np.array([w_star, b_star]) + 3 * flat, 3)
    return values[1] / values[0], float(w0), float(b0)


@pytest.mark.render  # runs the fog scene (unpainted)
def test_an_arrow_at_the_star_in_a_long_valley_is_not_said_to_meet_round_contours(tmp_path):
    ratio, w0, b0 = _start_on_the_long_axis()
    assert ratio > 20  # independently: the contours are long thin ellipses
    cues = script_cues(tmp_path, f"""id: valley
language: en
title: {{en: "Valley"}}
init: {{w: {w0}, b: {b0}}}
learning_rate: 0.01
data: {{x: {X}, y: {Y}}}
runs:
  b2: {{batch_size: 2}}
lesson:
  - {{scene: fog, batch_sizes: [2, 4]}}
""")
    outcomes = {v["name"]: v["outcome"] for c in cues for v in c.get("verdicts", [])}
    assert outcomes.get("steepest_misses_minimum") == "false", outcomes  # the arrow points at the star
    said = " ".join(c["text"] for c in cues)
    assert "points almost straight at the star" in said and "round" not in said, said
