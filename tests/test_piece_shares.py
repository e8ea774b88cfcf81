"""Motion timed to the words: a beat's time split by what each subtitle piece and sentence takes to read."""

from __future__ import annotations

import pytest

from scenes.kinds.mobjects.piece_shares import first_sentence_share, first_share, piece_shares


def test_a_beat_said_in_two_pieces_is_split_by_their_lengths():
    first, second = "The cloud " + "x" * 50 + ".", "Its spread " + "y" * 40 + "."  # 61 + 52 characters: two pieces
    shares = piece_shares(f"{first} {second}", "en")
    assert shares == pytest.approx([61 / 113, 52 / 113])
    assert first_share(f"{first} {second}", "en") == pytest.approx(61 / 113)


def test_a_beat_said_in_one_piece_is_halved():
    assert piece_shares("Short.", "en") == [1.0]
    assert first_share("Short.", "en") == 0.5


def test_chinese_sentences_count_characters_without_spaces():
    text = "样本越大，估计越准。batch 的梯度就是样本平均。"  # 10 + 15 characters (the space does not count)
    assert first_sentence_share(text, "zh") == pytest.approx(10 / 25)


def test_a_decimal_point_does_not_end_a_sentence():
    text = "The spread is 0.25 here. Then less."
    assert first_sentence_share(text, "en") == pytest.approx(len("The spread is 0.25 here.") / len(text))
