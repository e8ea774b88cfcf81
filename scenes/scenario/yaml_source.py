"""Untrusted YAML in, plain data plus the line/column of every value out.

Safe by construction:
- the file is checked with ``stat`` first (regular files only: no FIFO, device or
  /dev/zero behind a link) and read with a bound, never whole;
- the event stream is scanned for nesting depth and node count *before* the
  (recursive) composer runs, so alias bombs and 1,000-deep lists fail fast with a line;
- scalars are resolved by our own rules (YAML 1.2 core schema, not PyYAML's 1.1):
  ``yes``/``on`` are words, dates are text, ``1e-3`` is a number; forms a YAML 1.1
  reader would silently reinterpret (``010`` = 8, ``1:30`` = 90) are refused;
  integers are never built from more than MAX_NUMBER_CHARS characters;
- only the standard tags are accepted; duplicate and merge keys are errors;
  control characters and bidirectional overrides in text are errors.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from scenes.scenario.errors import InputProblem, ScenarioError, field_name

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # counts alias re-uses, so "billion laughs" stops here
MAX_DEPTH = 30
MAX_NUMBER_CHARS = 40  # longest number literal we build; real ones are far shorter

_STANDARD = "tag:yaml.org,2002:"
_PLAIN = "?"  # an untagged plain scalar, resolved by our own rules
_EXPLICIT_OK = {_STANDARD + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}

# YAML 1.2 core schema, plain (unquoted) scalars only
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                  "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
                  "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
                  ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
# What a YAML 1.1 reader (PyYAML, many editors) turns into another number than it looks like
_OCTAL_LOOKALIKE = re.compile(r"^[-+]?0[0-9]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# C0 controls except tab and newline, DEL, C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# bidirectional marks, embeddings, overrides and isolates: they make a title or a subtitle display other text
# than it holds (U+202E turns "gpj.exe" into "exe.jpg"); the lesson's own layout never needs them
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class YamlDocument:
    """The parsed document and where each value came from (path tuple -> (line, column))."""

    path: Path
    data: Any
    positions: dict[tuple[Any, ...], tuple[int, int]]
    quoted: frozenset[tuple[Any, ...]] = field(default_factory=frozenset)  # paths of scalars written in quotes

    def position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """Position of ``loc`` or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


def _tag_message(tag: str) -> str:
    short = tag.replace(_STANDARD, "!!")
    why = "Python object tags are never loaded" if "python" in tag else "only plain YAML values are read"
    return f"tag {short} is not allowed ({why}); remove it"


