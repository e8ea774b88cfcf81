"""The basin study's Markdown section (`batchviz explain --lang`): Chinese with full-width punctuation and the
same numbers as English; the escape time is the median over all runs, said as precisely as its interval allows."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from mathcore.basin_report import basin_json, basin_markdown
from mathcore.basin_study import basin_study

X = [-2.6, -2.0, -1.4, -0.5, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]
Y = [0.9, 2.5, 0.9, 0.0, 0.3, 0.5, 0.6, 0.6, 0.6, 0.5, 0.3]
# words a Chinese basin section may keep in Latin letters: the lesson's terms and symbols
KEPT_LATIN = {"batch", "size", "epoch", "Hessian", "Wilson", "w", "b"}


@pytest.fixture(scope="module")
def study():
    return basin_study(X, Y, (1.0, -1.0), 0.4, [1, 11], 40, 20, (-1.0, 3.0), (-4.0, 4.0), grid=3, grid_runs=4,
                       held_out=([-2.0, 2.0], [0.0, 0.6]))


def test_basin_section_in_chinese_has_no_english_sentence(study):
    zh, en = basin_markdown(study, "zh"), basin_markdown(study, "en")
    latin = {word for word in re.findall(r"[A-Za-z_]+", zh) if word not in KEPT_LATIN}
    assert not latin, f"English words in the Chinese basin section: {sorted(latin)}"
    assert not re.search(r"[\u4e00-\u9fff][(),;:]|[(),;:][\u4e00-\u9fff]", zh), zh
    assert zh.startswith("## 盆地研究") and en.startswith("## Basin study") and "盆地" not in en
    numbers = lambda text: re.findall(r"\d+(?:\.\d+)?", text)
    assert numbers(zh) == numbers(en)


def test_escape_cell_is_the_median_over_all_runs_rounded_to_its_interval(study):
    """Recomputed here from the runs' escape steps with numpy (never-left runs as infinity), the ranks from the
    binomial tail, the rounding unit from a logarithm; the old median over the runs that left is not what is said."""
    small = study.outcomes[0]
    assert small.escape_steps  # the start lies in the sharp basin: escape is measured
    times = np.array(sorted(small.escape_steps) + [math.inf] * small.stayed)
    n = len(times)
    j = max(j for j in range(1, n // 2 + 1) if 1 - 2 * sum(math.comb(n, i) for i in range(j)) / 2 ** n >= 0.9)
    median, low, high = float(np.median(times)), times[j - 1], times[n - j]
    row = next(line for line in basin_markdown(study, "en").splitlines() if line.startswith("| 1 | 40 |"))
    if not (math.isfinite(median) and math.isfinite(high)):
        assert f"at least {int(low)};" in row
        return
    half = (high - low) / 2
    unit = 10 ** max(0, math.floor(math.log10(half))) if half >= 1 else 1
    said = math.floor(median / unit + 0.5) * unit
    assert f"about {said} ({int(low)}–{int(high)}); of 40 runs, {small.stayed} never left" in row
    assert basin_json(study)["from_start"][0]["median_said"] == said
