"""The basins scene: rendered tiny, its outcome sentence follows the measured study (both ways), and `check`
refuses what it cannot compute."""

from __future__ import annotations

import subprocess
import sys
from unittest import mock

import manim
import numpy as np
import pytest
from manim import DL, UR

from mathcore.basin_map import start_maps
from scenes.pipeline.script import entry_script
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from tests.conftest import ROOT, render_all_tiny

DATA = ("{x: [-2.6, -2.0, -1.4, -0.5, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5], "
        "y: [0.9, 2.5, 0.9, 0.0, 0.3, 0.5, 0.6, 0.6, 0.6, 0.5, 0.3]}")


def basins_scenario(init: str, lr: str, runs: int = 60, held_out: str = "", language: str = "en") -> str:
    return (f"id: basins-test\nlanguage: {language}\ntitle: {{{language}: \"Basins\"}}\nmodel: bump\nloss: mse\n"
            f"init: {init}\nlearning_rate: {lr}\ndata: {DATA}\nruns: {{r: {{batch_size: 1}}}}\n"
            f"lesson:\n  - {{scene: basins, batch_sizes: [1, 11], runs: {runs}, epochs: 30{held_out}}}\n")


@pytest.fixture(scope="module")
def explores(tmp_path_factory):
    """The basins scene where batch size 1 explores, then the summary after it (one study for both)."""
    text = basins_scenario("{w: 1, b: -1}", "0.6", held_out=", held_out: {x: [-2.0, 2.0], y: [0.0, 0.6]}")
    sc, (basins, summary) = render_all_tiny(tmp_path_factory, "explores",
                                            text + "  - {scene: summary, runs: [r], batch_sizes: [1, 4]}\n")
    return sc, [basins], summary


@pytest.fixture(scope="module")
def same(tmp_path_factory):
    # with a grid of starts: the map is drawn, and at this gentle rate it shows no difference between the sizes
    return render_all_tiny(tmp_path_factory, "same", basins_scenario("{w: 0.8, b: 1.5}", "0.1",
                                                                     held_out=", grid: 3, grid_runs: 4"))


def said(rendered) -> str:
    return " ".join(rendered.subtitles)


def test_small_batch_found_the_flat_minimum_more_often_and_the_scene_says_so(explores):
    sc, [rendered], _ = explores
    assert "sub_basins_small_batch_finds_flat_more_often_true" in rendered.keys
    assert "sub_basins_same_minimum" not in rendered.keys
    assert "sub_basins_held_out" in rendered.keys
    text = said(rendered)
    assert "ended in the flat minimum" in text and "noise carried it out" in text
    # started in the sharp basin: the time before escaping it is shown (its numbers checked in the test below)
    assert any("left the sharp basin" in t for t in rendered.texts)


def test_both_batch_sizes_in_the_same_minimum_and_the_scene_says_so(same):
    sc, [rendered] = same
    assert "sub_basins_same_minimum" in rendered.keys
    assert not any(k.startswith("sub_basins_small_batch_finds_flat_more_often") for k in rendered.keys)
    assert "end in the same, flat minimum" in said(rendered)
    assert "noise only slows" in said(rendered)
    assert "sub_basins_held_out_none" in rendered.keys


def test_map_showing_no_difference_is_said_so(same):
    """The variant's map, recounted here from the study's per-start shares: both batch sizes reach the flat minimum
    from as many starts, so the map beat is the predicate's false wording (and says the two counts)."""
    sc, [rendered] = same
    study = lesson_of(sc).basin_study(sc.lesson[0])
    small, large = (int((m.flat_share > 0.5).sum()) for m in start_maps(study))
    assert abs(small - large) / 9 < 0.05  # MAP_SAME_STARTS: no difference
    assert "sub_basins_map_false" in rendered.keys
    text = said(rendered)
    assert "does not find it from more places" in text
    assert f"flat minimum from {small} starts, those of batch size = 11 from {large}" in text


def check(tmp_path, text: str) -> subprocess.CompletedProcess:
    path = tmp_path / "lesson.yaml"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "check", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_refuses_a_study_over_budget(tmp_path):
    done = check(tmp_path, basins_scenario("{w: 1, b: -1}", "0.6", runs=5000).replace("epochs: 30", "epochs: 1000"))
    assert done.returncode == 2
    assert "budget" in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_check_refuses_basins_on_a_convex_model(tmp_path):
    text = basins_scenario("{w: 1, b: -1}", "0.6").replace("model: bump\n", "model: linear\n")
    done = check(tmp_path, text)
    assert done.returncode == 2
    assert "model: bump" in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_narrates_only_with_its_declared_beats(explores, same):
    from scenes.scenario.kind import kinds

    for _sc, [rendered], *_ in (explores, same):
        used = {key for key in rendered.keys if key.startswith("sub_")}
        assert used and used <= kinds()["basins"].beat_keys()