def read_bounded(path: Path, limit: int, what: str, advice: str,
                 problem_at: Optional[Callable[[str], InputProblem]] = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ScenarioError.

    Never reads more than limit + 1 bytes, and never opens a FIFO, device or directory
    (a FIFO would block, /dev/zero would never end). ``problem_at(message)`` builds the
    InputInputProblem; by default it points at line 1 of ``path``.
    """
    make = problem_at or (lambda message: InputProblem(str(path), 1, 1, "", message))
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "invalid path"
        raise ScenarioError([make(f"cannot read the {what} ({reason.lower()}); check the path")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ScenarioError([make(f"the {what} is a folder, not a file; name the file itself")])
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError([make(f"the {what} is not a regular file (a pipe, device or socket); "
                                  "save it as an ordinary file")])
    if info.st_size > limit:
        raise ScenarioError([make(f"the {what} is {info.st_size} bytes, over the {limit} byte limit; {advice}")])
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since stat, open must not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ScenarioError([make(f"the {what} is not a regular file; save it as an ordinary file")])
            with os.fdopen(fd, "rb", closefd=False) as f:
                raw = f.read(limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ScenarioError([make(f"cannot read the {what} ({(exc.strerror or 'error').lower()}); "
                                  "check the path")]) from None
    if len(raw) > limit:  # grew after stat
        raise ScenarioError([make(f"the {what} is over the {limit} byte limit; {advice}")])
    return raw


class _Converter:
    def __init__(self, file: str):
        self.file = file
        self.positions: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.quoted: set[tuple[Any, ...]] = set()
        self.problems: list[InputProblem] = []

    def fail(self, node: yaml.Node, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(InputProblem(self.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                     field_name(path), message))

    def convert(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _STANDARD + "map":
                self.fail(node, path, _tag_message(node.tag))
                return None
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _STANDARD + "merge" or (key_node.tag == _PLAIN and key_node.value == "<<"):
                    self.fail(key_node, path, "merge keys (<<) are not supported; write the keys out")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, path, "mapping keys must be plain words; write a name before the colon")
                    continue
                key = self.scalar(key_node, path + ("<key>",))
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    self.fail(key_node, path, f"the key {key_node.value!r} is not a name; write a word "
                                              "(in quotes if it looks like a number or true/false)")
                    continue
                if key in result:
                    self.fail(key_node, path + (key,),
                              "duplicate key (YAML would silently keep only the last); remove one of them")
                    continue
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.convert(value_node, path + (key,))  # errors point at the key
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STANDARD + "seq":
                self.fail(node, path, _tag_message(node.tag))
                return None
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: tuple[Any, ...]) -> Any:
        text = node.value
        control = _CONTROL.search(text)
        if control:
            bad = control.group()
            self.fail(node, path, f"contains the control character U+{ord(bad):04X}; remove it")
            return None
        bidi = _BIDI.search(text)
        if bidi:
            bad = bidi.group()
            self.fail(node, path, f"contains the invisible direction mark U+{ord(bad):04X}, which can make the text "
                                  "display differently from what it says; remove it")
            return None
        if node.style not in (None, ""):  # quoted or block text (libyaml gives plain scalars "")
            self.quoted.add(path)
        if node.tag == _PLAIN:
            return self.plain(node, path, text)
        if node.tag == _STANDARD + "str":
            return text
        return self.explicit(node, path, node.tag)

    def explicit(self, node: yaml.ScalarNode, path: tuple[Any, ...], tag: str) -> Any:
        if tag not in _EXPLICIT_OK:
            self.fail(node, path, _tag_message(tag))
            return None
        kind = tag[len(_STANDARD):]
        if kind == "str":
            return node.value
        value = self.plain(node, path, node.value)
        expected: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool,
                                                        "null": type(None)}
        fits = isinstance(value, expected[kind]) and (kind == "bool" or not isinstance(value, bool))
        if not fits:
            self.fail(node, path, f"{node.value!r} is not a valid !!{kind}; remove the tag or fix the value")
            return None
        return float(value) if kind == "float" else value

    def plain(self, node: yaml.ScalarNode, path: tuple[Any, ...], text: str) -> Any:
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
        if _INT.match(text) or _FLOAT.match(text):
            if len(text) > MAX_NUMBER_CHARS:
                self.fail(node, path, f"a number of {len(text)} characters is too long; "
                                      f"write at most {MAX_NUMBER_CHARS} (e.g. 1.5e6)")
                return None
            if _OCTAL_LOOKALIKE.match(text):
                self.fail(node, path, f"{text} has a leading zero, which YAML 1.1 readers take as an octal "
                                      f"number ({text} = {int(text, 8) if set(text.lstrip('+-0')) <= set('01234567') else '?'}); "
                                      f"write {int(text)} (or put it in quotes if it is text)")
                return None
            if _INT.match(text):
                return int(text)
            return float(text)
        if _SEXAGESIMAL.match(text):
            self.fail(node, path, f"{text} is read as a base-60 number by YAML 1.1 readers; "
                                  "write the number you mean, or put it in quotes if it is text")
            return None
        return text


class _EventScan:
    """Depth and node count from the event stream, before composing (the composer recurses)."""

    def __init__(self, file: str):
        self.file = file
        self.top_key: tuple[str, object] | None = None  # the top-level key being read, for errors

    def run(self, text: str) -> None:
        try:
            self.scan(yaml.parse(text, Loader=_FAST_LOADER))
        except yaml.MarkedYAMLError as exc:  # libyaml stops at 1,000 levels itself, before the event reaches us
            if "nesting depth" not in str(exc.problem):
                raise
            self.fail(exc, f"nested more than {MAX_DEPTH} levels deep; a scenario needs only a few")

    def scan(self, events: Iterable[Any]) -> None:
        nodes = 0
        anchors: dict[str, int] = {}  # anchor -> nodes below it (aliases re-use them)
        open_nodes: list[list[Any]] = []  # [anchor, node count at start, is mapping, next is a key]
        for event in events:
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, start, _, _ = open_nodes.pop()
                if anchor:
                    anchors[anchor] = nodes - start + 1
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent,
                                      yaml.SequenceStartEvent)):
                continue
            if open_nodes and open_nodes[-1][2]:  # inside a mapping: keys and values alternate
                is_key = open_nodes[-1][3]
                open_nodes[-1][3] = not is_key
                if is_key and len(open_nodes) == 1 and isinstance(event, yaml.ScalarEvent):
                    self.top_key = (event.value, event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                nodes += anchors.get(event.anchor, 1)
            else:
                nodes += 1
                if isinstance(event, yaml.ScalarEvent):
                    if event.anchor:
                        anchors[event.anchor] = 1
                else:
                    open_nodes.append([event.anchor, nodes, isinstance(event, yaml.MappingStartEvent), True])
                    if len(open_nodes) > MAX_DEPTH:
                        self.fail(event, f"nested more than {MAX_DEPTH} levels deep; a scenario needs only a few")
            if nodes > MAX_NODES:
                self.fail(event, "document too large once its aliases (*name) are expanded; "
                                 "write the values out and keep the scenario small")

    def fail(self, event: Any, message: str) -> None:
        mark: Any = getattr(event, "start_mark", None) or getattr(event, "problem_mark", None)
        key, mark = self.top_key if self.top_key else ("", mark)  # blame the top-level key
        raise ScenarioError([InputProblem(self.file, mark.line + 1, mark.column + 1, key, message)])


# libyaml when PyYAML was built with it: the pure-Python parser takes 15-20 s for a 1 MB scenario (read twice: the
# event scan, then the composer), libyaml well under a second; both give the same events, nodes and marks
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_FAST_LOADER):  # type: ignore[misc]  # PyYAML has no type stubs here: its loaders are Any
    """Composes nodes, tagging untagged plain scalars _PLAIN: _Converter.plain resolves them."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


def _syntax_problem(file: str, exc: yaml.YAMLError, text: str) -> InputProblem:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return InputProblem(file, line, col, "", f"the character U+{ord(char):04X} is not allowed in YAML; remove it")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "syntax error"
        here = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if "\t" in here[:col] and "cannot start any token" in what:
            return InputProblem(file, line, col, "", "a tab cannot indent YAML; indent with spaces")
        if "another document" in what:
            return InputProblem(file, line, col, "", "a second YAML document starts here ('---'); a scenario is one "
                                                     "document: delete this line and what follows it, or move them to "
                                                     "a file of their own")
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} at line {exc.context_mark.line + 1})"
        return InputProblem(file, line, col, "", f"YAML syntax error: {what}; fix the indentation or quoting here")
    return InputProblem(file, 1, 1, "", f"YAML error: {exc}; check the file")


