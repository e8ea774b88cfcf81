"""Render settings the CLI offers and the pipeline uses, in one place: qualities and GIF defaults (the output formats
are scenes.pipeline.formats.FORMATS)."""

from __future__ import annotations

# name -> (width, height, frames per second)
QUALITIES = {
    "preview": (640, 360, 10),  # drafts while writing a scenario (batchviz watch)
    "low": (854, 480, 15),
    "medium": (1280, 720, 30),
    "high": (1920, 1080, 60),
    "4k": (3840, 2160, 60),
}
DEFAULT_QUALITY = "medium"
GIF_WIDTH, GIF_FPS = 480, 10  # small enough for docs pages, smooth enough for the animations
