"""The compare scene's identity "the full-batch gradient is the mean of the batch gradients" is about an epoch's
batches: a run that stops after 2 of its 3 batches still has its third batch, and the scene sums all three (before,
it left the third out and said "not equal" with no reason, against the lesson's own point)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.conftest import render_all_tiny

SHORT = """id: short
language: en
title: {en: "A perfect line"}
init: {w: 0, b: 0}
learning_rate: 0.01
data:
  x: [1, 2, 3, 4, 5, 6]
  y: [3, 5, 7, 9, 11, 13]
runs:
  b2: {batch_size: 2, steps: 2}
  full: {batch_size: 6, steps: 3}
lesson:
  - {scene: compare, small: b2, full: full}
"""


def mse_gradient(samples):
    """dL/dw and dL/db of the mean squared error at w = b = 0, in exact fractions (independent of mathcore)."""
    n = len(samples)
    return (sum(Fraction(2) * (0 - y) * x for x, y in samples) / n, sum(Fraction(2) * (0 - y) for x, y in samples) / n)


@pytest.mark.render
def test_a_run_that_stops_short_still_compares_its_whole_epoch(tmp_path_factory):
    samples = [(x, 2 * x + 1) for x in range(1, 7)]
    batches = [samples[k:k + 2] for k in range(0, 6, 2)]
    full = mse_gradient(samples)
    mean = tuple(sum(g[i] for g in map(mse_gradient, batches)) / 3 for i in range(2))
    assert mean == full  # equal batches covering every sample once: the identity holds exactly
    _, (compare,) = render_all_tiny(tmp_path_factory, "short", SHORT)
    said = " ".join(compare.subtitles)
    assert "the mean of the 3 batch gradients are exactly equal" in said, said
    assert r"\tfrac{1}{3}" in " ".join(compare.tex)
