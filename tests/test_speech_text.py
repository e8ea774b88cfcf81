"""The speech text beside each subtitle: formulas read as words in the lesson's language, checked with eSpeak NG's
phonemes (`espeak-ng -x`: no audio, fast) on every cue of both seed lessons."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

import pytest
import yaml

from scenes.scenario.speech import speech_text
from tests.conftest import ROOT

ESPEAK_VOICE = {"en": "en-us", "zh": "cmn"}


@pytest.mark.parametrize("shown, language, said", [
    ("w goes 0.1 → −0.15", "en", "w goes 0.1 becomes minus 0.15"),
    ("dL/dw = 2.5, dL/db = 0.9.", "en", "d L by d w equals 2.5, d L by d b equals 0.9."),
    ("B_simple = tr(Σ)/|G|² is ≈3.02", "en",
     "B simple, the trace of the covariance over the squared length of G, is about 3.02"),
    ("B_simple = tr(Σ)/|G|² 约 3.02", "zh", "B simple（协方差的迹除以 G 的长度的平方） 约 三点零二"),
    # an author's own words: a slash between words is a choice, a hyphen between numbers a range
    ("Hours studied vs pass/fail", "en", "Hours studied vs pass or fail"),
    ("predict pass/fail from hours (0-10)", "en", "predict pass or fail from hours (0 to 10)"),
    ("判断及格/不及格（0-10 小时）", "zh", "判断及格或不及格（零到十 小时）"),
    ("x = 1–8", "en", "x equals 1 to 8"),
    ("相差不到 10%", "zh", "相差不到 百分之十"),
    ("within 10% of it", "en", "within 10 percent of it"),
    # a minus between two terms subtracts (减), before a number it is negative (负)
    ("(N−B)/(B(N−1))", "zh", "(N减B)除以(B(N减一))"),
    ("(N−B)/(B(N−1))", "en", "(N minus B) over (B(N minus 1))"),
    ("the limit 2/λ_max (≈0.038)", "en", "the limit 2 over lambda max (about 0.038)"),
    ("full-batch limit", "en", "full-batch limit"),  # a hyphen between words is no minus
    ("w 从 0.1 变为 −0.15", "zh", "w 从 零点一 变为负零点一五"),
    ("dL/dw = 2.5", "zh", "L 对 w 的偏导 等于 二点五"),
    # the partial-derivative sign is read as one ("partial L by partial w", 偏 L 偏 w), d as d
    ("∂L/∂w, also written dL/dw", "en", "partial L by partial w, also written d L by d w"),
    ("∂L/∂b", "zh", "偏 L 偏 b"),
    ("约 0.0380223", "zh", "约 零点零三八零二二三"),
    ("答 1/2", "zh", "答 二分之一"),
    ("w 0.1 → 2.062", "zh", "w 零点一 变为 二点零六二"),
])
def test_formulas_are_said_as_words(shown, language, said):
    assert speech_text(shown, language) == said


def test_no_text_says_one_formula_as_another_written_the_same():
    """A definition that shows two notations ("∂L/∂w, also written dL/dw") says two different things (the voice read
    "d L by d w, also written d L by d w")."""
    for language in ("en", "zh"):
        texts = yaml.safe_load((ROOT / "scenes" / "scenario" / "locales" / f"{language}.yaml").read_text("utf-8"))
        for key, text in texts.items():
            for before, after in re.findall(r"(\S+)(?:, also written |（也写作 )(\S+?)[)）:：]", str(text)):
                assert speech_text(before, language) != speech_text(after, language), (language, key)


def espeak_phonemes(text: str, language: str) -> str:
    """eSpeak NG's phoneme mnemonics for ``text`` (`espeak-ng -x`: no audio), as it prints them."""
    return subprocess.run(["espeak-ng", "-q", "-x", "-v", ESPEAK_VOICE[language]], input=text, capture_output=True,
                          text=True, timeout=120).stdout


def without_marks(phonemes: str) -> str:
    """Phonemes without stress, tone and pause marks (so that substrings compare)."""
    return re.sub(r"[\s'`,:;_|\d]|\((?:en|cmn|el)\)", "", phonemes)


