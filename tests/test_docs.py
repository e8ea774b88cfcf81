"""The authoring guide and the shipped JSON Schema keep up with the schema."""

from __future__ import annotations

import json

from scenes.scenario import scenario_json_schema
from tests.conftest import ROOT


def _properties(schema: dict) -> set[str]:
    names = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        names |= set(definition.get("properties", {}))
    return names


def test_every_key_is_documented_in_the_authoring_guide():
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    missing = sorted(k for k in _properties(json.loads(scenario_json_schema())) if f"`{k}`" not in guide)
    assert not missing, f"keys missing from docs/authoring.md: {missing}"


def test_shipped_json_schema_is_current():
    shipped = (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(scenario_json_schema()), \
        "regenerate with: .venv/bin/batchviz schema > docs/scenario.schema.json"


def test_shipped_scenarios_point_editors_at_the_schema():
    for path in (ROOT / "scenarios").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../docs/scenario.schema.json"), path
