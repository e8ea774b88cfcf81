"""Words that must match the picture and the lesson: the dot's colour named by the theme, the question on the
title card, and no reference to a text the viewer never saw."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _scenario(tmp_path, theme: str, language: str = "en", title_entry: str = "  - scene: title\n"):
    from scenes.scenario.loader import load_scenario
    from tests.conftest import small_scenario

    path = tmp_path / f"{theme}_{language}.yaml"
    text = small_scenario(title_entry + "  - {scene: noise, batch_sizes: [1, 2]}\n", style=f"{{theme: {theme}}}",
                          language=language, title=f"{{{language}: \"Small\"}}")
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


@pytest.mark.parametrize("language, dark_word, light_word", [("en", "white dot", "black dot"), ("zh", "白点", "黑点")])
def test_the_full_batch_dot_is_named_by_the_themes_colour(tmp_path, language, dark_word, light_word):
    from scenes.scenario.lesson import lesson_of

    for theme, word, other in (("dark", dark_word, light_word), ("light", light_word, dark_word)):
        sc = _scenario(tmp_path, theme, language)
        for key in ("sub_noise_intro", "sub_noise_batch", "sub_noise_batch_drawn"):
            said = lesson_of(sc).text(key, language, n=4, w="0.1", b="0.2", size=2, count=6, total=6, factor="0.5")
            assert word in said and other not in said, (theme, key, said)


def test_the_noise_scene_draws_the_full_batch_dot_in_the_named_colour():
    """The word follows the picture: the dot is the foreground colour, white on dark and near-black on white."""
    from scenes.scenario.theme import DARK, LIGHT

    assert DARK.is_dark and not LIGHT.is_dark
    assert DARK.foreground.upper() == "#FFFFFF"
    assert all(int(LIGHT.foreground[i:i + 2], 16) < 0x40 for i in (1, 3, 5))


def test_the_title_card_asks_the_lessons_question_from_the_task(tmp_path):
    from scenes.pipeline.render import render_entry
    from tests.helpers_render import TINY

    for language, words in (("en", ["8 samples", "whether x is greater than 5", "?"]),
                            ("zh", ["8 个样本", "x 是否大于 5", "？"])):
        from scenes.scenario.loader import load_scenario

        seed = load_scenario(ROOT / "scenarios" / ("seed_en.yaml" if language == "en" else "seed.yaml"))
        result = render_entry(seed, 0, tmp_path / language, size=TINY)
        import srt

        said = " ".join(c.content for c in srt.parse(result.subtitles.read_text(encoding="utf-8")))
        for w in words:
            assert w in said, (language, w, said)


def test_an_authors_question_replaces_the_default(tmp_path):
    from scenes.kinds.title.scene import TitleScene

    sc = _scenario(tmp_path, "dark", title_entry='  - {scene: title, question: {en: "Why not always all samples?"}}\n')
    scene = TitleScene(scenario=sc, entry=sc.lesson[0], language="en")
    assert scene.question() == "Why not always all samples?"
    (tmp_path / "d").mkdir()
    default = _scenario(tmp_path / "d", "light")
    assert "4 samples" in TitleScene(scenario=default, entry=default.lesson[0], language="en").question()


def test_no_narration_refers_to_the_seed_text():
    import yaml

    for path in [*(ROOT / "scenarios").glob("*.yaml"), *(ROOT / "scenes" / "scenario" / "locales").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        for phrase in ("seed text", "原文"):
            assert phrase not in body, (path.name, phrase)
        yaml.safe_load(text)


def test_what_the_hand_guess_gets_wrong_is_true_of_the_seed():
    """The compare scene says: the large x labelled 1 pull w up, but the samples labelled 0 pull it down harder at
    the start, so the full batch's w shrinks. Checked with exact fractions, written out here."""
    x = list(range(1, 9))
    y = [0, 0, 0, 0, 0, 1, 1, 1]
    w, b = Fraction(1, 10), Fraction(2, 10)
    pull = {label: sum((w * xi + b - yi) * xi for xi, yi in zip(x, y) if yi == label) for label in (0, 1)}
    assert pull[1] < 0 < pull[0] and pull[0] > -pull[1]  # label 1 says grow, label 0 says shrink, and wins
    dw = Fraction(2, 8) * (pull[0] + pull[1])
    assert w - Fraction(1, 10) * dw < w


def test_a_chinese_line_is_broken_at_punctuation_not_at_a_space_inside_a_phrase():
    from scenes.kinds.style import wrapped_label

    text = "模型要从 8 个样本中学习：x 是否大于 5。每一步该看一个样本、几个，还是全部？"
    two = wrapped_label(text, 32, 6.0)
    first = two[0].text
    assert len(two) == 2 and first[-1] in "：。，" and "".join(line.text for line in two) == text.replace(" ", "")


def test_no_authored_text_names_a_markers_colour():
    """A dot's colour depends on the theme: an author's text says "the dot", or lets the locale name it ({dot}),
    never "white dot" outright (false over a black dot on the light theme)."""
    import yaml

    def texts(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "texts" and isinstance(value, dict):
                    yield from (v for per_language in value.values() for v in (per_language or {}).values())
                else:
                    yield from texts(value)
        elif isinstance(node, list):
            for item in node:
                yield from texts(item)

    for path in (ROOT / "scenarios").glob("*.yaml"):
        for text in texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for word in ("white dot", "black dot", "白点", "黑点"):
                assert word not in str(text), (path.name, text)


def test_chinese_texts_count_batches_the_chinese_way_and_bracket_asides_full_width():
    """"第 2 个 batch", not the loan "Batch 2"; an aside in a Chinese sentence in full-width brackets: "（MSE）"."""
    import re

    import yaml

    from scenes.scenario.locale import locale_text

    texts = yaml.safe_load((ROOT / "scenes" / "scenario" / "locales" / "zh.yaml").read_text(encoding="utf-8"))
    for key, text in texts.items():
        if not isinstance(text, str):
            continue
        assert not re.search(r"\bBatch\b", text), (key, text)
        assert not re.search(r"[\u4e00-\u9fff]\s*\((?:[A-Za-z]+|[ΣG])\)", text), (key, text)
    assert locale_text("zh", "batch_n").replace("{number}", "2") == "第 2 个 batch"
