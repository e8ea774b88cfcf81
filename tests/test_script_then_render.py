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
