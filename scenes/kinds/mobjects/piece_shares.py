"""When each subtitle piece of a beat is said, as shares of the beat: motion timed to the words it carries.

A beat is said piece by piece (scenes.scenario.reading.split_cue; with a voice each piece is synthesized on its
own), so a scene that wants "the cloud builds up while the first sentence is said, the spread bar grows while its
value is said" splits the beat's time by the pieces' reading lengths.
"""

from __future__ import annotations

import re

from mathcore.formatting import spoken_numbers
from scenes.scenario.lesson import spoken_relations
from scenes.scenario.reading import reading_chars, split_cue


def piece_shares(text: str, language: str) -> list[float]:
    """The share of the beat's time each subtitle piece of ``text`` takes, in order (they sum to 1).

    The text is cut as the beat cuts it (numbers as they are said), and each piece weighs its reading length,
    as the subtitle times do."""
    pieces = split_cue(spoken_relations(spoken_numbers(text)), language) or [text]
    weights = [max(reading_chars(p, language), 1) for p in pieces]
    return [w / sum(weights) for w in weights]


# a sentence ends at Chinese full stops, or at . ! ? followed by a space (not inside a number such as 0.25)
SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")


def first_sentence_share(text: str, language: str) -> float:
    """The share of the beat spent saying the first sentence of ``text`` (by reading length)."""
    said = spoken_relations(spoken_numbers(text))
    sentences = [s for s in SENTENCE_END.split(said) if s.strip()] or [said]
    return reading_chars(sentences[0], language) / max(reading_chars(said, language), 1)


def first_share(text: str, language: str) -> float:
    """The share of the beat spent on every piece but the last (0.5 for a beat said in one piece)."""
    shares = piece_shares(text, language)
    return 1 - shares[-1] if len(shares) > 1 else 0.5
