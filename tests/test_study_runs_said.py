"""The trade-offs scene says how often each batch size ran: "for each batch size, 40 shuffled runs" was said where
the full batch, the same in every run, ran once."""

from __future__ import annotations

import json

import pytest

from tests.helpers_cli import batchviz_here

LESSON = """id: runs
language: {language}
title: {{en: "Runs", zh: "次数"}}
init: {{w: 0, b: 0}}
learning_rate: 0.05
data:
  x: [1, 2, 3, 4, 5, 6, 7, 8]
  y: [2, 1, 4, 3, 15, 5, 8, 7]
runs:
  b2: {{batch_size: 2}}
lesson:
  - {{scene: tradeoffs, research: false}}
"""


@pytest.mark.render  # runs the trade-offs scene (unpainted)
@pytest.mark.parametrize("language, once", [("en", "the full batch, the same in every run, once"),
                                            ("zh", "全量 batch 每次都一样，只跑 1 次")])
def test_the_full_batch_is_said_to_run_once(tmp_path, language, once):
    path = tmp_path / "runs.yaml"
    path.write_text(LESSON.format(language=language), encoding="utf-8")
    printed = batchviz_here("script", str(path), "--format", "json")
    assert printed.returncode == 0, printed.stderr
    said = "".join(c["text"] for c in json.loads(printed.stdout)["cues"])
    assert once in said, said
