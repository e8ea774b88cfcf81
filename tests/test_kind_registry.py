"""The scenario layer is given its kinds: scenes.kinds lists its packages and registers them, the schema's union of
lesson entries follows the registry, and a scenario cannot be loaded before any kind is known. One function reads a
lesson entry's learning-rate override."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from typing import Literal

import pytest

from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind, kinds, register_kinds
from tests.conftest import ROOT


def test_the_kinds_are_the_packages_with_an_entry():
    listed = sorted(p.name for p in (ROOT / "scenes" / "kinds").iterdir() if (p / "entry.py").is_file())
    assert list(kinds()) == listed and "mobjects" not in kinds()


def test_loading_before_any_kind_is_registered_says_what_to_do():
    code = "from scenes.scenario.loader import load_scenario; load_scenario('scenarios/seed.yaml')"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=False)
    assert out.returncode == 1 and "no scene kinds registered: import scenes.kinds" in out.stderr, out.stderr


class _Odd(EntryBase):
    scene: Literal["odd"]


def test_the_schema_follows_the_registry():
    """Registering another set of kinds changes which `scene:` values the schema accepts; the real set restores it."""
    from scenes.scenario.schema import scenario_json_schema

    real = list(kinds().values())
    try:
        register_kinds([*real, Kind(_Odd, seconds=lambda scenario, e: 1.0)])
        assert "odd" in kinds() and '"_Odd"' in scenario_json_schema()
        with pytest.raises(ValueError, match="a second kind named 'odd'"):
            register_kinds([Kind(_Odd, seconds=lambda scenario, e: 1.0)] * 2)
        with pytest.raises(TypeError, match="must derive from scenes.scenario.fields.EntryBase"):
            register_kinds([Kind(dict, seconds=lambda scenario, e: 1.0)])  # type: ignore[type-var]
    finally:
        register_kinds(real)
    assert "odd" not in kinds() and '"_Odd"' not in scenario_json_schema()


def test_an_entrys_learning_rate_overrides_the_scenarios_exactly(seed):
    """The seed runs at 0.1; its surface3d and summary entries at 0.02, written as decimals (exact, not floats)."""
    lesson = {e.scene: e for e in seed.lesson}
    assert seed.learning_rate_of() == Fraction(1, 10) == seed.problem().lr
    assert seed.learning_rate_of(lesson["surface3d"]) == Fraction(2, 100)
    assert seed.learning_rate_of(lesson["summary"]) == Fraction(2, 100)
    assert seed.learning_rate_of(lesson["step"]) == Fraction(1, 10)  # a kind without the key
    assert seed.problem(seed.learning_rate_of(lesson["summary"])).lr == Fraction(1, 50)
