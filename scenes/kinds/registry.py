"""Which Manim Scene class renders each `scene:` kind: the LessonScene subclass in scenes/kinds/<kind>/scene.py."""

from __future__ import annotations

import importlib
import inspect
from functools import lru_cache

from scenes.kinds.lesson_scene import LessonScene
from scenes.scenario.kind import kinds


@lru_cache(maxsize=None)
def scene_class(kind: str) -> type[LessonScene]:
    module = importlib.import_module(f"scenes.kinds.{kind}.scene")
    found = [cls for _, cls in inspect.getmembers(module, inspect.isclass)
             if issubclass(cls, LessonScene) and cls.__module__ == module.__name__ and cls.kind == kind]
    if len(found) != 1:
        raise LookupError(f"scenes/kinds/{kind}/scene.py must define one LessonScene subclass with kind = '{kind}'")
    return found[0]


def all_scene_classes() -> dict[str, type[LessonScene]]:
    return {kind: scene_class(kind) for kind in kinds()}
