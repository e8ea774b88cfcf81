"""The classifier's legend: a batch row that takes two lines ("batch 2: no best curve of its own") never reaches
the model's row below it, at any moment of the scene (it once did: the rows were placed for a one-line batch row)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers_layout import run_scene
from tests.helpers_record import after_each_animation

pytestmark = pytest.mark.render  # runs the classifier scene (unpainted)

ROOT = Path(__file__).resolve().parent.parent
GAP = 0.05  # scene units between the rows' boxes


def test_a_two_line_batch_row_stays_clear_of_the_models_row(tmp_path):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(ROOT / "scenarios" / "noisy_logistic.yaml")
    index = next(k for k, e in enumerate(sc.lesson) if e.scene == "classifier")
    seen = []  # (batch row's bottom, its height, model row's top) after each animation once the rows exist

    def look(scene):
        drawn = getattr(scene, "drawn", None)
        if drawn and drawn["batch_row"] in scene.mobjects:
            batch, model = drawn["batch_row"], drawn["model_row"]
            seen.append((batch.get_bottom()[1], batch.height, model.get_top()[1]))

    patches = after_each_animation(look)
    for patch in patches:
        patch.start()
    try:
        run_scene(sc, index)
    finally:
        for patch in reversed(patches):
            patch.stop()
    heights = sorted({round(h, 2) for _, h, _ in seen})
    assert len(heights) > 1  # the shipped lesson has a step whose batch has no curve of its own: a two-line row
    assert all(bottom - top >= GAP for bottom, _, top in seen), [s for s in seen if s[0] - s[2] < GAP]
