"""The one error type users see: a list of ``FILE:LINE:COL: field: problem; fix`` lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    field: str  # dotted path, "" for the whole file
    message: str  # what is wrong; what to do

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(Exception):
    """An invalid scenario; ``problems`` lists every error found (capped)."""

    MAX_REPORTED = 20

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems[: self.MAX_REPORTED]))

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[: self.MAX_REPORTED]]
        extra = len(self.problems) - len(shown)
        if extra > 0:
            shown.append(f"... and {extra} more errors")
        return shown
