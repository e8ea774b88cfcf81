"""Random YAML and random mutations of the shipped scenarios: the loader refuses them with ScenarioError
(never another exception), or accepts them, and then every command's computation runs on them."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenes.scenario.errors import ScenarioError
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from scenes.scenario.schema import Scenario
from tests.conftest import SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["setup", "step", "bs4", "mse", "linear", "zh", "en"]))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)), max_leaves=25)


def exercise(sc: Scenario) -> None:
    """What check, list and explain compute on an accepted scenario; any exception fails the test."""
    from mathcore.explain import walkthroughs_json, walkthroughs_markdown
    from scenes.scenario.lesson_plan import estimate_seconds, scene_names

    walks = {name: lesson_of(sc).walkthrough(name) for name in sc.runs}
    paths = {name: lesson_of(sc).trajectory(name) for name in sc.runs}
    walkthroughs_json(sc.id, walks, paths)
    walkthroughs_markdown(sc.title.get(sc.language) or "", walks, sc.style.digits, paths=paths)
    lesson_of(sc).audit()
    assert estimate_seconds(sc) > 0 and len(set(scene_names(sc))) == len(sc.lesson)
    for language, texts in sc.texts.items():
        for key in texts:  # every accepted override fills in with its key's placeholders
            from scenes.scenario.locale import locale_placeholders

            lesson_of(sc).text(key, language, **{name: "1" for name in locale_placeholders(key)})


def load_text(tmp_path, text: str):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if isinstance(text, str) else path.write_bytes(text)
    try:
        sc = load_scenario(path)
    except ScenarioError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)
        assert all(";" in p.message for p in exc.problems), exc  # each says what to do
        return exc
    exercise(sc)
    return sc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_random_documents(tmp_path, doc):
    load_text(tmp_path, yaml.safe_dump(doc, allow_unicode=True))


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
                                               "!!python/object:os.system", "*nope", "&a 1", "", "010", "1:30",
                                               "2024-01-01", "on", "1e-3", "'{oops}'", "'{w:>9}'", "'[/bold]'",
                                               '"\\x1b[2J"', "1" * 50, "'1e100000000'"]))
            lines[i] = f"{key}: {value}\n"
        elif action == "garble":
            pos = data.draw(st.integers(0, max(len(lines[i]) - 1, 0)))
            lines[i] = lines[i][:pos] + data.draw(st.sampled_from(["{", "]", ":", "\t", "'", "#", "- "])) + lines[i][pos:]
        elif action == "indent":
            lines[i] = "  " + lines[i]
        if not lines:
            break
    load_text(tmp_path, "".join(lines))
