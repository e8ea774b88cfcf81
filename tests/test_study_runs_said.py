"""The trade-offs scene says how often each batch size ran: "for each batch size, 40 shuffled runs" was said where
the full batch, the same in every run, ran once."""

from __future__ import annotations

import pytest

from tests.helpers_cli import script_cues

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
    said = "".join(c["text"] for c in script_cues(tmp_path, LESSON.format(language=language)))
    assert once in said, said
