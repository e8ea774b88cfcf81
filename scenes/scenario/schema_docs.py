"""docs/authoring.md's key tables, generated from the schema: each key's type, default and meaning (its attribute
docstring). A test keeps the guide current, so a new key or a new scene kind documents itself."""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from scenes.scenario.field_docs import field_doc
from scenes.scenario.fields import Localized
from scenes.scenario.kind import kinds
from scenes.scenario.schema import Claim, Colors, Data, Run, Scenario, Study, Style

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "/")


def _bounds(metadata: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        for name in ("ge", "le", "gt", "lt", "pattern"):
            if getattr(item, name, None) is not None:
                found[name] = getattr(item, name)
        found.update(_bounds(getattr(item, "metadata", ())))
    return found


def _count(value: object) -> str:
    if isinstance(value, int) and value >= 10_000 and str(value).rstrip("0") == "1":
        return "10" + str(len(str(value)) - 1).translate(_SUPERSCRIPT)
    return f"{value:,}" if isinstance(value, int) else str(value)


def type_text(annotation: Any, metadata: Any = ()) -> str:
    """A reader's name for a schema type: `a` or `b`, integer 1..1000, number > 0, {zh, en}, list of ..."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_text(args[0], (*metadata, *args[1:]))
    if origin is typing.Union:
        kinds_ = [a for a in args if a is not type(None)]
        plain = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a for a in kinds_]
        if set(plain) == {int, float}:
            limits = _bounds(metadata)
            if "ge" in limits and "le" in limits:
                return f"number in [{_count(limits['ge'])}, {_count(limits['le'])}]"
            return "number > 0" if limits.get("gt") == 0 else "number"
        if len(kinds_) == 1:
            return type_text(kinds_[0], metadata)
        if all(isinstance(a, type) and issubclass(a, BaseModel) and "scene" in a.model_fields for a in kinds_):
            return "scene entry (see Scenes)"
        return " or ".join(type_text(a) for a in kinds_)
    if origin is typing.Literal:
        names = [f"`{a}`" for a in args]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if origin is list:
        item = type_text(args[0])
        return "list of " + {"integer": "integers", "number": "numbers", "scene entry (see Scenes)": "scene entries "
                             "(see Scenes)", "claim (below)": "claims (below)"}.get(item, item)
    if origin is dict:
        return "mapping of name → " + type_text(args[1])
    if isinstance(annotation, type) and issubclass(annotation, Localized):
        return "`{zh, en}`"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return getattr(annotation, "doc_type", "mapping")
    limits = _bounds(metadata)
    if annotation is bool:
        return "`true`/`false`"
    if annotation is int:
        if "ge" in limits and "le" in limits and limits["le"] < 10**6:
            return f"integer {_count(limits['ge'])}..{_count(limits['le'])}"
        return f"integer ≥ {limits['ge']}" if "ge" in limits else "integer"
    if annotation is str:
        return "`#RRGGBB`" if limits.get("pattern", "").startswith("^#") else "text"
    return getattr(annotation, "__name__", str(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Schema classes inside a field's type (list[Review] -> Review), other than per-language texts."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [] if issubclass(annotation, Localized) else [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _path(name: str, annotation: Any) -> str:
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


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "—"
    if isinstance(value, BaseModel):
        return "see below"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _rows(model: type[BaseModel], prefix: str = "", expand: bool = True) -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        if name == "scene":
            continue
        kind = type_text(info.annotation, info.metadata)
        rows.append(f"| `{prefix}{name}` | {kind} | {_default(info)} | {_one_line(info.description or field_doc(model, name))} |")
        if expand:
            for nested in _models_in(info.annotation):
                rows.extend(_rows(nested, _path(f"{prefix}{name}", info.annotation) + "."))
    return rows


def keys_markdown(model: type[BaseModel], expand: bool = False) -> str:
    """The table of one schema class's keys (nested classes expanded as dotted keys when ``expand``)."""
    return "| key | type | default | meaning |\n| --- | --- | --- | --- |\n" + "\n".join(_rows(model, expand=expand))


def kinds_markdown() -> str:
    parts = []
    for name, kind in kinds().items():
        parts.append(f"#### `{name}`\n\n{_one_line(kind.entry.__doc__)}\n")
        if kind.beats:  # what `texts` may replace for this scene's narration
            said = "; ".join(" or ".join(f"`{key.strip()}`" for key in beat.split("|")) for beat in kind.beats)
            parts.append(f"Narration, beat by beat: {said}.\n")
        if len(kind.entry.model_fields) > 1:
            parts.append(keys_markdown(kind.entry, expand=True) + "\n")
    return "\n".join(parts).rstrip("\n")


def reference_markdown() -> str:
    """Every table of the guide's "Every key" section."""
    sections: list[tuple[str, type[BaseModel]]] = [
        ("### Top level", Scenario), ("### `data`", Data), ("### A run (under `runs`)", Run),
        ("### `style`", Style), ("#### `style.colors`", Colors), ("### `study`", Study),
        ("### A claim (under `claims`)", Claim)]
    return "\n\n".join(f"{heading}\n\n{keys_markdown(model)}" for heading, model in sections)
