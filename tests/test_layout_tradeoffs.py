"""The trade-offs scene's layout: each batch size's name in the steps-against-samples plot stands clear of every
dot, error bar and other name, and the closing advice sits well away from the frame's bottom edge (where subtitles
are shown).

Read from the shipped lessons' shared dry runs (tests/helpers_script.py), which keep the scene's ``drawn`` as it
ended, as boxes (tests/helpers_drawn.py)."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, entry_index
from tests.helpers_drawn import Shape

pytestmark = pytest.mark.render  # reads the shipped lessons' dry runs (minutes, once per test run)

GAP = 0.05  # scene units (7 px at 1080p): the least air between a name and anything else in the plot
NEAR = 0.5  # scene units: a name this close to its dot reads as its
BOTTOM_BAND = 1.2  # the bottom 15% of the 8-unit frame: burned subtitles cover it
FRAME_HEIGHT = 8.0  # scene units: manim's frame at any resolution


def _box(mob: Shape) -> tuple[float, float, float, float]:
    return mob.left, mob.right, mob.bottom, mob.top


def _apart(a: Shape, b: Shape, gap: float) -> bool:
    (al, ar, ab, at), (bl, br, bb, bt) = _box(a), _box(b)
    return al >= br + gap or bl >= ar + gap or ab >= bt + gap or bb >= at + gap


@pytest.fixture(scope="module", params=["seed_en.yaml", "seed_advanced_en.yaml"])
def scene(request, shipped_scripts) -> tuple[dict, object]:
    """(what the scene kept in ``drawn`` when it ended, as boxes; its lesson entry)."""
    sc = load_scenario(SCENARIOS / request.param)
    index = entry_index(sc, "tradeoffs")
    return shipped_scripts.get(SCENARIOS / request.param).drawn[index], sc.lesson[index]


def test_batch_size_names_stand_clear_of_every_mark_and_name(scene):
    points = scene[0]["pareto"]["points"]
    assert len(points) >= 3  # the seed's study reaches the target with several batch sizes
    names = [point[2] for point in points]
    marks = [m for point in points for m in (point[1], *point[0])]  # dots and each error-bar line
    crowded = [(name.text, "mark") for name in names for mark in marks if not _apart(name, mark, GAP)]
    crowded += [(a.text, b.text) for i, a in enumerate(names) for b in names[i + 1:]
                if not _apart(a, b, GAP)]
    assert not crowded, crowded


def test_batch_size_names_stay_inside_the_plot(scene):
    frame = scene[0]["pareto"]["frame"][0]
    left, right, bottom, top = _box(frame)
    for point in scene[0]["pareto"]["points"]:
        l_, r_, b_, t_ = _box(point[2])
        assert left <= l_ and r_ <= right and bottom <= b_ and t_ <= top, point[2].text


def test_the_advice_stays_out_of_the_subtitle_band(scene):
    assert scene[0]["advice"].bottom >= -FRAME_HEIGHT / 2 + BOTTOM_BAND


def test_each_name_stands_beside_its_own_point(scene):
    far = []
    for _bars, dot, name in scene[0]["pareto"]["points"]:
        (nl, nr, nb, nt), (dl, dr, db, dt) = _box(name), _box(dot)
        distance = np.hypot(max(nl - dr, dl - nr, 0), max(nb - dt, db - nt, 0))
        if distance > NEAR:
            far.append((name.text, round(float(distance), 2)))
    assert not far, far


def test_the_critical_batch_size_name_clears_the_curve_legend(scene):
    drawn, entry = scene
    pareto = drawn["pareto"]
    if not entry.research or len(pareto["critical"]) < 2:
        pytest.skip("no critical batch size drawn (no research page, or no fit)")
    name, legend = pareto["critical"][1], pareto["fit"][1]
    assert _apart(name, legend, GAP), (name.text, legend.text)
