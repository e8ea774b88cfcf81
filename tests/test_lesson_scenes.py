"""The second half of the lesson: stored last frames, and the numbers its pictures are built from."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import numpy as np
import pytest

from mathcore import format_value
from mathcore.batch_composition import label_share
from tests.frame_compare import assert_matches_control, last_frame


def index_of(seed, kind: str) -> int:
    return next(i for i, e in enumerate(seed.lesson) if e.scene == kind)


@pytest.mark.parametrize("kind", ["noise", "sampling", "features", "fog", "composition", "tradeoffs", "summary"])
def test_last_frame_matches_control(seed, tmp_path, request, kind):
    assert_matches_control(last_frame(seed, index_of(seed, kind), tmp_path), f"seed_{kind}", request)


def test_noise_scene_states_the_variance_factor_of_enumerated_batches(seed, seed_unpainted):
    """The factor drawn for each B equals the variance ratio found by listing every batch (numpy)."""
    entry = seed.lesson[index_of(seed, "noise")]
    tex = " ".join(seed_unpainted[index_of(seed, "noise")].tex)
    x = np.arange(1, 9, dtype=float)
    y = np.array([0, 0, 0, 0, 0, 1, 1, 1], dtype=float)
    g = 2 * (0.1 * x + 0.2 - y) * x  # per-sample dL/dw at the start
    for b in entry.batch_sizes:
        means = [g[list(c)].mean() for c in itertools.combinations(range(8), b)]
        ratio = np.var(means) / np.var(g)
        shown = format_value(Fraction(ratio).limit_denominator(1000), seed.style.digits, "tex")
        assert shown.replace("\\approx ", "") in tex, (b, shown)


def test_composition_bars_are_label_shares(seed, seed_unpainted):
    entry = seed.lesson[index_of(seed, "composition")]
    tex = seed_unpainted[index_of(seed, "composition")].tex
    first = [r.label for r in entry.reviews[:4]]
    mixed = sum(g.label * g.count for g in entry.mixed) / sum(g.count for g in entry.mixed)
    for share in (sum(first) / 4, mixed):
        assert format_value(Fraction(share).limit_denominator(10**6), seed.style.digits) in tex
    assert label_share([Fraction(v) for v in first]) == Fraction(sum(first), 4)


def test_tradeoffs_scene_draws_only_computed_numbers(seed, seed_unpainted):
    """Its formulas show batch sizes, table sizes and round tick values; every measured number is a sentence."""
    from scenes.scenario.lesson import lesson_of

    entry = seed.lesson[index_of(seed, "tradeoffs")]
    tex = seed_unpainted[index_of(seed, "tradeoffs")].tex
    numbers = {n for t in tex for n in re.findall(r"\d+(?:\.\d+)?", t)}
    allowed = {format_value(r.batch_size) for r in lesson_of(seed).study().study.results}
    allowed |= {format_value(t) for t in entry.tables}
    round_ticks = {format_value(Fraction(m, 2) * Fraction(10) ** k) for m in range(1, 20) for k in range(-6, 7)} | {"0"}
    assert numbers <= allowed | round_ticks, numbers - allowed - round_ticks
    assert {format_value(t) for t in entry.tables} <= numbers


def test_fog_scene_states_the_widest_angle_of_each_fan(tmp_path):
    """The foggy forest on the seed data: for batch size 1 the widest angle between a sample's way down and the
    whole data's, recomputed here with numpy; the scene lasts as long as its animations and words."""
    import re

    from scenes.scenario.loader import load_scenario
    from tests.conftest import assert_length_follows_animation_and_words, render_tiny

    path = tmp_path / "fog.yaml"
    path.write_text("""id: fog
language: en
title: {en: "Fog"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.02
data: {x: [1, 2, 3, 4, 5, 6, 7, 8], y: [0, 0, 0, 0, 0, 1, 1, 1]}
runs:
  r: {batch_size: 4}
lesson:
  - {scene: fog, batch_sizes: [1, 8]}
""", encoding="utf-8")
    sc = load_scenario(path)
    x = np.arange(1, 9, dtype=float)
    y = (x > 5).astype(float)
    r = 0.1 * x + 0.2 - y
    g = np.stack([2 * r * x, 2 * r], axis=1)
    full = g.mean(axis=0)
    angles = np.degrees(np.abs((np.arctan2(-g[:, 1], -g[:, 0]) - np.arctan2(-full[1], -full[0]) + np.pi)
                               % (2 * np.pi) - np.pi))
    rendered = render_tiny(sc, 0, tmp_path / "out")
    said = dict(re.findall(r"Batches of (\d+): \d+ of them, each pointing its own way; the widest is ≈?([\d.]+) degrees",
                           " ".join(rendered.subtitles)))
    # said as a person says degrees: whole from 10, a tenth below
    assert float(said["1"]) == pytest.approx(angles.max(), abs=0.5 if angles.max() >= 10 else 0.05)
    # the one batch of all samples points exactly the whole data's way, and is said to be the whole data
    assert "8" not in said and "Batches of 8: the only batch is all the data" in " ".join(rendered.subtitles)
    assert_length_follows_animation_and_words(sc, sc.lesson[0], rendered)


def test_title_card_names_the_lessons_batch_sizes(tmp_path):
    from scenes.scenario.loader import load_scenario
    from tests.conftest import assert_length_follows_animation_and_words, render_tiny

    path = tmp_path / "title.yaml"
    path.write_text("""id: t
language: en
title: {en: "Batch size explained"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.02
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  b: {batch_size: 4}
  a: {batch_size: 1}
  c: {batch_size: 2, repeat: 2}
lesson:
  - {scene: title, subtitle: {en: "A linear model"}}
""", encoding="utf-8")
    sc = load_scenario(path)
    import manim

    shown = []
    original = manim.Text.__init__

    def recording(self, text, *args, **kwargs):
        shown.append(text)
        original(self, text, *args, **kwargs)

    from unittest import mock

    with mock.patch.object(manim.Text, "__init__", recording):
        rendered = render_tiny(sc, 0, tmp_path / "out")
    at = shown.index("batch sizes in this lesson: ")
    assert shown[at + 1:at + 4] == ["1", "2", "4"]  # sorted, each once, each beside its colour
    said = " ".join(rendered.subtitles)  # the title, then the lesson's question from the default task
    assert said.startswith("Batch size explained. A model learns from 4 samples: y from x. Should each step")
    assert "A linear model" in shown  # the subtitle is shown, not said
    assert_length_follows_animation_and_words(sc, sc.lesson[0], rendered)
