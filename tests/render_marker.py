"""The `render` marker: which tests render video, so that `scripts/test --fast` (`-m "not render"`) skips them.

A test is marked automatically (tests/conftest.py) when it or one of its fixtures uses a rendering helper (the
seed_tiny fixture, render_tiny, a `batchviz render` subprocess, ...; see RENDER_CALLS). What the names miss, the
tripwire catches: an unmarked test that renders anyway (manim's Scene.render, a `batchviz render|page|watch`
process, espeak-ng, a browser) fails with a message saying to mark it, in every run, so a rendering test cannot
slip into the fast set unnoticed.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib.abc
import importlib.machinery
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

MARK = "render"
# what, in a test's or a fixture's source, means it renders (or speaks, or drives a browser)
RENDER_CALLS = re.compile(r"\b(seed_tiny|seed_unpainted|shipped_scripts|render_tiny|render_all_tiny|render_entry|render_lesson|render_still|script_cues|"
                          r"render_slides|synthesize|sync_playwright|last_frame|assert_matches_control)\b|\.render\(\)|"
                          r"batchviz\(\s*[\"'](render|page|watch)[\"']")
# tests that render through module helpers the names above miss (found by the tripwire), and tests that take as
# long as renders (whole-lesson narration scripts and judges, tens of seconds to minutes on 2 cores): node id prefixes
MARKED_BY_NAME = (
    "tests/test_picture.py", "tests/test_slides.py", "tests/test_narration_timing.py", "tests/test_course.py",
    "tests/test_walkthrough_scenes.py", "tests/test_pipeline.py::test_killed", "tests/test_default_narration.py",
    "tests/test_voices.py", "tests/test_subtitle_cuts.py", "tests/test_lecturer_narration.py",
    "tests/test_narration_judge.py", "tests/test_speech_text.py::test_no_cue_of_the_seed_lessons",
    "tests/test_bad_scenarios.py::test_cli_reports_without_traceback_and_writes_nothing",
    "tests/test_robustness.py::test_two_renders_at_once_both_finish", "tests/test_speed.py::test_watch",
)
CLI = "scenes.pipeline.cli"
RENDERING_COMMANDS = {"render", "page", "watch"}
HOW_TO_MARK = "mark it @pytest.mark.render (or name a rendering fixture) so that scripts/test --fast skips it"

_forbidden: list[str] = []  # the node id of the unmarked test running now, if any


def rendering_files_first(items: list) -> None:
    """Put the files that have a rendering test first, those of quick tests last, each in its order. pytest-xdist
    hands out whole files (--dist loadfile) in this order, so the last files a worker takes are short and the two
    workers end together (a rendering file taken last kept one worker busy 13 s after the other had finished)."""
    rendering = {item.path for item in items if item.get_closest_marker(MARK)}
    items.sort(key=lambda item: item.path not in rendering)


def renders(item: pytest.Item) -> bool:
    """Whether the source of ``item``'s function or of a fixture it uses (directly or through other fixtures)
    calls a rendering helper."""
    sources = [getattr(item, "function", None)]
    fixtureinfo = getattr(item, "_fixtureinfo", None)
    if fixtureinfo is not None:
        for name in fixtureinfo.names_closure:
            sources.extend(definition.func for definition in fixtureinfo.name2fixturedefs.get(name, ()))
    return any(RENDER_CALLS.search(_source(function)) for function in sources if function is not None)


def _source(function: object) -> str:
    """The source of ``function`` (what inspect.getsource gives, decorators included), cut from its file parsed
    once: inspect.getsource tokenizes the file again for every function, 1.6 s of every worker's collection."""
    code = getattr(inspect.unwrap(function), "__code__", None)  # type: ignore[arg-type]
    if code is None:
        return ""
    return _function_sources(code.co_filename).get(code.co_firstlineno, "")


@functools.cache
def _function_sources(filename: str) -> dict[int, str]:
    """{first line (its first decorator's, as in a code object's co_firstlineno): source} of every function
    defined in the file, nested ones included; {} for a file that cannot be read or parsed."""
    try:
        text = open(filename, encoding="utf-8").read()
        tree = ast.parse(text)
    except (OSError, SyntaxError, ValueError):
        return {}
    lines = text.splitlines(keepends=True)
    sources: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            sources.setdefault(first, "".join(lines[first - 1:node.end_lineno]))
    return sources


def mark_rendering_tests(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker(MARK) is None and (item.nodeid.startswith(MARKED_BY_NAME) or renders(item)):
            item.add_marker(MARK)


@contextlib.contextmanager
def rendering_forbidden(item: pytest.Item) -> Iterator[None]:
    """While an unmarked ``item`` sets up or runs, anything that renders fails it."""
    if item.get_closest_marker(MARK) is not None:
        yield
        return
    _forbidden.append(item.nodeid)
    try:
        yield
    finally:
        _forbidden.pop()


def _trip(what: str) -> None:
    if _forbidden:
        pytest.fail(f"{_forbidden[-1]} renders ({what}) but is not marked: {HOW_TO_MARK}", pytrace=False)


def rendering_process(args: object) -> str | None:
    """What a process started with ``args`` renders, or None: a `batchviz render|page|watch`, espeak-ng, a
    browser, manim's own CLI."""
    if isinstance(args, (str, bytes, os.PathLike)):
        argv = [os.fsdecode(args)]
    else:
        argv = [os.fsdecode(a) if isinstance(a, (bytes, os.PathLike)) else str(a) for a in args]  # type: ignore[attr-defined]
    if not argv:
        return None
    words = " ".join(argv).split()
    program = os.path.basename(words[0])
    if CLI in words:
        after = words[words.index(CLI) + 1:]
        if after and after[0] in RENDERING_COMMANDS:
            return f"batchviz {after[0]}"
        if "espeak" in words:
            return "batchviz with --voice espeak"
    if program.startswith("espeak") or "chrom" in program or program.startswith("manim") \
            or "manim_slides" in words or any("playwright" in w for w in words):
        return program
    return None


_original_popen_init = subprocess.Popen.__init__


def _guarded_popen_init(self: subprocess.Popen[bytes], args: object, *rest: object, **kwargs: object) -> None:
    what = rendering_process(args)
    if what is not None:
        _trip(what)
    _original_popen_init(self, args, *rest, **kwargs)  # type: ignore[arg-type]


def _guard_scene(scene_class: type) -> None:
    original = scene_class.render  # type: ignore[attr-defined]
    if getattr(original, "_render_tripwire", False):
        return

    def render(self: object, *args: object, **kwargs: object) -> object:
        _trip(f"manim {type(self).__name__}.render()")
        return original(self, *args, **kwargs)

    render._render_tripwire = True  # type: ignore[attr-defined]
    scene_class.render = render  # type: ignore[attr-defined]


class _GuardSceneOnImport(importlib.abc.MetaPathFinder):
    """Wraps manim's Scene.render when manim.scene.scene is first imported (importing manim up front would cost
    every test process a second and a half)."""

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != "manim.scene.scene":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original_exec = loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            original_exec(module)
            _guard_scene(module.Scene)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install_tripwire() -> None:
    """Guard process starts and manim renders for the whole test process (idempotent)."""
    subprocess.Popen.__init__ = _guarded_popen_init  # type: ignore[method-assign]
    if "manim.scene.scene" in sys.modules:
        _guard_scene(sys.modules["manim.scene.scene"].Scene)
    elif not any(isinstance(finder, _GuardSceneOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _GuardSceneOnImport())
