"""What makes `batchviz watch`'s next frame quick (issue 26) changes no picture: mobjects copied without
copy.deepcopy's per-attribute dispatch (scenes.pipeline.fast_mobject_copy) are manim's copies, object for object;
a formula built again is its first build (scenes.pipeline.formula_memo); and an edited scene re-rendered in the
watcher builds none of its formulas again yet draws the very pixels of a render without either. (Timings: bench.)"""

from __future__ import annotations

import copy
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from tests.conftest import small_scenario


@contextmanager
def manims_own_copies_and_builds() -> Iterator[None]:
    """manim's own Mobject and colour copies, formula builds and FadeIns, while this lasts (renders included)."""
    import manim.mobject.text.tex_mobject as tex_mobject
    from manim.mobject.mobject import Mobject
    from manim.utils.color.core import ManimColor

    from scenes.pipeline import fast_mobject_copy, formula_memo, skipped_fades

    saved = Mobject.__deepcopy__, vars(ManimColor).get("__deepcopy__"), tex_mobject.SingleStringMathTex.__init__
    Mobject.__deepcopy__ = fast_mobject_copy.MANIMS_OWN
    if "__deepcopy__" in vars(ManimColor):
        del ManimColor.__deepcopy__  # manim's colours have no copy of their own: copy.deepcopy's
    tex_mobject.SingleStringMathTex.__init__ = formula_memo.MANIMS_OWN
    try:
        with mock.patch.object(fast_mobject_copy, "copy_mobjects_quickly", lambda: None), \
                mock.patch.object(formula_memo, "keep_built_formulas", lambda *_: None), \
                mock.patch.object(skipped_fades, "fade_ins_arrive_as_they_are", lambda _scene: None):
            yield
    finally:
        Mobject.__deepcopy__, colour_copy, tex_mobject.SingleStringMathTex.__init__ = saved
        if colour_copy is not None:
            ManimColor.__deepcopy__ = colour_copy


def same_structure(a, b, source, pairs=None) -> None:
    """``a`` and ``b`` (two copies of ``source``) are the same object graph: same types and values, an object reached
    twice in one reached twice in the other at the same places, and neither shares a mutable part with ``source``."""
    pairs = {} if pairs is None else pairs  # id of an object of a -> its object in b, and id of b's -> a's
    if id(a) in pairs or ("b", id(b)) in pairs:
        assert pairs.get(id(a)) is b and pairs.get(("b", id(b))) is a, f"aliasing differs at {type(a).__name__}"
        return
    pairs[id(a)], pairs[("b", id(b))] = b, a
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape and a.strides == b.strides
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
        assert not np.shares_memory(a, source) if isinstance(source, np.ndarray) else True
        return
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y, s in zip(a, b, source):
            same_structure(x, y, s, pairs)
        return
    if isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            same_structure(a[k], b[k], source[k], pairs)
        return
    if isinstance(a, (enum.Enum, type)):
        assert a is b  # copy.deepcopy keeps an enum's member and a class
        return
    if hasattr(a, "__dict__") and type(a).__module__.startswith(("manim", "tests")):
        assert a is not source and b is not source, f"a {type(a).__name__} shared with the original"
        assert list(vars(a)) == list(vars(b)), (type(a).__name__, set(vars(a)) ^ set(vars(b)))
        for k in vars(a):
            if k != "original_id":
                same_structure(vars(a)[k], vars(b)[k], vars(source)[k], pairs)
        return
    assert a == b or a is b, (a, b)


def sample_mobjects():
    """Mobjects of every shape a scene copies: formulas, text, axes with tips, a group holding one square twice,
    attributes that alias an array, hold a colour, an updater, a dict, an enum and a numpy scalar."""
    from manim import RED, Axes, Square, Text, VGroup
    from manim.constants import LineJointType

    from scenes.kinds.style import math_tex

    square = Square(color=RED)
    square.alias = square.points  # the same array reached twice
    square.colour_kept = square.get_color()
    square.table = {"w": np.float64(0.25), "joint": LineJointType.ROUND, "rows": [1, 2.5, "x"]}
    square.add_updater(lambda m, dt: m)
    group = VGroup(square, square.copy(), Text("Predict each sample"), math_tex(r"\hat y = w x + b"))
    group.again = square  # a submobject reached a second time
    return [group, Axes(x_range=(0, 5), y_range=(-1, 1), tips=True), math_tex(r"L = \frac{1}{n}\sum_i r_i^2")]


