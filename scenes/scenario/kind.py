"""What a scene kind tells the rest of batchviz, and where the kinds are found.

Each kind is a package ``scenes/kinds/<kind>/`` with two modules:

- ``entry.py``: the lesson entry's schema (a pydantic model whose ``scene`` is ``Literal["<kind>"]``), its checks,
  its duration estimate, and ``KIND = Kind(...)`` tying them together. It never imports manim, so that
  ``batchviz check`` stays fast and runs where manim cannot.
- ``scene.py``: the Manim Scene that draws it (a ``LessonScene`` subclass with ``kind = "<kind>"``).

Kinds are found by listing ``scenes/kinds/``: adding one is adding its package (and its screen texts in
``scenes/scenario/locales/``); nothing else branches on a kind's name.
"""

from __future__ import annotations

import importlib
import pkgutil
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from scenes.scenario.fields import EntryBase


def _nothing(*_args) -> Any:
    return ()


@dataclass(frozen=True)
class Kind:
    entry: type  # the schema of a lesson entry of this kind
    seconds: Callable  # (scenario, entry) -> estimated seconds of video, without rendering or computing it
    check: Callable = _nothing  # (checks, loc, entry): cross-field checks, reported with checks.problem(loc, message)
    name_parts: Callable = _nothing  # (entry) -> extra parts of the scene's name, e.g. the run and step
    worked_steps: Callable = _nothing  # (scenario, loc, entry) -> StepReferences the scene needs worked out
    reads: tuple[str, ...] = field(default=())  # kinds whose entries this scene also draws from (cache key)
    beats: tuple[str, ...] = field(default=())  # the text keys it narrates with, in order ("a | b": one of them)

    def beat_keys(self) -> set[str]:
        return {key.strip() for beat in self.beats for key in beat.split("|")}

    @property
    def name(self) -> str:
        return typing.get_args(self.entry.model_fields["scene"].annotation)[0]


@lru_cache(maxsize=None)
def kinds() -> dict[str, Kind]:
    """Every scene kind, by its `scene:` name, in alphabetical order."""
    import scenes.kinds

    found = {}
    for module in sorted(pkgutil.iter_modules(scenes.kinds.__path__), key=lambda m: m.name):
        if module.ispkg and module.name != "mobjects":
            kind = importlib.import_module(f"scenes.kinds.{module.name}.entry").KIND
            if kind.name != module.name:
                raise ValueError(f"scenes/kinds/{module.name}/entry.py declares scene '{kind.name}'")
            if not issubclass(kind.entry, EntryBase):  # every entry may carry its own texts
                raise TypeError(f"scenes/kinds/{module.name}/entry.py: {kind.entry.__name__} must derive from "
                                "scenes.scenario.fields.EntryBase")
            found[kind.name] = kind
    return found
