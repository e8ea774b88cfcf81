"""A new scene kind is one package under scenes/kinds/ plus its screen texts: nothing else of the code is edited.

The `quote` experiment of issue 26, as a test: it copies the project, adds a `quote` kind (schema, check, length
estimate, narration beat and Manim scene) and its texts in both languages, and runs on the copy what a real new kind
must pass: `scripts/docs` regenerates the guide and the JSON Schema (then the docs tests pass), the layer and
kind-iterating tests find it, `check` validates an entry and reports its own problem at its line, `list` names and
times it, `script` says its narration, and a tiny render draws it. The quote draws only its author's words, so the
drawn-number tests pass on the example lesson in its package with no reference; a kind that draws a computed number
with no reference fails them, named with the number.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT

ENTRY = '''
from typing import Literal, Optional

from scenes.scenario.fields import EntryBase, Localized
from scenes.scenario.kind import Kind


class QuoteEntry(EntryBase):
    """A quotation on screen, with who said it."""

    scene: Literal["quote"]
    """Scene kind."""
    text: Localized
    """The quotation."""
    by: Optional[Localized] = None
    """Who said it."""


def check(checks, loc, e):
    if e.text.get(checks.sc.language) is None:
        checks.problem(loc + ("text",), f"no quotation in the lesson's language; add text.{checks.sc.language}")


KIND = Kind(QuoteEntry, seconds=lambda scenario, e: 3.0, check=check, name_parts=lambda e: ["said"],
            beats=("sub_quote",))
'''

SCENE = '''
from manim import FadeIn

from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import label


class QuoteScene(LessonScene):
    kind = "quote"

    def construct(self):
        e = self.entry
        by = e.by.get(self.language) if e.by else None
        with self.beat(self.text("sub_quote", by=by or self.text("quote_nobody"))):
            self.play(FadeIn(label(e.text.get(self.language))), run_time=1.0)
            self.wait(2.0)
'''

# the example lesson the drawn-number test renders the kind on (tests/test_drawn_numbers.py)
EXAMPLE = """- scene: quote
  text: {en: "Small steps, often.", zh: "小步快跑。"}
  by: {en: "Ada", zh: "阿达"}
"""

# a kind that draws a computed number (the starting loss) with no reference: the drawn-number test must refuse it
COMPUTING_SCENE = SCENE.replace("QuoteScene", "LossScene").replace('kind = "quote"', 'kind = "loss"').replace(
    "FadeIn(label(e.text.get(self.language)))", "FadeIn(label(self.num(self.starting_loss(), tex=False)))") + \
    """
    def starting_loss(self):
        sc = self.scenario
        return sum((sc.init.w * x + sc.init.b - y) ** 2 for x, y in zip(sc.data.x, sc.data.y)) / len(sc.data.x)
"""

TEXTS = {"en": 'quote_nobody: "Someone"\nsub_quote: "{by} said it."\n',
         "zh": 'quote_nobody: "有人"\nsub_quote: "{by}这样说。"\n'}

SCENARIO = """id: quoted
language: en
title: {en: "A quote"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.02
data: {x: [1, 2, 3], y: [0, 1, 1]}
runs:
  r: {batch_size: 1}
lesson:
  - {scene: title}
  - scene: quote
    text: %s
    by: {en: "Ada"}
"""

# what a new kind must pass without any other edit (the docs tests after `scripts/docs` has run)
KIND_TESTS = ["tests/test_docs.py", "tests/test_drawn_numbers.py::test_every_kind_is_checked_for_the_numbers_it_draws",
              "tests/test_drawn_numbers.py::test_kinds_without_a_reference_draw_only_authored_numbers", "tests/test_layers.py::test_lower_layers_import_neither_manim_nor_the_layers_above",
              "tests/test_layers.py::test_the_scenario_layer_never_imports_the_kinds",
              "tests/test_layers.py::test_no_import_cycle",
              "tests/test_entry_texts.py::test_every_kinds_beats_have_texts_in_every_language"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with the quote kind added: its package, and its texts appended to the locale files."""
    root = tmp_path_factory.mktemp("quote")
    for folder in ("mathcore", "scenes", "tests", "docs", "scenarios"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "control_data"))
    package = root / "scenes" / "kinds" / "quote"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "entry.py").write_text(ENTRY, encoding="utf-8")
    (package / "scene.py").write_text(SCENE, encoding="utf-8")
    (package / "example.yaml").write_text(EXAMPLE, encoding="utf-8")
    for lang, texts in TEXTS.items():
        with open(root / "scenes" / "scenario" / "locales" / f"{lang}.yaml", "a", encoding="utf-8") as f:
            f.write(texts)
    return root