def test_a_quick_copy_is_manims_copy_object_for_object(private_tex):
    from manim import tempconfig
    from manim.mobject.mobject import Mobject

    from scenes.pipeline import fast_mobject_copy
    from scenes.pipeline.heavy import manim_api

    manim_api()  # what every render of the pipeline goes through
    assert Mobject.__deepcopy__ is fast_mobject_copy.copy_mobject
    with tempconfig({"verbosity": "ERROR"}):
        for mob in sample_mobjects():
            ours = copy.deepcopy(mob)
            with manims_own_copies_and_builds():
                manims = copy.deepcopy(mob)
            same_structure(ours, manims, mob)
            assert ours.original_id == manims.original_id == str(id(mob))


def test_a_copied_group_keeps_one_square_reached_twice_and_owns_its_points(private_tex):
    from manim import Square, VGroup, tempconfig

    from scenes.pipeline.heavy import manim_api

    manim_api()
    with tempconfig({"verbosity": "ERROR"}):
        square = Square()
        square.alias = square.points
        group = VGroup(square)
        group.again = square
        twin = group.copy()
    copied = twin.submobjects[0]
    assert twin.again is copied and copied.alias is copied.points  # shared again, as in the original
    assert copied.points is not square.points
    copied.shift(np.array([1.0, 0.0, 0.0]))
    assert np.array_equal(square.points, Square().points)  # moving the copy leaves the original where it was


def test_a_formula_built_again_is_its_first_build_and_names_its_svg(private_tex):
    from manim import tempconfig

    from scenes.kinds.style import math_tex
    from scenes.pipeline import formula_memo, tex_cache
    from scenes.pipeline.heavy import manim_api

    manim_api()
    tex_cache.install()
    formula_memo.forget_formulas()
    formula = r"\frac{\partial L}{\partial w} = 2.5"
    with tempconfig({"verbosity": "ERROR"}), \
            mock.patch.object(formula_memo, "MANIMS_OWN", wraps=formula_memo.MANIMS_OWN) as builds:
        tex_cache.used.clear()
        first = math_tex(formula, color="#ff8800")
        first_svgs = list(tex_cache.used)
        tex_cache.used.clear()
        again = math_tex(formula, color="#ff8800")
        assert builds.call_count == 1  # built once, copied the second time
        assert tex_cache.used == first_svgs and first_svgs  # the scene's manifest still names the formula's SVG
        other = math_tex(formula, color="#00ff00")  # another argument: built anew
        assert builds.call_count == 2
    # the copy is what manim itself builds: same glyphs, points, colours, size
    with tempconfig({"verbosity": "ERROR"}), manims_own_copies_and_builds():
        manims = math_tex(formula, color="#ff8800")
    for ours in (first, again):
        glyphs, reference = ours.family_members_with_points(), manims.family_members_with_points()
        assert len(glyphs) == len(reference) > 3
        for g, r in zip(glyphs, reference):
            assert np.array_equal(g.points, r.points)
            assert g.get_fill_color().to_hex() == r.get_fill_color().to_hex() == "#FF8800"
        assert ours.tex_string == manims.tex_string and ours.font_size == pytest.approx(manims.font_size)
    assert again.submobjects[0] is not first.submobjects[0]
    again.shift(np.array([1.0, 0.0, 0.0]))
    assert np.array_equal(first.get_center(), manims.get_center())  # the copy is its own
    assert other.family_members_with_points()[0].get_fill_color().to_hex() == "#00FF00"


def test_formulas_listed_with_placeholders_are_never_kept(private_tex):
    from manim import tempconfig

    from scenes.kinds.style import math_tex
    from scenes.pipeline import formula_memo, tex_cache
    from scenes.pipeline.heavy import manim_api

    manim_api()
    tex_cache.install()
    formula_memo.forget_formulas()
    formula = r"b \leftarrow 0.2 - 0.1 \cdot 0.9"
    with tempconfig({"verbosity": "ERROR"}):
        docs = tex_cache.collect_documents(lambda: math_tex(formula))  # placeholder SVGs: nothing compiled
        assert len(docs) == 1 and not formula_memo._kept
        tex_cache.compile_batch(docs)
        real = math_tex(formula)
    assert len(formula_memo._kept) == 1
    assert len(real.family_members_with_points()) > 5  # the typeset glyphs, not a placeholder's squares


STEP_LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"


