"""Every bad scenario is refused with one line naming its file, line and field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.scenario.errors import ScenarioError
from scenes.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS

CORPUS = sorted((Path(__file__).parent / "bad_scenarios").glob("*.yaml"))
MARK = "#<<"


def expectation(path: Path) -> tuple[int, str, str]:
    """(line, field, message part) from the file's header and its #<< marker (line 1 if none)."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    field = re.search(r"^# expect-field: (.*)$", raw, re.M).group(1).strip()
    message = re.search(r"^# expect-message: (.*)$", raw, re.M).group(1).strip()
    line = next((i for i, text in enumerate(raw.splitlines(), 1) if MARK in text), 1)
    return line, "" if field == "-" else field, message


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_bad_scenario_is_reported_at_its_line_and_field(path):
    line, field, message = expectation(path)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    problems = caught.value.problems
    assert any(p.line == line and p.field == field and message in p.message for p in problems), \
        f"expected line {line} field {field!r} message ~{message!r}; got:\n{caught.value}"
    for p in problems:
        assert str(p).startswith(f"{path}:{p.line}:{p.column}: ")
        assert ";" in p.message, f"no advice in: {p}"  # every message says what to do


def test_file_over_a_megabyte(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("id: big\n# " + "x" * 1_000_001 + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="over the 1000000 byte limit"):
        load_scenario(big)


def test_truly_empty_file(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    with pytest.raises(ScenarioError, match="file is empty"):
        load_scenario(empty)


def test_more_samples_than_the_limit_from_csv(tmp_path):
    from scenes.scenario.loader import MAX_SAMPLES

    text = (Path(__file__).parent / "bad_scenarios" / "csv_missing.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "many.yaml"
    scenario.write_text(text.replace("nowhere.csv", "many.csv"), encoding="utf-8")
    (tmp_path / "many.csv").write_text("x,y\n" + "1,0\n" * (MAX_SAMPLES + 1), encoding="utf-8")
    with pytest.raises(ScenarioError, match=f"more than {MAX_SAMPLES} samples"):
        load_scenario(scenario)


def test_csv_data_loads_exactly(tmp_path):
    from fractions import Fraction

    text = (Path(__file__).parent / "bad_scenarios" / "csv_missing.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "ok.yaml"
    scenario.write_text(text.replace("nowhere.csv", "points.csv").replace(MARK, ""), encoding="utf-8")
    (tmp_path / "points.csv").write_text("x,y\n1,0\n2.5,0\n3,1\n4,1\n", encoding="utf-8")
    sc = load_scenario(scenario)
    assert sc.dataset.x[1] == Fraction(5, 2)


def test_cli_reports_without_traceback_and_writes_nothing(tmp_path):
    bad = Path(__file__).parent / "bad_scenarios" / "lr_negative.yaml"
    out = tmp_path / "media"
    result = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "render", str(bad), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: learning_rate: ", result.stderr)
    assert not out.exists()


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_scenarios_validate(path):
    load_scenario(path)
