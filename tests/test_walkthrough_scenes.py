"""Walkthrough scenes: stored last frames, every drawn number from mathcore, subtitles that agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mathcore import format_value
from scenes.scenario.lesson import lesson_of
from tests.conftest import ROOT, entry_index
from tests.frame_compare import assert_matches_control, last_frame

NUMBER = re.compile(r"\d+(?:\.\d+)?")
STRUCTURAL = {"1", "2"}  # sum from i=1, squares, the 2 of the MSE gradient


@pytest.mark.parametrize("name", ["setup", "step_bs4_1", "step_full32_1"])
def test_last_frame_matches_control(seed, seed_advanced, tmp_path, request, name):
    lesson = seed_advanced if name == "step_full32_1" else seed  # the 32-sample batch is in the second lesson
    assert_matches_control(last_frame(lesson, entry_index(lesson, name), tmp_path), f"seed_{name}", request)


def step_values(step, problem) -> set[str]:
    """Every value of the step that may be shown, formatted by mathcore (sign dropped)."""
    from mathcore.walkthrough import evaluate_batch

    distinct = [step.indices[p] for p in step.distinct_positions()]
    once = evaluate_batch(problem, step.w_before, step.b_before, distinct)
    repeat = step.batch_size // len(distinct)
    values = [*step.x, *step.y, *step.predictions, *step.residuals, *step.loss_terms, *step.residual_x,
              step.loss, step.dw, step.db, step.lr, step.w_before, step.b_before, step.w_after, step.b_after,
              step.loss_sum / repeat, sum(step.residual_x) / repeat, sum(step.residuals) / repeat,
              once.loss, once.dw, once.db, step.batch_size, len(distinct), repeat, 2 * repeat]
    return {format_value(v, 6).lstrip("≈-") for v in values}


def alternative_scenario(tmp_path: Path):
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "alt.yaml"
    path.write_text("""id: alt
language: en
title: {en: "Alt"}
init: {w: 0.3, b: -0.1}
learning_rate: 0.05
data: {x: [2, 3, 5, 7, 11], y: [1, 0, 1, 1, 0]}
runs:
  r: {batch_size: 3, repeat: 2, steps: 3}
style: {digits: 6}
lesson:
  - {scene: step, run: r, step: 2}
