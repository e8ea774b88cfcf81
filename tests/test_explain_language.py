"""`batchviz explain --lang`: the worked steps' headings and sentences in the language asked for."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.helpers_cli import batchviz_here


def explain(*args):
    done = batchviz_here("explain", *args, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_explain_in_each_language():
    zh = explain("scenarios/seed.yaml", "--lang", "zh")
    en = explain("scenarios/seed.yaml", "--lang", "en")
    assert zh.startswith("# Batch Size 的解释") and "### 第 1 步（第 1 个 epoch）：x = [1, 2, 3, 4]" in zh
    assert "Step 1 (epoch 1)" not in zh and "Learning-rate bounds" not in zh
    assert en.startswith("# Batch size explained") and "### Step 1 (epoch 1): x = [1, 2, 3, 4]" in en
    assert "第 1 步" not in en


def study_sections():
    """The seed's batch-size study as Markdown in each language (mathcore.explain.study_markdown)."""
    from mathcore.explain import study_markdown
    from scenes.scenario.lesson import lesson_of
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(ROOT / "scenarios" / "seed.yaml")
    report = lesson_of(sc).study()
    return {lang: study_markdown(report, sc.style.digits, lang) for lang in ("en", "zh")}


# words a Chinese study section may keep in Latin letters: the lesson's own terms and the formulas' symbols
KEPT_LATIN = {"Batch", "batch", "size", "epoch", "bootstrap", "SGD", "B_simple", "B_noise", "S_min", "E_min", "Hessian",
              "tr", "w", "b", "L", "N", "B", "S", "G"}


def test_study_section_in_chinese_has_no_english_sentence():
    sections = study_sections()
    zh, en = sections["zh"], sections["en"]
    latin = {word for word in re.findall(r"[A-Za-z_]+", zh) if word not in KEPT_LATIN}
    assert not latin, f"English words in the Chinese study section: {sorted(latin)}"
    # full-width brackets and punctuation around Chinese text (the formulas keep their ASCII parentheses)
    assert not re.search(r"[\u4e00-\u9fff][(),;:]|[(),;:][\u4e00-\u9fff]", zh), zh
    assert en.startswith("## Batch-size study") and "每" not in en
    # the same table: one row per batch size, the same numbers in both languages
    numbers = lambda text: re.findall(r"\d+(?:\.\d+)?", text)
    assert numbers(zh) == numbers(en)


def test_explain_prints_the_study_in_the_language_asked_for():
    zh = explain("scenarios/seed.yaml", "--lang", "zh")
    assert "## Batch size 的实验研究" in zh and "## Batch-size study" not in zh and "Shuffled SGD" not in zh


def test_chinese_explain_has_full_width_punctuation_beside_chinese():
    # "这一步之后整个数据集的损失: L ≈51.28" had an ASCII colon after Chinese text
    zh = explain("scenarios/seed.yaml", "--lang", "zh")
    half = re.findall(r".{0,12}(?:[\u4e00-\u9fff][(),;:?!]|[(),;:?!][\u4e00-\u9fff]).{0,12}", zh)
    assert not half, half[:5]
