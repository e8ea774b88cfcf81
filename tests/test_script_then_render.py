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
def test_a_script_of_a_new_lesson_compiles_its_formulas_in_one_batch(tmp_path, private_tex):
    """Formulas first met in a dry run compiled one at a time (latex and dvisvgm, a third of a second each): the
    script runs each scene with the formulas compiled so far (placeholders for the others), compiles all it met as
    the pages of one batch, and runs again only the scenes that met one (the title draws no formula)."""
    from scenes.pipeline import script, tex_cache
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario
    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: title\n  - scene: setup\n"), encoding="utf-8")
    with mock.patch.object(tex_cache, "_compile_one", wraps=tex_cache._compile_one) as one_by_one, \
            mock.patch.object(tex_cache, "_compile_pages", wraps=tex_cache._compile_pages) as batches, \
            mock.patch.object(script, "render_unpainted", wraps=script.render_unpainted) as scene_runs:
        cues, scenes = lesson_script(load_scenario(path))
        assert cues and batches.call_count == 1 and one_by_one.call_count == 0
        assert [type(c.args[0]).__name__ for c in scene_runs.call_args_list] == ["TitleScene", "SetupScene",
                                                                                  "SetupScene"]
        compiled = list(private_tex.glob("*.svg"))
        assert len(compiled) > 1  # the setup's model, loss, w and b
        assert lesson_script(load_scenario(path)) == (cues, scenes)  # compiled now: each scene once, nothing compiled
        assert scene_runs.call_count == 5 and batches.call_count == 1 and one_by_one.call_count == 0


@pytest.mark.render
def test_a_script_whose_formulas_are_compiled_runs_each_scene_once(tmp_path, private_tex):
    """Another lesson with the same formulas (here: another title), or the same lesson in another language whose
    formulas are the same, was listed again by a whole dry run before its real one (half a lesson's script time)."""
    from scenes.pipeline import script, tex_cache
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(small_scenario("  - scene: setup\n  - scene: title\n"), encoding="utf-8")
    second.write_text(small_scenario("  - scene: setup\n  - scene: title\n", title='{en: "Another title"}'),
                      encoding="utf-8")
    lesson_script(load_scenario(first))
    with mock.patch.object(tex_cache, "_compile_one", wraps=tex_cache._compile_one) as one_by_one, \
            mock.patch.object(tex_cache, "_compile_pages", wraps=tex_cache._compile_pages) as batches, \
            mock.patch.object(script, "render_unpainted", wraps=script.render_unpainted) as scene_runs:
        cues, scenes = lesson_script(load_scenario(second))
    assert scene_runs.call_count == 2 and batches.call_count == 0 and one_by_one.call_count == 0
    assert [name for name, _, _ in scenes] == ["01_setup", "02_title"] and any("Another title" in c.text for c in cues)


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


def test_a_deferring_run_compiles_its_first_new_formulas_and_stands_in_for_the_rest(private_tex):
    """A single scene that meets one or two new formulas compiles them (a third of a second each) rather than run
    twice; from the third on, placeholders stand in and the documents are listed for one batch."""
    from manim import tempconfig

    from scenes.kinds.style import math_tex
    from scenes.pipeline import tex_cache
    from scenes.pipeline.heavy import manim_api

    manim_api()
    tex_cache.install()
    formulas = [rf"x_{k} = {k} + \frac{{1}}{{{k + 2}}}" for k in range(5)]
    with tempconfig({"verbosity": "ERROR"}), tex_cache.deferring(compile_first=2) as missing:
        built = [math_tex(f) for f in formulas]
    assert len(list(private_tex.glob("*.svg"))) == 2 and len(missing) == 3
    assert all(f"{k + 2}" in doc for k, doc in zip(range(2, 5), missing))  # the last three, in order
    assert len(built[0].family_members_with_points()) > 3  # typeset glyphs, not a placeholder's few squares


@pytest.mark.render
def test_a_void_first_pass_plays_nothing_after_its_first_placeholder(tmp_path, private_tex):
    """A scene's first pass on a new lesson is void once a placeholder stood in for a formula: its plays and waits
    from then on only move the clock (nobody keeps them), and it still lists every formula the scene makes."""
    import manim

    from scenes.pipeline import tex_cache
    from scenes.pipeline.script import entry_run
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: setup\n"), encoding="utf-8")
    sc = load_scenario(path)
    played = []
    play = manim.Scene.play

    def counted(scene, *args, **kwargs):
        played.append(tex_cache.run_is_void())
        return play(scene, *args, **kwargs)

    with mock.patch.object(manim.Scene, "play", counted):
        with pytest.raises(tex_cache.FormulasMissing) as void:
            entry_run(sc, 0, "en", defer_formulas=True)
        first_pass = list(played)
        tex_cache.compile_batch(void.value.documents)
        played.clear()
        real = entry_run(sc, 0, "en")
    assert not any(first_pass)  # every play that ran came before the first placeholder (here: none)
    assert len(first_pass) < len(played) / 2
    assert real.length > 5 and real.subtitles
    assert sorted(private_tex.glob("*.svg")) and not tex_cache.run_is_void()
    # the first pass met every formula: the real pass compiled none on its own
    assert {p.name for p in tex_cache.used} <= {tex_cache.svg_path(d).name for d in void.value.documents} | \
        {p.name for p in private_tex.glob("*.svg")}


@pytest.mark.render
def test_a_void_first_pass_that_fails_is_made_again(tmp_path, private_tex):
    """A first pass that fails after a placeholder stood in (its shape is not the formula's) is void, not an error:
    the real pass, with the formulas compiled, is the one whose failure would count."""
    from scenes.kinds.setup.scene import SetupScene
    from scenes.pipeline import tex_cache
    from scenes.pipeline.script import lesson_script
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: setup\n"), encoding="utf-8")
    construct = SetupScene.construct

    def failing_once_void(scene):
        construct(scene)
        if tex_cache.run_is_void():
            raise IndexError("a placeholder has fewer parts")

    with mock.patch.object(SetupScene, "construct", failing_once_void):
        cues, scenes = lesson_script(load_scenario(path))
    assert cues and scenes[0][2] > 5