""", encoding="utf-8")
    return load_scenario(path)


@pytest.mark.parametrize("which", ["seed_bs4_2", "seed_full32", "alternative"])
def test_every_number_in_a_step_scene_comes_from_mathcore(seed_advanced, seed_advanced_tiny, tmp_path, which):
    """A number typed into a scene, or computed there, would show up here (also on non-seed data)."""
    from tests.conftest import render_tiny

    if which == "alternative":
        scenario, index = alternative_scenario(tmp_path), 0
        tex = render_tiny(scenario, 0, tmp_path).tex
    else:
        scenario = seed_advanced
        index = entry_index(scenario, {"seed_bs4_2": "step_bs4_2", "seed_full32": "step_full32_1"}[which])
        tex = seed_advanced_tiny[index].tex
    entry = scenario.lesson[index]
    step = lesson_of(scenario).walkthrough(entry.run).step(entry.step)
    allowed = step_values(step, scenario.problem()) | STRUCTURAL
    shown = {n for t in tex for n in NUMBER.findall(t)}
    # the insets' axis tick labels: round numbers of at most two significant digits (0.5, 10)
    allowed |= {n for n in shown if len(n.replace(".", "").strip("0")) <= 2 and n.count(".") <= 1}
    assert shown - allowed == set(), f"numbers drawn that mathcore did not produce: {shown - allowed}"
    for key in (step.loss, step.dw, step.db, step.w_after, step.b_after, *step.predictions):
        assert format_value(key, 6).lstrip("≈-") in shown


def test_subtitles_state_the_computed_numbers(seed_advanced, seed_advanced_tiny):
    text = " ".join(seed_advanced_tiny[entry_index(seed_advanced, "step_bs4_2")].subtitles)
    step = lesson_of(seed_advanced).walkthrough("bs4").step(2)
    for value in (step.loss, step.dw, step.db, step.w_after, step.b_after):
        # said as a person says it: three significant digits, with a true minus sign (the table keeps all six)
        assert format_value(value, 3).lstrip("≈").replace("-", "−") in text, (value, text)


def test_scene_lengths_follow_animation_estimates_and_reading_time(seed, seed_unpainted):
    """`batchviz list` and the 30-minute limit rely on the animation estimates (a lower bound); the narration
    adds only the time its words need."""
    from tests.conftest import assert_length_follows_animation_and_words

    for entry, tiny in zip(seed.lesson, seed_unpainted):  # lengths of the dry runs: those of the renders (test_narration_timing)
        assert_length_follows_animation_and_words(seed, entry, tiny)


UNEQUAL = """id: unequal
language: en
title: {en: "Identities that fail"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.1
data: {x: [1, 2, 3, 4, 5, 6, 7, 8], y: [0, 0, 0, 0, 0, 1, 1, 1]}
runs:
  three: {batch_size: 3, epochs: 1}
  full: {batch_size: 8, epochs: 1}
  twelve: {batch_size: 12, repeat: 2, order: shuffled, seed: 0, epochs: 1}
lesson:
  - {scene: compare, small: three, full: full}
  - {scene: step, run: twelve, step: 1}
"""


def test_unequal_identities_are_drawn_as_unequal(tmp_path):
    """Batches of 3, 3, 2 do not average to the full gradient, and a batch of 12 drawn from the data twice
    over holds some samples twice and others once: both scenes must say so, never draw '='."""
    import numpy as np

    from scenes.scenario.loader import load_scenario
    from tests.conftest import render_tiny

    path = tmp_path / "unequal.yaml"
    path.write_text(UNEQUAL, encoding="utf-8")
    sc = load_scenario(path)
    x = np.arange(1, 9, dtype=float)
    y = (x > 5).astype(float)

    def grad(idx, w=0.1, b=0.2):
        r = w * x[idx] + b - y[idx]
        return np.array([np.mean(2 * r * x[idx]), np.mean(2 * r)])

    # independent float reference: the identities really fail on this data
    batches = [np.arange(0, 3), np.arange(3, 6), np.arange(6, 8)]
    assert not np.allclose(np.mean([grad(i) for i in batches], axis=0), grad(np.arange(8)))
    step = lesson_of(sc).walkthrough("twelve").step(1)
    counts = np.bincount(np.array(step.indices), minlength=8)
    assert len(set(counts[counts > 0])) > 1  # unequal multiplicities
    loss_12 = np.mean((0.1 * x[list(step.indices)] + 0.2 - y[list(step.indices)]) ** 2)
    distinct = sorted(set(step.indices))
    loss_distinct = np.mean((0.1 * x[distinct] + 0.2 - y[distinct]) ** 2)
    assert not np.isclose(loss_12, loss_distinct)

    compare = render_tiny(sc, 0, tmp_path / "compare")
    mean_eq = [t for t in compare.tex if r"\nabla L_{\text{full}}" in t]
    assert mean_eq and all(r"\end{pmatrix} \neq \tfrac" in t for t in mean_eq), mean_eq
    assert not any(r"\end{pmatrix} = \tfrac" in t for t in mean_eq)

    stepped = render_tiny(sc, 1, tmp_path / "step")
    invariance = [t for t in stepped.tex if t.startswith(("L_{", r"\nabla_{w} L_{", r"\nabla_{b} L_{"))]
    assert len(invariance) == 3 and all(r" \neq " in t for t in invariance), invariance
    # the loss equation weighs each row by its count: 1/12 [2·a + b + ...], never 2/12 or 1/12 of the distinct sum
    loss_eqs = [t for t in stepped.tex if t.startswith("L =") and r"\Big[" in t]
    assert loss_eqs and all(t.split(r"\Big[")[0].rstrip().endswith(r"\frac{1}{12}") for t in loss_eqs), loss_eqs
    subtitles = " ".join(stepped.subtitles)
    assert "unequally" in subtitles and "exactly those" not in subtitles


def test_frame_comparison_catches_one_changed_digit(seed, tmp_path, request):
    """The set-up frame of a scenario that differs from the seed in one digit (b = 0.3, not 0.2) must not pass as
    the seed's control: the tolerance is tight enough to see a digit."""
    from scenes.scenario.loader import load_scenario

    source = (ROOT / "scenarios" / "seed.yaml").read_text(encoding="utf-8")
    changed = source.replace("init: {w: 0.1, b: 0.2}", "init: {w: 0.1, b: 0.3}")
    assert changed != source
    path = tmp_path / "seed.yaml"
    path.write_text(changed, encoding="utf-8")
    frame = last_frame(load_scenario(path), entry_index(seed, "setup"), tmp_path)
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_matches_control(frame, "seed_setup", request)
