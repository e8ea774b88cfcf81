"""`stability: words`: the paths scene tells whether the learning rate is too long a step in plain words, with no
formula said or drawn, and the sentence is true of the data: the limits are recomputed here with numpy (2/λ_max of
(2/n)[[Σx², Σx], [Σx, n]] for all samples and for every batch a run takes; an eighth of that curvature for the
cross-entropy) and the wording is chosen here by the rule the guide states (a rate at least 2% above a limit is too
long, at least 2% below it safe, between: at the edge)."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kinds.paths.stability_words import stability_in_words
from scenes.scenario.judged import paths_plan
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario

X = [1, 2, 3, 4, 5, 6, 7, 8]
EDGE = 0.02


def scenario(tmp_path, lr: str, model: str = "linear", language: str = "en", y=(0, 0, 0, 0, 0, 1, 1, 1),
             stability: str = "words"):
    path = tmp_path / f"words_{model}_{language}_{lr}.yaml"
    loss = "bce" if model == "logistic" else "mse"
    path.write_text(f"""id: words
language: {language}
title: {{{language}: "Words"}}
model: {model}
loss: {loss}
init: {{w: 0.1, b: 0.2}}
learning_rate: {lr}
data: {{x: {X}, y: {list(y)}}}
runs:
  b1: {{batch_size: 1, epochs: 40}}
  b2: {{batch_size: 2, epochs: 40}}
  b4: {{batch_size: 4, epochs: 40}}
  b8: {{batch_size: 8, epochs: 40}}
lesson:
  - {{scene: paths, runs: [b1, b2, b4, b8], stability: {stability}}}
""", encoding="utf-8")
    return load_scenario(path)


def limit(xs, share: float = 1.0) -> float:
    """2/λ_max of the squared error's Hessian over inputs xs (times 1/share: the cross-entropy's is an eighth)."""
    xs = np.asarray(xs, dtype=float)
    hessian = 2 / len(xs) * np.array([[xs @ xs, xs.sum()], [xs.sum(), len(xs)]])
    return 2 / (share * np.linalg.eigvalsh(hessian).max())


def expected(lr: float, share: float = 1.0) -> tuple[str, list[int]]:
    """The wording key and the batch sizes it names, by the guide's rule, from limits computed here (the runs take
    their batches in the data's order: consecutive slices)."""
    full = lr / limit(X, share)
    if full >= 1 + EDGE:
        return "all_true", []
    if full > 1 - EDGE:
        return "all_undecided", []
    ratios = {size: lr / min(limit(X[k:k + size], share) for k in range(0, len(X), size)) for size in (1, 2, 4, 8)}
    too_long = [s for s, r in ratios.items() if r >= 1 + EDGE]
    edge = [s for s, r in ratios.items() if 1 - EDGE < r < 1 + EDGE]
    return ("batches_true", too_long) if too_long else ("batches_undecided", edge) if edge else ("batches_false", [])


def said(sc):
    lesson = lesson_of(sc)
    entry = sc.lesson[0]
    return stability_in_words(lesson, entry, sc.language, paths_plan(lesson, entry), "SUMMARY")


WORDS = {"all_true": "too long a step even for all 8 samples together",
         "all_undecided": "right at the edge for all 8 samples together",
         "batches_true": "but too long for the steepest batches of size",
         "batches_undecided": "and right at the edge for the steepest batches of size",
         "batches_false": "and for every batch of every run"}


@pytest.mark.parametrize("lr, story", [
    ("0.02", "batches_true"),  # the seed's: too long for the steepest batches of size 1 and 2 only
    ("0.01", "batches_false"),  # below every batch's limit: no run overshoots
    ("0.0154", "batches_undecided"),  # 2/(2(8² + 1)) = 0.015385: right at the edge of the sample x = 8
    ("0.05", "all_true"),  # above 2/λ_max ≈ 0.038 of all samples: every run diverges
    ("0.038", "all_undecided"),
])
def test_the_plain_story_is_true_of_the_data(tmp_path, lr, story):
    key, sizes = expected(float(lr))
    assert key == story  # the premise, from the limits computed here
    text = said(scenario(tmp_path, lr)).text
    assert WORDS[key] in text, text
    for other, words in WORDS.items():
        assert other == key or words not in text, (other, text)
    if sizes:
        assert f"of size {' and '.join(str(s) for s in sizes)}:" in text, text
    assert text.endswith("Outcome: SUMMARY.")
    for formula in ("λ", "2/", "H_S", "curvature", "worst batch"):
        assert formula not in text, (formula, text)


@pytest.mark.render  # a dry run of the scene
def test_every_run_diverges_and_the_summary_says_so(tmp_path):
    from scenes.pipeline.script import entry_script

    cues, _ = entry_script(scenario(tmp_path, "0.1"), 0)
    text = " ".join(c.text for c in cues)
    assert WORDS["all_true"] in text
    for size in (1, 2, 4, 8):  # each run named with the step it diverged at, no final losses read out
        assert f"batch size = {size}: diverged at step" in text, text
    assert "final loss" not in text


def test_the_logistic_model_says_where_its_limit_holds(tmp_path):
    """The cross-entropy's limit 2/L holds where the model is least sure: 8 × the squared error's."""
    for lr in ("0.02", "0.15", "0.35"):
        key, sizes = expected(float(lr), share=1 / 8)
        text = said(scenario(tmp_path, lr, model="logistic")).text
        assert WORDS[key] in text and "where the model is least sure" in text, (lr, key, text)
    assert [expected(float(lr), 1 / 8)[0] for lr in ("0.02", "0.15", "0.35")] == \
        ["batches_false", "batches_true", "all_true"]  # the premise: three different stories


def test_the_verdicts_carry_each_limit_as_computed_here(tmp_path):
    judged = said(scenario(tmp_path, "0.02"))
    measured = {v.subject: v.measured for v in judged.verdicts}
    assert measured["all samples"] == pytest.approx(0.02 / limit(X), rel=1e-9)
    assert measured["b1"] == pytest.approx(0.02 / limit([8]), rel=1e-9)
    assert measured["b2"] == pytest.approx(0.02 / limit([7, 8]), rel=1e-9)
    assert {v.subject: v.holds for v in judged.verdicts} == {"all samples": False, "b1": True, "b2": True,
                                                             "b4": False, "b8": False}


def test_the_chinese_story_uses_full_width_punctuation(tmp_path):
    text = said(scenario(tmp_path, "0.02", language="zh")).text
    assert "对全部 8 个样本一起算是安全的步长，但对 batch size 为 1 和 2 时最陡的 batch 太长：" in text, text
    body = text.replace("η = 0.02", "")
    assert not any(mark in body for mark in (",", ":", ";", "(", ")")), text
