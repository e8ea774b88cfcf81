"""A long path is drawn through a bounded number of vertices that keep its turns, and redrawing it in every frame
costs work in proportion to those vertices, not per-point Python (issue 26: a 10,000-sample lesson's `script` took
875 s in the paths scene)."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore.drawn_path import MAX_PATH_VERTICES, turning_indices


def zigzag(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A batch-size-1-like path: a drift to (1, 2) plus noise that reverses direction at random steps."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, count)
    return t + 0.3 * rng.standard_normal(count), 2 * t + 0.3 * rng.standard_normal(count)


def test_short_paths_are_drawn_whole():
    w, b = zigzag(500)
    assert list(turning_indices(w, b, 1_000)) == list(range(500))


@pytest.mark.parametrize("count", [3_001, 10_000, 290_000])
def test_long_paths_keep_ends_and_every_stretchs_extremes(count):
    w, b = zigzag(count, seed=count)
    kept = turning_indices(w, b)
    assert len(kept) <= MAX_PATH_VERTICES and np.all(np.diff(kept) > 0)
    assert kept[0] == 0 and kept[-1] == count - 1
    # the drawn path reaches as far as the run in each of 100 stretches of steps, checked with plain min/max: the
    # vertices drawn within a bucket's length (MAX_PATH_VERTICES / 4 buckets) of the stretch reach its extremes
    reach = count // ((MAX_PATH_VERTICES - 2) // 4) + 1
    for part in np.array_split(np.arange(count), 100):
        drawn = kept[(kept >= part[0] - reach) & (kept <= part[-1] + reach)]
        for values in (w, b):
            assert values[drawn].max() >= values[part].max() and values[drawn].min() <= values[part].min()
    # and never further than the run went
    assert w[kept].max() == w.max() and w[kept].min() == w.min() and b[kept].max() == b.max()


def test_a_diverged_end_is_never_an_extreme():
    w, b = zigzag(10_000)
    w[9_000:], b[9_000:] = np.inf, np.nan
    kept = turning_indices(w, b)
    finite = kept[kept < 9_000]
    assert kept[-1] == 9_999  # the last point is drawn (the scene cuts a diverged path at the view's edge)
    assert w[finite].max() == w[:9_000].max() and b[finite].min() == b[:9_000].min()


LONG_PATH = """id: long
language: en
title: {en: "Long"}
init: {w: 0, b: 0}
learning_rate: 0.001
data: {x: [%s], y: [%s]}
runs:
  one: {batch_size: 1, order: shuffled, epochs: 100}
  all: {batch_size: 50, steps: 5}
lesson:
  - {scene: paths, runs: [one, all]}
"""


@pytest.mark.render
def test_redrawing_a_long_path_does_no_per_point_python(tmp_path, monkeypatch):
    """The paths scene's dry run over a 5,000-step path: manim's point-by-point comparison (VMobject
    .consider_points_equals, called per vertex when a line `become`s another) is not called per drawn vertex per
    frame. Counted calls, not seconds: before the fix it was about 10^6 calls here (3,000 vertices x ~300 frames)."""
    from manim import VMobject

    from scenes.pipeline.script import entry_script
    from scenes.scenario.loader import load_scenario

    xs = [round(0.1 * k, 1) for k in range(1, 51)]
    path = tmp_path / "long.yaml"
    path.write_text(LONG_PATH % (", ".join(map(str, xs)), ", ".join(str(round(2 * x + 1, 1)) for x in xs)),
                    encoding="utf-8")
    scenario = load_scenario(path)
    calls = []
    compare = VMobject.consider_points_equals
    monkeypatch.setattr(VMobject, "consider_points_equals",
                        lambda self, p0, p1: calls.append(1) or compare(self, p0, p1))
    monkeypatch.chdir(tmp_path)
    cues, seconds = entry_script(scenario, 0)
    assert cues and seconds > 10  # the scene ran through its beats
    assert len(calls) < 20 * MAX_PATH_VERTICES, f"{len(calls)} point comparisons"
