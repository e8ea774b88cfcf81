"""The layers the tree shows hold: mathcore -> scenes.scenario -> scenes.kinds -> scenes.pipeline, each importing
only those before it (scenes.services below the kinds and the pipeline), with no import cycle; the scenario layer
and the CLI's non-render commands never import manim."""

from __future__ import annotations

import ast
import functools
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# runs each command in turn in one process and prints, after each, the manim modules imported so far: a command
# that imports manim shows it from its own line on
PROBE = """
import json, sys
from click.testing import CliRunner
from scenes.pipeline.cli import main
for args in {runs!r}:
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), (args, result.output)
    print(json.dumps(sorted(m for m in sys.modules if m == "manim" or m.startswith("manim."))))
"""
NON_RENDERING = [["check", "scenarios/seed.yaml"], ["explain", "scenarios/seed.yaml", "--format", "json"],
                 ["explain", "scenarios/noisy_logistic.yaml"], ["list", "scenarios/seed_en.yaml"], ["schema"]]


# noisy_logistic's own study (64 logistic samples) takes 12 s of CPU; which modules `explain` imports is under test
# here, not the study: a few short runs of it go through the same code
LIGHT_STUDY = "study: {batch_sizes: [1, 64], seeds: 1, max_seeds: 1, max_steps: 100}\n"


@pytest.fixture(scope="module")
def manim_after(tmp_path_factory) -> dict[tuple[str, ...], list[str]]:
    """The manim modules imported after each command of NON_RENDERING, run in that order in one fresh process
    (a process each would cost a second of start-up apiece), on a copy of scenarios/ with noisy_logistic's study
    made light."""
    folder = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    logistic = folder / "scenarios" / "noisy_logistic.yaml"
    logistic.write_text(logistic.read_text(encoding="utf-8").replace("\nlesson:\n", f"\n{LIGHT_STUDY}lesson:\n"),
                        encoding="utf-8")
    assert LIGHT_STUDY in logistic.read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE.format(runs=NON_RENDERING)], cwd=folder, capture_output=True,
                         text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    return {tuple(args): json.loads(line) for args, line in zip(NON_RENDERING, out.stdout.splitlines(), strict=True)}


@pytest.mark.parametrize("args", NON_RENDERING)
def test_commands_that_do_not_render_never_import_manim(args, manim_after):
    imported = manim_after[tuple(args)]
    assert imported == [], f"{args} (or a command run before it in {NON_RENDERING}) imported {imported}"


