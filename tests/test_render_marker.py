"""The `render` marker (tests/render_marker.py): rendering tests are marked, so `scripts/test --fast` skips them, and
an unmarked test that renders fails instead of slowing the fast set down."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import render_marker
from tests.conftest import ROOT
from tests.render_marker import rendering_process

CLI = [sys.executable, "-m", "scenes.pipeline.cli"]


@pytest.mark.parametrize("argv", [[*CLI, "render", "a.yaml"], [*CLI, "page", "a.yaml"], [*CLI, "watch", "a.yaml"],
                                  ["espeak-ng", "-v", "en-us"], "espeak-ng -w out.wav --stdin",
                                  [*CLI, "script", "a.yaml", "--voice", "espeak"], ["/usr/bin/chromium", "--headless"],
                                  [sys.executable, "-m", "manim_slides", "convert"]])
def test_processes_that_render_are_recognised(argv):
    assert rendering_process(argv) is not None


@pytest.mark.parametrize("argv", [[*CLI, "check", "a.yaml"], [*CLI, "list", "a.yaml"], [*CLI, "schema"],
                                  [sys.executable, "-c", "print(1)"], ["latex", "x.tex"], "true"])
def test_processes_that_do_not_render_are_let_through(argv):
    assert rendering_process(argv) is None


def test_an_unmarked_test_starting_a_render_fails_before_it_starts(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="not marked: mark it @pytest.mark.render"):
        subprocess.run([*CLI, "render", str(tmp_path / "missing.yaml")], cwd=ROOT, capture_output=True)


def test_an_unmarked_test_calling_manims_render_fails():
    from manim import Scene

    class Empty(Scene):
        def construct(self):
            raise AssertionError("the tripwire lets manim render")

    render = Empty().render  # not written as a call: the marker would mark this test (RENDER_CALLS)
    with pytest.raises(pytest.fail.Exception, match=r"manim Empty\.render\(\)"):
        render()


def test_tests_that_use_renders_are_marked_and_the_rest_are_not():
    """Collected with -m "not render": no test that uses the shared seed renders, renders a scene or kills a
    render is left; tests of a rendering module that render nothing stay in the fast set."""
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-m", "not render", "tests/test_lesson_scenes.py", "tests/test_pipeline.py",
                             "tests/test_render_basics.py"], cwd=ROOT, capture_output=True, text=True).stdout
    fast = {line.split("[")[0] for line in listed.splitlines() if "::" in line}
    assert "tests/test_pipeline.py::test_names_stay_inside_the_output_folder" in fast
    for rendering in ("tests/test_lesson_scenes.py::test_noise_scene_states_the_variance_factor_of_enumerated_batches",
                      "tests/test_lesson_scenes.py::test_last_frame_matches_control",
                      "tests/test_pipeline.py::test_gif_output",
                      "tests/test_pipeline.py::test_killed_render_leaves_no_partial_file_at_a_final_path"):
        assert rendering not in fast
    assert "tests/test_render_basics.py::test_theme_colours_are_overridable" in fast
    assert "tests/test_render_basics.py::test_tiny_scene_render_has_expected_frames" not in fast


class _Shapes:
    @staticmethod
    @pytest.mark.parametrize("a", [1,
                                   2])
    def decorated_over_two_lines(a):
        def nested():
            return a
        return nested

    async def asynchronous(self):
        return None


@given(st.integers())
def _wrapped_by_hypothesis(n):
    assert n == n


def test_function_sources_are_what_inspect_gives(request):
    """render_marker cuts a function's source from its file parsed once (not inspect.getsource per function): the
    same text for decorated, nested, async, hypothesis-wrapped functions and every test and fixture collected."""
    functions = [_Shapes.decorated_over_two_lines, _Shapes.decorated_over_two_lines(1), _Shapes.asynchronous,
                 _wrapped_by_hypothesis, test_function_sources_are_what_inspect_gives]
    for item in request.session.items:
        functions.append(item.function)
        for definitions in item._fixtureinfo.name2fixturedefs.values():
            functions.extend(definition.func for definition in definitions)
    assert len(functions) > 6
    for function in {id(f): f for f in functions}.values():  # a few hundred distinct ones in a whole run
        try:
            expected = inspect.getsource(function)
        except (OSError, TypeError):
            expected = ""
        assert render_marker._source(function) == expected, function


def _file_kinds(items) -> list[bool]:
    """For each file in the order of ``items``: whether it has a rendering test."""
    return [any(item.get_closest_marker(render_marker.MARK) for item in items if item.path == path)
            for path in dict.fromkeys(item.path for item in items)]


def test_files_that_render_are_handed_out_first(request):
    """pytest-xdist hands out whole files in collection order: every file with a rendering test comes before every
    file of quick tests (each file's tests together, in their order), so that the files a worker takes last are
    short. Checked on made-up items and on this run's own collection."""
    from pathlib import Path
    from types import SimpleNamespace

    def item(name: str, renders: bool):
        return SimpleNamespace(path=Path(name), name=f"{name}-{renders}",
                               get_closest_marker=lambda mark: mark if renders and mark == render_marker.MARK else None)

    items = [item("a", False), item("b", True), item("b", False), item("c", False), item("d", True)]
    render_marker.rendering_files_first(items)
    assert [i.name for i in items] == ["b-True", "b-False", "d-True", "a-False", "c-False"]
    assert _file_kinds(request.session.items) == sorted(_file_kinds(request.session.items), reverse=True)


def test_texts_made_by_tests_are_written_outside_the_checkout():
    from manim import config

    assert ROOT not in Path(config.media_dir).resolve().parents and Path(config.media_dir).resolve() != ROOT / "media"
