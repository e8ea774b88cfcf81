"""A CSV file's problems, as a teacher meets them: every bad row named at once (not the first one only), a row of
bare commas named (it vanished while a row "3" was refused), and a folder or an empty name called what it is (both
were reported as "a link outside the scenario's folder")."""

from __future__ import annotations

import pytest

from scenes.scenario.errors import ScenarioError
from scenes.scenario.loader import load_scenario

LESSON = """id: csv
language: en
title: {{en: "CSV"}}
init: {{w: 0.1, b: 0.2}}
learning_rate: 0.1
data: {{csv: "{csv}"}}
runs:
  small: {{batch_size: 2}}
lesson:
  - scene: setup
"""


def _load(tmp_path, rows: str | None, csv: str = "data.csv"):
    if rows is not None:
        (tmp_path / "data.csv").write_text(rows, encoding="utf-8")
    path = tmp_path / "lesson.yaml"
    path.write_text(LESSON.format(csv=csv), encoding="utf-8")
    return load_scenario(path)


def _messages(tmp_path, rows: str | None, csv: str = "data.csv") -> list[str]:
    with pytest.raises(ScenarioError) as refused:
        _load(tmp_path, rows, csv)
    assert all(p.field == "data.csv" and p.line == 6 for p in refused.value.problems)
    return [p.message for p in refused.value.problems]


def test_every_bad_row_is_named_at_once(tmp_path):
    said = _messages(tmp_path, "x,y\n1,0\n2,abc\n3,\n4,1\nfive,1\n")
    assert [m.split(":")[0] for m in said] == ["data.csv line 3", "data.csv line 4", "data.csv line 6"], said
    assert "'abc' is not a decimal number" in said[0]


def test_a_row_of_bare_commas_is_named(tmp_path):
    said = _messages(tmp_path, "x,y\n1,0\n,\n2,0\n3,1\n4,1\n")
    assert len(said) == 1 and said[0].startswith("data.csv line 3:"), said


def test_blank_lines_are_still_skipped(tmp_path):
    sc = _load(tmp_path, "x,y\n1,0\n\n2,1\n   \n3,1\n")
    assert [float(v) for v in sc.problem().data.x] == [1.0, 2.0, 3.0]


def test_a_file_of_bad_rows_reports_a_bounded_number(tmp_path):
    said = _messages(tmp_path, "x,y\n" + "a,b\n" * 5000)
    assert 1 < len(said) <= ScenarioError.MAX_REPORTED, len(said)  # all shown, the last saying there are more
    assert "more" in said[-1]


@pytest.mark.parametrize("name, needle", [(".", "is a folder"), ("sub", "is a folder"), ("", "is empty")])
def test_a_folder_or_no_name_is_called_what_it_is(tmp_path, name, needle):
    (tmp_path / "sub").mkdir()
    said = _messages(tmp_path, None, csv=name)
    assert len(said) == 1 and needle in said[0] and "link" not in said[0], said
