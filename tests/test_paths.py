"""Loss-surface scenes: the view and clipping rules, the colour ramp, and the drawn paths against mathcore."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mathcore import to_fraction
from mathcore.trajectory import run_trajectory
from mathcore.view import View, clip_path, fit_view
from scenes.pipeline import tex_cache
from scenes.pipeline.heavy import manim_api
from scenes.pipeline.unpainted import render_unpainted
from scenes.scenario.lesson import lesson_of
from tests.frame_compare import assert_matches_control, last_frame


def test_clip_path_ends_on_the_border():
    view = View(0, 1, 0, 1)
    w = np.array([0.5, 0.8, 1.4, 0.2])
    b = np.array([0.5, 0.5, 0.8, 0.2])
    clipped = clip_path(w, b, view)
    assert clipped.exit_index == 2
    # the segment (0.8, 0.5) -> (1.4, 0.8) meets w = 1 at t = 1/3, b = 0.6
    np.testing.assert_allclose(clipped.w, [0.5, 0.8, 1.0])
    np.testing.assert_allclose(clipped.b, [0.5, 0.5, 0.6])
    assert clip_path(np.array([0.1, 0.2]), np.array([0.1, 0.2]), view).exit_index is None
    nan = clip_path(np.array([0.1, np.nan]), np.array([0.1, 0.2]), view)
    assert nan.exit_index == 1 and len(nan.w) == 2


def test_view_ignores_a_diverging_tail_but_keeps_bounded_paths_whole():
    anchors = [(0.0, 0.0), (1.0, 1.0)]
    wild = (np.array([0.0, 5.0, 1e9]), np.array([0.0, -5.0, 1e9]), np.array([1.0, 2.0, 1e20]), True)
    view = fit_view(anchors, [wild], start_loss=1.0)
    assert view.w_max < 10 and view.b_max < 10  # never rescaled to nothing by the runaway point
    assert view.contains(5.0, -5.0)  # loss 2 <= 3 x start: kept
    bounded = (np.array([0.0, 4.0]), np.array([0.0, 0.0]), np.array([1.0, 50.0]), False)
    assert fit_view(anchors, [bounded], start_loss=1.0).contains(4.0, 0.0)


def test_colormap_lightness_is_linear_and_monotone():
    from scenes.kinds.colormap import colormap, to_oklab

    lightness = to_oklab(colormap(np.linspace(0, 1, 33)) / 255.0)[:, 0]
    steps = np.diff(lightness)
    assert (steps > 0).all()
    assert steps.max() - steps.min() < 0.01


def paths_scene_unpainted(scenario, entry, media: Path):
    """The paths scene of ``entry`` run dry and unpainted (scenes.pipeline.unpainted): every mobject made and left
    where the render leaves it, no frame painted. These tests read what was drawn and where (the scene's path data,
    traces and axes), never a pixel. Formulas come from the shared TeX cache, as in every render."""
    manim = manim_api()
    tex_cache.install()
    with manim.tempconfig({"media_dir": str(media), "tex_dir": str(tex_cache.cache_dir()), "pixel_width": 160,
                           "pixel_height": 90, "frame_rate": 5, "dry_run": True, "verbosity": "ERROR",
                           "progress_bar": "none", "disable_caching": True}):
        scene = manim.scene_class("paths")(scenario=scenario, entry=entry)
        render_unpainted(scene)
    return scene


@pytest.fixture(scope="module")
def stable_paths_scene(seed, tmp_path_factory):
    """The seed's stable-learning-rate paths scene, run unpainted, kept for inspection."""
    index = next(i for i, e in enumerate(seed.lesson) if e.scene == "paths" and e.learning_rate is not None)
    return paths_scene_unpainted(seed, seed.lesson[index], tmp_path_factory.mktemp("paths")), seed.lesson[index]


