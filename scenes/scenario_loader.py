"""load_scenario(path) -> Scenario: the one way every command and scene reads a scenario.

All problems of a file are collected and raised together as ScenarioError,
each pointing at a line and a field and saying what to do.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from mathcore import Dataset, to_fraction
from mathcore.batching import steps_per_epoch
from scenes.errors import Problem, ScenarioError
from scenes.scenario import LANGUAGES, Scenario
from scenes.yaml_source import YamlDocument, read_yaml

MAX_SAMPLES = 1_000_000
# Exact walkthroughs cost about one Fraction operation per sample and step.
MAX_SAMPLE_STEPS = 2_000_000
MAX_LESSON_SECONDS = 30 * 60

_TYPE_NAMES = {"int", "float", "str", "bool", "list", "dict", "none"}


def _did_you_mean(word: str, choices) -> str:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the mapping at ``loc`` (for did-you-mean on unknown keys)."""
    current: typing.Any = Scenario
    for part in loc:
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is typing.Annotated:
            current, origin, args = args[0], typing.get_origin(args[0]), typing.get_args(args[0])
        if origin is typing.Union:
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tagged = [m for m in models if "scene" in m.model_fields and typing.get_args(m.model_fields["scene"].annotation) == (part,)]
            if tagged:
                current = tagged[0]
                continue
            current = next((m for m in models), None)
            if current is None:
                return None
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif origin in (list, dict):
            current = args[-1]
        else:
            return None
    while typing.get_origin(current) in (typing.Union, typing.Annotated):
        args = [a for a in typing.get_args(current) if isinstance(a, type) and issubclass(a, BaseModel)]
        current = args[0] if args else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(err: dict) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(tuple(loc[:-1]))
        hint = _did_you_mean(loc[-1], owner.model_fields) if owner else ""
        return f"unknown key '{loc[-1]}'; {hint or 'remove it'} (keys are listed in docs/authoring.md)"
    if kind == "missing":
        return "required key is missing; add it (see docs/authoring.md)"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number (not .inf or .nan); write a number such as 0.1"
    if isinstance(value, bool) and kind in ("int_type", "float_type", "number_type", "string_type"):
        return f"{str(value).lower()} is a boolean, not a number; write a number such as 0.1"
    if kind in ("int_type", "float_type"):
        return f"{value!r} is not a number; write a number such as 0.1 (without quotes)"
    if kind == "finite_number":
        return "must be a finite number (not .inf or .nan); write a number such as 0.1"
    if kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        expected = err["ctx"]["expected_tags"]
        hint = _did_you_mean(tag, [t.strip(" '") for t in expected.split(",")])
        return f"unknown scene '{tag}'; {hint + ' ' if hint else ''}choose one of {expected}"
    if kind == "union_tag_not_found":
        return "each lesson entry needs a 'scene' key; add e.g. 'scene: step'"
    if kind == "literal_error":
        expected = err["ctx"]["expected"]
        hint = _did_you_mean(value, [t.strip(" '") for t in expected.replace(" or ", ",").split(",")])
        return f"{value!r} is not allowed; {hint + ' ' if hint else ''}choose {expected}"
    if kind == "string_type":
        return f"{value!r} is not text; write it in quotes"
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return "use only lowercase letters, digits, '-' or '_' (it names the output files); rename it"
    return err["msg"][0].lower() + err["msg"][1:] + "; see docs/authoring.md"


def _pydantic_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    problems, seen = [], set()
    for err in exc.errors():
        # union branches add their type to the path (…, 'int'), validators their name, dict keys '[key]'
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and (p in _TYPE_NAMES or "[" in p)))
        if loc in seen:
            continue
        seen.add(loc)
        line, col = doc.position(loc)
        problems.append(Problem(str(doc.path), line, col, ".".join(map(str, loc)), _message(err)))
    return problems