@pytest.fixture(scope="module")
def other_scenes(tmp_path_factory):
    # the basins entry is cut: a basins scene with held-out samples (`explores`) and one without (`same`) run above
    text = basins_scenario("{w: 1, b: -1}", "0.6").replace(
        "lesson:\n", "lesson:\n  - {scene: setup}\n  - {scene: paths, runs: [r]}\n  - {scene: surface3d, runs: [r]}\n"
                     "  - {scene: noise, batch_sizes: [1, 4]}\n")
    return render_all_tiny(tmp_path_factory, "bump_others", text[:text.index("  - {scene: basins")])


def test_setup_paths_surface3d_and_noise_draw_the_bump_model(other_scenes):
    from mathcore.minima import find_minima

    sc, rendered = other_scenes
    assert [e.scene for e in sc.lesson][:4] == ["setup", "paths", "surface3d", "noise"]
    assert "sub_setup_bump" in rendered[0].keys
    # the paths scene's star is the lowest minimum (here the spike's), found again here over a wide window
    x = np.array([float(v) for v in sc.dataset.x])
    y = np.array([float(v) for v in sc.dataset.y])
    lowest = min(find_minima(x, y, (-6, 6), (-5, 5)), key=lambda m: m.loss)
    said = " ".join(rendered[1].subtitles)
    assert f"≈{lowest.w:.3g}" in said and f"≈{lowest.b:.3g}".replace("-", "−") in said  # said with three digits
    # a non-convex loss: the star is the lowest minimum found, never "the optimum" nor "the lowest possible loss"
    assert "sub_surface_lowest_found" in rendered[1].keys and "sub_surface" not in rendered[1].keys
    assert "lowest minimum the search found" in said
    assert "optimum (w, b)" not in said and "lowest possible loss" not in said


@pytest.fixture(scope="module")
def paths_from_flat(tmp_path_factory):
    text = basins_scenario("{w: 0.8, b: 1.5}", "0.4").replace("lesson:\n", "lesson:\n  - {scene: paths, runs: [r]}\n")
    text = text[:text.index("  - {scene: basins")]
    return render_all_tiny(tmp_path_factory, "bump_paths_flat", text)


def test_paths_on_bump_says_where_the_run_ended_by_its_own_descent(paths_from_flat):
    """Started on the broad hump, the batch-size-1 run's last point, redone here in plain Python, lies in another
    minimum's valley than the lowest one's (full-batch descent from it, as the test computes it): the narration
    says so, rather than that it did not get close "in this many steps"."""
    from scenes.scenario.lesson import lesson_of
    from tests.test_basin_study import ref_basin, ref_grad_formula

    sc, rendered = paths_from_flat
    rendered = [None, *rendered]  # rendered[1]: the paths scene
    xs, ys = [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]
    lr, (w, b) = float(sc.learning_rate), (float(sc.init.w), float(sc.init.b))
    steps = len(lesson_of(sc).trajectory("r").w) - 1  # only how many steps; the run is redone below
    for k in range(steps):  # sequential order (no `order` given): one sample per step, in file order
        i = k % len(xs)
        gw, gb = ref_grad_formula(w, b, [xs[i]], [ys[i]])
        w, b = w - lr * gw, b - lr * gb
    from mathcore.minima import find_minima

    minima = find_minima(np.array(xs), np.array(ys), (-6, 6), (-5, 5))
    lowest = min(range(len(minima)), key=lambda k: minima[k].loss)
    ended = ref_basin(w, b, xs, ys, [(m.w, m.b, m.sharpness) for m in minima])
    said = " ".join(rendered[1].subtitles)
    assert ended not in (-1, lowest)  # it stays on the broad hump, whose minimum is not the lowest
    assert "ended in the valley of another minimum" in said and "in this many steps" not in said



def nearest_minimum(w, b, minima, span):
    """The index of the minimum nearest (w, b), distances in window units (w, b: numbers or arrays of runs)."""
    distances = [((w - mw) / span[0]) ** 2 + ((b - mb) / span[1]) ** 2 for mw, mb, _ in minima]
    return np.argmin(np.array(distances), axis=0)


