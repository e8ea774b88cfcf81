"""A formula built again in this process is copied from its first build, not built again.

Every MathTex and Tex builds its formula in ``SingleStringMathTex.__init__``: the SVG (from the TeX cache and
manim's parsed-SVG map, already a copy), then colours, centring and scaling to its font size glyph by glyph: about
8 ms a formula where a copy takes 1.5 ms. `batchviz watch` renders an edited scene again in the same process, and a
step scene builds some seventy formulas, the same ones at every edit; scenes of one lesson share many too.

The first build of a formula is kept (a copy of it, taken before anyone changes it); a later build with the same
inputs sets on the new object the attributes that build set, copied from the kept one, and records the formula's
SVG as used (the scene's TeX manifest, scenes.pipeline.tex_cache, which installs this) as the build would. The inputs are the class,
every argument, the template's text, the renderer, and which ``__init__`` the classes the build runs through have
(a ``set_default`` on one of them changes it, so a formula built under other defaults is built again). A build
with an argument that cannot be compared by value runs as manim's own and is not kept, and so is a build on a
placeholder SVG (a formula not compiled yet while formulas are deferred, ``tex_cache.deferring``).
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Optional

import manim.mobject.text.tex_mobject as tex_mobject
import numpy as np
from manim import config
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath
from manim.mobject.types.vectorized_mobject import VMobject
from manim.utils.color.core import ManimColor
from manim.utils.tex import TexTemplate

KEPT_FORMULAS = 1500  # about 30 kB each; a whole lesson has some 700 distinct ones

MANIMS_OWN = tex_mobject.SingleStringMathTex.__init__
BUILT_THROUGH = (SVGMobject, VMobjectFromSVGPath, VMobject, Mobject)  # the classes whose defaults a build reads


class _Kept:
    """A formula's first build: a copy of the object, the attributes the build set, the SVGs it used."""

    def __init__(self, built: Mobject, names: list[str], svgs: list[Any]):
        self.built, self.names, self.svgs = built, names, svgs


_kept: OrderedDict[Hashable, _Kept] = OrderedDict()
_served_by: list[Callable[..., Any]] = []  # the TeX cache's tex_to_svg_file (scenes.pipeline.tex_cache)
_used: list[list[Any]] = []  # the cache's list of the SVGs a scene used (its manifest)
_placeholders: list[list[int]] = []  # the cache's count of placeholder SVGs served in this process


def _value_key(value: Any) -> Optional[Hashable]:
    """``value`` as a hashable key that compares as the value does, or None when it cannot be."""
    if value is None or isinstance(value, (str, bool, int)):
        return (type(value).__name__, value)
    if isinstance(value, float):
        return ("float", repr(value))  # 0.0 and -0.0 apart
    if isinstance(value, ManimColor):
        return ("color", tuple(value.to_rgba()))
    if isinstance(value, TexTemplate):
        return ("template", value.body, repr(value.tex_compiler), value.output_format)
    if isinstance(value, np.ndarray) and not value.dtype.hasobject:
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (tuple, list)):
        items = [_value_key(v) for v in value]
        return None if None in items else (type(value).__name__, tuple(items))
    if isinstance(value, dict):
        pairs = [(_value_key(k), _value_key(v)) for k, v in value.items()]
        return None if any(None in p for p in pairs) else ("dict", tuple(pairs))
    return None


def formula_key(obj: Mobject, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Optional[Hashable]:
    """Everything a build reads, or None when some argument cannot be compared by value."""
    inputs = _value_key((list(args), kwargs, config["tex_template"] if kwargs.get("tex_template") is None else None))
    if inputs is None:
        return None
    defaults = tuple(id(vars(cls).get("__init__")) for cls in BUILT_THROUGH)
    return (type(obj), inputs, str(config.renderer), defaults)


def build_formula(self: Mobject, *args: Any, **kwargs: Any) -> None:
    """``SingleStringMathTex.__init__``, from the first build of the same formula when there was one."""
    own_tex = tex_mobject.tex_to_svg_file not in _served_by  # manim's own TeX (the cache not installed)
    key = None if own_tex else formula_key(self, args, kwargs)
    if key is None:
        MANIMS_OWN(self, *args, **kwargs)
        return
    kept = _kept.get(key)
    if kept is None:
        before = dict(self.__dict__)
        used, placeholders = _used[0], _placeholders[0]
        svgs_before, placeholders_before = len(used), placeholders[0]
        MANIMS_OWN(self, *args, **kwargs)
        if placeholders[0] != placeholders_before:
            return  # built on a placeholder: not the formula, not to be served again
        names = [n for n, v in self.__dict__.items() if n not in before or before[n] is not v]
        _kept[key] = _Kept(copy.deepcopy(self), names, used[svgs_before:])
        while len(_kept) > KEPT_FORMULAS:
            _kept.popitem(last=False)
        return
    _kept.move_to_end(key)
    memo: dict[int, Any] = {id(kept.built): self}  # what pointed at the kept object points at this one
    for name in kept.names:  # into the instance's dict, as the build left them
        self.__dict__[name] = copy.deepcopy(kept.built.__dict__[name], memo)
    _used[0].extend(kept.svgs)


def forget_formulas() -> None:
    _kept.clear()


def keep_built_formulas(served_by: Callable[..., Any], used: list[Any], placeholders: list[int]) -> None:
    """From now on, formulas in this process are built once while ``served_by`` (the TeX cache's tex_to_svg_file)
    serves their SVGs, each build recording its SVGs in ``used``; a build during which the count ``placeholders[0]``
    grew is not kept (idempotent; scenes.pipeline.tex_cache.install)."""
    _served_by[:], _used[:], _placeholders[:] = [served_by], [used], [placeholders]
    tex_mobject.SingleStringMathTex.__init__ = build_formula  # type: ignore[method-assign]
