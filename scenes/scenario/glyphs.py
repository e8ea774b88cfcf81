"""What the bundled font can draw, and how wide a line of it is: the check's view of the render's text.

Every Text of the video is set in the bundled Noto Sans CJK SC (scenes/kinds/fonts.py). A character it lacks (an
emoji, 𝔘 and the other math alphanumerics) is drawn by whatever font the machine happens to have, or as an empty
box; `check` refuses it. A title longer than its box is shrunk to fit (scenes/kinds/style.py: fit): within the
character limit, 60 × "W" became a line too small to read; `check` limits the drawn size, not only the characters.
The font's characters and advances come from scenes/scenario/font_table.txt (scripts/font_table.py writes it from
the font's own cmap and hmtx; tests/test_glyphs.py checks it against the installed font).
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

FONT_NAME = "Noto Sans CJK SC"
TABLE = Path(__file__).with_name("font_table.txt")
READABLE_SIZE = 18  # scenes.kinds.style.MIN_TEXT_SIZE: the smallest text size the pictures keep readable
# manim's Text ink width per em of advance per point of font size: measured 0.0139-0.0155 (regular) on Latin and
# Chinese lines; bold 4% wider on average, up to 13% on thin letters (tests/test_glyphs.py measures both against
# manim): an estimate that errs towards accepting a title
WIDTH_PER_EM_POINT = 0.0145
BOLD_WIDENING = 1.04
# Where a title is drawn, as the scenes lay it out (size in points, box width in scene units): the lesson's title on
# the title card (scenes/kinds/title/scene.py) and an entry's own title in its scene's title line (paths: beside the
# legend, 8.5 wide; the other kinds 12.5)
TITLE_CARD = (52, 12.5)
ENTRY_TITLE_SIZE = 34
ENTRY_TITLE_BOX = {"paths": 8.5}
DEFAULT_ENTRY_TITLE_BOX = 12.5


class FontTable(NamedTuple):
    starts: list[int]  # first code point of each run of characters with one advance
    ends: list[int]
    advances: list[float]  # in em


@lru_cache(maxsize=1)
def font_table() -> FontTable:
    starts, ends, advances, units = [], [], [], 1000
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("units_per_em"):
            units = int(line.split()[1])
            continue
        first, last, advance = line.split()
        starts.append(int(first, 16))
        ends.append(int(last, 16))
        advances.append(int(advance) / units)
    return FontTable(starts, ends, advances)


def advance(char: str) -> Optional[float]:
    """The character's advance in em, None when the font has no glyph for it."""
    table, code = font_table(), ord(char)
    k = bisect.bisect_right(table.starts, code) - 1
    return table.advances[k] if k >= 0 and code <= table.ends[k] else None


def missing_character(text: str) -> Optional[str]:
    """The first character of ``text`` the font cannot draw, or None. Spaces and line breaks (also U+2028 and
    U+2029, which Pango lays out as breaks) are layout, not glyphs."""
    return next((c for c in text if not c.isspace() and advance(c) is None), None)


def describe(char: str) -> str:
    """'💩' (U+1F4A9 PILE OF POO): the character as shown, its code point and its Unicode name."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


def line_width(text: str, size: float, bold: bool = False) -> float:
    """The width in scene units of ``text`` on one line at ``size`` points (characters the font lacks count 1 em)."""
    ems = sum(advance(c) or 1.0 for c in text if c != "\n")
    return ems * size * WIDTH_PER_EM_POINT * (BOLD_WIDENING if bold else 1.0)


def drawn_size(text: str, size: float, box: float, bold: bool = False) -> float:
    """The size ``text`` is drawn at once shrunk to fit a ``box`` units wide line (never grown)."""
    width = line_width(text, size, bold)
    return size if width <= box else size * box / width
