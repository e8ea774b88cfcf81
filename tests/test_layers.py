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


@pytest.mark.parametrize("folder", ["mathcore", "scenes/scenario"])
def test_lower_layers_import_neither_manim_nor_the_layers_above(folder):
    """mathcore imports nothing of batchviz's; the scenario layer only mathcore and itself (not even lazily)."""
    allowed = ("mathcore",) if folder == "mathcore" else ("mathcore", "scenes.scenario")
    for path in sorted((ROOT / folder).rglob("*.py")):
        for module in _imports(path):
            top = module.split(".")[0]
            assert top != "manim", f"{path} imports {module}"
            if top in ("mathcore", "scenes"):
                assert module.startswith(allowed), f"{path} imports {module}, a layer above it"