def _read_csv(doc: YamlDocument, name: str, problem) -> tuple[list, list] | None:
    csv_path = (doc.path.parent / name).resolve()
    if doc.path.parent.resolve() not in csv_path.parents:
        problem(("data", "csv"), "the CSV file must sit beside the scenario (no '..' or absolute paths); move it there")
        return None
    try:
        raw = csv_path.read_bytes()
    except OSError:
        problem(("data", "csv"), f"cannot read {name}; put the CSV file beside the scenario")
        return None
    if len(raw) > 50 * MAX_SAMPLES:
        problem(("data", "csv"), f"{name} is too large; keep it under {MAX_SAMPLES} samples")
        return None
    xs, ys = [], []
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:2]] != ["x", "y"]:
        problem(("data", "csv"), f"{name} must start with the header line 'x,y'")
        return None
    for row_no, row in enumerate(reader, start=2):
        if not row:
            continue
        try:
            xs.append(to_fraction(row[0]))
            ys.append(to_fraction(row[1]))
        except (ValueError, IndexError, ZeroDivisionError):
            problem(("data", "csv"), f"{name} line {row_no}: expected two numbers 'x,y'; fix that row")
            return None
        if len(xs) > MAX_SAMPLES:
            break
    return xs, ys


def _check(doc: YamlDocument, sc: Scenario) -> tuple[list[Problem], Dataset | None]:
    """Cross-field checks pydantic cannot express, each pointed at its line."""
    problems: list[Problem] = []

    def problem(loc, message):
        line, col = doc.position(tuple(loc))
        problems.append(Problem(str(doc.path), line, col, ".".join(map(str, loc)), message))

    if (sc.model, sc.loss) not in (("linear", "mse"), ("logistic", "bce")):
        problem(("loss",), f"model '{sc.model}' goes with loss '{'mse' if sc.model == 'linear' else 'bce'}'; change loss")
    if sc.title.get(sc.language) is None:
        problem(("title",), f"no title in the lesson's language '{sc.language}'; add title.{sc.language}")

    # Data
    xs = ys = None
    d = sc.data
    if d.csv is not None and (d.x is not None or d.y is not None):
        problem(("data", "csv"), "give either x/y lists or a csv file, not both; remove one")
    elif d.csv is not None:
        read = _read_csv(doc, d.csv, problem)
        if read:
            xs, ys = read
    elif d.x is None or d.y is None:
        problem(("data",), "data needs both x and y lists (or a csv file); add the missing one")
    else:
        xs, ys = [to_fraction(v) for v in d.x], [to_fraction(v) for v in d.y]
    dataset = None
    if xs is not None:
        if len(xs) != len(ys):
            problem(("data", "y"), f"x has {len(xs)} values but y has {len(ys)}; give one label per sample")
        elif not xs:
            problem(("data", "x"), "the data is empty; give at least one sample")
        elif len(xs) > MAX_SAMPLES:
            problem(("data",), f"more than {MAX_SAMPLES} samples; use a smaller dataset")
        else:
            if sc.loss == "bce":
                for i, y in enumerate(ys):
                    if not 0 <= y <= 1:
                        problem(("data", "y", i) if d.y else ("data", "csv"),
                                f"label {y} is outside [0, 1], which binary cross-entropy needs; use 0 or 1")
                        break
            dataset = Dataset(tuple(xs), tuple(ys))

    # Runs
    steps_in_run: dict[str, int] = {}
    if not sc.runs:
        problem(("runs",), "define at least one run, e.g. 'full: {batch_size: 8}'")
    for name, run in sc.runs.items():
        if dataset is None:
            continue
        available = len(dataset) * run.repeat
        if run.batch_size > available:
            problem(("runs", name, "batch_size"),
                    f"batch size {run.batch_size} is larger than the {available} samples (x repeat {run.repeat}); "
                    f"use at most {available} or raise repeat")
            continue
        if run.drop_last and run.batch_size > available:
            continue
        per_epoch = steps_per_epoch(len(dataset), run.schedule())
        total = per_epoch * (run.epochs or 1)
        if run.steps is not None:
            total = min(total, run.steps) if run.epochs else run.steps
        steps_in_run[name] = total
        if total * run.batch_size > MAX_SAMPLE_STEPS:
            problem(("runs", name), f"{total} steps of {run.batch_size} samples is too much to compute exactly "
                                    f"(limit {MAX_SAMPLE_STEPS} sample-steps); use fewer steps or epochs")

    def check_run_ref(loc, run_name, step):
        if run_name not in sc.runs:
            hint = _did_you_mean(run_name, sc.runs)
            problem(loc + ("run",), f"no run named '{run_name}'; {hint or 'define it under runs'}")
        elif run_name in steps_in_run and step > steps_in_run[run_name]:
            problem(loc + ("step",), f"run '{run_name}' has only {steps_in_run[run_name]} steps; "
                                     f"use a step from 1 to {steps_in_run[run_name]}")

    from scenes.lesson_plan import estimate_seconds  # duration estimates live with the scene list

    def check_run_name(loc, run_name):
        if run_name not in sc.runs:
            hint = _did_you_mean(run_name, sc.runs)
            problem(loc, f"no run named '{run_name}'; {hint or 'define it under runs'}")

    for i, entry in enumerate(sc.lesson):
        if entry.scene == "step":
            check_run_ref(("lesson", i), entry.run, entry.step)
        elif entry.scene == "compare":
            check_run_name(("lesson", i, "small"), entry.small)
            check_run_name(("lesson", i, "full"), entry.full)
            small = sc.runs.get(entry.small)
            if small is not None and dataset is not None and steps_per_epoch(len(dataset), small.schedule()) > 8:
                problem(("lesson", i, "small"), f"run '{entry.small}' has more than 8 steps per epoch, too many to "
                                                "compare side by side; use a larger batch size")
        elif entry.scene == "composition" and entry.batch_size > len(entry.reviews):
            problem(("lesson", i, "batch_size"), f"batch size {entry.batch_size} is larger than the "
                                                 f"{len(entry.reviews)} reviews; use at most {len(entry.reviews)}")
        elif entry.scene in ("summary", "surface3d"):
            for j, run_name in enumerate(entry.runs):
                check_run_name(("lesson", i, "runs", j), run_name)
        elif entry.scene == "tradeoffs":
            for j, size in enumerate(entry.batch_sizes):
                if size > entry.dataset_size:
                    problem(("lesson", i, "batch_sizes", j), f"batch size {size} exceeds dataset_size "
                                                             f"{entry.dataset_size}; use at most {entry.dataset_size}")
        elif entry.scene == "paths":
            for j, run_name in enumerate(entry.runs):
                check_run_name(("lesson", i, "runs", j), run_name)
            if entry.arrows is not None:
                check_run_ref(("lesson", i, "arrows"), entry.arrows.run, max(entry.arrows.steps))
    seconds = estimate_seconds(sc)
    if seconds > MAX_LESSON_SECONDS:
        problem(("lesson",), f"estimated length {seconds / 60:.0f} min exceeds 30 min; split it into several scenarios")

    from mathcore.claims import quantity_error

    for i, claim in enumerate(sc.claims):
        check_run_ref(("claims", i), claim.run, claim.step)
        why = quantity_error(claim.quantity)
        if why:
            problem(("claims", i, "quantity"), why)
        try:
            to_fraction(claim.value)
        except (ValueError, ZeroDivisionError, TypeError):
            problem(("claims", i, "value"), f"{claim.value!r} is not a number; write it like \"0.215\"")

    for lang, texts in sc.texts.items():
        from scenes.locale import locale_keys

        for key in texts:
            if key not in locale_keys(lang):
                hint = _did_you_mean(key, locale_keys(lang))
                problem(("texts", lang, key), f"unknown text key '{key}'; {hint or 'see scenes/locales/' + lang + '.yaml'}")
    return problems, dataset


def load_scenario(path: Path | str) -> Scenario:
    """Read, validate and cross-check a scenario file; raise ScenarioError with every problem."""
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        raise ScenarioError([Problem(str(doc.path), line, col, "", "a scenario is a mapping of keys (id:, title:, ...); "
                                                            "start from a shipped scenario in scenarios/")])
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(_pydantic_problems(doc, exc)) from None
    problems, dataset = _check(doc, scenario)
    if problems:
        raise ScenarioError(problems)
    scenario._dataset = dataset
    return scenario


__all__ = ["load_scenario", "ScenarioError", "LANGUAGES"]
