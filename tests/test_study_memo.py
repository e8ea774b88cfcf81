"""A lesson file loaded again in the same process (`watch` after a text edit, the themes of one lesson, the scenes of
a lesson rendered in one process) does not run its batch-size or basin study again, not even from the disk
(tests/test_kept_studies.py); a change to any input does."""

from __future__ import annotations

from mathcore import basin_study as basin_module
from mathcore import study_report as report_module
from scenes.scenario import lesson
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, small_scenario

# a small lesson with a study of a few short runs; the tests below change its data or its study
LESSON = small_scenario("  - scene: title\n", "memo", data="{x: [1, 2, 3, 4], y: [3, 5, 7, 9]}",
                        study="{batch_sizes: [1, 4], seeds: 1, max_seeds: 1, max_steps: 200}")


def counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_lesson_loaded_again_runs_its_study_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_STUDY_DIR", str(tmp_path / "studies"))  # none kept on disk before
    lesson._study_report.cache_clear()
    runs = counting(monkeypatch, report_module, "run_study")
    path = tmp_path / "memo.yaml"
    path.write_text(LESSON, encoding="utf-8")
    first = lesson_of(load_scenario(path)).study()
    again = lesson_of(load_scenario(path)).study()  # a new Scenario and Lesson, the same inputs
    assert len(runs) == 1 and again is first
    path.write_text(LESSON.replace("y: [3, 5, 7, 9]", "y: [3, 5, 7, 10]"), encoding="utf-8")
    changed = lesson_of(load_scenario(path)).study()
    assert len(runs) == 2 and changed.study.start_loss != first.study.start_loss
    path.write_text(LESSON.replace("max_steps: 200", "max_steps: 300"), encoding="utf-8")
    lesson_of(load_scenario(path)).study()
    assert len(runs) == 3  # a setting is an input too


def test_a_basins_lesson_loaded_again_runs_its_basin_study_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_STUDY_DIR", str(tmp_path / "studies"))  # none kept on disk before
    lesson._basin_study.cache_clear()
    outcomes = counting(monkeypatch, basin_module, "_outcome")
    studies, simulated = [], []
    for _ in range(2):
        sc = load_scenario(SCENARIOS / "basins.yaml")
        entry = next(e for e in sc.lesson if getattr(e, "scene", None) == "basins")
        studies.append(lesson_of(sc).basin_study(entry))
        simulated.append(len(outcomes))
    assert simulated[0] >= len(studies[0].outcomes) and simulated[1] == simulated[0]  # nothing simulated again
    assert studies[1] is studies[0]
