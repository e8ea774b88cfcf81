"""A subtitle's text as an .srt file must carry it, and back.

SRT has no escape, yet players (VLC, mpv, ffmpeg's subtitles filter) read ``<b>``, ``<i>``, ``<u>`` and ``<font>``
as formatting, so an author's title "Pass <b>or</b> fail" would show bold and "</script>" would vanish. A zero-width
space after every "<" that could open a tag keeps the text as written on screen and no longer a tag; our own
readers (lesson page, burnt-in subtitles, script) take it out again. "x < 5" is untouched (no tag starts there).

>>> to_srt("pass <b>or</b> fail") == "pass <\u200bb>or<\u200b/b> fail"
True
>>> from_srt(to_srt("x < 5 and <i>")) == "x < 5 and <i>"
True
"""

from __future__ import annotations

import re

_TAG_START = re.compile(r"<(?=[A-Za-z/{!])")
_GUARD = "<\u200b"


def to_srt(text: str) -> str:
    """``text`` with every "<" that would start a tag guarded by a zero-width space."""
    return _TAG_START.sub(_GUARD, text)


def from_srt(text: str) -> str:
    """The author's text back from a subtitle written by ``to_srt``."""
    return text.replace(_GUARD, "<")
