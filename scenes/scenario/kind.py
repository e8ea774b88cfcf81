"""What a scene kind tells the rest of batchviz, and the registry of the kinds this process knows.

Each kind is a package ``scenes/kinds/<kind>/`` with two modules:

- ``entry.py``: the lesson entry's schema (a pydantic model whose ``scene`` is ``Literal["<kind>"]``), its checks,
  its duration estimate, and ``KIND = Kind(...)`` tying them together. It never imports manim, so that
  ``batchviz check`` stays fast and runs where manim cannot.
- ``scene.py``: the Manim Scene that draws it (a ``LessonScene`` subclass with ``kind = "<kind>"``).

The scenario layer never imports the kinds (they sit above it and import it): it is *given* them.
``scenes.kinds`` lists its packages and hands every ``KIND`` to ``register_kinds``, which also completes the
schema's union of lesson entries; importing ``scenes.kinds`` (as the pipeline does) is what makes them known.
Adding a kind is adding its package (and its screen texts in ``scenes/scenario/locales/``).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Optional, Protocol, TypeVar

from scenes.scenario.fields import EntryBase
from scenes.scenario.schema import use_lesson_entries

if TYPE_CHECKING:  # typing only: the schema does not import this module, the registry completes the schema
    from mathcore import Dataset
    from scenes.scenario.schema import Scenario

Loc = tuple[Any, ...]  # a path into the YAML document, e.g. ("lesson", 3, "run"), for errors at a line


@dataclass(frozen=True)
class StepReference:
    """A place in the scenario that needs step ``step`` of run ``run`` worked out."""

    loc: Loc  # where in the YAML (for errors)
    run: str
    step: int


class EntryChecks(Protocol):
    """What a kind's ``check`` may use of the loader's checks (scenes.scenario.loader.Checks)."""

    sc: Scenario
    dataset: Optional[Dataset]  # None when the data are invalid
    totals: dict[str, int]  # steps of each valid run

    def problem(self, loc: Loc, message: str) -> None: ...
    def run_name(self, loc: Loc, name: str) -> bool: ...
    def run_step(self, loc: Loc, name: str, step: int) -> None: ...
    def batch_sizes_fit(self, loc: Loc, sizes: Sequence[int]) -> None: ...


E = TypeVar("E", bound=EntryBase)


def _nothing(*_args: object) -> tuple[()]:
    return ()


@dataclass(frozen=True)
class Kind(Generic[E]):
    """A scene kind: its entry's schema and what the scenario layer asks about an entry of it."""

    entry: type[E]  # the schema of a lesson entry of this kind
    seconds: Callable[[Scenario, E], float]  # estimated seconds of video, without rendering or computing it
    # cross-field checks, reported with checks.problem(loc, message)
    check: Callable[[EntryChecks, Loc, E], object] = _nothing
    name_parts: Callable[[E], Iterable[str]] = _nothing  # extra parts of the scene's name, e.g. the run and step
    # the worked steps the scene needs, each at its place in the YAML
    worked_steps: Callable[[Scenario, Loc, E], Iterable[StepReference]] = _nothing
    reads: tuple[str, ...] = field(default=())  # kinds whose entries this scene also draws from (cache key)
    beats: tuple[str, ...] = field(default=())  # the text keys it narrates with, in order ("a | b": one of them)

    def beat_keys(self) -> set[str]:
        return {key.strip() for beat in self.beats for key in beat.split("|")}

    @property
    def name(self) -> str:
        name: str = typing.get_args(self.entry.model_fields["scene"].annotation)[0]
        return name


# Kinds take any entry; a registry holds kinds of different entry types.
AnyKind = Kind[Any]

_registered: dict[str, AnyKind] = {}


def register_kinds(found: Iterable[AnyKind], where: Callable[[AnyKind], str] = lambda kind: repr(kind.entry)) -> None:
    """Make ``found`` the kinds of this process, by name in alphabetical order, and the schema's lesson entries.

    ``where`` names a kind's source in errors (scenes.kinds passes its package's entry.py).
    """
    chosen: dict[str, AnyKind] = {}
    for kind in found:
        if not (isinstance(kind.entry, type) and issubclass(kind.entry, EntryBase)):  # every entry may carry texts
            raise TypeError(f"{where(kind)}: {kind.entry!r} must derive from scenes.scenario.fields.EntryBase")
        if kind.name in chosen:
            raise ValueError(f"{where(kind)}: a second kind named '{kind.name}'")
        chosen[kind.name] = kind
    if not chosen:
        raise ValueError("no scene kinds to register")
    _registered.clear()
    _registered.update(sorted(chosen.items()))
    use_lesson_entries([kind.entry for kind in _registered.values()])


def kinds() -> Mapping[str, AnyKind]:
    """Every registered scene kind, by its `scene:` name, in alphabetical order."""
    if not _registered:
        raise RuntimeError("no scene kinds registered: import scenes.kinds (the pipeline does) before loading a "
                           "scenario")
    return _registered
