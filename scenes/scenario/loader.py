"""load_scenario(path) -> Scenario: the one way every command and scene reads a scenario.

All problems of a file are collected and raised together as ScenarioError,
each pointing at a line and a field and saying what to do. Whatever this
accepts renders: every check a scene would otherwise trip over at render time
(a run that is too long, a batch larger than the data, a text template with an
unknown placeholder) is made here, and every cost is bounded (scenes/scenario/run_plan.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import typing
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mathcore import Dataset, to_fraction
from mathcore.batch_size_study import (
    MIN_STUDY_STEPS,
    StudySettings,
    default_batch_sizes,
    first_round_steps,
    study_batch_sizes,
)
from mathcore.batching import batch_size_of_step
from mathcore.claims import quantity_error
from mathcore.exact import parse_decimal
from scenes.scenario.drawing_limits import drawing_problem
from scenes.scenario.errors import InputProblem, ScenarioError, did_you_mean, field_name
from scenes.scenario.fields import LanguageKey, Localized
from scenes.scenario.glyphs import (
    DEFAULT_ENTRY_TITLE_BOX,
    ENTRY_TITLE_BOX,
    ENTRY_TITLE_SIZE,
    FONT_NAME,
    READABLE_SIZE,
    TITLE_CARD,
    describe,
    drawn_size,
    missing_character,
)
from scenes.scenario.kind import Loc, StepReference, kinds
from scenes.scenario.lesson_plan import (
    estimate_seconds,  # duration estimates live with the scene list
    narrated_seconds,
)
from scenes.scenario.locale import judged_bases, locale_keys, locale_placeholders
from scenes.scenario.run_plan import (
    MAX_EPOCH_SAMPLES,
    MAX_PATH_STEPS,
    MAX_PATH_WORK,
    MAX_WORKED_SAMPLES,
    path_work,
    run_steps,
    step_references,
)
from scenes.scenario.schema import LANGUAGES, Scenario
from scenes.scenario.text_template import template_problem
from scenes.scenario.yaml_source import YamlDocument, read_bounded, read_yaml

MAX_SAMPLES = 100_000
MAX_STUDY_STEPS = 500_000  # the batch-size study's steps over all its batch sizes (about 10 s)
MAX_CSV_BYTES = 64 * MAX_SAMPLES  # a generous 64 bytes per "x,y" row
MAX_CSV_FIELD = 64  # characters in one CSV cell
MAX_LESSON_SECONDS = 30 * 60

_TYPE_NAMES = {"int", "float", "str", "bool", "list", "dict", "none"}


def _numbers_in(value: object, loc: Loc) -> Iterator[tuple[Loc, int | float]]:
    """(loc, number) for every int or float inside a validated model, list or mapping."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _numbers_in(getattr(value, name), loc + (name,))
    elif isinstance(value, (list, tuple)):
        for j, item in enumerate(value):
            yield from _numbers_in(item, loc + (j,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers_in(item, loc + (key,))




def _author_texts(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """(loc, text) for every text the author wrote that a scene may draw: each language of a localized text (titles,
    labels, tasks, ...) and every `texts` override, inside a validated model, list or mapping."""
    if isinstance(value, Localized):
        for name in type(value).model_fields:
            text = getattr(value, name)
            if isinstance(text, str):
                yield loc + (name,), text
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _author_texts(getattr(value, name), loc + (name,))
    elif isinstance(value, (list, tuple)):
        for j, item in enumerate(value):
            yield from _author_texts(item, loc + (j,))
    elif isinstance(value, dict) and loc and loc[-1] == "texts":
        for lang, own in value.items():
            for key, text in own.items():
                yield loc + (lang, key), text
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _author_texts(item, loc + (key,))


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that owns the mapping at ``loc`` (for did-you-mean on unknown keys)."""
    current: typing.Any = Scenario
    for part in loc:
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is typing.Annotated:
            current, origin, args = args[0], typing.get_origin(args[0]), typing.get_args(args[0])
        if origin is typing.Union:
            models: list[Any] = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
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
        found = [a for a in typing.get_args(current) if isinstance(a, type) and issubclass(a, BaseModel)]
        current = found[0] if found else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _number_message(value: object, quoted: bool, whole: bool) -> str:
    example = "a whole number such as 4" if whole else "a number such as 0.1"
    if isinstance(value, bool):
        return f"{str(value).lower()} is a boolean, not a number; write {example}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number (not .inf or .nan); write {example}"
    if whole and isinstance(value, float):
        return f"{value!r} is not a whole number; write {example}"
    if isinstance(value, str):
        if quoted:
            return f"{value!r} is text, not a number; write {example} without quotes"
        if value.lower() in ("yes", "no", "on", "off", "y", "n"):
            return f"{value!r} is a word, not a number; write {example}"
        return f"{value!r} is not a number; write {example}"
    return f"{value!r} is not {'a whole number' if whole else 'a number'}; write {example}"


def _shown(value: object) -> str:
    """How a wrong value is named in a message: short, and as YAML would show it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(err: ErrorDetails, quoted: bool) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(tuple(loc[:-1]))
        hint = did_you_mean(loc[-1], owner.model_fields) if owner else ""
        return f"unknown key '{loc[-1]}'; {hint or 'remove it'} (keys are listed in docs/authoring.md)"
    if kind == "missing":
        return "required key is missing; add it (see docs/authoring.md)"
    if kind in ("int_type", "int_from_float"):
        return _number_message(value, quoted, whole=True)
    if kind in ("float_type", "number_type", "finite_number"):
        return _number_message(value, quoted, whole=False)
    if kind == "bool_type":
        return f"{value!r} is not true or false; write true or false"
    if kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        expected = err["ctx"]["expected_tags"]
        hint = did_you_mean(tag, [t.strip(" '") for t in expected.split(",")])
        return f"unknown scene '{tag}'; {hint + ' ' if hint else ''}choose one of {expected}"
    if kind == "union_tag_not_found":
        return "each lesson entry needs a 'scene' key; add e.g. 'scene: step'"
    if kind == "literal_error":
        expected = err["ctx"]["expected"]
        hint = did_you_mean(value, [t.strip(" '") for t in expected.replace(" or ", ",").split(",")])
        return f"{value!r} is not allowed; {hint + ' ' if hint else ''}choose {expected}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):  # not pydantic's "instance of Study"
        return (f"{_shown(value)} is not a mapping of keys; write keys under it (key: value), as in "
                "docs/authoring.md, or remove it")
    if kind == "invalid_key":
        return f"the key {value!r} is not text; write it in quotes, or use a key this field takes (docs/authoring.md)"
    if kind in ("list_type", "tuple_type"):
        return f"{_shown(value)} is not a list; write it in brackets, e.g. [4, 8]"
    if kind == "string_type":
        if isinstance(value, bool):
            return f"{str(value).lower()} is read as true/false, not text; put it in quotes if it is text"
        return f"{value!r} is not text; write it in quotes"
    if kind == "string_too_long":
        limit = err["ctx"]["max_length"]
        return f"text of {len(value)} characters is too long for the screen; shorten it to at most {limit}"
    if kind in ("too_long",):
        return f"too many items; keep at most {err['ctx']['max_length']}"
    if kind == "string_pattern_mismatch":
        if loc == ("id",):
            if len(value) > 64:
                return f"the id is {len(value)} characters long; shorten it to at most 64 (it names the output files)"
            return "use only lowercase letters, digits, '-' or '_' (it names the output files); rename it"
        if loc and loc[0] == "runs":
            if len(value) > 40:
                return f"a run name of {len(value)} characters is too long; use at most 40"
            return "run names use only letters, digits, '-' and '_' (they name scenes and files); rename it"
        if "#" in str(err["ctx"].get("pattern", "")):
            return f"{value!r} is not a colour; write it as #RRGGBB, e.g. #58C4DD"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number (not .inf or .nan); write a number such as 0.1"
    if kind in ("less_than_equal", "greater_than_equal", "greater_than", "less_than"):
        bound = err["ctx"].get("le", err["ctx"].get("ge", err["ctx"].get("gt", err["ctx"].get("lt"))))
        word = {"less_than_equal": "at most", "greater_than_equal": "at least",
                "greater_than": "greater than", "less_than": "less than"}[kind]
        return f"{value!r} is out of range; use a value {word} {bound}"
    return err["msg"][0].lower() + err["msg"][1:] + "; see docs/authoring.md"


_NUMBER_KINDS = {"int_type", "int_from_float", "float_type", "number_type", "finite_number"}


def _pydantic_problems(doc: YamlDocument, exc: ValidationError) -> list[InputProblem]:
    by_loc: dict[Loc, list[ErrorDetails]] = {}
    scene_kinds = set(kinds())  # every `scene:` value
    for err in exc.errors():
        # pydantic adds union branches to the path (…, 'int', 'constrained-str'), '[key]' for a dict key,
        # and the scene kind after a lesson entry's index (lesson, 2, 'tradeoffs', ...): not the author's keys
        parts: list[int | str] = []
        previous: int | str | None = None
        for p in err["loc"]:
            machine = isinstance(p, str) and (p in _TYPE_NAMES or p == "[key]" or p.startswith(
                ("constrained-", "function-")) or (isinstance(previous, int) and p in scene_kinds))
            if not machine:
                parts.append(p)
            previous = p
        by_loc.setdefault(tuple(parts), []).append(err)
    problems = []
    # only the first errors are shown (ScenarioError.MAX_REPORTED): those get a worded message with its "did you
    # mean"; the rest are counted with a plain one (60,000 unknown keys took 2 s of difflib, 15 s under load)
    positions = {loc: doc.position(loc) for loc in by_loc}
    worded = set(sorted(by_loc, key=positions.__getitem__)[:2 * ScenarioError.MAX_REPORTED])
    for loc, errs in by_loc.items():
        error_types = {e["type"] for e in errs}
        if loc not in worded:
            message = "invalid; see docs/authoring.md"
        elif "less_than_equal" in error_types and _names_batch_size(loc):
            message = _batch_size_message(doc, loc, errs[0].get("input"))
        elif error_types & _NUMBER_KINDS:
            # a union of int and float (or text and number) is "a number"; only int alone is "a whole number"
            whole = error_types & _NUMBER_KINDS <= {"int_type", "int_from_float"}
            number_error = next(e for e in errs if e["type"] in _NUMBER_KINDS)
            message = _number_message(number_error.get("input"), loc in doc.quoted, whole)
        else:
            message = _message(errs[0], loc in doc.quoted)
        line, col = positions[loc]
        problems.append(InputProblem(str(doc.path), line, col, field_name(loc, doc.data), message))
    return problems


def _names_batch_size(loc: Loc) -> bool:
    return "batch_size" in loc or "batch_sizes" in loc


def _batch_size_message(doc: YamlDocument, loc: Loc, value: object) -> str:
    """A batch size over the schema's bound (a million) is over the data's own limit too: say that one, samples x
    repeat, so that the first fix is the last (not "at most 1000000" and then "at most 6")."""
    samples = _sample_count(doc)
    repeat = 1
    if loc[0] == "runs" and len(loc) == 3:
        run = (doc.data.get("runs") or {}).get(loc[1])
        given = run.get("repeat", 1) if isinstance(run, dict) else 1
        repeat = given if isinstance(given, int) and not isinstance(given, bool) and given >= 1 else 1
    if samples is None:
        return (f"batch size {value} is larger than any data this tool reads (at most {MAX_SAMPLES} samples); use "
                "at most the number of samples" + (" x repeat" if loc[0] == "runs" else ""))
    if loc[0] == "runs":
        return (f"batch size {value} is larger than the {samples * repeat} samples ({samples} x repeat {repeat}); "
                f"use at most {samples * repeat} or raise repeat")
    return f"batch size {value} is larger than the {samples} samples; use at most {samples}"


def _sample_count(doc: YamlDocument) -> int | None:
    """The number of samples the file's data holds (its x list, or its CSV's rows), None when that is unknown."""
    data = doc.data.get("data") if isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("x"), list) and data.get("csv") is None:
        return len(data["x"])
    if isinstance(data.get("csv"), str) and data.get("x") is None:
        read = Checks(doc, None).read_csv(data["csv"])  # type: ignore[arg-type]  # reads the file only
        return None if read is None else len(read[0])
    return None


class Checks:
    """Cross-field checks pydantic cannot express, each pointed at its line.

    A scene kind's ``check(checks, loc, entry)`` uses: ``checks.sc`` (the scenario), ``checks.dataset`` (None when
    the data are invalid), ``checks.totals`` (steps of each valid run), ``checks.problem(loc, message)``,
    ``checks.run_name(loc, name)``, ``checks.run_step(loc, run, step)`` and ``checks.batch_sizes_fit(loc, sizes)``.
    """

    def __init__(self, doc: YamlDocument, sc: Scenario):
        self.doc, self.sc = doc, sc
        self.problems: list[InputProblem] = []
        self.dataset: Dataset | None = None
        self.digest = ""
        self.totals: dict[str, int] = {}  # steps of each valid run

    def problem(self, loc: Loc, message: str) -> None:
        line, col = self.doc.position(tuple(loc))
        field = field_name(tuple(loc), self.doc.data)
        self.problems.append(InputProblem(str(self.doc.path), line, col, field, message))

    def run(self) -> None:
        sc = self.sc
        if (sc.model, sc.loss) not in (("linear", "mse"), ("logistic", "bce"), ("bump", "mse")):
            self.problem(("loss",), f"model '{sc.model}' goes with loss "
                                    f"'{'bce' if sc.model == 'logistic' else 'mse'}'; change loss")
        if sc.title.get(sc.language) is None:
            self.problem(("title",), f"no title in the lesson's language '{sc.language}'; add title.{sc.language}")
        for key in ("w", "b"):
            self.exact(("init", key), getattr(sc.init, key))
        self.exact(("learning_rate",), sc.learning_rate)
        self.data()
        sc._dataset = self.dataset  # the later checks ask the scenario about its data
        self.runs()
        self.study()
        self.lesson()
        if self.dataset is not None:
            self.worked_budget()
        self.claims()
        self.texts()
        self.drawable()

    # Numbers and data
    def exact(self, loc: Loc, value: int | float | str | Fraction) -> Fraction | None:
        try:
            return to_fraction(value)
        except (ValueError, ZeroDivisionError) as exc:
            self.problem(loc, str(exc))
            return None

    def data(self) -> None:
        d = self.sc.data
        if d.csv is not None and (d.x is not None or d.y is not None):
            self.problem(("data", "csv"), "give either x/y lists or a csv file, not both; remove one")
            return
        if d.csv is not None:
            read = self.read_csv(d.csv)
            if read is None:
                return
            xs, ys = read
        elif d.x is None or d.y is None:
            self.problem(("data",), "data needs both x and y lists (or a csv file); add the missing one")
            return
        else:
            if len(d.x) > MAX_SAMPLES:
                self.problem(("data", "x"), f"more than {MAX_SAMPLES} samples; use a smaller dataset")
                return
            exact_x = [self.exact(("data", "x", i), v) for i, v in enumerate(d.x)]
            exact_y = [self.exact(("data", "y", i), v) for i, v in enumerate(d.y)]
            xs = [v for v in exact_x if v is not None]
            ys = [v for v in exact_y if v is not None]
            if len(xs) < len(exact_x) or len(ys) < len(exact_y):  # a value that is not exact was reported
                return
            self.digest = hashlib.sha256(repr((d.x, d.y)).encode()).hexdigest()
        if len(xs) != len(ys):
            self.problem(("data", "y"), f"x has {len(xs)} values but y has {len(ys)}; give one label per sample")
        elif not xs:
            self.problem(("data", "x") if d.csv is None else ("data", "csv"),
                         "the data is empty; give at least one sample")
        else:
            if self.sc.loss == "bce":
                for i, y in enumerate(ys):
                    if not 0 <= y <= 1:
                        self.problem(("data", "y", i) if d.y else ("data", "csv"),
                                     f"label {y} is outside [0, 1], which binary cross-entropy needs; use 0 or 1")
                        break
            self.dataset = Dataset(tuple(xs), tuple(ys))

    def read_csv(self, name: str) -> tuple[list[Fraction], list[Fraction]] | None:
        loc = ("data", "csv")
        folder = self.doc.path.parent.resolve()
        if not name.strip():
            self.problem(loc, "the file name is empty; name a CSV file beside the scenario, e.g. csv: data.csv")
            return None
        try:
            csv_path = (folder / name).resolve()
        except (OSError, ValueError, RuntimeError):
            self.problem(loc, f"{name!r} is not a usable file name; name a CSV file beside the scenario")
            return None
        if csv_path == folder:
            self.problem(loc, f"{name!r} is a folder, the scenario's own, not a CSV file; name the CSV file in it")
            return None
        if folder not in csv_path.parents:
            written = Path(name)
            if not written.is_absolute() and ".." not in written.parts:  # it names a file here: a link out
                self.problem(loc, f"{name} is a link to {csv_path}, outside the scenario's folder (the data "
                                  "must sit beside the scenario itself); copy the file there")
            else:
                self.problem(loc, "the CSV file must sit beside the scenario (no '..' or absolute paths); "
                                  "move it there")
            return None
        line, col = self.doc.position(loc)
        at = lambda message: InputProblem(str(self.doc.path), line, col, field_name(loc, self.doc.data), message)
        try:
            raw = read_bounded(csv_path, MAX_CSV_BYTES, f"CSV file {name}",
                               f"keep it under {MAX_SAMPLES} samples", problem_at=at)
        except ScenarioError as exc:
            self.problems.extend(exc.problems)
            return None
        self.digest = hashlib.sha256(raw).hexdigest()
        try:
            text = raw.decode("utf-8-sig")  # a BOM (as Excel writes) is fine
        except UnicodeDecodeError as exc:
            line_no = raw[: exc.start].count(b"\n") + 1
            self.problem(loc, f"{name} line {line_no} is not UTF-8; save the file as UTF-8")
            return None
        xs, ys = [], []
        reader = csv.reader(io.StringIO(text))
        try:
            header = next(reader, None)
            if header is None or [h.strip().lower() for h in header[:2]] != ["x", "y"]:
                self.problem(loc, f"{name} must start with the header line 'x,y'; add it as the first line")
                return None
            bad_rows = 0  # every bad row is named (up to the number an error report shows), not the first only
            for row in reader:
                row_no = reader.line_num
                if not row or (len(row) == 1 and not row[0].strip()):  # a blank line; a row of commas is not
                    continue
                wrong = None
                if len(row) < 2 or any(len(cell) > MAX_CSV_FIELD for cell in row[:2]):
                    wrong = "expected two numbers 'x,y'; fix that row"
                else:
                    try:
                        x, y = to_fraction(row[0]), to_fraction(row[1])
                    except (ValueError, ZeroDivisionError) as exc:
                        wrong = str(exc)
                if wrong is not None:
                    bad_rows += 1
                    if bad_rows == ScenarioError.MAX_REPORTED:  # the last line an error report shows says so
                        self.problem(loc, f"{name} line {row_no} is bad too, and maybe more rows after it; fix the "
                                          "rows above, then check again")
                        return None
                    self.problem(loc, f"{name} line {row_no}: {wrong}")
                    continue
                xs.append(x)
                ys.append(y)
                if len(xs) > MAX_SAMPLES:
                    self.problem(loc, f"{name} has more than {MAX_SAMPLES} samples; use a smaller dataset")
                    return None
        except csv.Error:
            self.problem(loc, f"{name} line {reader.line_num}: not a CSV row (a line too long or a stray quote); "
                              "fix that line")
            return None
        return None if bad_rows else (xs, ys)

    # Runs
    def runs(self) -> None:
        sc = self.sc
        if not sc.runs:
            self.problem(("runs",), "define at least one run, e.g. 'full: {batch_size: 8}'")
        if self.dataset is None:
            return
        n = len(self.dataset)
        path_steps = path_ops = 0
        for name, run in sc.runs.items():
            available = n * run.repeat
            if available > MAX_EPOCH_SAMPLES:
                self.problem(("runs", name, "repeat"), f"{n} samples x repeat {run.repeat} = {available} samples per "
                                                       f"epoch, over the limit of {MAX_EPOCH_SAMPLES}; lower repeat")
                continue
            if run.batch_size > available:
                self.problem(("runs", name, "batch_size"),
                             f"batch size {run.batch_size} is larger than the {available} samples (x repeat "
                             f"{run.repeat}); use at most {available} or raise repeat")
                continue
            total = run_steps(run, n)
            self.totals[name] = total
            path_steps += total
            path_ops += path_work(run.schedule(), n, total, sc.model)
            if total > MAX_PATH_STEPS or path_steps > MAX_PATH_STEPS:
                self.problem(("runs", name), f"all runs together take {path_steps} steps, over the limit of "
                                             f"{MAX_PATH_STEPS}; use fewer epochs or steps")
                return
            if path_ops > MAX_PATH_WORK:
                self.problem(("runs", name), f"all runs together are too long to compute quickly "
                                             f"({path_ops:.2g} sample operations, limit {MAX_PATH_WORK:.0e}); "
                                             "use fewer epochs or less data")
                return

    def study(self) -> None:
        study = self.sc.study
        sizes = study.batch_sizes or (default_batch_sizes(len(self.dataset)) if self.dataset is not None else ())
        self.batch_sizes_fit(("study",), study.batch_sizes or ())
        if len(sizes) * study.max_steps > MAX_STUDY_STEPS:
            self.problem(("study", "max_steps"), f"{len(sizes)} batch sizes x max_steps {study.max_steps} is over "
                                                 f"the limit of {MAX_STUDY_STEPS} steps; lower max_steps or list "
                                                 "fewer study batch_sizes")
            return
        if self.dataset is not None and sizes:  # the work the study implies must fit its compute budget

            settings = StudySettings(tuple(study.batch_sizes) if study.batch_sizes else None, None, study.seeds,
                                     max(study.seeds, study.max_seeds), study.max_steps)
            sizes, _ = study_batch_sizes(self.sc.model, len(self.dataset), settings)
            steps = first_round_steps(self.sc.model, len(self.dataset), StudySettings(
                sizes, None, settings.seeds, settings.max_seeds, settings.max_steps))
            if steps < min(MIN_STUDY_STEPS, study.max_steps):
                fits = (f"the batch-size study on {len(self.dataset)} samples would fit only {steps} "
                        f"step{'' if steps == 1 else 's'} per run in its compute budget (batch sizes x learning rates "
                        "x seeds x steps x samples)")
                if "study" in self.doc.data:
                    self.problem(("study",), fits + "; list fewer or smaller study batch_sizes, fewer seeds, or use "
                                                    "fewer rows of data")
                else:  # the default study: what the file has that causes it is its data
                    data = ("data", "csv") if self.sc.data.csv is not None else ("data", "x")
                    self.problem(data, fits + " (the default study: the file has no study key); use fewer rows "
                                              "of data, or add e.g. 'study: {batch_sizes: [1, 8, 64]}'")

    def run_name(self, loc: Loc, name: str) -> bool:
        if name in self.sc.runs:
            return True
        hint = did_you_mean(name, self.sc.runs)
        defined = ", ".join(list(self.sc.runs)[:12]) or "none yet"
        self.problem(loc, f"no run named '{name}'; {hint + ' ' if hint else ''}defined runs: {defined}")
        return False

    def run_step(self, loc: Loc, name: str, step: int) -> None:
        if self.run_name(loc + ("run",), name) and name in self.totals and step > self.totals[name]:
            total = self.totals[name]
            self.problem(loc + ("step",), f"run '{name}' has only {total} step{'s' * (total != 1)}; "
                                          f"use a step from 1 to {total} (or give the run more epochs or steps)")

    # Lesson entries, by kind
    def lesson(self) -> None:
        for i, entry in enumerate(self.sc.lesson):
            # every number of an entry (a label, a score, a learning rate) is shown or computed with exactly
            for loc, value in _numbers_in(entry, ("lesson", i)):
                self.exact(loc, value)
            kinds()[entry.scene].check(self, ("lesson", i), entry)
            why = drawing_problem(entry.scene, len(self.dataset)) if self.dataset is not None else None
            if why:
                self.problem(("lesson", i, "scene"), why)
        seconds = estimate_seconds(self.sc)
        if seconds > MAX_LESSON_SECONDS:
            self.problem(("lesson",), f"estimated length {seconds / 60:.0f} min exceeds 30 min; "
                                      "split it into several scenarios")
            return
        why = narration_problem(self.sc)
        if why:
            self.problem(("lesson",), why)

    def batch_sizes_fit(self, loc: Loc, sizes: Sequence[int]) -> None:
        if self.dataset is None:
            return
        n = len(self.dataset)
        for j, size in enumerate(sizes):
            if size > n:
                self.problem(loc + ("batch_sizes", j), f"batch size {size} is larger than the {n} samples; "
                                                       f"use at most {n}")

    def worked_budget(self) -> None:
        """The steps worked sample by sample (step scenes, compare, arrows, claims) stay affordable."""
        refs = [r for r in step_references(self.sc) if r.run in self.totals and r.step <= self.totals[r.run]]
        furthest: dict[str, StepReference] = {}
        for r in refs:
            if r.run not in furthest or r.step > furthest[r.run].step:
                furthest[r.run] = r
        cost = sum(r.step * self.sc.runs[r.run].batch_size for r in furthest.values())
        if cost > MAX_WORKED_SAMPLES:
            worst = max(furthest.values(), key=lambda r: r.step * self.sc.runs[r.run].batch_size)
            self.problem(worst.loc, f"working out run '{worst.run}' up to step {worst.step} sample by sample "
                                    f"({cost} samples in all referenced steps, limit {MAX_WORKED_SAMPLES}) is too "
                                    "slow; refer to an earlier step")

    # Claims and texts
    def claims(self) -> None:
        n = len(self.dataset) if self.dataset is not None else None
        for i, claim in enumerate(self.sc.claims):
            loc = ("claims", i)
            self.run_step(loc, claim.run, claim.step)
            why = quantity_error(claim.quantity)
            if why:
                self.problem(loc + ("quantity",), why)
            elif n is not None and claim.run in self.totals and claim.step <= self.totals[claim.run]:
                position = re.match(r"^[a-z_]+\[(\d+)\]$", claim.quantity)
                size = batch_size_of_step(n, self.sc.runs[claim.run].schedule(), claim.step)
                if position and int(position.group(1)) > size:
                    self.problem(loc + ("quantity",), f"step {claim.step} of run '{claim.run}' has {size} "
                                                      f"sample{'s' * (size != 1)}; use a position from 1 to {size}")
            text = claim.value if isinstance(claim.value, str) else repr(claim.value)
            try:
                parse_decimal(text)
            except ValueError as exc:
                self.problem(loc + ("value",), f"{exc} (claims are decimals as the source writes them, e.g. \"0.215\")")

    def texts(self) -> None:
        """Text overrides, the scenario's and each entry's: known keys, and only the placeholders a key fills."""
        self.check_texts(("texts",), self.sc.texts)
        for i, entry in enumerate(self.sc.lesson):
            self.check_texts(("lesson", i, "texts"), entry.texts)

    def drawable(self) -> None:
        """Every author text in characters the bundled font has, and every title wide enough to stay readable once
        fitted to its line (scenes.scenario.glyphs)."""
        for loc, text in _author_texts(self.sc, ()):
            bad = missing_character(text)
            if bad is not None:
                self.problem(loc, f"the character {describe(bad)} is not in the video's font ({FONT_NAME}) and would "
                                  "be drawn as an empty box or in another font; remove it or write it in words")
        titles: list[tuple[Loc, Localized, tuple[float, float], str]] = [
            (("title",), self.sc.title, TITLE_CARD, "the title card")]
        for i, entry in enumerate(self.sc.lesson):
            own = getattr(entry, "title", None)
            if isinstance(own, Localized):
                box = ENTRY_TITLE_BOX.get(entry.scene, DEFAULT_ENTRY_TITLE_BOX)
                titles.append((("lesson", i, "title"), own, (ENTRY_TITLE_SIZE, box), f"the {entry.scene} scene"))
        for loc, localized, (size, box), where in titles:
            for lang in type(localized).model_fields:
                text = getattr(localized, lang)
                if not isinstance(text, str) or missing_character(text) is not None:
                    continue
                drawn = drawn_size(text, size, box, bold=True)
                if drawn < READABLE_SIZE:
                    fits = max(1, int(len(text) * drawn / READABLE_SIZE))
                    self.problem(loc + (lang,), f"this title is too wide for its line: {where} would shrink it to "
                                                f"{drawn:.0f} points, below the {READABLE_SIZE}-point minimum; "
                                                f"shorten it to about {fits} characters")

    def check_texts(self, loc: Loc, texts: Mapping[LanguageKey, Mapping[str, str]]) -> None:
        for lang, own in texts.items():
            keys = locale_keys(lang) | judged_bases(lang)
            for key, template in own.items():
                if key not in keys:
                    hint = did_you_mean(key, keys)
                    self.problem(loc + (lang, key),
                                 f"unknown text key '{key}'; {hint or 'see scenes/scenario/locales/' + lang + '.yaml'}")
                    continue
                why = template_problem(template, locale_placeholders(key))
                if why:
                    self.problem(loc + (lang, key), why)


def narration_problem(scenario: Scenario, pace: float | None = None) -> str | None:
    """Why the lesson's narration is too long to read at ``pace`` (default: style.pace), or None.

    The 30-minute limit is on what the viewer sits through: the reading time of every cue counts, not only the
    animations, in the language whose narration is slowest to read (render --lang may choose either).
    """
    pace = float(scenario.style.pace if pace is None else pace)
    seconds, language = max((narrated_seconds(scenario, lang, pace), lang) for lang in LANGUAGES)
    if seconds <= MAX_LESSON_SECONDS:
        return None
    return (f"the narration takes at least {seconds / 60:.0f} min to read in {language} at pace {pace:g}, over the "
            f"30 min limit; shorten the narration texts, or split the lesson into several scenarios")


def load_scenario(path: Path | str) -> Scenario:
    """Read, validate and cross-check a scenario file; raise ScenarioError with every problem."""
    kinds()  # the schema needs the registered kinds: a clear error when none are (not pydantic's)
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        raise ScenarioError([InputProblem(str(doc.path), line, col, "", "a scenario is a mapping of keys (id:, title:, ...); "
                                                                   "start from a shipped scenario in scenarios/")])
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(_pydantic_problems(doc, exc)) from None
    checks = Checks(doc, scenario)
    checks.run()
    if checks.problems:
        raise ScenarioError(checks.problems)
    scenario._dataset = checks.dataset
    scenario._data_digest = checks.digest
    return scenario


__all__ = ["load_scenario", "narration_problem", "ScenarioError", "LANGUAGES"]