@pytest.mark.render  # the scene runs (unpainted)
def test_drawn_paths_are_mathcores_trajectories(seed, stable_paths_scene):
    scene, entry = stable_paths_scene
    problem = replace(seed.problem(), lr=to_fraction(entry.learning_rate))
    assert [p.name for p in scene.path_data] == list(entry.runs)
    for trace, name in zip(scene.traces, entry.runs):
        run = seed.runs[name]
        traj = run_trajectory(problem, run.schedule(), epochs=run.epochs or 1)
        line = trace[0]
        drawn = np.array([scene.surface_axes.p2c(p) for p in line.get_start_anchors()] +
                         [scene.surface_axes.p2c(line.get_end_anchors()[-1])])
        assert len(drawn) == traj.steps + 1  # the whole path (it never leaves the view at this rate)
        np.testing.assert_allclose(drawn[:, 0], traj.w, atol=1e-6)
        np.testing.assert_allclose(drawn[:, 1], traj.b, atol=1e-6)


def test_paths_last_frame_matches_control(seed, tmp_path, request):
    index = next(i for i, e in enumerate(seed.lesson) if e.scene == "paths" and e.learning_rate is not None)
    assert_matches_control(last_frame(seed, index, tmp_path), "seed_paths_stable", request)


@pytest.mark.render  # the scene runs (unpainted)
def test_epoch_clock_counts_each_runs_own_epochs(tmp_path):
    """With clock: epochs, a run over repeated data still ends at its own epoch count."""
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "epochs.yaml"
    path.write_text("""id: epochs
language: en
title: {en: "Epochs"}
init: {w: 0, b: 0}
learning_rate: 0.01
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  once: {batch_size: 2, epochs: 3}
  twice: {batch_size: 2, repeat: 2, epochs: 3}
lesson:
  - {scene: paths, runs: [once, twice], clock: epochs}
""", encoding="utf-8")
    scenario = load_scenario(path)
    scene = paths_scene_unpainted(scenario, scenario.lesson[0], tmp_path / "m")
    assert [float(p.clock[-1]) for p in scene.path_data] == [3.0, 3.0]


def test_explain_states_both_bounds_for_the_seed():
    """Full batch: 2/λ_max of (2/n)[[Σx², Σx], [Σx, n]]; batch size 1: 2 / (2 (8² + 1)) for the sample x = 8."""
    import json
    import subprocess
    import sys

    import numpy as np

    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", "scenarios/seed.yaml", "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    runs = json.loads(out)["runs"]
    x = np.arange(1, 9, dtype=float)
    full = 2 / np.linalg.eigvalsh(2 / 8 * np.array([[x @ x, x.sum()], [x.sum(), 8]])).max()
    assert runs["b8"]["stability"]["full_batch_lr"] == pytest.approx(full, rel=1e-12)
    assert round(full, 4) == 0.038
    assert runs["b1"]["stability"]["worst_batch_lr"] == pytest.approx(2 / (2 * (64 + 1)), rel=1e-12)
    assert runs["b1"]["stability"]["worst_batch_step"] == 8  # the sample x = 8 is the eighth step
    assert runs["b1"]["stability"]["lr_below_worst_batch_bound"] is False


def test_narration_says_overshoot_not_above_when_only_a_small_batch_exceeds_its_bound(tmp_path):
    import numpy as np

    from scenes.scenario.loader import load_scenario
    from tests.conftest import render_tiny

    path = tmp_path / "over.yaml"
    path.write_text("""id: over
language: en
title: {en: "Overshoot"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.2
data: {x: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2.5], y: [0, 0, 0, 0, 1, 1, 1, 1]}
runs:
  one: {batch_size: 1, epochs: 3}
  all: {batch_size: 8, epochs: 3}
lesson:
  - {scene: paths, runs: [one, all]}
""", encoding="utf-8")
    x = np.array([0.5] * 7 + [2.5])
    full = 2 / np.linalg.eigvalsh(2 / 8 * np.array([[x @ x, x.sum()], [x.sum(), 8]])).max()
    worst = 2 / (2 * (2.5**2 + 1))
    assert worst < 0.2 < full  # the premise: only the batch-size-1 run's worst batch is exceeded
    subtitles = " ".join(render_tiny(load_scenario(path), 0, tmp_path / "out").subtitles)
    assert "is below the full-batch stability limit" in subtitles and "not below the limit of a run's worst" in subtitles
    assert "above the full-batch" not in subtitles


