"""The layers the tree shows hold: the scenario layer and the CLI's non-render commands never import manim."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = """
import sys
from click.testing import CliRunner
from scenes.pipeline.cli import main
result = CliRunner().invoke(main, {args!r})
assert result.exit_code in (0, 1), result.output
print(sorted(m for m in sys.modules if m == "manim" or m.startswith("manim.")))
"""


@pytest.mark.parametrize("args", [["check", "scenarios/seed.yaml"], ["explain", "scenarios/seed.yaml", "--format", "json"],
                                  ["explain", "scenarios/noisy_logistic.yaml"], ["list", "scenarios/seed_en.yaml"],
                                  ["schema"]])
def test_commands_that_do_not_render_never_import_manim(args):
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"{args}: imported {out.stdout.strip()}"


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


LAYERS = {
    # folder or file pattern: what its modules may import of batchviz
    "mathcore/*.py": ("mathcore",),
    # the scenario layer finds the kinds by listing scenes/kinds/ and importing each kind's entry.py
    "scenes/scenario/*.py": ("mathcore", "scenes.scenario", "scenes.kinds"),
    "scenes/kinds/*/entry.py": ("mathcore", "scenes.scenario"),
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
            if module == "scenes.kinds" or module.startswith("scenes.kinds."):
                assert module == "scenes.kinds", f"{path} imports {module}: only the list of kinds is allowed"


def test_every_import_of_batchviz_names_resolves():
    """Imports inside functions (kept lazy so that `check` stays light) run only when that path runs; a rename that
    misses one would fail at render time, so every `from scenes/mathcore ... import name` is resolved here."""
    import importlib

    unresolved = []
    for path in sorted([*ROOT.glob("scenes/**/*.py"), *ROOT.glob("mathcore/*.py"), *ROOT.glob("tests/*.py"),
                        ROOT / "scripts" / "bench.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("scenes", "mathcore"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        try:
                            importlib.import_module(f"{node.module}.{alias.name}")
                        except ImportError:
                            unresolved.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{alias.name}")
    assert not unresolved, unresolved
