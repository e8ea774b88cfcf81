from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", help="write the frame tests' control data instead of comparing")
    parser.addoption("--show_diff", action="store_true", help="save a PNG of the difference when a frame test fails")


@pytest.fixture(scope="session")
def seed():
    from scenes.scenario_loader import load_scenario

    return load_scenario(SCENARIOS / "seed.yaml")
