"""Rendering works on this machine: CJK glyphs, MathTex, a tiny scene read back with PyAV."""

from __future__ import annotations


from tests.helpers_render import TINY, decode_frames, render_still


def test_chinese_characters_render_as_distinct_glyphs(tmp_path):
    """Fails when the CJK font is missing: Pango would draw the same empty box for both."""
    from scenes.style import label

    a = render_still(lambda: [label("前", 120)], tmp_path)
    b = render_still(lambda: [label("后", 120)], tmp_path)
    ink_a, ink_b = a.max(axis=2) > 128, b.max(axis=2) > 128
    assert ink_a.sum() > 200 and ink_b.sum() > 200, "a glyph drew no pixels"
    assert (ink_a != ink_b).sum() > 0.2 * max(ink_a.sum(), ink_b.sum()), "two characters look the same (tofu boxes?)"


def test_mathtex_renders(tmp_path):
    from scenes.style import math

    frame = render_still(lambda: [math(r"\frac{\partial L}{\partial w} = \frac{2}{B}\sum_i (\hat y_i - y_i)\,x_i", size=96)], tmp_path)
    assert (frame.max(axis=2) > 128).sum() > 500


def test_tiny_scene_render_has_expected_frames(seed_tiny):
    from scenes.lesson_video import video_duration

    result = seed_tiny[0].result
    frames = decode_frames(result.video)
    duration = video_duration(result.video)
    width, height, fps = TINY
    assert frames[0].shape == (height, width, 3)
    assert len(frames) == round(duration * fps)
    assert duration > 5
    assert result.subtitles is not None and result.subtitles.read_text(encoding="utf-8").strip()
