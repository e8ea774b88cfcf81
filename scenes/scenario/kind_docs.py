"""docs/authoring.md's reference of scene kinds, generated from each kind's entry schema and its docstrings (a test
keeps the guide current), so that a new kind documents itself."""

from __future__ import annotations

import json
import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from scenes.scenario.fields import Localized
from scenes.scenario.kind import kinds


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "/")


def _models_in(annotation) -> list[type[BaseModel]]:
    """Schema classes inside a field's type (list[Review] -> Review), other than per-language texts."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [] if issubclass(annotation, Localized) else [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _path(name: str, annotation) -> str:
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation) if origin not in (list, dict) else ():
        nested = _path(name, arg)
        if nested != name:
            return nested
    if origin is list:
        return f"{name}[]"
    if origin is dict:
        return f"{name}.<id>"
    return name


def _rows(model: type[BaseModel], prefix: str = "") -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        if name == "scene":
            continue
        if info.is_required():
            default = "required"
        elif info.default is None:
            default = "optional"
        else:
            value = info.default if info.default is not PydanticUndefined else info.default_factory()
            default = f"`{json.dumps(value, ensure_ascii=False)}`"
        texts = isinstance(info.annotation, type) and issubclass(info.annotation, Localized) or any(
            isinstance(a, type) and issubclass(a, Localized) for a in typing.get_args(info.annotation))
        meaning = _one_line(info.description) + (" Per language: `{zh, en}`." if texts else "")
        rows.append(f"| `{prefix}{name}` | {default} | {meaning} |")
        for nested in _models_in(info.annotation):
            rows.extend(_rows(nested, _path(f"{prefix}{name}", info.annotation) + "."))
    return rows


def kinds_markdown() -> str:
    parts = []
    for name, kind in kinds().items():
        parts.append(f"#### `{name}`\n\n{_one_line(kind.entry.__doc__)}\n")
        rows = _rows(kind.entry)
        if rows:
            parts.append("| key | default | meaning |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
    return "\n".join(parts).rstrip("\n")
