"""Screen-text templates: ``{name}`` placeholders filled with computed values, nothing else.

Python's ``str.format`` would also run attribute and index look-ups
(``{w.__class__}``) and format specs (``{w:>300000000}``) written by an author;
here a template may only name the placeholders its key documents, and ``{{``
and ``}}`` write literal braces. Templates are checked when a scenario loads,
so a bad one is refused at ``check``, never half-way through a render.
"""

from __future__ import annotations

import difflib
import re
from typing import Mapping

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|\{[^{}]*\}?|\}")


def placeholders(template: str) -> set[str]:
    """The placeholder names a (valid) template uses."""
    return {m.group(1) for m in _TOKEN.finditer(template) if m.group(1)}


def template_problem(template: str, allowed: frozenset[str] | set[str]) -> str | None:
    """None if ``template`` is valid for a key whose placeholders are ``allowed``, else what to fix."""
    names = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
    for m in _TOKEN.finditer(template):
        token = m.group()
        if token in ("{{", "}}"):
            continue
        name = m.group(1)
        if name is None:
            shown = token if len(token) <= 30 else token[:27] + "..."
            if token == "}":
                return f"a lone '}}' at character {m.start() + 1}; write }}}} for a literal brace"
            if not token.endswith("}"):
                return f"a lone '{{' at character {m.start() + 1}; write {{{{ for a literal brace"
            return (f"'{shown}' is not a placeholder (no formats, attributes or indexes); "
                    f"write a plain name such as {names.split(', ')[0]}, or {{{{ for a literal brace")
        if name not in allowed:
            near = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.5)
            hint = f"did you mean {{{near[0]}}}? " if near else ""
            return f"unknown placeholder {{{name}}}; {hint}this text may use: {names}"
    return None


def fill(template: str, fields: Mapping[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by ``fields[name]``; ``{{``/``}}`` become braces."""
    def replace(m: re.Match[str]) -> str:
        token = m.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1)
        if name is None or name not in fields:
            raise KeyError(f"template {template!r}: {token} has no value")  # load-time checks prevent this
        return str(fields[name])

    return _TOKEN.sub(replace, template)
