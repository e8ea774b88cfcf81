"""The page's own font: the bundled Noto Sans CJK SC cut down to the characters the page shows, as WOFF2.

Chinese text on a machine without a CJK font renders as boxes (tofu); the videos carry the bundled font, and the
page does too, subset with fontTools so that it weighs kilobytes, not the collection's 32 MB.
"""

from __future__ import annotations

import logging
from pathlib import Path

import manimgx_fonts_cjk

from scenes.pipeline.heavy import font_tools
from scenes.pipeline.staging import staged

FONT_FAMILY = "BatchvizCJK"  # the @font-face name: never a system font of the same name
SC_INDEX_NAME = "Noto Sans CJK SC"
# fontTools' subsetter reports every table it prunes at INFO (about 40 lines a page, shown by manim's log handler):
# nothing the author can act on; its warnings and errors still show
QUIET_LOGGERS = ("fontTools",)


def bundled_font() -> Path:
    return Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")


def subset_woff2(text: str, out: Path) -> Path:
    """A WOFF2 font holding only the glyphs of ``text`` (and the default weight's outlines), written to ``out``."""
    subset, ttLib = font_tools()
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    names = [f["name"].getDebugName(1) for f in ttLib.TTCollection(str(bundled_font()), lazy=True).fonts]
    single = ttLib.TTFont(str(bundled_font()), fontNumber=names.index(SC_INDEX_NAME), lazy=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(single)
    with staged(out) as tmp:
        single.flavor = "woff2"
        single.save(str(tmp))
    return out
