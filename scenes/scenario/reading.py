"""How long a cue must stay on screen, and how a long cue is cut into subtitle-sized pieces.

Subtitle norms: at most 17 characters per second in English (spaces count) and 9 in Chinese (spaces do not);
a subtitle shows at most two lines, about 84 English or 36 Chinese characters. ``pace`` scales the reading speed
(0.8: a fifth slower, more time per cue). No manim here: `batchviz script` and the scenes share it.
"""

from __future__ import annotations

import logging
import re

CHARS_PER_SECOND = {"zh": 9.0, "en": 17.0}
MAX_CUE_CHARS = {"zh": 36, "en": 84}
# a full stop inside a number (0.25) or a comma inside brackets ((w, b) = (0, 0)) does not end anything; in Chinese
# an author's ASCII "?" ";" "!" before a Chinese character ends a sentence as "？" would ("问号?还有")
_HAN_AHEAD = r"(?=[\u3400-\u9fff\uf900-\ufaff])"
_SENTENCE_END = {"en": re.compile(r"(?<=[。！？；])\s*|(?<=[.!?;])\s+"),
                 "zh": re.compile(r"(?<=[。！？；])\s*|(?<=[.!?;])\s+|(?<=[!?;])" + _HAN_AHEAD)}
CLOSING_PUNCTUATION = "，。、：；！？）」』”’"  # stays with the text before it: a piece may end one over the limit
# a clause ends after a comma or colon (never inside brackets); "、" between two formulas lists one thing
# ("w = 0、b = 0", a coordinate pair) and is no break; in Chinese an ASCII "," or ":" before a Chinese character is
_NOT_IN_BRACKETS = r"(?![^（(]*[)）])"
_CLAUSE_END = {"en": re.compile(r"(?<=[，、：])\s*" + _NOT_IN_BRACKETS + r"|(?<=[,:])\s+" + _NOT_IN_BRACKETS),
               "zh": re.compile(r"(?<=[，：])\s*" + _NOT_IN_BRACKETS + r"|(?<=[\u3400-\u9fff）」』”’]、)\s*"
                                + _NOT_IN_BRACKETS + r"|(?<=、)(?=\s*[\u3400-\u9fff])" + r"|(?<=[,:])\s+"
                                + _NOT_IN_BRACKETS + r"|(?<=[,:])" + _HAN_AHEAD + _NOT_IN_BRACKETS)}
# a clause shorter than this share of a subtitle is not a cue of its own ("B = 1, B = 5," for 0.8 s): it goes
# with the next clause
SHORT_CLAUSE_SHARE = 0.25
# a cut that leaves less than this share of a subtitle after it ("y，") is taken only when no other will do
SCRAP_SHARE = 0.125
# a template's comma after an author's own end punctuation ("问号?，", "done!,") is dropped
_COMMA_AFTER_END = re.compile(r"(?<=[?!？！。])[，,]")


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


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Chinese particles that bind to the word before them: a piece should not start with one ("batch | 的每个样本")
_PARTICLES = frozenset("的了地得着过")
_OPENING, _CLOSING = "([（【「", ")]）】」"
# English words a piece should not end with: the phrase they open continues in the next word ("from | hours")
_STICKY = frozenset("a an the of from to in on at by for with into onto than as and or but nor is are was were be "
                    "its their this that these those each every its no not".split())
# English words a new piece may well start with: they open a clause or a phrase of their own
_OPENERS = frozenset("and but so or which that while where when because since though although whereas yet then "
                     "from to with into for only".split())


def _depths(text: str) -> list[int]:
    """The bracket depth before each position of ``text`` (position i: between text[i-1] and text[i])."""
    depth, out = 0, [0]
    for ch in text:
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth = max(depth - 1, 0)
        out.append(depth)
    return out


