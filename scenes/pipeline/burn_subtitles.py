"""Subtitles drawn into the picture, for videos and GIFs that cannot carry an SRT (docs pages, social media).

Each cue is drawn in the lesson's font (the bundled Noto Sans CJK, so Chinese shows as glyphs, never as boxes),
white on a translucent dark band at the bottom of the frame, wrapped to 90% of the frame's width, for exactly the
frames its SRT times cover. The video is re-encoded (H.264, as manim writes it); an audio track is copied as it is.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import av
import manimgx_fonts_cjk
import numpy as np
import srt
from PIL import Image, ImageDraw, ImageFont

from scenes.pipeline.staging import staged
from scenes.services.subtitle_text import from_srt

FONT_SHARE = 0.05  # text height relative to the frame's height
BAND_ALPHA = 0.62
MARGIN_SHARE = 0.04


def font_file() -> Path:
    return Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")


@lru_cache(maxsize=8)
def _font(size: int):
    return ImageFont.truetype(str(font_file()), size)


def wrap(text: str, font, width: float) -> list[str]:
    """The cue's lines, each broken further where it is wider than ``width``: at spaces, else between characters
    (Chinese has no spaces)."""
    lines = []
    for line in text.splitlines() or [""]:
        words = line.split(" ") if " " in line.strip() else list(line)
        joiner = " " if " " in line.strip() else ""
        current = ""
        for word in words:
            trial = current + joiner + word if current else word
            if current and font.getlength(trial) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines


def overlay(text: str, width: int, height: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(RGB, alpha, top row) of the band with the cue drawn in it."""
    size = max(10, round(height * FONT_SHARE))
    font = _font(size)
    lines = wrap(text, font, width * 0.9)
    line_height = round(size * 1.35)
    pad = round(size * 0.45)
    band_height = line_height * len(lines) + 2 * pad
    band = Image.new("RGBA", (width, band_height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    widest = max(font.getlength(line) for line in lines)
    left = round((width - widest) / 2) - pad
    draw.rounded_rectangle([left, 0, width - left, band_height - 1], radius=pad,
                           fill=(0, 0, 0, round(255 * BAND_ALPHA)))
    for k, line in enumerate(lines):
        x = (width - font.getlength(line)) / 2
        draw.text((x, pad + k * line_height), line, font=font, fill=(255, 255, 255, 255))
    pixels = np.asarray(band, dtype=np.float32)
    top = height - band_height - round(height * MARGIN_SHARE)
    return pixels[..., :3], pixels[..., 3:] / 255.0, max(top, 0)


def burn_subtitles(video: Path, subtitles: Path, output: Path) -> Path:
    """``video`` with the cues of ``subtitles`` drawn in, written to ``output`` (complete or not at all)."""
    cues = list(srt.parse(subtitles.read_text(encoding="utf-8"))) if subtitles and subtitles.exists() else []
    with staged(output) as tmp, av.open(str(video)) as source, av.open(str(tmp), "w", format="mp4") as target:
        v_in = source.streams.video[0]
        v_out = target.add_stream("libx264", rate=v_in.average_rate or Fraction(30))
        v_out.width, v_out.height, v_out.pix_fmt = v_in.width, v_in.height, "yuv420p"
        v_out.options = {"crf": "18", "preset": "fast"}
        a_in = source.streams.audio[0] if source.streams.audio else None
        a_out = target.add_stream_from_template(a_in) if a_in is not None else None
        bands: dict[int, tuple] = {}
        streams = [s for s in (v_in, a_in) if s is not None]
        for packet in source.demux(*streams):
            if packet.stream is a_in:
                if packet.dts is not None:
                    packet.stream = a_out
                    target.mux(packet)
                continue
            for frame in packet.decode():
                t = float(frame.pts * frame.time_base) if frame.pts is not None else 0.0
                k = next((i for i, c in enumerate(cues)
                          if c.start.total_seconds() <= t + 1e-6 < c.end.total_seconds()), None)
                if k is not None:
                    if k not in bands:
                        bands[k] = overlay(from_srt(cues[k].content), frame.width, frame.height)
                    rgb, alpha, top = bands[k]
                    image = frame.to_ndarray(format="rgb24").astype(np.float32)
                    rows = image[top:top + rgb.shape[0]]
                    rows[:] = rows * (1 - alpha[: rows.shape[0]]) + rgb[: rows.shape[0]] * alpha[: rows.shape[0]]
                    new = av.VideoFrame.from_ndarray(image.round().astype(np.uint8), format="rgb24")
                    new.pts, new.time_base = frame.pts, frame.time_base
                    frame = new
                for out in v_out.encode(frame):
                    target.mux(out)
        for out in v_out.encode():
            target.mux(out)
    return output
