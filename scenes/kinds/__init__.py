"""The Manim scenes, one package per `scene:` kind, their base class, mobjects and shared look.

Importing this package registers every kind with the scenario layer (scenes.scenario.kind.register_kinds): the kinds
are the packages listed here that hold an ``entry.py`` with a ``KIND``; nothing else names them. Only the entries are
imported (never manim), so that ``batchviz check`` stays light.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from scenes.scenario.kind import AnyKind, register_kinds


def discover() -> list[AnyKind]:
    """The ``KIND`` of every package ``scenes/kinds/<name>/`` with an ``entry.py``, in alphabetical order."""
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.ispkg or importlib.util.find_spec(f"{__name__}.{module.name}.entry") is None:
            continue  # e.g. mobjects/: shared drawing code, not a kind
        kind = importlib.import_module(f"{__name__}.{module.name}.entry").KIND
        if kind.name != module.name:
            raise ValueError(f"scenes/kinds/{module.name}/entry.py declares scene '{kind.name}'")
        found.append(kind)
    return found


register_kinds(discover(), where=lambda kind: f"scenes/kinds/{kind.name}/entry.py")