def _han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def _chinese_cut_ranks(text: str) -> dict[int, int]:
    """Positions where Chinese text may be cut, ranked: 3 after punctuation, 2 between a run of Chinese and a run
    of Latin letters, digits or formula (at the space between them, if any), 1 between two Chinese words (jieba),
    0 at a space inside a Latin run (a path "0 → 0.27 → …" longer than a subtitle); never inside brackets, a word or
    a number."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    depth = _depths(text)
    ranks: dict[int, int] = {}
    for p in range(1, len(text)):
        if depth[p] > 0:
            continue
        before, after = text[p - 1], text[p]
        if before == "、" and not _han(text[p - 2:p - 1] or "一") and not _han(text[p:].lstrip()[:1] or "一"):
            ranks[p] = 1  # "w = 0、b = 0": a coordinate pair, cut only where nothing better is
        elif (before in CLOSING_PUNCTUATION or (before in ",;:?!" and _han(after))) and after not in CLOSING_PUNCTUATION:
            ranks[p] = 3
        elif after == " " or before == " ":
            left = text[:p].rstrip()[-1:] if text[:p].strip() else ""
            right = text[p:].lstrip()[:1]
            if left and right and _han(left) != _han(right) and before == " ":
                ranks[p] = 1 if right in _PARTICLES else 2  # cut after the space; the next piece starts with the other script
            elif left and right and not _han(left) and not _han(right) and before == " ":
                ranks[p] = 0  # between two tokens of a formula or a list of numbers: only for a run too long
        elif _han(before) != _han(after) and after not in CLOSING_PUNCTUATION:
            ranks[p] = 1 if after in _PARTICLES else 2
    for run in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]{2,}", text):
        p = run.start()
        for word in jieba.cut(run.group(), HMM=False):
            p += len(word)
            if run.start() < p < run.end() and depth[p] == 0:
                ranks.setdefault(p, 1)
    return ranks


def _english_cut_ranks(text: str) -> dict[int, int]:
    """Positions where English text may be cut (after a space), ranked: 3 after punctuation, 2 before a word that
    opens a phrase or before brackets, 1 between other words; 0 after a word whose phrase goes on ("from | hours"); never inside
    brackets."""
    depth = _depths(text)
    ranks: dict[int, int] = {}
    for m in re.finditer(r" +", text):
        p = m.end()
        if depth[p] > 0 or p >= len(text):
            continue
        previous = text[:m.start()].rsplit(" ", 1)[-1]
        following = text[p:].split(" ", 1)[0]
        if previous[-1:] in ",;:—–)":
            ranks[p] = 3
        elif previous.lower() in _STICKY:
            ranks[p] = 0
        elif following.lower() in _OPENERS or following[:1] in _OPENING:
            ranks[p] = 2
        else:
            ranks[p] = 1
    return ranks


def _best_cut(text: str, limit: int, ranks: dict[int, int]) -> int:
    """Where to cut ``text`` so that its first piece has at most ``limit`` characters: the best-ranked position in
    the last 60% of the piece, else the best-ranked anywhere before the limit, else at the limit (a single word
    longer than a subtitle, as only a hostile text has, is still cut)."""
    fits = {p: r for p, r in ranks.items() if 0 < p <= limit and text[:p].strip()}
    # never leave a scrap ("y，") for a cue of its own when another cut will do
    whole = {p: r for p, r in fits.items() if len(text[p:].strip()) >= SCRAP_SHARE * limit}
    fits = whole or fits
    window = {p: r for p, r in fits.items() if p >= 0.4 * limit}
    for pool, least in ((window, 2), (fits, 2), (window, 1), (fits, 1), (fits, 0)):
        good = [p for p, r in pool.items() if r >= least]
        if good:
            best = max(pool[p] for p in good)
            return max(p for p in good if pool[p] == best)
    return limit


def _cut_long(text: str, limit: int, language: str) -> list[str]:
    """A clause longer than a subtitle, in pieces of at most ``limit`` characters (closing punctuation may add one)."""
    pieces = []
    while len(text) > limit:
        ranks = _chinese_cut_ranks(text) if language == "zh" else _english_cut_ranks(text)
        cut = _best_cut(text, limit, ranks)
        while cut < len(text) and text[cut] in CLOSING_PUNCTUATION:  # never a cue of a lone "，"
            cut += 1
        piece, text = text[:cut].rstrip(), text[cut:].lstrip()
        if piece:
            pieces.append(piece)
    return pieces + ([text] if text else [])


def _join_short(clauses: list[str], limit: int, joiner: str) -> list[str]:
    """Each clause shorter than SHORT_CLAUSE_SHARE of a subtitle joined to the one after it (a list "B = 1, B = 5,"
    is read with what it lists)."""
    out: list[str] = []
    carried = ""
    for clause in clauses:
        clause = f"{carried}{joiner}{clause}" if carried else clause
        if len(clause) >= SHORT_CLAUSE_SHARE * limit:
            out.append(clause)
            carried = ""
        elif out and len(f"{out[-1]}{joiner}{clause}") <= limit:  # "w = 2，b = 1：" ends the clause before it
            out[-1] = f"{out[-1]}{joiner}{clause}"
        else:  # "B = 1, B = 5," opens the one after it
            carried = clause
    if carried:  # a short last clause: with the one before it when they fit together, else on its own
        if out and len(f"{out[-1]}{joiner}{carried}") <= limit:
            out[-1] = f"{out[-1]}{joiner}{carried}"
        else:
            out.append(carried)
    return out


def split_cue(text: str, language: str) -> list[str]:
    """``text`` in pieces of at most MAX_CUE_CHARS (not counting closing punctuation): at sentence ends, then at
    clause breaks, then (a clause longer than a subtitle) at the best place _cut_long finds: in Chinese after
    punctuation, between Chinese and Latin, else between two Chinese words; in English not inside a short phrase.
    Never inside brackets. The pieces joined give the text back (up to the spaces between them)."""
    language = "zh" if language == "zh" else "en"
    limit = MAX_CUE_CHARS[language]
    joiner = "" if language == "zh" else " "
    out = []
    text = _COMMA_AFTER_END.sub("", text.strip())
    for sentence in _pack([s for s in _SENTENCE_END[language].split(text) if s], limit, joiner):
        if len(sentence) <= limit:
            out.append(sentence)
            continue
        clauses = _join_short([c for c in _CLAUSE_END[language].split(sentence) if c], limit, joiner)
        for clause in _pack(clauses, limit, joiner):
            if len(clause) <= limit:
                out.append(clause)
            else:
                out.extend(_cut_long(clause, limit, language))
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