def _frame(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def test_an_edited_step_scene_builds_no_formula_again_and_draws_manims_pixels(tmp_path, private_tex):
    """Through the watcher: the second render of an edited step scene copies every formula it built the first time,
    and its last frame is, pixel for pixel, the frame of a render with manim's own copies and builds."""
    from manim import SVGMobject
    from manim.mobject.text.tex_mobject import SingleStringMathTex

    from scenes.pipeline.render import render_entry
    from scenes.pipeline.watch import WatchSession
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import TINY

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario(STEP_LESSON), encoding="utf-8")
    session = WatchSession(path, tmp_path / "media", size=TINY, clips=False, echo=lambda _line: None)
    assert session.update().valid
    edited = STEP_LESSON.replace("step: 1}", "step: 1, texts: {en: {sub_forward: \"Predict every sample.\"}}}")
    path.write_text(small_scenario(edited), encoding="utf-8")
    read_svg, builds = SVGMobject.init_svg_mobject, []

    def counting(svg, *args, **kwargs):  # a formula is built when its SVG is read into glyphs
        if isinstance(svg, SingleStringMathTex):
            builds.append(svg)
        read_svg(svg, *args, **kwargs)

    with mock.patch.object(SVGMobject, "init_svg_mobject", counting):
        second = session.update()
    assert [p.name for p in second.frames] == ["02_step_r_1.png"]
    assert builds == []  # every formula of the scene copied from its first build
    ours = _frame(second.frames[0])

    # the same scene rendered with manim's own copies and formula builds
    with manims_own_copies_and_builds(), mock.patch.object(SVGMobject, "init_svg_mobject", counting):
        plain = render_entry(load_scenario(path), 1, tmp_path / "plain", size=TINY, fmt="png")
    assert len(builds) > 20  # the count counts: without the memo, every formula is built
    reference = _frame(plain.video)
    assert ours.shape == reference.shape and ours.std() > 5  # a drawn frame, not an empty one
    assert np.array_equal(ours, reference)


def _fading_scene_last_frame(tmp_path: Path, name: str, ours: bool):
    """A still of FadeIns of every sort (plain, shifted and scaled, of a group, one whose rate function returns to
    0, one with an updater), rendered as the pipeline renders a last frame (``ours``) or by manim alone; returns
    (RGB frame, the points of every mobject drawn, how many FadeIns were left to run)."""
    from manim import DOWN, RIGHT, UP, Circle, FadeIn, Scene, Square, Text, VGroup, tempconfig, there_and_back

    from scenes.pipeline import skipped_fades
    from scenes.pipeline.unpainted import render_last_frame_only

    ran = []

    class Fades(Scene):
        def construct(self):
            square, circle = Square(fill_opacity=0.8, color="#4488ff"), Circle(color="#ff8800").shift(2 * RIGHT)
            words = Text("Predict each sample", font_size=30).to_edge(UP)
            drifting = Square(0.5, fill_opacity=1, color="#22cc66").shift(2 * DOWN)
            drifting.add_updater(lambda m, dt: m.shift(dt * RIGHT))  # the play's time moves it: must be run
            back = Square(0.7, fill_opacity=1, color="#ff2266").shift(3 * RIGHT + DOWN)
            self.play(FadeIn(square), FadeIn(words, shift=0.3 * UP))
            self.play(FadeIn(VGroup(circle, square.copy().scale(0.5)), scale=1.5), FadeIn(drifting))
            self.play(FadeIn(back, rate_func=there_and_back))  # ends where it began: faded out
            self.drawn = [m.points.copy() for top in self.mobjects for m in top.get_family()]

    with tempconfig({"media_dir": str(tmp_path / name), "pixel_width": 320, "pixel_height": 180, "format": "png",
                     "save_last_frame": True, "verbosity": "ERROR", "progress_bar": "none", "output_file": name}):
        scene = Fades()
        if ours:
            original = skipped_fades._arrive_as_it_is
            with mock.patch.object(skipped_fades, "_arrive_as_it_is", lambda a: (ran.append(a), original(a))):
                render_last_frame_only(scene)
        else:
            scene.render()
        frame = _frame(Path(scene.renderer.file_writer.image_file_path))
    return frame, scene.drawn, ran


@pytest.mark.render
def test_fade_ins_skipped_in_a_still_leave_the_picture_manim_draws(tmp_path):
    ours, our_points, skipped = _fading_scene_last_frame(tmp_path, "ours", ours=True)
    manims, manims_points, _ = _fading_scene_last_frame(tmp_path, "manims", ours=False)
    assert len(skipped) == 3  # the plain, the shifted and the scaled group's; not the drifting or returning ones
    assert ours.std() > 5 and np.array_equal(ours, manims)
    assert len(our_points) == len(manims_points)
    assert all(np.array_equal(a, b) for a, b in zip(our_points, manims_points))
