"""Chapter titles (scenes/pipeline/chapters.py) are the headings the scenes draw, in the lesson's language: for every
entry of both seed lessons the title is one of the texts the scene drew (its dry run) (the setup scene, whose heading
repeats the lesson's title, says what it shows instead)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS

pytestmark = pytest.mark.render  # reads the headings the seed lessons' tiny renders drew


def assert_titles_are_headings(sc, script):
    """``script``: the lesson's shared dry run (tests/helpers_script.py), with every text each scene showed."""
    from scenes.pipeline.chapters import chapter_titles
    from scenes.scenario.lesson_plan import entry_name, safe_name
    from tests.helpers_script import squeeze

    titles = chapter_titles(sc, sc.language)
    assert len(set(titles)) == len(titles), f"two chapters share a title: {titles}"
    for i, (entry, title) in enumerate(zip(sc.lesson, titles)):
        assert not re.search(r"\d\d_|_b\d|≈", title), f"chapter {i + 1} reads like a file name or a rounding: {title}"
        if sc.language == "zh":
            assert not re.search(r"[\u4e00-\u9fff][(),;:?!]|[(),;:?!][\u4e00-\u9fff]", title), title
        if entry.scene == "setup":
            assert title != titles[0]
            continue
        name = safe_name(entry_name(entry, i))
        drawn = [text for scene, text in script.shown if scene == name]
        assert squeeze(title) in drawn, f"chapter {i + 1} ({entry.scene}) {title!r} is not a heading the scene draws: {drawn[:6]}"


@pytest.mark.parametrize("name, language", [("seed.yaml", "zh"), ("seed_en.yaml", "en")])
def test_every_chapter_of_a_seed_lesson_is_its_scenes_heading(shipped_scripts, name, language):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / name)
    assert sc.language == language
    assert_titles_are_headings(sc, shipped_scripts.get(SCENARIOS / name))
