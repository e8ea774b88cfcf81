"""Default narration is true for any scenario: it says the scenario's own model, loss and task, never the seed's
story, counts what it claims to count, and speaks relations and signs as they are."""

from __future__ import annotations

import math
import re

import pytest

from tests.conftest import SCENARIOS, render_all_tiny

PLAIN = """id: plain
language: en
title: {en: "Plain"}
init: {w: -0.5, b: 1}
learning_rate: 0.05
data: {x: [0.5, 1, 1.5, 2, 3, 4], y: [3, 2.5, 2, 2, 1, 0.5]}
runs:
  two: {batch_size: 2, epochs: 2}
  all: {batch_size: 6, epochs: 2}
lesson:
  - scene: setup
  - {scene: step, run: two, step: 1}
  - {scene: noise, batch_sizes: [1, 2, 6]}
  - {scene: tradeoffs}
  - {scene: summary, runs: [two, all], batch_sizes: [1, 2]}
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return render_all_tiny(tmp_path_factory, "plain", PLAIN, painted=False)


@pytest.fixture(scope="module")
def logistic(shipped_scripts):
    """The shipped logistic lesson and each entry's dry run (its lesson's shared script, tests/helpers_script.py)."""
    from scenes.scenario.loader import load_scenario

    path = SCENARIOS / "noisy_logistic.yaml"
    return load_scenario(path), shipped_scripts.get(path).entries


def narration(rendered) -> list[str]:
    return [cue for r in rendered for cue in r.subtitles]


def test_a_lesson_without_a_task_never_tells_the_seeds_story(plain):
    sc, rendered = plain
    said = " ".join(narration(rendered)) + " " + " ".join(t for r in rendered for t in r.texts)
    for seed_words in ("greater than 5", "32–128", "32 to 128", "whole class"):
        assert seed_words not in said
    assert "Task: predict y from x" in said  # the neutral default task
    assert "A linear model y = w·x + b learns to predict y from x" in said


def test_the_logistic_lesson_says_its_own_model_and_loss(logistic):
    sc, rendered = logistic
    said = narration(rendered)
    step = " ".join(rendered[next(i for i, e in enumerate(sc.lesson) if e.scene == "step")].subtitles)
    setup, loss_cue = said[0], step[:step.index("this batch's loss")]
    assert setup.startswith("A logistic model ŷ = σ(w·x + b) learns to predict whether x is greater than 5")
    assert "linear" not in setup.lower()
    assert "cross-entropy" in loss_cue and "square" not in loss_cue.lower()


@pytest.mark.parametrize("which", ["plain", "logistic"])
def test_relations_and_signs_are_spoken_as_they_are(request, which):
    sc, rendered = request.getfixturevalue(which)
    for cue in narration(rendered):
        assert not re.search(r"=\s*≈", cue), cue  # "w = ≈0.49" says equal and approximately at once
        assert not re.search(r"(?<![\w.])-\d", cue), cue  # a hyphen is not a minus sign


def test_noise_cues_count_the_batches_they_claim(plain, logistic):
    """'all K possible batches' only when K = C(N, B) batches are drawn; a random draw says so; B = N is one batch."""
    for sc, rendered in (plain, logistic):
        n = len(sc.dataset)
        i = next(j for j, e in enumerate(sc.lesson) if e.scene == "noise")
        for cue in rendered[i].subtitles:
            every = re.search(r"Batch size (\d+): the gradients of all (\d+) possible batches", cue)
            drawn = re.search(r"Batch size (\d+): (\d+) of the (.+?) possible batches, drawn at random", cue)
            only = re.search(r"Batch size (\d+): the only batch is all (\d+) samples", cue)
            if every:
                assert int(every.group(2)) == math.comb(n, int(every.group(1))) and int(every.group(1)) < n
            if drawn:
                size = int(drawn.group(1))
                assert int(drawn.group(2)) < math.comb(n, size)
                total = drawn.group(3)
                assert total == f"C({n}, {size})" or int(total) == math.comb(n, size)
            if only:
                assert int(only.group(1)) == n == int(only.group(2))
    plain_cues = " ".join(plain[1][2].subtitles)
    assert "Batch size 6: the only batch is all 6 samples" in plain_cues
    assert "Batch size 2: the gradients of all 15 possible batches" in plain_cues
