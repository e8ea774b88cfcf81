"""Untrusted YAML in, plain data plus the line/column of every value out.

Safe by construction: the document is composed into nodes by PyYAML's safe
loader and converted here, so only the standard YAML tags are accepted;
duplicate keys (PyYAML silently keeps the last) are errors; size, node count
and nesting are limited so that alias bombs and huge files fail fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scenes.errors import Problem, ScenarioError

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 2_000_000  # counts alias re-uses, so "billion laughs" stops here
MAX_DEPTH = 50

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used


@dataclass(frozen=True)
class YamlDocument:
    """The parsed document and where each value came from (path tuple -> (line, column))."""

    path: Path
    data: Any
    positions: dict[tuple, tuple[int, int]]

    def position(self, loc: tuple) -> tuple[int, int]:
        """Position of ``loc`` or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    why = "Python object tags are never loaded" if "python" in tag else "only plain YAML values are read"
    return f"tag {short} is not allowed ({why}); remove it"


class _Converter:
    def __init__(self, file: str):
        self.file = file
        self.nodes = 0
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, node.start_mark.column + 1, field, message))

    def convert(self, node: yaml.Node, path: tuple, depth: int = 0) -> Any:
        self.nodes += 1
        field = ".".join(str(p) for p in path)
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            top = path[:1]  # blame the top-level key being expanded, not a node deep inside an alias
            line, col = self.positions.get(top, (node.start_mark.line + 1, node.start_mark.column + 1))
            raise ScenarioError([Problem(self.file, line, col, ".".join(map(str, top)),
                                         "document too large or too deeply nested (aliases expanded); "
                                         "write the values out and keep the scenario small")])
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(node, field, _tag_message(node.tag))
                return None
            result: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node, field, "merge keys (<<) are not supported; write the keys out")
                    continue
                key = self.convert(key_node, path + ("<key>",), depth + 1)
                if not isinstance(key, (str, int)):
                    self.fail(key_node, field, "mapping keys must be plain words")
                    continue
                if key in result:
                    self.fail(key_node, ".".join(str(p) for p in path + (key,)),
                              "duplicate key (YAML would silently keep only the last); remove one of them")
                    continue
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.convert(value_node, path + (key,), depth + 1)  # errors point at the key
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, field, _tag_message(node.tag))
                return None
            return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, field, _tag_message(node.tag))
            return None
        return _CONSTRUCTOR.construct_object(node, deep=True)


def read_yaml(path: Path | str) -> YamlDocument:
    """Parse ``path`` safely; raise ScenarioError listing every problem found."""
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(file, 1, 1, "", f"cannot read the file ({exc.strerror}); check the path")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError([Problem(file, 1, 1, "", f"file is {len(raw)} bytes, over the {MAX_FILE_BYTES} byte limit; "
                                                     "keep large data in a CSV file beside the scenario")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError([Problem(file, line, 1, "", "file is not UTF-8; save it as UTF-8")]) from None
    if not text.strip():
        raise ScenarioError([Problem(file, 1, 1, "", "file is empty; start from a shipped scenario in scenarios/")])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "syntax error"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise ScenarioError([Problem(file, line, col, "", f"YAML syntax error: {what}; fix the indentation or quoting here")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(file, 1, 1, "", f"YAML error: {exc}; check the file")]) from None
    if node is None:  # only comments or blank lines
        raise ScenarioError([Problem(file, 1, 1, "", "file is empty; start from a shipped scenario in scenarios/")])
    conv = _Converter(file)
    data = conv.convert(node, ())
    if conv.problems:
        raise ScenarioError(conv.problems)
    return YamlDocument(path, data, conv.positions)
