"""The paths scene's layout: the title at its full size across the top, above the curve panel, and the bound note
(2/λ_max formulas) inside the frame with a margin at the bottom, however long the legend. Built from the scene's
own panel methods (no frames rendered)."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import config, tempconfig

from scenes.kinds.paths.scene import PathsScene
from scenes.kinds.style import TITLE_SIZE, label
from scenes.pipeline import tex_cache
from scenes.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
MARGIN = 0.45  # at least this far from the frame's bottom edge (frame units; the frame is 8 tall)


@pytest.fixture(autouse=True)
def own_media(tmp_path):
    # formulas from the test run's shared TeX cache, as every render takes them (compiled one by one into this
    # media folder, they were 8 of a case's 10 s)
    tex_cache.install()
    with tempconfig({"media_dir": str(tmp_path / "media"), "verbosity": "ERROR"}):
        yield


def panels(scenario, index: int, language: str):
    entry = scenario.lesson[index]
    scene = PathsScene(scenario=scenario, entry=entry, language=language)
    plan = scene.plan()
    title = scene.surface_panel(plan)[0]
    _, curve_decor, clock_end, to_curve = scene.curve_panel(plan)
    paths = scene.build_paths(plan, clock_end, to_curve)
    legend = scene.legend(paths, curve_decor)[0]
    note = scene.bound_note(plan, paths, legend)[1]
    return title, curve_decor, legend, note


def assert_inside(mob, margin: float = MARGIN):
    bottom, top = mob.get_bottom()[1], mob.get_top()[1]
    left, right = mob.get_left()[0], mob.get_right()[0]
    assert bottom >= -config.frame_height / 2 + margin - 1e-6, bottom
    assert top <= config.frame_height / 2 and -config.frame_width / 2 <= left and right <= config.frame_width / 2


@pytest.mark.parametrize("name, language", [("seed_advanced_en.yaml", "en"), ("seed_advanced.yaml", "zh")])
def test_the_bound_note_keeps_a_margin_and_the_title_its_size(name, language):
    sc = load_scenario(ROOT / "scenarios" / name)
    for index, entry in enumerate(sc.lesson):
        if entry.scene != "paths":
            continue
        title, curve_decor, legend, note = panels(sc, index, language)
        assert note is not None  # the advanced lesson draws the formulas
        assert_inside(note)
        assert note.get_top()[1] <= legend.get_bottom()[1]  # below the legend, not over it
        natural = label(title.text, TITLE_SIZE, weight="BOLD")
        assert title.height == pytest.approx(natural.height, rel=1e-3), "the title was shrunk"
        assert title.get_bottom()[1] > curve_decor.get_top()[1]  # above the curve panel


def test_a_six_run_legend_leaves_the_note_room_inside_the_frame(tmp_path):
    path = tmp_path / "six.yaml"
    runs = "\n".join(f"  r{k}: {{batch_size: {size}, epochs: 2}}" for k, size in enumerate((1, 1, 2, 2, 4, 8)))
    path.write_text(f"""id: six
language: en
title: {{en: "Six runs"}}
init: {{w: 0.1, b: 0.2}}
learning_rate: 0.02
data: {{x: [1, 2, 3, 4, 5, 6, 7, 8], y: [0, 0, 0, 0, 0, 1, 1, 1]}}
runs:
{runs}
lesson:
  - {{scene: paths, runs: [r0, r1, r2, r3, r4, r5]}}
""", encoding="utf-8")
    title, _, legend, note = panels(load_scenario(path), 0, "en")
    assert len(note) == 2  # both formulas: 0.02 is above the steepest single sample's limit 1/65
    assert_inside(note)
    assert_inside(legend)
    assert note.get_top()[1] <= legend.get_bottom()[1]


def test_plain_words_draw_no_note():
    sc = load_scenario(ROOT / "scenarios" / "seed_en.yaml")
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == "paths")
    assert panels(sc, index, "en")[3] is None
