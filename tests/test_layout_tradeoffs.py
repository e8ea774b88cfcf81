"""The trade-offs scene's layout: each batch size's name in the steps-against-samples plot stands clear of every
dot, error bar and other name, and the closing advice sits well away from the frame's bottom edge (where subtitles
are shown)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SCENARIOS, entry_index
from tests.helpers_layout import run_scene

pytestmark = pytest.mark.render  # runs scenes (unpainted): seconds each

GAP = 0.05  # scene units (7 px at 1080p): the least air between a name and anything else in the plot
NEAR = 0.5  # scene units: a name this close to its dot reads as its
BOTTOM_BAND = 1.2  # the bottom 15% of the 8-unit frame: burned subtitles cover it


def _box(mob):
    return mob.get_left()[0], mob.get_right()[0], mob.get_bottom()[1], mob.get_top()[1]


def _apart(a, b, gap: float) -> bool:
    (al, ar, ab, at), (bl, br, bb, bt) = _box(a), _box(b)
    return al >= br + gap or bl >= ar + gap or ab >= bt + gap or bb >= at + gap


@pytest.fixture(scope="module", params=["seed_en.yaml", "seed_advanced_en.yaml"])
def scene(request):
    from scenes.scenario.loader import load_scenario

    sc = load_scenario(SCENARIOS / request.param)
    return run_scene(sc, entry_index(sc, "tradeoffs"))


def test_batch_size_names_stand_clear_of_every_mark_and_name(scene):
    points = scene.drawn["pareto"]["points"]
    assert len(points) >= 3  # the seed's study reaches the target with several batch sizes
    names = [point[2] for point in points]
    marks = [m for point in points for m in (point[1], *point[0])]  # dots and each error-bar line
    crowded = [(name.get_tex_string(), "mark") for name in names for mark in marks if not _apart(name, mark, GAP)]
    crowded += [(a.get_tex_string(), b.get_tex_string()) for i, a in enumerate(names) for b in names[i + 1:]
                if not _apart(a, b, GAP)]
    assert not crowded, crowded


def test_batch_size_names_stay_inside_the_plot(scene):
    frame = scene.drawn["pareto"]["frame"][0]
    left, right, bottom, top = _box(frame)
    for point in scene.drawn["pareto"]["points"]:
        l_, r_, b_, t_ = _box(point[2])
        assert left <= l_ and r_ <= right and bottom <= b_ and t_ <= top, point[2].get_tex_string()


def test_the_advice_stays_out_of_the_subtitle_band(scene):
    from manim import config

    advice = scene.drawn["advice"]
    assert advice.get_bottom()[1] >= -config.frame_height / 2 + BOTTOM_BAND


def test_each_name_stands_beside_its_own_point(scene):
    far = []
    for _bars, dot, name in scene.drawn["pareto"]["points"]:
        (nl, nr, nb, nt), (dl, dr, db, dt) = _box(name), _box(dot)
        distance = np.hypot(max(nl - dr, dl - nr, 0), max(nb - dt, db - nt, 0))
        if distance > NEAR:
            far.append((name.get_tex_string(), round(float(distance), 2)))
    assert not far, far


def test_the_critical_batch_size_name_clears_the_curve_legend(scene):
    pareto = scene.drawn["pareto"]
    if not scene.entry.research or len(pareto["critical"]) < 2:
        pytest.skip("no critical batch size drawn (no research page, or no fit)")
    name, legend = pareto["critical"][1], pareto["fit"][1]
    assert _apart(name, legend, GAP), (name.text, legend.text)
