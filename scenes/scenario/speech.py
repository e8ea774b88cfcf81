"""What a voice says for a subtitle: the shown text with its formulas read as words in the lesson's language.

A subtitle shows "w goes 0.1 → −0.15" or "B_simple = tr(Σ)/|G|²"; a speech engine reads symbols by their names
("right arrow", "slash", "sigma") and, in Chinese, decimals digit by digit. ``speech_text`` is the one normaliser
between the two: every synthesized cue goes through it, and `batchviz script` shows both texts. Recorded voices
are not affected (the author reads the shown text, by cue id).

Examples
--------
>>> speech_text("dL/dw = −22.12", "en")
'd L by d w equals minus 22.12'
>>> speech_text("w 从 0.1 → −0.15", "zh")
'w 从 零点一 变为负零点一五'
"""

from __future__ import annotations

import re

# An author's "pass/fail" or "及格/不及格" is a choice, not a division: a slash between two words of two letters or
# more (the formulas' slashes sit next to a digit, a bracket or a one-letter symbol: 2/λ, tr(Σ)/|G|², dL/dw).
_WORDS_SLASH = r"(?<=[^\W\d_]{2})\s*/\s*(?=[^\W\d_]{2})"
# "0-10" or "1–8" is a range (a subtraction is written with the true minus −, a negative number starts after a space)
_RANGE = r"(?<![\w.])(\d+(?:\.\d+)?)(?:-|\s*–\s*)(\d+(?:\.\d+)?)(?![\w.])"

# whole formulas first (their parts would otherwise be read one by one)
_FORMULAS = {
    "en": [
        (r"\s*=\s*tr\(Σ\)\s*/\s*\|G\|²", ", the trace of the covariance over the squared length of G,"),
        (r"tr\(Σ\)\s*/\s*\|G\|²", "the trace of the covariance over the squared length of G"),
        (r"\(ŷ\s*[−-]\s*y\)²", "the squared error"),
        (r"\(ŷ\s*[−-]\s*y\)\s*x", "the error times x"),
        (r"\(ŷ\s*[−-]\s*y\)", "the error"),
        (r"∂(\w)\s*/\s*∂(\w)", r"partial \1 by partial \2"),  # as said in class; dL/dw stays "d L by d w"
        (r"d(\w)\s*/\s*d(\w)", r"d \1 by d \2"),
        (r"\|(\w+)\|²", r"the squared length of \1"),
        (r"\|(\w+)\|", r"the length of \1"),
        (r"σ\s*(?=\()", "sigmoid of "),  # σ(z) is the logistic model's S-shaped function, not a spread
        (r"(\d+)\s*/\s*(\d+)(?![\d.])", r"\1 over \2"),
        (_WORDS_SLASH, " or "),
        (r"(\d+(?:\.\d+)?)\s*%", r"\1 percent"),
        (_RANGE, r"\1 to \2"),
    ],
    "zh": [
        (r"\s*=\s*tr\(Σ\)\s*/\s*\|G\|²", "（协方差的迹除以 G 的长度的平方）"),
        (r"tr\(Σ\)\s*/\s*\|G\|²", "协方差的迹除以 G 的长度的平方"),
        (r"\(ŷ\s*[−-]\s*y\)²", "误差的平方"),
        (r"\(ŷ\s*[−-]\s*y\)\s*x", "误差乘 x"),
        (r"\(ŷ\s*[−-]\s*y\)", "误差"),
        (r"∂(\w)\s*/\s*∂(\w)", r"偏 \1 偏 \2"),  # as said in class; dL/dw is said by its meaning
        (r"d(\w)\s*/\s*d(\w)", r"\1 对 \2 的偏导"),
        (r"\|(\w+)\|²", r"\1 的长度的平方"),
        (r"\|(\w+)\|", r"\1 的长度"),
        (r"σ\s*(?=\()", "S 形函数"),
        (r"(\d+)\s*/\s*(\d+)(?![\d.])", r"\2分之\1"),
        (_WORDS_SLASH, "或"),
        (r"(\d+(?:\.\d+)?)\s*%", r"百分之\1"),  # "10%" is said 百分之十, not 十%
        (_RANGE, r"\1到\2"),
    ],
}

# then single symbols
_SYMBOLS = {
    "en": {"→": " becomes ", "≈": " about ", "∝": " is proportional to ", "·": " times ", "×": " times ",
           "²": " squared", "=": " equals ", "+": " plus ", "/": " over ", "Σ": " the covariance ", "η": " eta ",
           "λ": " lambda ", "σ": " sigma ", "ŷ": " y hat ", "∂": " partial ", "_": " ", "|": " "},
    "zh": {"→": "变为", "≈": "约", "∝": "正比于", "·": "乘", "×": "乘", "²": "的平方", "=": "等于", "+": "加",
           "/": "除以", "Σ": "协方差", "η": "eta", "λ": "lambda", "σ": "sigma", "ŷ": "预测值", "∂": "偏", "_": " ", "|": " "},
}
_MINUS = {"en": " minus ", "zh": "负"}
# a minus between two terms with no space around it ("N−B", "(N−1)") subtracts: Chinese says 减, not 负
_SUBTRACT = re.compile(r"(?<=[\w)])−(?=[\w(])")
_SUBTRACT_WORD = {"en": " minus ", "zh": "减"}
# a minus sign: the true minus anywhere, a hyphen only where it starts a number ("-3", not "full-batch")
_NEGATIVE = re.compile(r"−|(?<![\w.])-(?=\d)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _chinese_number(match: re.Match[str]) -> str:
    """A number as it is said in Chinese ("0.038" -> "零点零三八", not digit by digit)."""
    import cn2an

    said: str = cn2an.an2cn(match.group(0))
    return said


def speech_text(text: str, language: str) -> str:
    """``text`` as a voice should say it in ``language`` ("en" or "zh"): formulas and symbols as words, minus signs
    said, and in Chinese every number as a Chinese numeral."""
    lang = "zh" if language == "zh" else "en"
    said = text
    for pattern, words in _FORMULAS[lang]:
        said = re.sub(pattern, words, said)
    said = _SUBTRACT.sub(_SUBTRACT_WORD[lang], said)
    said = _NEGATIVE.sub(_MINUS[lang], said)
    for symbol, words in _SYMBOLS[lang].items():
        said = said.replace(symbol, words)
    if lang == "zh":
        said = _NUMBER.sub(_chinese_number, said)
        said = re.sub(r"\s*(负)\s*", r"\1", said)  # "负 零点一" reads as two words
    said = re.sub(r"\(\s+", "(", said)
    return re.sub(r"\s+", " ", said).strip()