def bump_gradient(w, b, xs, ys):
    """tests/test_basin_study.py's chain rule by hand (ref_grad_formula), for every run at once: w, b (runs,),
    xs, ys (runs x batch); each sample's terms as there, summed with numpy over the batch."""
    w, b = w[:, None], b[:, None]
    e = np.exp(-(xs - b) ** 2)
    r = w * e - ys
    return (2 * r * e).sum(axis=1) / xs.shape[1], (2 * r * w * e * 2 * (xs - b)).sum(axis=1) / xs.shape[1]


def basins_reached(ends, xs, ys, minima, steps=3000, tolerance=1e-3) -> list[int]:
    """tests/test_basin_study.py's ref_basin for every end point at once: which minimum full-batch gradient descent
    from it reaches (-1: none), at min(0.1, 1 / the largest sharpness)."""
    rate = min(0.1, 1.0 / max(m[2] for m in minima))
    w, b = np.array([p[0] for p in ends]), np.array([p[1] for p in ends])
    x, y = np.tile(xs, (len(ends), 1)), np.tile(ys, (len(ends), 1))
    for _ in range(steps):
        gw, gb = bump_gradient(w, b, x, y)
        w, b = w - rate * gw, b - rate * gb
    found = [-1] * len(ends)
    for k, (mw, mb, _) in reversed(list(enumerate(minima))):  # the first minimum within tolerance, as ref_basin
        for r in np.flatnonzero((abs(w - mw) < tolerance) & (abs(b - mb) < tolerance)):
            found[r] = k
    return found


