"""A new scene kind is one package under scenes/kinds/ plus its screen texts: nothing else is edited.

The test copies the code, adds a `hello` kind (schema, check, length estimate and Manim scene), and runs the CLI on
the copy: `check` validates the new entry and reports its own cross-field problem at its line, `list` names and
times it, and `render` draws it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT

ENTRY = '''
from typing import Annotated, Literal

from pydantic import Field, StrictInt

from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind


class HelloEntry(EntryBase):
    """Greets each sample."""

    scene: Literal["hello"]
    """Scene kind."""
    times: Annotated[StrictInt, Field(ge=1, le=5)] = 1
    """How many samples to greet."""


def check(checks, loc, e):
    if checks.dataset is not None and e.times > len(checks.dataset):
        checks.problem(loc + ("times",), f"only {len(checks.dataset)} samples; greet at most that many")


KIND = Kind(HelloEntry, seconds=lambda scenario, e: 1.0 + e.times, check=check, name_parts=lambda e: [str(e.times)])
'''

SCENE = '''
from manim import FadeIn

from scenes.kinds.lesson_scene import LessonScene
from scenes.kinds.style import label


class HelloScene(LessonScene):
    kind = "hello"

    def construct(self):
        with self.beat(self.text("sub_hello", n=len(self.scenario.dataset))):
            self.play(FadeIn(label(self.text("hello_title"))), run_time=1.0)
            self.wait(self.entry.times)
'''

SCENARIO = """id: hello
language: en
title: {en: "Hello"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.02
data: {x: [1, 2, 3], y: [0, 1, 1]}
runs:
  r: {batch_size: 1}
lesson:
  - {scene: hello, times: %d}
"""


def test_a_new_kind_is_one_package_plus_its_texts(tmp_path):
    for folder in ("mathcore", "scenes"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    package = tmp_path / "scenes" / "kinds" / "hello"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "entry.py").write_text(ENTRY, encoding="utf-8")
    (package / "scene.py").write_text(SCENE, encoding="utf-8")
    for lang in ("en", "zh"):
        with open(tmp_path / "scenes" / "scenario" / "locales" / f"{lang}.yaml", "a", encoding="utf-8") as f:
            f.write('hello_title: "Hello"\nsub_hello: "Hello to {n} samples."\n')

    def batchviz(*args):
        return subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", *args], capture_output=True, text=True,
                              cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)}, timeout=300)

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(SCENARIO % 2, encoding="utf-8")
    bad.write_text(SCENARIO % 5, encoding="utf-8")
    assert batchviz("check", str(good)).returncode == 0
    refused = batchviz("check", str(bad))
    assert refused.returncode == 2 and "bad.yaml:10:" in refused.stderr and "lesson.1.times: only 3 samples" in \
        refused.stderr, refused.stderr
    listed = batchviz("list", str(good))
    assert "01_hello_2" in listed.stdout and "3" in listed.stdout.split("01_hello_2")[1].splitlines()[0]
    rendered = batchviz("render", str(good), "--size", "160x90@5", "--format", "png", "--out", str(tmp_path / "out"))
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "out" / "hello" / "scenes" / "01_hello_2.png").stat().st_size > 0
