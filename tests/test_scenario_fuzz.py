"""Random YAML and random mutations of the shipped scenarios: the loader returns a Scenario or ScenarioError, nothing else."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenes.errors import ScenarioError
from scenes.scenario import Scenario
from scenes.scenario_loader import load_scenario
from tests.conftest import SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["setup", "step", "bs4", "mse", "linear", "zh", "en"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)), max_leaves=25)


def load_text(tmp_path, text: str):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if isinstance(text, str) else path.write_bytes(text)
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)
        return exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_random_documents(tmp_path, doc):
    result = load_text(tmp_path, yaml.safe_dump(doc, allow_unicode=True))
    assert isinstance(result, (Scenario, ScenarioError))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SHIPPED), st.data())
def test_mutated_shipped_scenarios(tmp_path, path, data):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace_value", "garble", "indent"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "replace_value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = data.draw(st.sampled_from(["0", "-1", "true", ".nan", "[]", "{}", "'x'", "1e400", "99999999",
                                               "!!python/object:os.system", "*nope", "&a 1", ""]))
            lines[i] = f"{key}: {value}\n"
        elif action == "garble":
            pos = data.draw(st.integers(0, max(len(lines[i]) - 1, 0)))
            lines[i] = lines[i][:pos] + data.draw(st.sampled_from(["{", "]", ":", "\t", "'", "#", "- "])) + lines[i][pos:]
        elif action == "indent":
            lines[i] = "  " + lines[i]
        if not lines:
            break
    result = load_text(tmp_path, "".join(lines))
    assert isinstance(result, (Scenario, ScenarioError))
