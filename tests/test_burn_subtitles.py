"""Subtitles burned into MP4 and GIF pictures: Chinese glyphs drawn (not boxes), only while their cue is on."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import small_scenario

SIZE = (480, 270, 5)  # large enough for 12-pixel glyphs


def glyph(char: str, size: int) -> np.ndarray:
    """The glyph's ink as the font itself draws it (PIL, no batchviz code), cropped to its bounding box."""
    from PIL import Image, ImageDraw, ImageFont

    from scenes.pipeline.burn_subtitles import font_file

    font = ImageFont.truetype(str(font_file()), size)
    image = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(image).text((size // 2, size // 2), char, font=font, fill=255)
    ink = np.asarray(image, dtype=np.float32) / 255
    rows, cols = np.nonzero(ink > 0.1)
    return ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def best_match(region: np.ndarray, template: np.ndarray) -> float:
    """The highest normalised correlation of ``template`` anywhere in ``region``."""
    th, tw = template.shape
    t = (template - template.mean()) / (template.std() + 1e-9)
    windows = np.lib.stride_tricks.sliding_window_view(region, (th, tw))
    w = windows - windows.mean(axis=(-1, -2), keepdims=True)
    w = w / (windows.std(axis=(-1, -2), keepdims=True) + 1e-9)
    return float((w * t).mean(axis=(-1, -2)).max())


@pytest.fixture(scope="module")
def burned_gif(tmp_path_factory):
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario

    folder = tmp_path_factory.mktemp("burn")
    path = folder / "zh.yaml"
    path.write_text(small_scenario("  - scene: setup\n", scenario_id="burn", language="zh",
                                   title='{zh: "烧录字幕"}'), encoding="utf-8")
    sc = load_scenario(path)
    result = render_lesson(sc, folder / "out", size=SIZE, fmt="gif", gif_width=SIZE[0], gif_fps=SIZE[2], burn=True)
    return result.scenes[0]


def test_gif_shows_chinese_glyphs_not_boxes(burned_gif):
    import av
    import srt

    from scenes.pipeline.burn_subtitles import FONT_SHARE

    cue = next(srt.parse(burned_gif.rendered.subtitles.read_text(encoding="utf-8")))
    middle = (cue.start.total_seconds() + cue.end.total_seconds()) / 2
    with av.open(str(burned_gif.rendered.video)) as gif:
        stream = gif.streams.video[0]
        frame = next(f for f in gif.decode(stream) if f.pts * stream.time_base >= middle - 0.2)
        gray = np.asarray(frame.to_image().convert("L"), dtype=np.float32) / 255
    band = gray[int(SIZE[1] * 0.6):]  # the bottom of the picture, where subtitles go
    size = round(SIZE[1] * FONT_SHARE)
    chars = [c for c in cue.content if "\u4e00" <= c <= "\u9fff"][:3]
    assert chars, cue.content
    box = glyph("\U000F0000", size)  # a code point the font lacks: its "tofu" box
    for char in chars:
        drawn = best_match(band, glyph(char, size))
        assert drawn > 0.75, (char, drawn)
        assert drawn > best_match(band, box) + 0.1, char


def test_subtitles_only_while_the_cue_is_on(burned_gif, tmp_path):
    """A frame after the last cue ended shows the scene as rendered, without a band."""
    import av
    import srt

    from scenes.pipeline.burn_subtitles import burn_subtitles

    cues = list(srt.parse(burned_gif.rendered.subtitles.read_text(encoding="utf-8")))
    plain = burned_gif.rendered.video.with_name(burned_gif.rendered.name + ".mp4")
    one = tmp_path / "one.srt"
    one.write_text(srt.compose([srt.Subtitle(1, cues[0].start, cues[0].end, "你好")]), encoding="utf-8")
    out = burn_subtitles(plain, one, tmp_path / "burned.mp4")

    def frames(path):
        with av.open(str(path)) as c:
            return [np.asarray(f.to_image(), dtype=np.float32) for f in c.decode(c.streams.video[0])]

    before, after = frames(plain), frames(out)
    assert len(before) == len(after)
    fps = SIZE[2]
    inside = int((cues[0].start.total_seconds() + 0.1) * fps)
    outside = int(cues[0].end.total_seconds() * fps) + 2
    assert np.abs(after[inside] - before[inside]).mean() > 0.5  # drawn
    assert np.abs(after[outside] - before[outside]).mean() < 0.5  # only re-encoding noise
