"""Rendering works on this machine: CJK glyphs, MathTex, a tiny scene read back with PyAV."""

from __future__ import annotations

from tests.conftest import entry_index
from tests.helpers_render import TINY, decode_frames, render_still

LIGHT = """id: light
language: en
title: {en: "A lesson on white"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.01
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  r: {batch_size: 2}
style: {theme: light}
lesson:
  - scene: setup
"""


def test_chinese_characters_render_as_distinct_glyphs(tmp_path):
    """Fails when the CJK font is missing: Pango would draw the same empty box for both."""
    from scenes.kinds.style import label

    a = render_still(lambda: [label("前", 120)], tmp_path)
    b = render_still(lambda: [label("后", 120)], tmp_path)
    ink_a, ink_b = a.max(axis=2) > 128, b.max(axis=2) > 128
    assert ink_a.sum() > 200 and ink_b.sum() > 200, "a glyph drew no pixels"
    assert (ink_a != ink_b).sum() > 0.2 * max(ink_a.sum(), ink_b.sum()), "two characters look the same (tofu boxes?)"


def test_mathtex_renders(tmp_path):
    from scenes.kinds.style import math_tex

    frame = render_still(lambda: [math_tex(r"\frac{\partial L}{\partial w} = \frac{2}{B}\sum_i (\hat y_i - y_i)\,x_i", size=96)], tmp_path)
    assert (frame.max(axis=2) > 128).sum() > 500


def test_tiny_scene_render_has_expected_frames(seed, seed_tiny):
    from scenes.pipeline.lesson_video import video_duration

    result = seed_tiny[entry_index(seed, "setup")].result
    frames = decode_frames(result.video)
    duration = video_duration(result.video)
    width, height, fps = TINY
    assert frames[0].shape == (height, width, 3)
    assert len(frames) == round(duration * fps)
    assert duration > 5
    assert result.subtitles is not None and result.subtitles.read_text(encoding="utf-8").strip()


def test_light_theme_draws_dark_text_on_white(tmp_path):
    """A light-themed scene: white background, text in the theme's dark foreground (not manim's white)."""

    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.helpers_render import decode_frames

    path = tmp_path / "light.yaml"
    path.write_text(LIGHT, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.theme().background == "#FFFFFF" and sc.theme().foreground != "#FFFFFF"
    frame = decode_frames(render_entry(sc, 0, tmp_path / "out", size=(320, 180, 5)).video)[-1]
    corner = frame[2:10, -10:-2].reshape(-1, 3)
    assert (corner > 245).all()  # background
    title = frame[5:30, 5:200].max(axis=2)
    assert (title < 80).sum() > 100  # the title's dark glyphs
    # the theme ends with its scene: text drawn afterwards in this process is manim's default white again
    from scenes.kinds.style import label

    after = render_still(lambda: [label("前", 120)], tmp_path / "after")
    assert (after.max(axis=2) > 128).sum() > 200, "a later picture inherited the light theme's dark text"


def test_theme_colours_are_overridable():
    from scenes.scenario.schema import Colors
    from scenes.scenario.theme import DARK, resolve_theme

    theme = resolve_theme("dark", Colors(w="#123456", batch_sizes=["#000001", "#000002"]))
    assert theme.w == "#123456" and theme.batch_sizes == ("#000001", "#000002") and theme.b == DARK.b
    assert theme.batch_color(1) == "#000001" and theme.batch_color(2) == "#000002" and theme.batch_color(4) == "#000001"


def test_a_light_scene_made_but_never_rendered_leaves_the_text_colour_alone(tmp_path):
    """Tests make scenes to ask them things (a term's picture, a text) without rendering them: the theme's text
    colour must not stay behind for every later picture (it left Chinese glyphs and formulas black on black)."""
    from scenes.kinds.style import label
    from scenes.pipeline.heavy import manim_api
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "light.yaml"
    path.write_text(LIGHT, encoding="utf-8")
    sc = load_scenario(path)
    manim_api().scene_class("setup")(scenario=sc, entry=sc.lesson[0], language="en")  # made, never rendered
    after = render_still(lambda: [label("前", 120)], tmp_path / "after")
    assert (after.max(axis=2) > 128).sum() > 200, "a scene that never rendered left its dark text colour behind"
