"""Subtitle cuts the new-teacher trial found wrong (notes/trial.md item 14): a coordinate pair cut in two, ASCII
punctuation in Chinese ignored, a comma added after the author's question mark, a list of run names as a cue of
its own. Each expectation is the cut a subtitler would make, written out by hand."""

from __future__ import annotations

import pytest

from scenes.scenario.reading import MAX_CUE_CHARS, reading_chars, split_cue


def test_a_coordinate_pair_stays_in_one_chinese_cue():
    pieces = split_cue("先用当前参数 w = 0、b = 0 为这个 batch 的每个样本算出预测值。", "zh")
    assert any("w = 0、b = 0" in p for p in pieces), pieces
    assert not any(p.startswith(("的", "了")) for p in pieces), pieces


def test_ascii_punctuation_in_chinese_is_a_break_and_no_comma_follows_a_question_mark():
    text = ("我们用一个逻辑回归模型 ŷ = σ(w·x + b) 来学习预测是否及格,用ASCII标点:分号;问号?，"
            "从 w = 0、b = 0 出发，学习率 0.5，然后一步一步地走下去直到损失足够小为止。")
    pieces = split_cue(text, "zh")
    joined = "".join(pieces)
    assert "?，" not in joined and "问号?从" in joined
    assert not any(p.endswith("用") or p.startswith("ASCII") for p in pieces), pieces
    # every cut between two pieces falls after punctuation (ASCII or full-width) or between scripts
    for left, right in zip(pieces, pieces[1:]):
        assert left[-1] in ",;:?!，。、：；！？" or left[-1].isascii() != right[0].isascii(), (left, right)


@pytest.mark.parametrize("language, text, names", [
    ("en", "B = 1, B = 5, B = 10 did not come close to the lowest possible loss ≈0.494 in this many steps.",
     "B = 1, B = 5, B = 10"),
    ("zh", "B = 1、B = 5、B = 10 在这么多步内还没有接近可能的最低损失 ≈0.494，只走到一半。", "B = 1、B = 5、B = 10"),
])
def test_a_list_of_names_is_not_a_cue_of_its_own(language, text, names):
    pieces = split_cue(text, language)
    # no cue is a bare stretch of the list ("B = 1, B = 5,"): the names are read together, with what they do
    assert not any(p.endswith((",", "、")) and reading_chars(p, language) < MAX_CUE_CHARS[language] // 4
                   for p in pieces), pieces
    assert any(p.startswith(names) for p in pieces), pieces


def test_no_scrap_of_a_clause_is_left_for_a_cue_of_its_own():
    # the trial's linear set-up: the cut fell between "由 x 得到" and "y，", a cue of two characters
    pieces = split_cue("我们用一个线性模型 y = w·x + b 来学习预测 由 x 得到 y，从 w = 0、b = 0 出发，学习率 0.01。", "zh")
    assert all(reading_chars(p, "zh") >= 4 for p in pieces), pieces
    # a short clause ends the one before it when they fit together: the pair "w = 2，b = 1" stays in one cue
    pieces = split_cue("在平方误差意义下最贴合全部 6 个样本的直线是 w = 2，b = 1：这是整头大象。", "zh")
    assert any("w = 2，b = 1" in p for p in pieces), pieces
