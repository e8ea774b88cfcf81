"""The one error type users see: a list of ``FILE:LINE:COL: field: problem; fix`` lines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# everything a terminal could act on: C0 controls (but not newline/tab), DEL, C1 controls, and the
# bidirectional overrides that can make text read differently from what it is
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character shown as an escape (\\x1b, \\u202e): safe to print."""
    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


def one_line(text: str) -> str:
    """``text`` made safe to print and kept on one line (newlines and tabs escaped too)."""
    return terminal_safe(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def field_name(loc: tuple[Any, ...], data: Any = None) -> str:
    """A dotted field path as a person counts: list items from 1 (``lesson.2.run`` is the second entry), a mapping's
    keys as written, numbers too (``runs.5``: given the document's ``data``, which tells a key from an item)."""
    parts = []
    node = data
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool) and not isinstance(node, dict):
            parts.append(str(part + 1))
        else:
            parts.append(str(part))
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return ".".join(parts)


@dataclass(frozen=True)
class InputProblem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    field: str  # dotted path, "" for the whole file
    message: str  # what is wrong; what to do

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return one_line(text)


class ScenarioError(Exception):
    """An invalid scenario; ``problems`` lists every error found (capped)."""

    MAX_REPORTED = 20

    def __init__(self, problems: list[InputProblem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems[: self.MAX_REPORTED]))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[InputProblem]]]:
        # travels between processes whole (a --jobs worker's error reaches the CLI as the same one-line report)
        return ScenarioError, (self.problems,)

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[: self.MAX_REPORTED]]
        extra = len(self.problems) - len(shown)
        if extra > 0:
            shown.append(f"... and {extra} more errors")
        return shown


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    """"did you mean 'x'?" for the closest of ``choices``, or "" when none is close."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""