def _imports(path):
    tree = parsed(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


LAYERS = {
    # folder or file pattern: what its modules may import of batchviz
    "mathcore/*.py": ("mathcore",),
    # the scenario layer is given the kinds (scenes.kinds registers them): it never imports them
    "scenes/scenario/*.py": ("mathcore", "scenes.scenario"),
    "scenes/kinds/*/entry.py": ("mathcore", "scenes.scenario"),
    "scenes/services/*.py": ("scenes.services",),
}


@pytest.mark.parametrize("pattern", sorted(LAYERS))
def test_lower_layers_import_neither_manim_nor_the_layers_above(pattern):
    """mathcore imports nothing of batchviz's; the scenario layer and the kinds' entries (what `check` loads) only
    mathcore and the scenario layer, never manim (not even lazily)."""
    allowed = LAYERS[pattern]
    paths = sorted(ROOT.glob(pattern))
    assert paths
    for path in paths:
        for module in _imports(path):
            top = module.split(".")[0]
            assert top != "manim", f"{path} imports {module}"
            if top in ("mathcore", "scenes"):
                assert module.startswith(allowed), f"{path} imports {module}, a layer above it"


def test_every_import_of_batchviz_names_resolves():
    """Imports inside functions (kept lazy so that `check` stays light) run only when that path runs; a rename that
    misses one would fail at render time, so every `from scenes/mathcore ... import name` is resolved here."""
    import importlib

    unresolved = []
    for path in sorted([*ROOT.glob("scenes/**/*.py"), *ROOT.glob("mathcore/*.py"), *ROOT.glob("tests/*.py"),
                        ROOT / "scripts" / "bench.py"]):
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("scenes", "mathcore"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        try:
                            importlib.import_module(f"{node.module}.{alias.name}")
                        except ImportError:
                            unresolved.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{alias.name}")
    assert not unresolved, unresolved


# The import graph of batchviz's own modules, every import statement included (inside functions too; not those
# under `if TYPE_CHECKING:`, which never run), each `from package import module` as an arrow to that module.

@functools.cache
def parsed(path) -> ast.Module:
    """The syntax tree of a source file, parsed once per test process (four tests here read every module)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(tree):
    """Import nodes of ``tree``, skipping the bodies of ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _runtime_imports(ast.Module(body=[child])))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _runtime_imports(node)


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """module -> the batchviz modules it imports (mathcore.* and scenes.*)."""
    paths = {_module_name(p): p for top in ("mathcore", "scenes") for p in (ROOT / top).rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        arrows = set()
        for node in _runtime_imports(parsed(path)):
            if isinstance(node, ast.Import):
                arrows |= {a.name for a in node.names}
                continue
            base = node.module or ""
            if node.level:  # relative: from the module's package upwards
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            arrows |= {f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names}
        graph[name] = {a for a in arrows if a in paths and a != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while component[-1:] != [v]:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_graph_finds_arrows_inside_functions_and_cycles():
    """The graph itself can fail: a function-level import is an arrow, and a two-module loop is a cycle."""
    graph = import_graph()
    assert "scenes.kinds.registry" in graph["scenes.pipeline.heavy"]  # imported inside scene_class (lazy manim)
    assert "mathcore.problem" in graph["mathcore.models"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_scenario_layer_never_imports_the_kinds():
    """The kinds import the scenario layer (their entries' schema, Kind); it is given them, never imports them."""
    arrows = sorted(f"{m} -> {t}" for m, targets in import_graph().items() if m.startswith("scenes.scenario")
                    for t in targets if t == "scenes.kinds" or t.startswith(("scenes.kinds.", "scenes.pipeline")))
    assert not arrows, arrows


def test_no_import_cycle():
    assert cycles(import_graph()) == []


# The imports that stay inside a function, each with its reason; every other import sits at its module's top, so
# that a module's dependencies read from its first lines (and the import graph above is what a reader sees).
LAZY_IMPORTS = {
    "scenes/pipeline/heavy.py": "the pipeline's one place of deliberate lazy imports: manim (about 2 s) on the first "
                                "render, and optional libraries one command or format needs (its docstring)",
    "scenes/scenario/reading.py": "jieba (0.6 s to import and load its dictionary), only to cut Chinese cues",
    "scenes/scenario/speech.py": "cn2an (0.5 s to import), only to say Chinese numbers",
}


def imports_inside_functions(tree) -> list[tuple[int, str]]:
    """(line, module) of every import statement inside a function or method of ``tree``."""
    found = []
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    found += [(node.lineno, alias.name) for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    found.append((node.lineno, "." * node.level + (node.module or "")))
    return sorted(set(found))


def test_no_import_inside_a_function_outside_the_documented_lazy_ones():
    paths = sorted(p for top in ("mathcore", "scenes", "scripts") for p in (ROOT / top).rglob("*.py"))
    found = [f"{path.relative_to(ROOT)}:{line}: import {module}" for path in paths
             if str(path.relative_to(ROOT)) not in LAZY_IMPORTS
             for line, module in imports_inside_functions(parsed(path))]
    assert not found, ("imports inside functions (move them to the module's top; a deliberate lazy import of a slow "
                       f"library goes to scenes/pipeline/heavy.py, or into LAZY_IMPORTS with its reason): {found}")
    stale = [path for path in LAZY_IMPORTS if not (ROOT / path).exists() or not imports_inside_functions(
        parsed(ROOT / path))]
    assert not stale, f"LAZY_IMPORTS names files with no import inside a function: {stale}"


def test_the_import_finder_sees_imports_in_functions_and_methods_only():
    """The finder can fail: it sees an import in a function and in a method, never one at module level."""
    tree = ast.parse("import os\nif True:\n    import re\ndef f():\n    import json\n"
                     "class C:\n    def m(self):\n        from . import x\n")
    assert imports_inside_functions(tree) == [(5, "json"), (8, ".")]
