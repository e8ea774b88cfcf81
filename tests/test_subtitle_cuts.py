"""Where subtitles are cut: Chinese only at punctuation, between Chinese and Latin, or (inside a run of Chinese)
between words; never inside the brackets of a formula; English not inside a short phrase; a hostile 400-letter
word still in subtitle-sized pieces. And every Chinese cue of the shipped lessons ends at punctuation or where the
script changes, with full-width punctuation inside Chinese text."""

import re
from pathlib import Path

import pytest

from scenes.scenario.reading import CLOSING_PUNCTUATION, MAX_CUE_CHARS, split_cue

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ASCII_IN_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]\s*[,;:]|[,;:]\s*[\u3400-\u9fff\uf900-\ufaff]")


def test_a_formula_in_brackets_stays_whole():
    text = "颜色表示整个数据集上的损失，越亮越大；白线是等高线，星号是最优点 (w, b) = (≈0.178571, ≈−0.428571)，白点是起点。"
    pieces = split_cue(text, "zh")
    assert any("(w, b) = (≈0.178571, ≈−0.428571)" in p for p in pieces), pieces


# words of the sentence, as a dictionary has them (written here, not taken from the segmenter)
WORDS = ("学习", "预测", "学生", "是否", "通过", "考试", "并且", "线性", "模型")


@pytest.mark.parametrize("text", [
    "我们用一个线性模型 y = w·x + b 来学习预测学生是否通过考试并且拿到比去年更高的分数，从 w = 0、b = 0 出发，学习率 0.02。",
    "我们用一个线性模型来学习预测学生是否通过考试并且拿到比去年更高的分数以及更好的名次，从零出发。",
])
def test_a_chinese_word_is_never_cut(text):
    pieces = split_cue(text, "zh")
    assert all(len(p.rstrip(CLOSING_PUNCTUATION)) <= MAX_CUE_CHARS["zh"] for p in pieces), pieces
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    for left, right in zip(pieces, pieces[1:]):
        pair = left[-1] + right[0]
        assert not any(pair == w[i - 1:i + 1] for w in WORDS for i in range(1, len(w))), (left, right)


def test_english_is_not_cut_inside_a_short_phrase():
    text = ("A linear model y = w·x + b learns to predict the exam score a student will get in the final from "
            "hours studied and attendance, starting from w = 0.1, b = 0.2, learning rate 0.02.")
    pieces = split_cue(text, "en")
    assert " ".join(pieces).split() == text.split()
    assert all(len(p) <= MAX_CUE_CHARS["en"] for p in pieces)
    assert not any(p.split()[-1].lower() in ("from", "the", "a", "to", "in") for p in pieces), pieces


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_hostile_long_word_is_still_cut(language):
    word = "x" * 400 if language == "en" else "字" * 400
    pieces = split_cue(word + " end.", language)
    assert len(pieces) >= 400 // MAX_CUE_CHARS[language]
    assert all(len(p) <= MAX_CUE_CHARS[language] for p in pieces)


@pytest.fixture(scope="module")
def script_cues(shipped_scripts):
    """script_cues(path, language): the cues `batchviz script PATH --lang LANGUAGE --format json` prints (the run's
    shared dry run of the lesson: tests/helpers_script.py)."""
    return lambda path, language: shipped_scripts.get(ROOT / path, language).cue_dicts()


@pytest.mark.parametrize("path", ["scenarios/seed.yaml", "tests/narration_scenarios/lecturer_zh.yaml"])
def test_every_chinese_cue_ends_at_punctuation_or_where_the_script_changes(path, script_cues):
    cues = script_cues(path, "zh")
    assert cues
    for cue, following in zip(cues, cues[1:] + [None]):
        text = cue["text"]
        assert not ASCII_IN_CHINESE.search(text), text
        if following is None or following["scene"] != cue["scene"] or text[-1] in CLOSING_PUNCTUATION:
            continue
        if bool(HAN.match(text[-1])) != bool(HAN.match(following["text"][0])):
            continue  # cut where Chinese meets Latin
        # else only inside a run of numbers and formulas longer than a subtitle, at a space, never in a number
        tail = re.split(r"[\u3400-\u9fff\uf900-\ufaff，。、：；！？]", text)[-1]
        head = re.split(r"[\u3400-\u9fff\uf900-\ufaff，。、：；！？]", following["text"])[0]
        assert not HAN.match(text[-1]) and len(tail + " " + head) > MAX_CUE_CHARS["zh"], (text, following["text"])
        assert re.search(r"[\d.≈−-]$", text) is None or re.match(r"[\d.]", head) is None, (text, following["text"])
