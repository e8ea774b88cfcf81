"""Chinese glyphs on every machine: register the pinned Noto Sans CJK from PyPI.

Without a CJK font Pango draws solid boxes and says nothing, so scenes call
``ensure_cjk_font()`` before creating any Text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import manimgx_fonts_cjk
import manimpango

CJK_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=None)
def ensure_cjk_font() -> str:
    """Register the bundled font once per process; return its family name."""
    font = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
    if not font.is_file() or not manimpango.register_font(str(font)):
        raise RuntimeError(f"cannot register the CJK font {font}; run scripts/setup again")
    if CJK_FAMILY not in manimpango.list_fonts():
        raise RuntimeError(f"font family {CJK_FAMILY!r} missing after registering {font}")
    return CJK_FAMILY
