"""A lesson entry carries its own narration: two paths scenes at two learning rates each say their own sentence,
and a bad key or placeholder in an entry's texts is refused at `check`, at its line."""

from __future__ import annotations

import pytest

from scenes.scenario.errors import ScenarioError
from tests.conftest import render_all_tiny

TWO_PATHS = """id: two
language: en
title: {en: "Two rates"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.02
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  r: {batch_size: 2, epochs: 2}
texts:
  en:
    sub_paths: "Scenario-wide: rate {lr}."
lesson:
  - scene: paths
    runs: [r]
    texts:
      en:
        sub_paths: "A gentle rate, {lr}: watch the path settle."
  - scene: paths
    runs: [r]
    learning_rate: 0.5
    texts:
      en:
        sub_paths: "A reckless rate, {lr}: watch it run away."
  - {scene: paths, runs: [r], learning_rate: 0.1}
"""


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    return render_all_tiny(tmp_path_factory, "two", TWO_PATHS, painted=False)


def test_each_entry_says_its_own_sentence(two):
    sc, rendered = two
    said = [" ".join(r.subtitles) for r in rendered]
    assert "A gentle rate, 0.02: watch the path settle." in said[0] and "reckless" not in said[0]
    assert "A reckless rate, 0.5: watch it run away." in said[1] and "gentle" not in said[1]
    assert "Scenario-wide: rate 0.1." in said[2]  # no own text: the scenario's


@pytest.mark.parametrize("bad, field, message", [
    ('        sub_pathz: "x"', "lesson.1.texts.en.sub_pathz", "did you mean 'sub_paths'?"),
    ('        sub_paths: "rate {w}"', "lesson.1.texts.en.sub_paths", "{w}"),
])
def test_bad_entry_texts_are_refused_at_their_line(tmp_path, bad, field, message):
    from scenes.scenario.loader import load_scenario

    text = TWO_PATHS.replace('        sub_paths: "A gentle rate, {lr}: watch the path settle."', bad)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(bad) + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert any(p.line == line and p.field == field and message in p.message for p in caught.value.problems), \
        caught.value


def test_each_kind_narrates_only_with_the_beats_it_documents(seed, seed_unpainted):
    """The guide lists each kind's narration keys (from its entry.py); every narration key a seed scene looked up
    is among them, so an entry's `texts` can replace exactly what the scene says. (The kinds the seed does not show
    are checked on their own lessons, e.g. tests/test_basins_scene.py, tests/test_classifier.py.)"""
    from scenes.scenario.kind import kinds

    for entry, rendered in zip(seed.lesson, seed_unpainted):
        used = {key for key in rendered.keys if key.startswith("sub_")}
        assert used and used <= kinds()[entry.scene].beat_keys(), (entry.scene, used - kinds()[entry.scene].beat_keys())


def test_every_kinds_beats_have_texts_in_every_language():
    """Each kind found (listed, not named here) narrates with keys the locale files define, in both languages."""
    from scenes.scenario.kind import kinds
    from scenes.scenario.locale import locale_keys

    for name, kind in kinds().items():
        for language in ("en", "zh"):
            missing = kind.beat_keys() - set(locale_keys(language))
            assert not missing, f"kind '{name}' narrates with {sorted(missing)}, missing from locales/{language}.yaml"
