"""The fog scene counts the batches it has: "Batches of 4: 60 of them" was said of 8 samples, which make
C(8, 4) = 70 batches of 4, of which the scene draws 60 (its most arrows); now it says how many there are and how
many are drawn, and "all of them" only when every batch is drawn."""

from __future__ import annotations

import math

import pytest

from tests.helpers_cli import script_cues

LESSON = """id: fogcount
language: en
title: {en: "Fog"}
init: {w: 0, b: 0}
learning_rate: 0.05
data:
  x: [1, 2, 3, 4, 5, 6, 7, 8]
  y: [2, 1, 4, 3, 15, 5, 8, 7]
runs:
  b2: {batch_size: 2}
lesson:
  - {scene: fog, batch_sizes: [2, 4]}
"""


@pytest.mark.render  # runs the fog scene (unpainted)
def test_the_fog_scene_says_how_many_batches_there_are_and_how_many_it_draws(tmp_path):
    said = " ".join(c["text"] for c in script_cues(tmp_path, LESSON))
    assert f"Batches of 2: {math.comb(8, 2)} of them" in said, said  # 28: every one drawn
    assert f"Batches of 4: {math.comb(8, 4)} in all, 60 of them drawn" in said, said
    assert "Batches of 4: 60 of them" not in said
