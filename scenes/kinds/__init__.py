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


def discover() -> dict[str, AnyKind]:
    """The ``KIND`` of every package ``scenes/kinds/<package>/`` with an ``entry.py``, by its source file."""
    found = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.ispkg and importlib.util.find_spec(f"{__name__}.{module.name}.entry") is not None:
            # (a package without entry.py, e.g. mobjects/, is shared drawing code, not a kind)
            entry = importlib.import_module(f"{__name__}.{module.name}.entry")
            found[f"scenes/kinds/{module.name}/entry.py"] = entry.KIND
    return found


def register_all() -> None:
    """Register every kind found with the scenario layer; a kind's `scene:` name is its package's name."""
    found = discover()
    source = {id(kind): path for path, kind in found.items()}
    register_kinds(found.values(), where=lambda kind: source[id(kind)])
    for path, kind in found.items():
        if path != f"scenes/kinds/{kind.name}/entry.py":
            raise ValueError(f"{path} declares scene '{kind.name}'; name the package after it")


register_all()