def _run(root, *args):
    return subprocess.run([sys.executable, *args], check=False, capture_output=True, text=True, cwd=root, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "6640"})


def batchviz(root, *args):
    return _run(root, "-m", "scenes.pipeline.cli", *args)


@pytest.mark.render  # the drawn-number test renders the kind's example
def test_the_docs_command_adds_the_kind_to_the_guide_and_the_schema_and_the_kind_tests_pass(project):
    schema = json.loads(batchviz(project, "schema").stdout)
    assert "QuoteEntry" in schema["$defs"]
    stale = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_docs.py")
    assert stale.returncode == 1 and "run scripts/docs" in stale.stdout, stale.stdout[-2000:]
    regenerated = _run(project, "-m", "scenes.pipeline.docs")  # what scripts/docs runs
    assert regenerated.stdout.split() == ["rewrote", "docs/authoring.md", "rewrote", "docs/scenario.schema.json"]
    guide = (project / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "#### `quote`\n\nA quotation on screen, with who said it." in guide and "`sub_quote`" in guide
    passed = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", *KIND_TESTS)
    assert passed.returncode == 0, passed.stdout[-3000:]


@pytest.mark.render
def test_a_new_kind_that_draws_a_computed_number_without_a_reference_fails(project, tmp_path):
    """Nothing lets a new kind's computed numbers go unchecked: the test names the kind and the number."""
    package = project / "scenes" / "kinds" / "loss"
    package.mkdir()
    try:
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "entry.py").write_text(ENTRY.replace("QuoteEntry", "LossEntry").replace('"quote"', '"loss"'),
                                          encoding="utf-8")
        (package / "scene.py").write_text(COMPUTING_SCENE, encoding="utf-8")
        (package / "example.yaml").write_text(EXAMPLE.replace("quote", "loss"), encoding="utf-8")
        failed = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "tests/test_drawn_numbers.py::test_kinds_without_a_reference_draw_only_authored_numbers")
    finally:
        shutil.rmtree(package)
    # the small scenario's starting loss, worked by hand: w = 0.1, b = 0.2, x = 1..4, y = 0, 0, 1, 1
    loss = ((0.3 - 0) ** 2 + (0.4 - 0) ** 2 + (0.5 - 1) ** 2 + (0.6 - 1) ** 2) / 4
    assert failed.returncode == 1, failed.stdout[-2000:]
    assert "the 'loss' kind" in failed.stdout and f"draws numbers its author did not write: ['{loss:g}']" in \
        failed.stdout, failed.stdout[-2000:]
    assert "1 passed" in failed.stdout  # the quote, in the same run, still passes


# runs `batchviz ARGS` for each ARGS in turn, in one process of the copy (tests/helpers_cli.py: the commands as the
# program runs them, without a start-up each), and prints what each returned and wrote
COMMANDS_PROBE = """
import dataclasses, json, sys
from tests.helpers_cli import batchviz_here
print(json.dumps([dataclasses.asdict(batchviz_here(*args)) for args in json.loads(sys.argv[1])]))
"""


def batchviz_each(root, *runs: list[str]) -> list[SimpleNamespace]:
    done = _run(root, "-c", COMMANDS_PROBE, json.dumps(runs))
    assert done.returncode == 0, done.stderr[-2000:]
    return [SimpleNamespace(**ran) for ran in json.loads(done.stdout.splitlines()[-1])]


@pytest.mark.render
def test_check_list_script_and_render_take_the_new_kind(project):
    good, bad = project / "good.yaml", project / "bad.yaml"
    good.write_text(SCENARIO % '{en: "Small steps, often."}', encoding="utf-8")
    bad.write_text(SCENARIO % '{zh: "小步快跑。"}', encoding="utf-8")
    checked, refused, listed, said, rendered = batchviz_each(
        project, ["check", str(good)], ["check", str(bad)], ["list", str(good)],
        ["script", str(good), "--format", "json"],
        ["render", str(good), "--scene", "02_quote_said", "--size", "160x90@5", "--format", "png", "--out",
         str(project / "out")])
    assert checked.returncode == 0, checked.stderr
    assert refused.returncode == 2 and "bad.yaml:12:" in refused.stderr and \
        "lesson.2.text: no quotation in the lesson's language; add text.en" in refused.stderr, refused.stderr
    assert "02_quote_said" in listed.stdout, listed.stdout
    assert said.returncode == 0, said.stderr
    assert "Ada said it." in said.stdout, said.stdout[-2000:]
    assert rendered.returncode == 0, rendered.stderr
    assert (project / "out" / "quoted" / "scenes" / "02_quote_said.png").stat().st_size > 0
