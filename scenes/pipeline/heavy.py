"""The pipeline's one place of deliberate lazy imports: manim (and the kinds' scenes drawn with it), plus the few
optional libraries that are about as slow to import and needed by one command or format each.

Why lazy: importing manim takes about 2 s, Dask's ``distributed`` 1.2 s, manim-slides' converter 0.9 s and its
models 0.45 s, fontTools' subsetter 0.5 s (measured on the idle 2-core machine). The commands that render nothing
(check, list, explain, schema) must answer at once and never import manim (tests/test_layers.py); a render without
--executor local/dask:// never needs Dask, only ``--format slides`` needs manim-slides, only ``page`` fontTools.
Every other pipeline module imports what it uses at its top, so that its dependencies read from its first lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from scenes.pipeline.shared_svg_paths import share_parsed_svg_paths


@dataclass(frozen=True)
class ManimApi:
    """What the pipeline uses of manim: its scoped settings, the process-wide SVG map, and the kinds' scenes."""

    tempconfig: Callable[[dict[str, Any]], Any]
    svg_cache: dict  # manim keeps every SVG it parsed here, process-wide
    scene_class: Callable[[str], type]  # scene kind -> its LessonScene subclass
    fade_ins_arrive_as_they_are: Callable[[Any], None]  # for unpainted plays (scenes.pipeline.skipped_fades)


def manim_api() -> ManimApi:
    """manim, imported on the first render of the process (about 2 s), its copies made cheap
    (scenes.pipeline.shared_svg_paths, scenes.pipeline.fast_mobject_copy), an animation group's new mobjects added
    at once (scenes.pipeline.grouped_introductions), bounding points gathered as arrays
    (scenes.pipeline.fast_boundary)."""
    from manim import tempconfig
    from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP

    from scenes.kinds.registry import scene_class
    from scenes.pipeline.fast_boundary import gather_boundaries_as_arrays
    from scenes.pipeline.fast_mobject_copy import copy_mobjects_quickly
    from scenes.pipeline.grouped_introductions import introduce_group_members_at_once
    from scenes.pipeline.skipped_fades import fade_ins_arrive_as_they_are

    share_parsed_svg_paths()
    copy_mobjects_quickly()
    introduce_group_members_at_once()
    gather_boundaries_as_arrays()
    return ManimApi(tempconfig, SVG_HASH_TO_MOB_MAP, scene_class, fade_ins_arrive_as_they_are)


@dataclass(frozen=True)
class ManimTex:
    """What the shared TeX cache (scenes.pipeline.tex_cache) replaces and reads in manim."""

    config: Any  # manim's global settings (their tex_template)
    tex_mobject: ModuleType  # the module whose tex_to_svg_file every MathTex and Tex calls
    svg_mobject: type  # SVGMobject, whose generate_mobject the cache replaces
    right: Any  # manim.constants.RIGHT
    keep_built_formulas: Callable[..., None]  # scenes.pipeline.formula_memo: a formula built once per process
    texts: tuple[type, ...]  # Text, MarkupText and formulas: SVGs of placed glyphs (scenes.pipeline.text_glyphs)
    vgroup: type  # VGroup


def manim_tex() -> ManimTex:
    """manim's TeX machinery, for the TeX cache: imported there only once a formula is made (manim is loaded)."""
    import manim.mobject.text.tex_mobject as tex_mobject
    from manim import config
    from manim.constants import RIGHT
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text.tex_mobject import SingleStringMathTex
    from manim.mobject.text.text_mobject import MarkupText, Text
    from manim.mobject.types.vectorized_mobject import VGroup

    from scenes.pipeline.formula_memo import keep_built_formulas

    glyph_files = (Text, MarkupText, SingleStringMathTex)
    return ManimTex(config, tex_mobject, SVGMobject, RIGHT, keep_built_formulas, glyph_files, VGroup)


def dask_distributed() -> Any:
    """Dask's ``distributed`` module (Client, LocalCluster), for --executor local and dask://."""
    import distributed

    return distributed


def reveal_version() -> str:
    """The reveal.js version manim-slides' HTML export expects."""
    from manim_slides.convert import RevealJS

    return RevealJS.model_fields["reveal_version"].default


def manim_slides_config() -> Any:
    """manim-slides' presentation models (PresentationConfig, SlideConfig), 0.45 s to import."""
    import manim_slides.config

    return manim_slides.config


def font_tools() -> tuple[Any, Any]:
    """fontTools' ``subset`` and ``ttLib`` modules, for the page's font subset."""
    from fontTools import subset, ttLib

    return subset, ttLib
