"""`batchviz explain --lang`: the worked steps' headings and sentences in the language asked for."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def explain(*args):
    done = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_explain_in_each_language():
    zh = explain("scenarios/seed.yaml", "--lang", "zh")
    en = explain("scenarios/seed.yaml", "--lang", "en")
    assert zh.startswith("# Batch Size 的解释") and "### 第 1 步（第 1 个 epoch）：x = [1, 2, 3, 4]" in zh
    assert "Step 1 (epoch 1)" not in zh and "Learning-rate bounds" not in zh
    assert en.startswith("# Batch size explained") and "### Step 1 (epoch 1): x = [1, 2, 3, 4]" in en
    assert "第 1 步" not in en
