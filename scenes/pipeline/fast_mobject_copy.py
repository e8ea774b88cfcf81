"""Copies of mobjects made as manim makes them, without copy.deepcopy's dispatch on every attribute.

Every animation copies its mobjects (a starting copy, a target copy, a faded copy) and every formula or text is
copied out of manim's parsed-SVG map, so a step scene's last frame (`batchviz watch`) makes about ten thousand
mobject copies. manim's ``Mobject.__deepcopy__`` hands each of a mobject's ~35 attributes to ``copy.deepcopy``,
most of them numbers, flags and strings that it returns as they are: that dispatch was half the cost of a copy.

Here the attributes are copied exactly as ``copy.deepcopy`` would copy them (same memo, so an object reached twice is
copied once and shared again, and an array is copied with its memory order), but the immutable ones are passed
over in one sweep, arrays and lists are copied inline, and everything else still goes through ``copy.deepcopy``.
A colour (ManimColor: a plain object holding an array) is copied the same way. A mobject whose class turns one of
its attribute names into a property setter is left to manim's own copy (setting its attributes one by one).
"""

from __future__ import annotations

import copy
import enum
import types
from typing import Any

import numpy as np
from manim.mobject.mobject import Mobject
from manim.utils.color.core import ManimColor

MANIMS_OWN = Mobject.__deepcopy__  # kept for the mobjects this copy leaves to manim, and for tests

_ndarray = np.ndarray
_deepcopy = copy.deepcopy
# types copy.deepcopy returns as they are (copy._deepcopy_atomic); more are added as they are met (_is_immutable)
_SHARED: set[type] = {type(None), int, float, bool, complex, bytes, str, types.CodeType, type, range,
                      types.BuiltinFunctionType, types.FunctionType, property}
_setters: dict[type, frozenset[str]] = {}  # class -> names its class attributes intercept on assignment


def _is_immutable(kind: type) -> bool:
    """Values copy.deepcopy returns as they are (an enum's members, classes of any metaclass), or immutable."""
    return issubclass(kind, (enum.Enum, np.generic, type))


def _copy_values(attributes: dict[str, Any], memo: dict[int, Any]) -> None:
    """Replace, in a fresh dict of attributes, every mutable value by its deep copy (memo as copy.deepcopy's)."""
    for name in [name for name, value in attributes.items() if type(value) not in _SHARED]:
        value = attributes[name]
        kind = type(value)
        copied = memo.get(id(value))
        if copied is None:
            if kind is _ndarray and not value.dtype.hasobject:
                copied = memo[id(value)] = value.copy(order="K")  # as ndarray.__deepcopy__ (keeps the order)
            elif kind is list:
                copied = memo[id(value)] = []
                for item in value:
                    if type(item) in _SHARED:
                        copied.append(item)
                    else:
                        known = memo.get(id(item))
                        copied.append(known if known is not None else _deepcopy(item, memo))
            elif _is_immutable(kind):
                _SHARED.add(kind)
                continue
            else:
                copied = _deepcopy(value, memo)
        attributes[name] = copied


def _setter_names(cls: type) -> frozenset[str]:
    names = _setters.get(cls)
    if names is None:
        names = _setters[cls] = frozenset(
            name for klass in cls.__mro__ for name, attr in vars(klass).items()
            if hasattr(type(attr), "__set__") or hasattr(type(attr), "__delete__"))
    return names


def copy_mobject(self: Mobject, memo: dict[int, Any]) -> Mobject:
    """``Mobject.__deepcopy__``: the same copy as manim's (see the module docstring)."""
    if not _setter_names(self.__class__).isdisjoint(self.__dict__):
        return MANIMS_OWN(self, memo)
    result = _plain_copy(self, memo)
    result.__dict__["original_id"] = str(id(self))
    return result


def copy_color(self: ManimColor, memo: dict[int, Any]) -> ManimColor:
    """``ManimColor.__deepcopy__``: what copy.deepcopy's reconstruction gives a plain object (its attributes copied)."""
    return _plain_copy(self, memo)


def _plain_copy(obj: Any, memo: dict[int, Any]) -> Any:
    """A new object of ``obj``'s class whose attributes are deep copies of ``obj``'s (memo as copy.deepcopy's)."""
    cls = obj.__class__
    result = cls.__new__(cls)
    memo[id(obj)] = result
    attributes = obj.__dict__.copy()
    _copy_values(attributes, memo)
    result.__dict__ = attributes
    return result


def copy_mobjects_quickly() -> None:
    """From now on, mobjects and colours in this process are copied here (idempotent)."""
    Mobject.__deepcopy__ = copy_mobject  # type: ignore[method-assign]
    ManimColor.__deepcopy__ = copy_color  # type: ignore[attr-defined]