@pytest.mark.render  # the scene runs (unpainted)
def test_a_run_keeps_its_colour_in_every_scene(seed, stable_paths_scene):
    """Colours follow the runs' batch sizes (or their own `color`), not their place in one scene."""
    scene, entry = stable_paths_scene
    ladder = seed.theme().batch_sizes  # batch sizes 1, 2, 4, 8, ... in order
    for p in scene.path_data:
        size = seed.runs[p.name].batch_size
        assert p.color == ladder[[1, 2, 4, 8, 16, 32].index(size)]
    # the sorted-vs-shuffled scene lists b4 first and b1 third; the stable scene lists b1 first: same colours
    assert seed.run_color("b1") == ladder[0] and seed.run_color("b4") == seed.run_color("b4_shuffled") == ladder[2]


def test_a_runs_own_colour_wins(tmp_path):
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "c.yaml"
    path.write_text("""id: c
language: en
title: {en: "Colours"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.01
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  a: {batch_size: 1}
  b: {batch_size: 2, color: "#123456"}
lesson:
  - {scene: paths, runs: [b, a]}
""", encoding="utf-8")
    sc = load_scenario(path)
    assert sc.run_color("b") == "#123456" and sc.run_color("a") == sc.theme().batch_sizes[0]


def test_loss_axis_goes_logarithmic_only_when_losses_span_decades():
    import numpy as np

    from mathcore.view import loss_axis

    falling = [np.array([80.0, 3.0, 0.2, 0.004]), np.array([80.0, 10.0, 1.5])]
    axis = loss_axis(falling, 80.0)
    assert axis.log and (axis.lo, axis.hi) == (np.floor(np.log10(0.004)), np.ceil(np.log10(80.0))) == (-3, 2)
    gentle = [np.array([0.9, 0.5, 0.2, 0.15])]
    axis = loss_axis(gentle, 0.9)
    assert not axis.log and axis.lo == 0 and axis.hi == pytest.approx(1.1 * 0.9)
    assert not loss_axis([], 2.0).log and loss_axis([], 2.0).hi == 6.0  # every run diverged: 3 x the start


def test_explain_and_the_paths_narration_agree_on_divergence(tmp_path):
    """One definition of divergence: explain's JSON and the seed's lr-0.1 paths scene name the same step per run,
    and the worked steps of a run agree with its float path wherever both exist."""
    import json
    import re
    import subprocess
    import sys

    from scenes.scenario.loader import load_scenario
    from tests.conftest import ROOT, SCENARIOS, render_tiny

    out = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "explain", str(SCENARIOS / "seed_advanced_en.yaml"),
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    runs = json.loads(out)["runs"]
    sc = load_scenario(SCENARIOS / "seed_advanced_en.yaml")
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == "paths" and e.learning_rate is None)
    told = " ".join(render_tiny(sc, index, tmp_path).subtitles)
    for name in sc.lesson[index].runs:
        label = re.escape(sc.runs[name].label.en)
        said = re.search(label + r": diverged at step (\d+)", told)
        assert said and int(said.group(1)) == runs[name]["diverged_at"], (name, told)
        walk = lesson_of(sc).walkthrough(name)
        if walk.diverged_at is not None:  # within the worked steps, the exact run diverges at the same step
            assert walk.diverged_at == runs[name]["diverged_at"]


def test_a_lesson_that_starts_at_the_optimum_renders(tmp_path):
    """Zero loss everywhere on the paths (and zero gradients): every axis still has a length."""
    import numpy as np

    from mathcore.view import loss_axis
    from scenes.scenario.loader import load_scenario
    from tests.conftest import render_tiny

    assert loss_axis([np.zeros(5)], 0.0).hi > 0 and loss_axis([], 0.0).hi > 0
    path = tmp_path / "zero.yaml"
    path.write_text("""id: zero
language: en
title: {en: "At the optimum"}
init: {w: 2, b: 1}
learning_rate: 0.02
data: {x: [1, 2, 3, 4], y: [3, 5, 7, 9]}
runs:
  r: {batch_size: 2}
lesson:
  - {scene: paths, runs: [r]}
  - {scene: fog, batch_sizes: [1, 2]}
""", encoding="utf-8")
    sc = load_scenario(path)
    for index in range(len(sc.lesson)):
        render_tiny(sc, index, tmp_path / f"out{index}")
