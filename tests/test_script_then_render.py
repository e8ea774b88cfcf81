"""`batchviz script` before a render: the script's dry run made every formula of each scene (they are in the TeX
cache) and leaves each scene's list of them in the shared cache, so the render that follows needs no listing pass of
its own (a dry run of the scene: half a tiny render's time)."""

from __future__ import annotations

import uuid
from unittest import mock

import pytest

from tests.conftest import small_scenario


@pytest.mark.render
def test_a_scene_whose_script_was_made_renders_without_listing_its_formulas(tmp_path):
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from scenes.pipeline.render_cache import shared_formula_manifest
    from scenes.pipeline.script import entry_script
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    # the shared TeX cache (its formulas compiled by other tests); a title no other run had: no list kept before
    path = tmp_path / "lesson.yaml"
    title = f'{{en: "Script, then render {uuid.uuid4().hex[:8]}"}}'
    path.write_text(small_scenario("  - scene: setup\n  - scene: title\n", title=title), encoding="utf-8")
    sc = load_scenario(path)
    with mock.patch.object(tex_cache, "collect_documents", wraps=tex_cache.collect_documents) as listings:
        for index in range(len(sc.lesson)):
            entry_script(sc, index)
        assert listings.call_count == 0  # the script lists nothing: it builds the formulas as it goes
        formulas = shared_formula_manifest(sc, 0, "en").read_text(encoding="utf-8").split()
        assert formulas and all((tex_cache.cache_dir() / name).exists() for name in formulas)  # the setup's model, loss
        assert shared_formula_manifest(sc, 1, "en").read_text(encoding="utf-8").split() == []  # the title: none
        for index in range(len(sc.lesson)):
            render_entry(sc, index, tmp_path / "out", size=TINY, fmt="png")
        assert listings.call_count == 0
    # what the render used is what the script listed
    assert (tmp_path / "out" / ".manim" / "01_setup.formulas").read_text(encoding="utf-8").split() == formulas


@pytest.mark.render
def test_a_script_of_a_new_lesson_compiles_its_formulas_in_one_batch(tmp_path, monkeypatch):
    """Formulas first met in a dry run compiled one at a time (latex and dvisvgm, a third of a second each): the
    script lists the scenes whose formulas it never listed and compiles them as the pages of one batch."""
    from scenes.pipeline import tex_cache
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario

    monkeypatch.setenv("BATCHVIZ_TEX_DIR", str(tmp_path / "tex"))  # nothing compiled, nothing listed
    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: title\n  - scene: setup\n"), encoding="utf-8")
    with mock.patch.object(tex_cache, "_compile_one", wraps=tex_cache._compile_one) as one_by_one, \
            mock.patch.object(tex_cache, "_compile_pages", wraps=tex_cache._compile_pages) as batches, \
            mock.patch.object(tex_cache, "collect_documents", wraps=tex_cache.collect_documents) as listings:
        cues, _ = lesson_script(load_scenario(path))
        assert cues and batches.call_count == 1 and one_by_one.call_count == 0 and listings.call_count == 2
        compiled = list((tmp_path / "tex").glob("*.svg"))
        assert len(compiled) > 1  # the setup's model, loss, w and b
        lesson_script(load_scenario(path))  # listed now: no listing pass, nothing to compile
        assert batches.call_count == 1 and one_by_one.call_count == 0 and listings.call_count == 2


def test_a_scenes_formula_list_outlives_a_code_edit(tmp_path, monkeypatch):
    """The list only spares a listing pass: keyed by the scene's content, not the code (after a code edit every
    scene would otherwise be listed again); the rendered scene's own key still changes with the code."""
    from scenes.pipeline import render_cache
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: setup\n"), encoding="utf-8")
    sc = load_scenario(path)
    before = render_cache.shared_formula_manifest(sc, 0, "en"), render_cache.scene_key(sc, 0, "en", (64, 36, 2), "mp4")
    monkeypatch.setattr(render_cache, "code_version", lambda: "the code after an edit")
    after = render_cache.shared_formula_manifest(sc, 0, "en"), render_cache.scene_key(sc, 0, "en", (64, 36, 2), "mp4")
    assert after[0] == before[0] and after[1] != before[1]
    other = tmp_path / "other.yaml"
    other.write_text(small_scenario("  - scene: setup\n", learning_rate="0.03"), encoding="utf-8")
    assert render_cache.shared_formula_manifest(load_scenario(other), 0, "en") != before[0]  # other content
