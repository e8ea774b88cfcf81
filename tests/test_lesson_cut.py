"""The shipped lessons as a student hears them: numbers said with at most three significant digits and never a list
of them, each explanation said once, and every defined term explained no later than its first use.

Each lesson's narration comes from a dry run of its scenes (scenes.pipeline.script), the same text the video says;
what the screen draws is recorded during that run (every text and formula visible after each animation)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from scenes.scenario.locale import locale_text
from scenes.scenario.terms import ON_SCREEN, TERMS, term_key
from tests.helpers_script import squeeze

pytestmark = pytest.mark.render  # dry-runs every scene of each shipped lesson to read its narration

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("seed.yaml", "seed_en.yaml")
ADVANCED = ("seed_advanced.yaml", "seed_advanced_en.yaml")
NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:\.\d+)?(?!\.?\d)")


@pytest.fixture(scope="module")
def lesson(shipped_scripts):
    """lesson(name): the shipped lesson's script and what its screen showed (tests/helpers_script.py), computed once
    per test run."""
    return lambda name: shipped_scripts.get(ROOT / "scenarios" / name)


def _significant(number: str) -> int:
    body = number.lstrip("−-")
    digits = body.replace(".", "").lstrip("0")
    return len(digits if "." in body else digits.rstrip("0"))


@pytest.mark.parametrize("name", SEEDS + ADVANCED)
def test_numbers_are_said_with_at_most_three_digits_and_never_listed(name, lesson):
    cues = lesson(name).texts
    for cue in cues:
        decimals = [n for n in NUMBER.findall(cue) if "." in n]  # integers: sample counts, step numbers
        assert all(_significant(n) <= 3 for n in decimals), cue
        assert len(decimals) <= 3, f"a cue lists {len(decimals)} numbers: {cue}"


def _sentences(text: str, language: str) -> list[str]:
    """Sentences, normalized: lower case, punctuation and spacing dropped (numbers kept: a sentence about another
    batch size is another sentence)."""
    parts = re.split(r"(?<=[.!?])\s+|[。！？]", text)
    out = []
    for part in parts:
        words = "".join(ch if not unicodedata.category(ch).startswith("P") else " " for ch in part.lower())
        norm = " ".join(words.split())
        if len(norm) >= (8 if language == "zh" else 20):  # "Outcome:" and other labels are not explanations
            out.append(norm)
    return out


@pytest.mark.parametrize("name", SEEDS + ADVANCED)
def test_no_sentence_is_said_twice_in_a_lesson(name, lesson):
    language, cues = lesson(name).language, lesson(name).texts
    # a sentence may run over two cues: join the lesson, then cut it into sentences
    said = _sentences(" ".join(cues), language)
    repeated = sorted({s for s in said if said.count(s) > 1})
    assert not repeated, repeated


@pytest.mark.parametrize("name", SEEDS + ADVANCED)
def test_every_term_is_defined_no_later_than_its_first_use(name, lesson):
    language, cues = lesson(name).language, lesson(name).texts
    squeeze = lambda t: re.sub(r"\s+", "", t)  # a definition is cut into cues: compare without spaces
    text = squeeze("".join(cues))
    for term, uses in TERMS.items():
        head = squeeze(locale_text(language, term_key(term)))[:20]
        first_use = min((text.find(squeeze(u)) for u in uses[language] if squeeze(u) in text), default=-1)
        if first_use < 0:
            continue
        defined_at = text.find(head)
        assert 0 <= defined_at <= first_use, (term, text[max(first_use - 80, 0):first_use + 40])


@pytest.mark.parametrize("name", SEEDS + ADVANCED)
def test_no_term_is_drawn_before_its_definition_is_shown(name, lesson):
    """A symbol on screen (∂L/∂w, λ_max, H_S, B_noise, ...) counts as a use: its definition line (the term's text,
    drawn at the start of the scene that defines it) must have been shown first, or in the same item."""
    language, shown = lesson(name).language, lesson(name).shown
    for term, forms in ON_SCREEN.items():
        drawn = [k for k, (_, text) in enumerate(shown) if any(squeeze(f) in text for f in forms)]
        if not drawn:
            continue
        head = squeeze(locale_text(language, term_key(term)))[:12]
        defined = [k for k, (_, text) in enumerate(shown) if text.startswith(head)]
        scene, text = shown[drawn[0]]
        assert defined and defined[0] <= drawn[0], f"{name}: '{term}' drawn in {scene} ({text[:60]}) before its definition"


def test_the_default_lessons_do_not_mention_the_seed_text(lesson):
    for name in SEEDS:
        cues = lesson(name).texts
        said = " ".join(cues)
        assert "seed" not in said.lower() and "原文" not in said, name
