"""The lecturer's lesson from issue 22 (regular data: exam score against hours studied, batch sizes 1, 2, 5 and 10,
learning rate 0.02), in English and Chinese: none of the sentences the issue found false is said, and the verdicts
the cues carry are those of its numbers (monotone paths, batches that agree, runs that stop short)."""

from pathlib import Path

import numpy as np
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FALSE_HERE = {
    "en": ["swing back and forth", "the parameters swing", "one small, steady step", "believes a different slope",
           "came close to the lowest point", "practitioners choose a middle ground", "tries new directions",
           "explores"],
    "zh": ["来回摆动", "小而稳", "斜率都不一样", "接近了最低点", "实践中通常选一个平衡点", "尝试新的方向", "探索"],
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_lecturers_lesson_says_only_what_its_numbers_show(language, shipped_scripts):
    path = ROOT / "tests" / "narration_scenarios" / f"lecturer_{language}.yaml"
    # what `batchviz script PATH --format json` prints, from the run's shared dry run (tests/helpers_script.py)
    cues = [c for c in shipped_scripts.get(path).cue_dicts() if "tradeoffs" not in c["scene"]]  # issue 25's scene
    said = " ".join(c["text"] for c in cues)
    for sentence in FALSE_HERE[language]:
        assert sentence not in said, sentence
    outcomes = {(v["name"], v["subject"]): v["outcome"] for c in cues for v in c["verdicts"]}
    # the data, checked here: every batch of 2 fits nearly the whole data's slope, and the path of w is monotone
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    x, y = np.array(doc["data"]["x"], float), np.array(doc["data"]["y"], float)
    slopes = [np.polyfit(x[i:i + 2], y[i:i + 2], 1)[0] for i in range(0, 10, 2)]
    assert (max(slopes) - min(slopes)) * np.ptp(x) / np.ptp(y) < 0.05
    assert outcomes[("batches_disagree", "")] == "false"
    assert outcomes[("swings", "b2")] == "false"
    assert {outcomes[("came_close", r)] for r in ("b1", "b2", "b5", "b10")} == {"false"}
