"""Chapter titles (scenes/pipeline/chapters.py) are the headings the scenes draw, in the lesson's language: for every
entry of both seed lessons the title is one of the texts the scene's tiny render drew (the setup scene, whose heading
repeats the lesson's title, says what it shows instead)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS, SharedTinyRenders, run_shared_folder

pytestmark = pytest.mark.render  # reads the headings the seed lessons' tiny renders drew


@pytest.fixture(scope="module")
def seed_en_tiny(tmp_path_factory):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / "seed_en.yaml")
    return sc, SharedTinyRenders(sc, run_shared_folder(tmp_path_factory, "seed_en_unpainted"), painted=False)


def assert_titles_are_headings(sc, renders):
    from scenes.pipeline.chapters import chapter_titles

    titles = chapter_titles(sc, sc.language)
    assert len(set(titles)) == len(titles), f"two chapters share a title: {titles}"
    for i, (entry, title) in enumerate(zip(sc.lesson, titles)):
        assert not re.search(r"\d\d_|_b\d|≈", title), f"chapter {i + 1} reads like a file name or a rounding: {title}"
        if sc.language == "zh":
            assert not re.search(r"[\u4e00-\u9fff][(),;:?!]|[(),;:?!][\u4e00-\u9fff]", title), title
        if entry.scene == "setup":
            assert title != titles[0]
            continue
        drawn = renders[i].texts
        assert title in drawn, f"chapter {i + 1} ({entry.scene}) {title!r} is not a heading the scene draws: {drawn[:6]}"


def test_every_chapter_of_the_chinese_seed_is_its_scenes_heading(seed, seed_unpainted):
    assert seed.language == "zh"
    assert_titles_are_headings(seed, seed_unpainted)


def test_every_chapter_of_the_english_seed_is_its_scenes_heading(seed_en_tiny):
    sc, renders = seed_en_tiny
    assert sc.language == "en"
    assert_titles_are_headings(sc, renders)
