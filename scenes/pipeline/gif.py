"""Small GIFs for docs: one palette for the whole clip, only changed pixels stored per frame.

manim's own ``--format gif`` stores every frame in full. Here one palette,
built from frames sampled across the clip, serves every frame (no flicker,
no per-frame palettes), and each frame stores only the pixels that changed,
the rest transparent.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from PIL import Image

from scenes.pipeline.staging import staged

PALETTE_SAMPLES = 12  # frames sampled to build the shared palette
TRANSPARENT = 255  # palette index kept free: "same as the previous frame"


def _frames(src: Path, width: int | None, fps: float | None):
    """Decoded frames as images, resized, one per 1/fps seconds of video (every frame if fps is None)."""
    with av.open(str(src)) as container:
        next_time = 0.0
        for frame in container.decode(video=0):
            t = float(frame.time or 0.0)
            if fps and t + 1e-3 < next_time:
                continue
            next_time += 1.0 / fps if fps else 0.0
            image = frame.to_image()
            if width and image.width != width:
                image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
            yield image


def video_to_gif(src: Path, dst: Path, *, width: int | None = 480, fps: float | None = 10, loop: int = 0,
                 colors: int = 128) -> Path:
    """Convert a video to an optimised GIF at ``dst`` (written atomically)."""
    frames = list(_frames(src, width, fps))
    if not frames:
        raise ValueError(f"{src} has no frames")
    effective_fps = fps or 30
    samples = frames[:: max(len(frames) // PALETTE_SAMPLES, 1)]
    strip = Image.new("RGB", (samples[0].width, samples[0].height * len(samples)))
    for k, img in enumerate(samples):
        strip.paste(img, (0, k * img.height))
    palette = strip.quantize(colors=min(colors, 255), method=Image.Quantize.MEDIANCUT)
    indexed = [np.asarray(f.quantize(palette=palette, dither=Image.Dither.NONE)) for f in frames]
    # pixels equal to the previous frame become transparent: long runs of one index, which LZW
    # stores in a few bytes, even when changes at both ends of the frame make the changed box large
    out = [indexed[0]]
    for previous, current in zip(indexed, indexed[1:]):
        out.append(np.where(current == previous, TRANSPARENT, current).astype(np.uint8))
    raw_palette = palette.getpalette()[: 3 * 256]
    images = []
    for array in out:
        img = Image.fromarray(array, mode="P")
        img.putpalette(raw_palette + [0] * (768 - len(raw_palette)))
        images.append(img)
    with staged(dst) as staging:
        images[0].save(staging, format="GIF", save_all=True, append_images=images[1:], loop=loop,
                       duration=round(1000 / effective_fps), optimize=False, disposal=1,
                       transparency=TRANSPARENT)
    return dst
