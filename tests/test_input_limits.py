"""Messages about data that say what is actually wrong, where it is (issue 28, item 17): a CSV link out of the
folder is called a link, and the default study's budget points at the data, the only key the file has that
causes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.scenario.errors import ScenarioError
from scenes.scenario.loader import load_scenario

LESSON = """id: demo
language: en
title: {en: "Demo"}
init: {w: 0, b: 0}
learning_rate: 0.001
data:
  csv: %s
runs:
  full: {batch_size: 4, steps: 2}
lesson:
  - scene: setup
"""


def problems_of(path: Path) -> list:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.problems


def test_a_csv_link_out_of_the_folder_is_called_a_link(tmp_path):
    outside = tmp_path / "elsewhere" / "points.csv"
    outside.parent.mkdir()
    outside.write_text("x,y\n1,2\n2,3\n3,4\n4,5\n", encoding="utf-8")
    folder = tmp_path / "lesson"
    folder.mkdir()
    (folder / "link.csv").symlink_to(outside)
    scenario = folder / "linked.yaml"
    scenario.write_text(LESSON % "link.csv", encoding="utf-8")
    [problem] = problems_of(scenario)
    assert (problem.line, problem.field) == (7, "data.csv")
    assert "link" in problem.message and "outside the scenario's folder" in problem.message
    assert "no '..'" not in problem.message  # the file name has none: that advice would not apply


def test_a_csv_path_out_of_the_folder_keeps_its_advice(tmp_path):
    scenario = tmp_path / "up.yaml"
    scenario.write_text(LESSON % "../points.csv", encoding="utf-8")
    [problem] = problems_of(scenario)
    assert "must sit beside the scenario (no '..'" in problem.message


def test_the_default_studys_budget_points_at_the_csv(tmp_path):
    """100,000 rows and no `study` key: the problem is on the line of `csv:` (not line 2, not a missing key)."""
    (tmp_path / "many.csv").write_text("x,y\n" + "".join(f"{k % 97},{k % 89}\n" for k in range(100_000)),
                                       encoding="utf-8")
    scenario = tmp_path / "many.yaml"
    scenario.write_text(LESSON.replace("  full: {batch_size: 4, steps: 2}", "  full: {batch_size: 100000, steps: 2}")
                        % "many.csv", encoding="utf-8")
    problem = next(p for p in problems_of(scenario) if "compute budget" in p.message)
    assert (problem.line, problem.column, problem.field) == (7, 3, "data.csv")
    assert "no study key" in problem.message and "study:" in problem.message


DATA_SCENE = """id: dots
language: en
title: {en: "Dots"}
init: {w: 0, b: 0}
learning_rate: 0.001
data: {csv: rows.csv}
runs:
  full: {batch_size: %d, steps: 2}
lesson:
  - {scene: data, run: full}
"""


@pytest.mark.parametrize("rows, refused", [(1_000, False), (1_001, True), (10_000, True)])
def test_a_scene_that_draws_every_sample_is_refused_on_more_than_it_can_draw(tmp_path, rows, refused):
    """The data scene fades in every sample one by one (53 s of CPU for 1,000 samples, over 10 minutes for 10,000):
    check refuses it at the `scene:` line beyond 1,000 samples, instead of `script` running for many minutes."""
    (tmp_path / "rows.csv").write_text("x,y\n" + "".join(f"{k / 10},{k % 7}\n" for k in range(rows)),
                                       encoding="utf-8")
    scenario = tmp_path / "dots.yaml"
    scenario.write_text(DATA_SCENE % rows, encoding="utf-8")
    if not refused:
        assert len(load_scenario(scenario).dataset) == rows
        return
    [problem] = problems_of(scenario)
    assert (problem.line, problem.field) == (10, "lesson.1.scene")
    assert f"{rows} samples" in problem.message and "at most 1000 rows" in problem.message
