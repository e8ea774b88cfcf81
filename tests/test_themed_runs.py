"""The shared themed runs (tests/helpers_themed_runs.py) run each lesson's examples once per test run, however many
test files and workers ask, and a worker that finds a lesson being run elsewhere runs the others meanwhile.

The runs themselves are replaced by a stand-in that counts its calls (no scene runs here)."""

from __future__ import annotations

import fcntl
from pathlib import Path
from unittest import mock

import pytest

from tests import helpers_themed_runs
from tests.helpers_picture import kind_names, shipped_examples
from tests.helpers_themed_runs import SharedThemedRuns, ThemedEntry


def _stand_in(calls: list[Path]):
    def run(path, indices, theme, folder):
        calls.append(path)
        return [ThemedEntry(kind, path, index, theme, "#FFFFFF", (), (), (8.0, 4.0), (), ()) for kind, index in indices]
    return run


@pytest.fixture(scope="module")
def examples() -> dict[str, tuple[Path, int]]:
    """{kind: (lesson file, index) of its first shipped example}."""
    found = shipped_examples()
    return {kind: found[kind][0] for kind in kind_names()}


def test_each_lesson_runs_once_for_every_file_that_asks(tmp_path, examples):
    calls: list[Path] = []
    with mock.patch.object(helpers_themed_runs, "run_themed", _stand_in(calls)):
        for _ in range(2):  # two test files (or workers), each with its own SharedThemedRuns on the run's folder
            runs = SharedThemedRuns(tmp_path, "light")
            for kind in kind_names():
                entry = runs.entry(kind)
                assert (entry.kind, entry.theme, (entry.path, entry.index)) == (kind, "light", examples[kind])
    lessons = {path for path, _ in examples.values()}
    assert sorted(calls) == sorted(lessons)  # one run per lesson holding an example


def test_a_lesson_another_worker_runs_is_waited_for_after_the_others(tmp_path, examples):
    calls: list[Path] = []
    runs = SharedThemedRuns(tmp_path, "light")
    kind = kind_names()[0]
    busy = examples[kind][0]
    lessons = {path for path, _ in examples.values()}
    stand_in = _stand_in(calls)
    real_flock = fcntl.flock

    def flock(file, operation):
        """The busy lesson's lock is held by another worker until this one has run every other lesson."""
        if Path(file.name) == runs.lock_file(busy) and len(calls) < len(lessons) - 1:
            if operation & fcntl.LOCK_NB:
                raise BlockingIOError
            raise AssertionError(f"waited for {busy.name} with {len(calls)} other lessons run")
        real_flock(file, operation)

    with mock.patch.object(helpers_themed_runs, "run_themed", stand_in), \
            mock.patch.object(helpers_themed_runs.fcntl, "flock", flock):
        assert runs.entry(kind).kind == kind
    assert len(lessons) > 1 and calls[-1] == busy and sorted(calls) == sorted(lessons)