@lru_cache(maxsize=None)
def phonemes(text: str, language: str) -> str:
    """eSpeak NG's phonemes for ``text``, without stress, tone and pause marks."""
    return without_marks(espeak_phonemes(text, language))


SEPARATOR = "xqzkv"  # a made-up word: eSpeak says it as its own paragraph between two texts


def phonemes_each(texts: list[str], language: str) -> list[str]:
    """phonemes() of each text, from one eSpeak process for all (not one per cue: some 300 processes): the texts as
    paragraphs with SEPARATOR's paragraph between them, cut where its phonemes stand alone on a line. If the cut
    does not give one part per text, each text is said on its own."""
    line = re.escape(espeak_phonemes(SEPARATOR, language).strip())
    parts = re.split(rf"^\s*{line}\s*$", espeak_phonemes(f"\n\n{SEPARATOR}\n\n".join(texts), language), flags=re.M)
    if len(parts) != len(texts):
        return [phonemes(text, language) for text in texts]
    return [without_marks(part) for part in parts]


def chinese_decimal(text: str) -> str:
    """A decimal as Chinese says it, written independently of the code: the integer part as a number (below
    10,000 here), then 点, then each digit."""
    digits = "零一二三四五六七八九"
    whole, _, fraction = text.partition(".")
    n = int(whole)
    parts, units = [], ["", "十", "百", "千"]
    for k, d in enumerate(reversed(str(n))):
        parts.append(digits[int(d)] + units[k] if d != "0" else "零")
    spoken = re.sub("零+", "零", "".join(reversed(parts))).rstrip("零") or "零"
    spoken = re.sub(r"^一十", "十", spoken)
    return spoken + "点" + "".join(digits[int(d)] for d in fraction)


@pytest.fixture(scope="module")
def seed_cues(shipped_scripts):
    """Every cue of both seed lessons, timed by the same dry run as `batchviz script` (shared: tests/helpers_script.py)."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (Debian package espeak-ng; scripts/setup installs it)")
    cues = []
    for name in ("seed_en.yaml", "seed.yaml"):
        script = shipped_scripts.get(ROOT / "scenarios" / name)
        cues += [(script.language, c) for c in script.cues]
    return cues


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_cue_of_the_seed_lessons_is_read_as_symbols(seed_cues, language):
    forbidden = {word: phonemes(word, language) for word in ("arrow", "slash", "sigma", "pipe")}
    forbidden.update({symbol: phonemes(symbol, language) for symbol in ("→", "/", "Σ")})
    cues = [c for lang, c in seed_cues if lang == language]
    assert len(cues) > 100
    bad = []
    for cue, said in zip(cues, phonemes_each([cue.said for cue in cues], language)):
        # a word the narration itself uses ("the white arrow") is no symbol read aloud
        bad += [(cue.id, name) for name, ph in forbidden.items() if ph and ph in said and name not in cue.text.lower()]
        if language == "zh":
            if re.search(r"\d", cue.said):  # any ASCII digit would be read digit by digit
                bad.append((cue.id, "digits"))
            for number in re.findall(r"(?<![\d.])\d+\.\d+", cue.text):
                if float(number) < 10_000 and chinese_decimal(number) not in cue.said:
                    bad.append((cue.id, number))
    assert not bad, bad


def test_the_markdown_script_shows_formulas_as_written():
    """|G|² in a Markdown table cell: the cell shows |G|², not "/G/²" nor a broken table."""
    from markdown_it import MarkdownIt

    from scenes.pipeline.script import Cue, script_markdown

    shown = "B_simple = tr(Σ)/|G|² is ≈3.02"
    cue = Cue("17_tradeoffs.10", "17_tradeoffs", 1.0, 2.0, shown, speech_text(shown, "en"))
    html = MarkdownIt("commonmark").enable("table").render(script_markdown("T", [cue], [("17_tradeoffs", 0, 3)], "en"))
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert len(cells) == 4 and cells[2].replace("&lt;", "<") == shown and "trace of the covariance" in cells[3]
