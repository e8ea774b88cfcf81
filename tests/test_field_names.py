"""An error names the field as the author wrote it: a list item counted from 1 (lesson.2), a mapping's key as
written, also a number (runs.5 was "runs.6", a title keyed 0 was "title.1")."""

from __future__ import annotations

import pytest

from scenes.scenario.errors import ScenarioError, field_name
from scenes.scenario.loader import load_scenario

LESSON = """id: k
language: en
title: {title}
init: {{w: 0.1, b: 0.2}}
learning_rate: 0.1
data: {{x: [1, 2], y: [0, 1]}}
runs: {runs}
lesson:
  - scene: title
"""


@pytest.mark.parametrize("title, runs, field, needle", [
    ('{en: "T"}', "{5: {batch_size: 1}}", "runs.5", "5 is not text; write it in quotes"),
    ('{0: "x"}', "{r: {batch_size: 1}}", "title.0", "the key 0 is not text"),
])
def test_a_numbered_key_is_named_as_written(tmp_path, title, runs, field, needle):
    path = tmp_path / "k.yaml"
    path.write_text(LESSON.format(title=title, runs=runs), encoding="utf-8")
    with pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    found = [(p.field, p.message) for p in refused.value.problems]
    assert any(f == field and needle in m for f, m in found), found


def test_list_items_count_from_one_and_keys_stay_as_written():
    data = {"lesson": [{"scene": "title"}, {"scene": "step", "texts": {3: "x"}}], "runs": {7: {}}}
    assert field_name(("lesson", 1, "texts", 3), data) == "lesson.2.texts.3"
    assert field_name(("runs", 7, "batch_size"), data) == "runs.7.batch_size"
    assert field_name(("lesson", 1, "run")) == "lesson.2.run"  # without the document: an int is an item
