"""`batchviz check` and `explain` start light (issue 26): a command imports only what it runs, and the schema's
classes are made without reading their source. Speed itself is measured by scripts/bench (startup rows)."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
import yaml
from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from scenes.pipeline.cli import COMMANDS, main
from scenes.scenario import locale
from scenes.scenario.field_docs import field_doc
from scenes.scenario.fields import Frozen
from tests.conftest import ROOT

# what rendering needs and a check never does: manim (2 s), PyAV and Pillow (videos, GIFs, burned subtitles), the
# file watcher, the process pool and Dask, the Chinese word cutter and number speller
RENDERING_ONLY = ("manim", "av", "PIL", "watchfiles", "concurrent.futures.process", "dask", "distributed", "jieba",
                  "cn2an")


# runs the command line as `python -m scenes.pipeline.cli ARGS` does, once for each ARGS in turn in one process, and
# lists every module imported after each: a module that appears first after a command is one that command imported
PROBE = """
import json, runpy, sys
out, runs, seen = sys.argv[1], json.loads(sys.argv[2]), []
for args in runs:
    sys.argv = ["batchviz", *args]
    try:
        runpy.run_module("scenes.pipeline.cli", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        assert exc.code in (0, 1, None), (args, exc.code)
    seen.append(sorted(sys.modules))
with open(out, "w") as f:
    json.dump(seen, f)
"""
# `check` first: what it imports on its own is what the process holds after it
COMMANDS_RUN = [["check", "scenarios/seed.yaml"], ["explain", "scenarios/seed.yaml"], ["list", "scenarios/seed_en.yaml"],
                ["schema"]]


@pytest.fixture(scope="module")
def imported_after(tmp_path_factory) -> dict[tuple[str, ...], set[str]]:
    """Every module the real command line had imported after running each of COMMANDS_RUN (one process for all:
    a start-up each would cost a second apiece)."""
    out = tmp_path_factory.mktemp("probe") / "modules.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), json.dumps(COMMANDS_RUN)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return {tuple(args): set(modules) for args, modules in zip(COMMANDS_RUN, json.loads(out.read_text()))}


@pytest.mark.parametrize("args", COMMANDS_RUN)
def test_commands_that_do_not_render_import_nothing_rendering_needs(args, imported_after):
    modules = imported_after[tuple(args)]
    assert f"scenes.pipeline.commands.{args[0].replace('list', 'list_scenes')}" in modules  # the probe sees it run
    heavy = sorted(m for m in modules if m.split(".")[0] in RENDERING_ONLY or m in RENDERING_ONLY)
    assert not heavy, f"{args[0]} (or a command run before it in {COMMANDS_RUN}) imported {heavy}"


def test_a_command_is_imported_only_when_it_runs(imported_after):
    """`check` imports its own module and not the modules of the other commands."""
    assert COMMANDS_RUN[0][0] == "check"  # run first in the probe: nothing else ran before it
    modules = imported_after[tuple(COMMANDS_RUN[0])]
    commands = {name: target.split(":")[0] for name, target in COMMANDS.items()}
    assert commands["check"] in modules
    assert not sorted(m for name, m in commands.items() if name != "check" and m in modules)


def test_every_named_command_is_the_click_command_of_that_name():
    context = click.Context(main)
    assert main.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert isinstance(command, click.Command) and command.name == name and command.help


def test_the_schema_classes_are_made_without_reading_their_source():
    """pydantic's reading of attribute docstrings (a search of the call stack and a parse per class) is not run
    when the kinds register: the descriptions are read when a JSON Schema or the guide asks for them."""
    probe = ("import pydantic._internal._fields as f, sys\n"
             "calls = []\n"
             "real = f._update_fields_from_docstrings\n"
             "f._update_fields_from_docstrings = lambda *a, **k: (calls.append(a[0].__name__), real(*a, **k))\n"
             "import scenes.kinds\n"
             "from scenes.scenario.loader import load_scenario\n"
             "load_scenario('scenarios/seed.yaml')\n"
             "print(len(calls))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0"


def _schema_classes() -> list[type[BaseModel]]:
    found, todo = [], [Frozen]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_field_descriptions_are_pydantics_own_reading_of_the_docstrings():
    """Every field of every schema class (the scenario's and every kind's entry) is described by the docstring
    pydantic itself reads for it (its extraction, run here on each class that declares the field)."""
    compared = 0
    for cls in _schema_classes():
        for name in cls.model_fields:
            declaring = next(k for k in cls.__mro__ if name in vars(k).get("__annotations__", {}))
            expected = extract_docstrings_from_cls(declaring, use_inspect=True).get(name)
            assert field_doc(cls, name) == expected, f"{cls.__name__}.{name}"
            compared += expected is not None
    assert compared > 100  # the real schema, not an empty walk


def test_a_field_declared_again_without_a_docstring_has_none():
    class Base(Frozen):
        a: int = 0
        """The a."""
        b: int = 0
        """The b."""

    class Child(Base):
        b: int = 1

    assert (field_doc(Child, "a"), field_doc(Child, "b"), field_doc(Base, "b")) == ("The a.", None, "The b.")
    properties = Child.model_json_schema()["properties"]
    assert properties["a"]["description"] == "The a." and "description" not in properties["b"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_screen_texts_read_by_libyaml_are_those_of_the_pure_python_reader(language):
    path = locale.LOCALE_DIR / f"{language}.yaml"
    assert locale._locale(language) == yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