def parse_yaml_text(text: str, file: str, path: Path | None = None) -> YamlDocument:
    """Parse already-read text (see read_yaml)."""
    if not text.strip():
        raise ScenarioError([InputProblem(file, 1, 1, "", "file is empty; start from a shipped scenario in scenarios/")])
    try:
        _EventScan(file).run(text)
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.YAMLError as exc:
        raise ScenarioError([_syntax_problem(file, exc, text)]) from None
    if node is None:  # only comments or blank lines
        raise ScenarioError([InputProblem(file, 1, 1, "", "file is empty; start from a shipped scenario in scenarios/")])
    conv = _Converter(file)
    data = conv.convert(node, ())
    if conv.problems:
        raise ScenarioError(conv.problems)
    return YamlDocument(path or Path(file), data, conv.positions, frozenset(conv.quoted))


def read_yaml(path: Path | str) -> YamlDocument:
    """Parse ``path`` safely; raise ScenarioError listing every problem found."""
    path = Path(path)
    file = str(path)
    raw = read_bounded(path, MAX_FILE_BYTES, "scenario file", "keep large data in a CSV file beside the scenario")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError([InputProblem(file, line, 1, "", "file is not UTF-8; save it as UTF-8")]) from None
    return parse_yaml_text(text, file, path)
