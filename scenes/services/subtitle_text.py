"""A subtitle's text as an .srt file must carry it, and back.

SRT has no escape, yet players (VLC, mpv, ffmpeg's subtitles filter) read ``<b>``, ``<i>``, ``<u>`` and ``<font>``
as formatting, so an author's title "Pass <b>or</b> fail" would show bold and "</script>" would vanish. A zero-width
space after every "<" that could open a tag keeps the text as written on screen and no longer a tag; our own
readers (lesson page, burnt-in subtitles, script) take it out again. "x < 5" is untouched (no tag starts there).

A blank line, or one of spaces only, ends an SRT cue: what follows it was read (by FFmpeg, by the srt library) as a
new cue of the author's making (an index line, a timing line, a forged text), or failed to parse. Each line break
of a cue's text, with the spaces around it, is written as one space: a subtitle's lines are the player's to break.

>>> to_srt("pass <b>or</b> fail") == "pass <\u200bb>or<\u200b/b> fail"
True
>>> from_srt(to_srt("x < 5 and <i>")) == "x < 5 and <i>"
True
>>> to_srt("Hello" + chr(10) + " " + chr(10) + "9")
'Hello 9'
"""

from __future__ import annotations

import re

_TAG_START = re.compile(r"<(?=[A-Za-z/{!])")
_GUARD = "<\u200b"
# every character a reader may take for the end of a line (str.splitlines' list), with the spaces around it
_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*")


def to_srt(text: str) -> str:
    """``text`` on one line (each line break and the spaces around it: one space), with every "<" that would start a
    tag guarded by a zero-width space."""
    return _TAG_START.sub(_GUARD, _LINE_BREAK.sub(" ", text))


def from_srt(text: str) -> str:
    """The author's text back from a subtitle written by ``to_srt``."""
    return text.replace(_GUARD, "<")
