"""`batchviz script` only reads: run from any folder, it leaves that folder as it was (issue 28, item 10: manim's text
SVG cache landed in ./media/texts of wherever the teacher ran it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

LESSON = """id: quiet
language: en
title: {en: "A quiet lesson", zh: "安静的一课"}
init: {w: 0, b: 0}
learning_rate: 0.01
data: {x: [1, 2, 3, 4], y: [3, 5, 7, 9]}
runs:
  two: {batch_size: 2, epochs: 1}
lesson:
  - scene: title
  - {scene: step, run: two, step: 1}
"""


def test_script_from_an_empty_folder_leaves_it_empty(tmp_path):
    lesson = tmp_path / "lesson" / "quiet.yaml"
    lesson.parent.mkdir()
    lesson.write_text(LESSON, encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "6640"}
    done = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "script", str(lesson), "--format", "json"],
                          cwd=here, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["cues"]  # the scenes ran (and made their texts)
    assert sorted(p.name for p in here.rglob("*")) == []
    assert sorted(p.name for p in lesson.parent.iterdir()) == ["quiet.yaml"]  # nor beside the scenario
