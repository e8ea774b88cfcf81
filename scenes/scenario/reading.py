"""How long a cue must stay on screen, and how a long cue is cut into subtitle-sized pieces.

Subtitle norms: at most 17 characters per second in English (spaces count) and 9 in Chinese (spaces do not);
a subtitle shows at most two lines, about 84 English or 36 Chinese characters. ``pace`` scales the reading speed
(0.8: a fifth slower, more time per cue). No manim here: `batchviz script` and the scenes share it.
"""

from __future__ import annotations

import re

CHARS_PER_SECOND = {"zh": 9.0, "en": 17.0}
MAX_CUE_CHARS = {"zh": 36, "en": 84}
# a full stop inside a number (0.25) or a comma inside brackets ((w, b) = (0, 0)) does not end anything
_SENTENCE_END = re.compile(r"(?<=[。！？；])\s*|(?<=[.!?;])\s+")
CLOSING_PUNCTUATION = "，。、：；！？）」』”’"  # stays with the text before it: a piece may end one over the limit
_CLAUSE_END = re.compile(r"(?<=[，、：])\s*(?![^（(]*[)）])|(?<=[,:])\s+(?![^(（]*[)）])")


def reading_chars(text: str, language: str) -> int:
    return len(re.sub(r"\s", "", text)) if language == "zh" else len(text)


def reading_seconds(text: str, language: str, pace: float = 1.0) -> float:
    """The least time ``text`` may be shown at the reading speed for ``language``, scaled by ``pace``."""
    return reading_chars(text, language) / (CHARS_PER_SECOND[language] * pace)


def _pack(parts: list[str], limit: int, joiner: str) -> list[str]:
    pieces, current = [], ""
    for part in parts:
        candidate = f"{current}{joiner}{part}" if current else part
        if current and len(candidate) > limit:
            pieces.append(current)
            current = part
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


_UNBREAKABLE = re.compile(r"[A-Za-z0-9.,≈−\-_/^()=+×·]")  # a number or formula inside Chinese text


def _cut_chinese(text: str, limit: int) -> list[str]:
    """Chinese text in pieces of at most ``limit`` characters, never cutting through a number or a formula."""
    pieces = []
    while len(text) > limit:
        cut = limit
        while cut > 0 and _UNBREAKABLE.match(text[cut - 1]) and _UNBREAKABLE.match(text[cut]):
            cut -= 1
        cut = cut or limit  # one run longer than a whole piece: cut it anyway
        while cut < len(text) and text[cut] in CLOSING_PUNCTUATION:  # never a cue of a lone "，"
            cut += 1
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + ([text] if text else [])


def split_cue(text: str, language: str) -> list[str]:
    """``text`` in pieces of at most MAX_CUE_CHARS (not counting closing punctuation): at sentence ends, then at clause breaks, then between words
    (English) or characters (Chinese); the pieces joined give the text back (up to the spaces between them)."""
    limit = MAX_CUE_CHARS[language]
    joiner = "" if language == "zh" else " "
    out = []
    for sentence in _pack([s for s in _SENTENCE_END.split(text.strip()) if s], limit, joiner):
        if len(sentence) <= limit:
            out.append(sentence)
            continue
        for clause in _pack([c for c in _CLAUSE_END.split(sentence) if c], limit, joiner):
            if len(clause) <= limit:
                out.append(clause)
            elif language == "zh":
                out.extend(_cut_chinese(clause, limit))
            else:
                out.extend(_pack(clause.split(" "), limit, " "))
    return out


def cue_times(pieces: list[str], language: str, start: float, duration: float) -> list[tuple[float, float]]:
    """(start, end) of each piece within a beat of ``duration`` seconds, shared in proportion to reading length."""
    weights = [max(reading_chars(p, language), 1) for p in pieces]
    total, t, times = sum(weights), start, []
    for w in weights:
        end = t + duration * w / total
        times.append((t, end))
        t = end
    return times