def test_every_number_drawn_or_said_is_one_computed_here(explores):
    """Each number of the basins scene matches one computed in this test: minima and sharpness by finite differences,
    the shares of runs redone in plain Python with the study's documented permutations, their Wilson intervals
    from the quadratic, the held-out loss of the end points."""
    import math

    from tests.test_basin_study import ref_grad, ref_grad_formula, ref_hessian, ref_loss
    from tests.test_drawn_numbers import unexplained_numbers

    sc, [rendered], _ = explores
    e = sc.lesson[0]
    xs, ys = [float(v) for v in sc.dataset.x], [float(v) for v in sc.dataset.y]
    n, lr, start = len(xs), float(sc.learning_rate), (float(sc.init.w), float(sc.init.b))
    # the minima: gradient descent from a coarse grid, then Newton steps on the finite-difference Hessian
    minima = []
    for w0 in np.linspace(-1, 3, 5):
        for b0 in np.linspace(-4, 4, 9):
            w, b = w0, b0
            for _ in range(400):
                gw, gb = ref_grad_formula(w, b, xs, ys)
                w, b = w - 0.1 * gw, b - 0.1 * gb
            for _ in range(10):
                h = ref_hessian(w, b, xs, ys)
                if np.linalg.eigvalsh(h)[0] <= 0:
                    break
                dw, db = np.linalg.solve(h, np.array(ref_grad(w, b, xs, ys)))
                w, b = w - dw, b - db
            if (np.linalg.eigvalsh(ref_hessian(w, b, xs, ys))[0] > 1e-6 and max(map(abs, ref_grad(w, b, xs, ys))) < 1e-7
                    and not any(abs(w - m[0]) < 1e-4 and abs(b - m[1]) < 1e-4 for m in minima)):
                minima.append((w, b, float(np.linalg.eigvalsh(ref_hessian(w, b, xs, ys))[-1])))
    minima.sort(key=lambda m: m[2])
    expected = {float(len(minima)), lr, *start, float(e.runs), 90.0, 100.0, 0.0}
    for w, b, sharp in minima:
        expected |= {w, b, sharp}
    z = 1.6448536269514722
    hx, hy = e.held_out.x, e.held_out.y
    x, y = np.array(xs), np.array(ys)
    for size in e.batch_sizes:
        expected.add(float(size))
        rng = np.random.default_rng(e.seed + size)
        w, b = np.full(e.runs, start[0]), np.full(e.runs, start[1])
        # the step each run first lay nearer another minimum than the sharpest (distances in window units)
        sharpest = max(range(len(minima)), key=lambda k: minima[k][2])
        span = (e.w_range[1] - e.w_range[0], e.b_range[1] - e.b_range[0])
        left = np.zeros(e.runs, dtype=int)
        for epoch in range(e.epochs):
            table = rng.permuted(np.tile(np.arange(n), (e.runs, 1)), axis=1)
            for j, s in enumerate(range(0, n, size)):  # every run's step j of the epoch at once
                idx = table[:, s:s + size]
                gw, gb = bump_gradient(w, b, x[idx], y[idx])
                w, b = w - lr * gw, b - lr * gb
                left[(left == 0) & (nearest_minimum(w, b, minima, span) != sharpest)] = epoch * math.ceil(n / size) + j + 1
        ends = list(zip(w.tolist(), b.tolist()))
        escaped = [int(v) for v in left if v]
        expected |= {float(len(escaped)), float(e.runs - len(escaped))}
        # the median over all runs (never-left ones last) and its order-statistic 90% interval: ranks j..n+1-j,
        # the widest-j pair whose binomial(n, 1/2) coverage is still >= 0.9
        times = sorted(escaped) + [math.inf] * (e.runs - len(escaped))
        nr = len(times)
        j = max((j for j in range(1, nr // 2 + 1)
                 if 1 - 2 * sum(math.comb(nr, i) for i in range(j)) / 2 ** nr >= 0.9), default=None)
        if j is not None:
            median = (times[(nr - 1) // 2] + times[nr // 2]) / 2
            expected |= {t for t in (times[j - 1], times[nr - j]) if t != math.inf}
            if math.isfinite(median) and math.isfinite(times[nr - j]):  # said to the unit its interval supports
                half = (times[nr - j] - times[j - 1]) / 2
                unit = 10 ** max(0, math.floor(math.log10(half))) if half >= 1 else 1
                expected.add(float(math.floor(median / unit + 0.5) * unit))
            expected.add(float(nr))
        near = basins_reached(ends, xs, ys, minima)
        for k in [*range(len(minima)), -1]:
            p_hat = near.count(k) / e.runs
            a, bq, c = 1 + z * z / e.runs, -(2 * p_hat + z * z / e.runs), p_hat * p_hat
            disc = math.sqrt(max(bq * bq - 4 * a * c, 0.0))
            expected |= {100 * p_hat, 100 * (-bq - disc) / (2 * a), 100 * (-bq + disc) / (2 * a)}
        expected.add(float(np.mean([ref_loss(ew, eb, hx, hy) for ew, eb in ends])))
    unexplained = unexplained_numbers(rendered, expected, True)
    assert not unexplained, unexplained


def test_summary_says_explores_only_as_the_basins_scene_measured(explores):
    """The summary after the `explores` basins scene (whose outcome the test above checks against its own
    simulation): it says small batches explore, with the measured shares, and only then."""
    sc, [basins], summary = explores
    assert "sub_basins_small_batch_finds_flat_more_often_true" in basins.keys
    assert "sub_summary_explores_true" in summary.keys
    said = " ".join(summary.subtitles)
    assert "Here small batches explore" in said and "ended in the flat minimum" in said


def texts_on_screen(scene) -> list:
    """Every visible Text of the scene now (faded-out ones skipped)."""
    shown = []
    for top in scene.mobjects:
        for mob in top.get_family():
            if isinstance(mob, manim.Text) and mob.family_members_with_points():
                if max(g.get_fill_opacity() for g in mob.family_members_with_points()) >= 0.05:
                    shown.append(mob)
    return shown


def overlapping_texts(scene) -> list[tuple[str, str]]:
    """Pairs of visible texts whose boxes overlap (shrunk by 0.02 units: touching letters' boxes may share an edge)."""
    boxes = [(t.text, t.get_corner(DL) + 0.02, t.get_corner(UR) - 0.02) for t in texts_on_screen(scene)]
    return [(a, c) for i, (a, a0, a1) in enumerate(boxes) for c, c0, c1 in boxes[i + 1:]
            if a0[0] < c1[0] and c0[0] < a1[0] and a0[1] < c1[1] and c0[1] < a1[1]]


@pytest.mark.render
@pytest.mark.parametrize("language", ["zh", "en"])
def test_shipped_basins_texts_never_overlap(tmp_path, language):
    """After every animation of the shipped basins scene (bars, escape times, then the map), no two texts overlap:
    the 100% label once touched the bars' title when the column rose to make room for the wrapped escape times."""
    sc = load_scenario(ROOT / "scenarios" / "basins.yaml")
    index = next(i for i, e in enumerate(sc.lesson) if e.scene == "basins")
    found: list = []
    play = manim.Scene.play

    def recording_play(self, *args, **kwargs):
        result = play(self, *args, **kwargs)
        found.extend(overlapping_texts(self))
        return result

    with mock.patch.object(manim.Scene, "play", recording_play):
        entry_script(sc, index, language)  # every animation played, no frame painted: positions need no pixels
    assert not found, sorted(set(found))
