"""A last frame (PNG: `batchviz watch`, `--format png`) is manim's last frame, made with less work: the plays before
it are neither painted nor split into moving and still mobjects (which only serve painting)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from manim.scene.scene import Scene
from PIL import Image

import scenes.pipeline.render as render_module
from scenes.pipeline.render import render_entry
from scenes.scenario.loader import load_scenario
from tests.test_pipeline import TINY_SCENARIO

SIZE = (160, 90, 5)


def _pixels(path):
    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA")).astype(int)


@pytest.mark.render
def test_a_last_frame_splits_no_play_and_is_the_frame_manim_paints(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    sc = load_scenario(path)
    index = 1  # the paths scene: plays, waits, transforms, fades
    splits = []
    split = Scene.get_moving_and_static_mobjects

    def counted(self, *args, **kwargs):
        splits.append(1)
        return split(self, *args, **kwargs)

    with mock.patch.object(Scene, "get_moving_and_static_mobjects", counted):
        ours = render_entry(sc, index, tmp_path / "ours", size=SIZE, fmt="png").video
        assert splits == []
        # manim's own way to the same PNG: every play split and painted (the scene's still, saved at the end)
        with mock.patch.object(render_module, "render_last_frame_only", lambda scene: scene.render()):
            theirs = render_entry(sc, index, tmp_path / "theirs", size=SIZE, fmt="png").video
    assert len(splits) > 10  # the probe sees manim's splits
    assert np.array_equal(_pixels(ours), _pixels(theirs))
    assert len(np.unique(_pixels(ours).reshape(-1, 4), axis=0)) > 20  # a picture, not a blank
