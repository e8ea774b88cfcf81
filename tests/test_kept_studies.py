"""A lesson's studies kept on disk (scenes/scenario/kept_studies.py): the next process finds them; other inputs or
other mathcore code miss; a damaged or foreign file is never run, only computed again; the folder is bounded."""

from __future__ import annotations

import os
import pickle

import pytest

from mathcore import study_report as report_module
from scenes.scenario import kept_studies, lesson
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from tests.test_study_memo import LESSON, counting


@pytest.fixture
def lesson_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_STUDY_DIR", str(tmp_path / "studies"))
    lesson._study_report.cache_clear()  # as in a new process: nothing kept in memory
    path = tmp_path / "kept.yaml"
    path.write_text(LESSON, encoding="utf-8")
    yield path
    lesson._study_report.cache_clear()


def study_in_a_new_process(path):
    lesson._study_report.cache_clear()
    return lesson_of(load_scenario(path)).study()


def test_the_next_process_loads_the_study_instead_of_running_it(lesson_file, tmp_path, monkeypatch):
    runs = counting(monkeypatch, report_module, "run_study")
    first = study_in_a_new_process(lesson_file)
    again = study_in_a_new_process(lesson_file)
    assert len(runs) == 1 and again == first and again is not first  # read back, equal field by field
    assert len(list((tmp_path / "studies").glob("study-*.pickle"))) == 1
    monkeypatch.setattr(kept_studies, "code_digest", lambda: "other mathcore code")
    study_in_a_new_process(lesson_file)
    assert len(runs) == 2  # computed by other code: another study
    lesson_file.write_text(LESSON.replace("y: [3, 5, 7, 9]", "y: [3, 5, 7, 10]"), encoding="utf-8")
    study_in_a_new_process(lesson_file)
    assert len(runs) == 3  # other data


class _Payload:
    def __reduce__(self):
        return os.system, ("touch ran-from-the-cache",)


@pytest.mark.parametrize("content", [pickle.dumps(_Payload()), b"\x80\x05truncated", b""])
def test_a_damaged_or_foreign_file_is_computed_again_and_never_run(content, lesson_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = study_in_a_new_process(lesson_file)
    [stored] = (tmp_path / "studies").glob("study-*.pickle")
    stored.write_bytes(content)
    runs = counting(monkeypatch, report_module, "run_study")
    again = study_in_a_new_process(lesson_file)
    assert len(runs) == 1 and again == first
    assert not (tmp_path / "ran-from-the-cache").exists()
    assert pickle.loads(stored.read_bytes()) == first  # stored again, whole


def test_a_file_of_another_kind_is_not_taken_for_the_study(lesson_file, tmp_path, monkeypatch):
    from fractions import Fraction

    first = study_in_a_new_process(lesson_file)
    [stored] = (tmp_path / "studies").glob("study-*.pickle")
    stored.write_bytes(pickle.dumps(Fraction(1, 3)))  # loads fine, but is no study
    assert study_in_a_new_process(lesson_file) == first


def test_the_folder_keeps_the_most_recently_used_within_its_bound(tmp_path, monkeypatch):
    monkeypatch.setenv("BATCHVIZ_STUDY_DIR", str(tmp_path / "studies"))
    monkeypatch.setattr(kept_studies, "MAX_BYTES", 2500)  # room for two studies of about 1 kB
    folder, names = tmp_path / "studies", {}

    def store(k: int) -> None:
        before = {p.name for p in folder.glob("*.pickle")} if folder.exists() else set()
        kept_studies.kept("test", bytes, lambda k: b"x" * 1000, k)
        [names[k]] = {p.name for p in folder.glob("*.pickle")} - before  # the one file it added

    for k in range(3):
        store(k)
        os.utime(folder / names[k], (k + 1, k + 1))  # used at times 1, 2, 3 (no two alike)
    assert {p.name for p in folder.glob("*.pickle")} == {names[1], names[2]}  # three passed the bound: 0 went
    assert kept_studies.kept("test", bytes, lambda k: pytest.fail("stored: not computed again"), 1) == b"x" * 1000
    store(3)  # 1 was just used, 2 was not since time 3: 2 goes
    assert {p.name for p in folder.glob("*.pickle")} == {names[1], names[3]}
