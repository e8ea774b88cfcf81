"""Hostile and careless inputs that need files, devices or the command line (the YAML-only ones live in
tests/bad_scenarios): every one is refused with exit status 2 and one line, or accepted and then works."""

from __future__ import annotations

import os
import re
import threading
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from scenes.scenario.errors import ScenarioError
from scenes.scenario.lesson import lesson_of
from scenes.scenario.loader import load_scenario
from tests.helpers_cli import batchviz_here
from tests.test_pipeline import SIZE, batchviz

LESSON = """id: robust
language: en
title: {{en: "{title}"}}
init: {{w: 0.1, b: 0.2}}
learning_rate: {lr}
data: {data}
runs:
  small: {{batch_size: 2{run}}}
lesson:
  - scene: setup
  - {{scene: step, run: small, step: {step}}}
"""


def scenario(tmp_path: Path, title="Robust", lr="0.1", data="{x: [1, 2, 3, 4], y: [0, 0, 1, 1]}", run=", epochs: 1",
             step=1, name="robust.yaml") -> Path:
    path = tmp_path / name
    path.write_text(LESSON.format(title=title, lr=lr, data=data, run=run, step=step), encoding="utf-8")
    return path


def refused(result, *, file: str, needle: str) -> None:
    """Exit 2, no traceback, and an error line FILE:LINE:COL: ... containing ``needle``."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(re.match(rf"{re.escape(file)}:\d+:\d+: ", line) and needle in line for line in lines), result.stderr


# The scenario file itself. Files whose reading would block or never end are given to a real `batchviz` process,
# which the timeout stops; the other commands run in this process (tests/helpers_cli.py).
def test_fifo_scenario_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = batchviz("check", str(fifo), timeout=30)  # reading it would block forever
    refused(result, file=str(fifo), needle="not a regular file")


def test_scenario_linked_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    result = batchviz("check", str(link), timeout=30)  # reading it would never end
    refused(result, file=str(link), needle="not a regular file")


def test_a_folder_as_scenario(tmp_path):
    result = batchviz_here("list", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr


# The CSV file
def csv_scenario(tmp_path: Path, csv_name: str = "data.csv") -> Path:
    return scenario(tmp_path, data=f"{{csv: {csv_name}}}")


def test_fifo_csv_is_refused(tmp_path):
    os.mkfifo(tmp_path / "data.csv")
    path = csv_scenario(tmp_path)
    refused(batchviz("check", str(path), timeout=30), file=str(path), needle="not a regular file")


def test_csv_linked_to_dev_zero_is_refused(tmp_path):
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "data.csv").symlink_to(tmp_path / "zero")  # a link beside the scenario, to a device
    path = csv_scenario(tmp_path)
    refused(batchviz("check", str(path), timeout=30), file=str(path), needle="data.csv:")


def test_sparse_two_gigabyte_csv_is_refused_by_its_size(tmp_path):
    with open(tmp_path / "data.csv", "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: no disk used, but reading it whole would take 2 GB
    path = csv_scenario(tmp_path)
    refused(batchviz("check", str(path), timeout=30), file=str(path), needle="byte limit")


def test_csv_with_a_megabyte_line_names_its_line(tmp_path):
    (tmp_path / "data.csv").write_text("x,y\n1,0\n" + "9" * 1_000_000 + ",1\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="data.csv line 3"):
        load_scenario(csv_scenario(tmp_path))


def test_csv_cell_with_a_huge_exponent_names_its_line(tmp_path):
    (tmp_path / "data.csv").write_text("x,y\n1,0\n1e100000000,1\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"data.csv line 3: 1e100000000 is too large: lessons use sizes of at least"):
        load_scenario(csv_scenario(tmp_path))


def test_csv_with_a_byte_order_mark_loads(tmp_path):
    (tmp_path / "data.csv").write_bytes("x,y\n1,0\n2.5,0\n3,1\n".encode("utf-8-sig"))
    sc = load_scenario(csv_scenario(tmp_path))
    assert sc.dataset.x == (1, Fraction(5, 2), 3)


# Numbers as YAML 1.2 reads them
def test_exponent_without_a_dot_is_a_number(tmp_path):
    sc = load_scenario(scenario(tmp_path, lr="1e-3"))
    assert sc.problem().lr == Fraction(1, 1000)


def test_dates_and_yaml11_words_are_text(tmp_path):
    sc = load_scenario(scenario(tmp_path, title="2024-01-01").parent / "robust.yaml")
    assert sc.title.en == "2024-01-01"
    path = scenario(tmp_path).with_name("yes.yaml")
    path.write_text(scenario(tmp_path).read_text().replace('title: {en: "Robust"}', "title: {en: yes}"))
    assert load_scenario(path).title.en == "yes"


# Runs
def test_steps_without_epochs_run_as_many_epochs_as_needed(tmp_path):
    # 4 samples in batches of 2 make 2 steps an epoch; `steps: 5` alone means five steps (three epochs)
    sc = load_scenario(scenario(tmp_path, run=", steps: 5", step=5))
    walk = lesson_of(sc).walkthrough("small")
    assert walk.total_steps == 5 and walk.step(5).epoch == 3
    assert lesson_of(sc).trajectory("small").steps == 5


def test_exact_steps_give_way_to_float64_and_agree_with_it():
    """A long run is exact while its fractions are small, then float64; both agree with a float reference."""
    from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough

    x = tuple(Fraction(v) for v in range(1, 9))
    y = tuple(Fraction(int(v > 5)) for v in range(1, 9))
    problem = Problem("linear", "mse", Dataset(x, y), Params(Fraction(1, 10), Fraction(1, 5)), Fraction(1, 100))
    walk = run_walkthrough(problem, BatchSchedule(1), epochs=60)
    exact = [s.exact for s in walk.steps]
    assert exact[0] and not exact[-1] and exact == sorted(exact, reverse=True)  # exact first, then float
    # independent float64 reference: plain per-sample SGD
    w, b = 0.1, 0.2
    for k in range(60 * 8):
        xi, yi = float(x[k % 8]), float(y[k % 8])
        r = w * xi + b - yi
        w, b = w - 0.01 * 2 * r * xi, b - 0.01 * 2 * r
    assert float(walk.steps[-1].w_after) == pytest.approx(w, rel=1e-9)
    assert float(walk.steps[-1].b_after) == pytest.approx(b, rel=1e-9)
    first_float = exact.index(False)
    bits = max(walk.steps[first_float - 1].w_after.denominator.bit_length(),
               walk.steps[first_float - 1].b_after.denominator.bit_length())
    from mathcore.walkthrough import EXACT_BITS

    assert bits > EXACT_BITS  # it went on exactly until the fractions were large


# The command line
def test_markup_in_a_title_is_printed_as_text(tmp_path):
    path = scenario(tmp_path, title="[/bold] lesson [red]")
    result = batchviz_here("list", str(path))
    assert result.returncode == 0, result.stderr
    assert "[/bold] lesson [red]" in result.stdout


def test_control_characters_in_a_path_are_escaped(tmp_path):
    name = tmp_path / "\x1b]0;pwned\x07.yaml"
    result = batchviz_here("check", str(name))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\\x1b" in result.stderr


@pytest.mark.parametrize("out", ["/proc/batchviz", "/sys/batchviz", "file", "new\nline"])
def test_unusable_out_folders_are_refused_before_rendering(tmp_path, out):
    path = scenario(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    result = batchviz_here("render", str(path), "--out", out, "--size", SIZE, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("--out ") and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "robust.yaml"]  # nothing written


@pytest.mark.parametrize("option", [["--gif-fps", "nan"], ["--size", "0x0@0"], ["--size", "161x90@5"]])
def test_bad_numbers_on_the_command_line(tmp_path, option):
    result = batchviz_here("render", str(scenario(tmp_path)), "--out", str(tmp_path / "out"), *option)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.render
def test_every_listed_scene_name_is_accepted_by_render(tmp_path):
    from scenes.scenario.lesson_plan import scene_names

    sc = load_scenario(scenario(tmp_path))
    listed = batchviz_here("list", str(tmp_path / "robust.yaml")).stdout
    for name in scene_names(sc):
        assert name in listed
    result = batchviz_here("render", str(tmp_path / "robust.yaml"), "--scene", scene_names(sc)[0], "--format", "png",
                      "--size", SIZE, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr


# Outputs
def test_a_second_render_into_the_same_folder_waits_for_the_first(tmp_path):
    from scenes.pipeline.render_lock import render_lock

    waited = threading.Event()
    order = []
    with render_lock(tmp_path):
        def second():
            with render_lock(tmp_path, on_wait=waited.set):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(10)  # it saw the lock taken
        time.sleep(0.2)
        order.append("first done")
    thread.join(10)
    assert order == ["first done", "second"]


def test_two_renders_at_once_both_finish(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = scenario(tmp_path)
    # the set-up scene alone, one scene at a time (--jobs 1): the two processes and their lock are under test, not
    # the step scene's render or a pool; each starts for seconds, the first then holds the lock while it renders
    path.write_text(path.read_text(encoding="utf-8").replace("  - {scene: step, run: small, step: 1}\n", ""),
                    encoding="utf-8")
    cmd = [sys.executable, "-m", "scenes.pipeline.cli", "render", str(path), "--size", SIZE, "--out", str(tmp_path / "out"),
           "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], results
    video = tmp_path / "out" / "robust" / "robust_en.mp4"
    from tests.helpers_render import decode_frames

    assert len(decode_frames(video)) > 0


# Templates
def test_literal_braces_and_placeholders_in_a_text_override(tmp_path):
    path = scenario(tmp_path)
    path.write_text(path.read_text() + 'texts:\n  en:\n    sub_loss: "loss {{exact}} = {loss}"\n', encoding="utf-8")
    sc = load_scenario(path)
    assert lesson_of(sc).text("sub_loss", loss="0.25") == "loss {exact} = 0.25"


def test_every_text_key_has_the_same_placeholders_in_every_language():
    import yaml

    from scenes.scenario.locale import LOCALE_DIR
    from scenes.scenario.text_template import placeholders

    zh = yaml.safe_load((LOCALE_DIR / "zh.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((LOCALE_DIR / "en.yaml").read_text(encoding="utf-8"))
    assert set(zh) == set(en)
    assert {k: placeholders(zh[k]) for k in zh} == {k: placeholders(en[k]) for k in en}


def test_worked_steps_past_float_range_do_not_raise():
    """Numbers past float range become inf or nan, not an exception, and every step is recorded."""
    from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough

    problem = Problem("linear", "mse", Dataset((Fraction(1000),), (Fraction(0),)), Params(Fraction(1), Fraction(0)),
                      Fraction(10))
    walk = run_walkthrough(problem, BatchSchedule(1), epochs=200)
    w, b, first = 1.0, 0.0, None
    for t in range(1, 201):  # float reference: one sample x = 1000, y = 0, lr = 10; start loss 1000^2
        r = 1000 * w + b
        w, b = w - 10 * 2 * r * 1000, b - 10 * 2 * r
        if first is None and (max(abs(w), abs(b)) > 1e12 or (1000 * w + b) ** 2 > 1e6 * 1000**2):
            first = t
    assert len(walk.steps) == 200 and walk.diverged_at == first
    assert not np.isfinite(float(walk.steps[-1].w_after))


# Large datasets in the noise pictures
def test_comb_exceeds_agrees_with_math_comb():
    import math

    from mathcore.noise import comb_exceeds

    for n in range(1, 30):
        for k in range(0, n + 1):
            for limit in (1, 10, 300, 10**6):
                assert comb_exceeds(n, k, limit) == (math.comb(n, k) > limit), (n, k, limit)
    assert comb_exceeds(100_000, 50_000, 10**6)  # answers at once, without the 30,000-digit binomial


def test_large_populations_use_float64_and_agree_with_exact_sums():
    from mathcore import Dataset, Params, Problem
    from mathcore.noise import MAX_EXACT_POPULATION, minibatch_noise, per_sample_gradients

    n = MAX_EXACT_POPULATION + 1
    x = tuple(Fraction(i % 97, 10) for i in range(n))
    y = tuple(Fraction(i % 2) for i in range(n))
    problem = Problem("linear", "mse", Dataset(x, y), Params(Fraction(1, 10), Fraction(1, 5)), Fraction(1, 10))
    grads = per_sample_gradients(problem, problem.init.w, problem.init.b)
    assert isinstance(grads[0][0], float)
    exact = [(2 * (Fraction(1, 10) * xi + Fraction(1, 5) - yi) * xi, 2 * (Fraction(1, 10) * xi + Fraction(1, 5) - yi))
             for xi, yi in zip(x, y)]
    mean_w = sum(g[0] for g in exact) / n
    var_w = sum((g[0] - mean_w) ** 2 for g in exact) / n * Fraction(n - 10, 10 * (n - 1))
    noise = minibatch_noise(grads, 10)
    assert noise.mean[0] == pytest.approx(float(mean_w), rel=1e-12)
    assert noise.covariance[0][0] == pytest.approx(float(var_w), rel=1e-9)


def test_batch_cloud_of_a_large_population_is_drawn_from_it():
    from mathcore.noise import batch_gradient_cloud, drawn_population

    rng = np.random.default_rng(3)
    grads = [tuple(v) for v in rng.normal(size=(50_000, 2)).tolist()]
    cloud = batch_gradient_cloud(grads, 10_000, max_points=50)
    assert len(cloud) == 50
    means = np.array(cloud)
    # batch means of 10,000 of 50,000 standard normals: sd = sqrt((N-B)/(B(N-1))) ~ 0.0089
    assert np.all(np.abs(means) < 6 * np.sqrt((50_000 - 10_000) / (10_000 * 49_999)))
    assert len(drawn_population(list(range(50_000)))) == 400 and drawn_population([1, 2]) == [1, 2]


def test_thinned_paths_keep_their_ends_and_the_curve_envelope():
    from mathcore.view import envelope_indices, thin_indices

    assert list(thin_indices(5, 10)) == [0, 1, 2, 3, 4]
    idx = thin_indices(150_001, 3_000)
    assert idx[0] == 0 and idx[-1] == 150_000 and len(idx) <= 3_000 and np.all(np.diff(idx) > 0)
    # a curve oscillating with period 8 (as a batch-size-1 run over 8 samples does): every extreme survives
    t = np.arange(150_000)
    curve = 1.0 + (t % 8) * 0.1 - t * 1e-7
    kept = envelope_indices(curve, 3_000)
    assert len(kept) <= 3_002 and kept[0] == 0 and kept[-1] == len(curve) - 1
    assert curve[kept].max() == curve.max() and curve[kept].min() == curve.min()
    # in every bucket both the bucket's top (phase 7) and bottom (phase 0) are drawn
    assert np.sum(t[kept] % 8 == 7) >= 1_400 and np.sum(t[kept] % 8 == 0) >= 1_400


def test_data_with_one_x_value_renders_its_paths_scene(tmp_path):
    """Every x the same: no unique optimum; the paths scene says so instead of failing at render."""
    from scenes.pipeline.render import render_entry
    from tests.conftest import render_tiny

    path = scenario(tmp_path, data="{x: [2, 2, 2, 2], y: [0, 1, 0, 1]}")
    path.write_text(path.read_text().replace("  - {scene: step, run: small, step: 1}\n",
                                             "  - {scene: paths, runs: [small]}\n  - {scene: surface3d, runs: [small], seconds: 2}\n"))
    sc = load_scenario(path)
    paths = render_tiny(sc, 1, tmp_path / "out")
    assert any("no single optimum" in cue for cue in paths.subtitles)
    # the flat surface is painted without error (nothing reads the picture: the smallest size does)
    render_entry(sc, 2, tmp_path / "out3d", size=(64, 36, 2))


# Round three: every surface reads through the same bounds as `check` (issue 24)
def test_narration_length_counts_the_reading_time_of_every_cue(tmp_path):
    """One step scene whose five beats are overridden with texts of known length: the lesson lasts at least their
    reading time at 17 characters a second times the pace (computed here from the texts, not by the code)."""
    from scenes.kinds.step.entry import BEATS
    from scenes.scenario.lesson_plan import narrated_seconds

    sentence = "Every word of this sentence is read aloud slowly. " * 11  # 550 characters
    keys = [beat.split("|")[0].strip() for beat in BEATS]
    texts = "\n".join(f"        {key}: \"{sentence}\"" for key in keys)
    path = tmp_path / "long.yaml"
    path.write_text(LESSON.format(title="Long", lr="0.1", data="{x: [1, 2, 3, 4], y: [0, 0, 1, 1]}",
                                  run=", epochs: 1", step=1).replace(
        "  - {scene: step, run: small, step: 1}\n",
        f"  - scene: step\n    run: small\n    step: 1\n    texts:\n      en:\n{texts}\n"), encoding="utf-8")
    sc = load_scenario(path)
    for pace in (0.5, 1, 2):
        assert narrated_seconds(sc, "en", pace) >= len(keys) * len(sentence) / (17 * pace) - 1e-9


def test_pace_given_on_the_command_line_is_checked_like_the_file(tmp_path):
    """A lesson within 30 min at pace 1 but not at 0.5: `script --pace 0.5` is refused in one line."""
    sentence = "x" * 590 + " end."
    keys = ("sub_forward", "sub_grad", "sub_update", "sub_loss")
    entry = "  - scene: step\n    run: small\n    step: 1\n    texts:\n      en:\n" + "".join(
        f"        {key}: \"{sentence}\"\n" for key in keys)
    # 4 x 595 characters at 17 a second: 140 s an entry at pace 1, 280 s at pace 0.5; 10 entries: 23 min, 47 min
    path = tmp_path / "paced.yaml"
    path.write_text(LESSON.format(title="Paced", lr="0.1", data="{x: [1, 2, 3, 4], y: [0, 0, 1, 1]}",
                                  run=", epochs: 1", step=1).split("lesson:\n")[0] + "lesson:\n" + entry * 10,
                    encoding="utf-8")
    load_scenario(path)  # valid at its own pace
    for pace in ("0.5", "nan", "inf", "0", "-1"):
        result = batchviz_here("script", str(path), "--pace", pace)
        assert result.returncode == 2 and "Traceback" not in result.stderr, (pace, result.stderr)
    said = re.search(r"the narration takes at least (\d+) min", batchviz_here("script", str(path), "--pace", "0.5").stderr)
    assert said and int(said.group(1)) >= 47  # the default texts of the other beats add to the 47


def test_help_names_the_program_batchviz():
    result = batchviz("render", "--help")  # the real program: it gives click the name its users type
    assert result.returncode == 0 and result.stdout.startswith("Usage: batchviz render")


@pytest.mark.parametrize("spec, needle", [("dask://:", "no host"), ("dask://host:notaport", "port"),
                                          ("dask://localhost:65536", "port"), ("dask://127.0.0.1:1", "no Dask"),
                                          ("dask://nowhere.invalid:8786", "no Dask")])
def test_bad_dask_addresses_are_one_line_even_with_one_job(tmp_path, spec, needle):
    result = batchviz_here("render", str(scenario(tmp_path)), "--jobs", "1", "--executor", spec, "--size", SIZE,
                      "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert needle in result.stderr
    assert not list((tmp_path / "out").rglob("*.mp4"))


@pytest.mark.render
def test_a_language_given_twice_renders_once(tmp_path):
    result = batchviz_here("render", str(scenario(tmp_path)), "--lang", "en", "--lang", "en", "--scene", "setup",
                      "--format", "png", "--size", SIZE, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("01_setup:") == 1, result.stderr


# watch
def test_watch_of_a_fifo_names_it_as_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = batchviz("watch", str(fifo), "--out", str(tmp_path / "out"), timeout=30)
    refused(result, file=str(fifo), needle="not a regular file")
    assert "no such file" not in result.stderr


@pytest.mark.parametrize("hostile", ["dev_zero", "fifo", "sparse", "scenario_fifo", "scenario_dev_zero"])
def test_watch_refuses_what_check_refuses_without_reading_it(tmp_path, hostile):
    """The watched data file or scenario replaced by /dev/zero, a FIFO or a 2 GB sparse file: one line from the
    check, nothing read whole (no MemoryError), nothing blocks."""
    from scenes.pipeline.watch import WatchSession

    path = csv_scenario(tmp_path)
    target = path if hostile.startswith("scenario") else tmp_path / "data.csv"
    target.unlink(missing_ok=True)
    if hostile.endswith("dev_zero"):
        target.symlink_to("/dev/zero")
    elif hostile.endswith("fifo"):
        os.mkfifo(target)
    else:
        with open(target, "wb") as f:
            f.truncate(2 * 2**30)
    lines: list[str] = []
    session = WatchSession(path, tmp_path / "media", size=(160, 90, 5), echo=lines.append)
    report = session.update()
    assert not report.valid and not report.frames
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", e) for e in report.errors), report.errors
    # a data file linked to /dev/zero is refused before that: its target is not beside the scenario
    assert any(w in e for e in report.errors for w in ("not a regular file", "byte limit", "must sit beside")), \
        report.errors
    assert not session.changed_since_update()  # fingerprints, not contents: nothing read again


def test_watch_parses_the_scenario_only_when_it_changed(tmp_path, monkeypatch):
    """Events of other files in the folder cost a stat, not a parse (a 1 MB scenario was parsed on each)."""
    from scenes.pipeline import watch as watch_module
    from scenes.scenario import yaml_source

    path = csv_scenario(tmp_path)
    (tmp_path / "data.csv").write_text("x,y\n1,0\n2,0\n3,1\n4,1\n", encoding="utf-8")
    parses = []
    real = yaml_source.read_yaml
    monkeypatch.setattr(yaml_source, "read_yaml", lambda p: parses.append(p) or real(p))
    for k in range(50):
        (tmp_path / f"other{k}.txt").write_text("noise", encoding="utf-8")
        files = watch_module.watched_files(path)
    assert files == {path.resolve(), (tmp_path / "data.csv").resolve()}
    assert len(parses) == 1
    path.write_text(path.read_text(encoding="utf-8").replace("data.csv", "other.csv"), encoding="utf-8")
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))  # a save, whatever the clock's resolution
    assert (tmp_path / "other.csv").resolve() in watch_module.watched_files(path)
    assert len(parses) == 2


# Voices
def _wav_header(path: Path, *, rate: int, frames: int, channels: int = 1, width: int = 2) -> None:
    """A 44-byte WAV header claiming ``frames`` frames (written by hand: the wave module refuses rate 0)."""
    import struct

    data = frames * channels * width
    path.write_bytes(b"RIFF" + struct.pack("<I", 36 + data) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * channels * width, channels * width, 8 * width)
        + b"data" + struct.pack("<I", data))


@pytest.mark.parametrize("case, needle", [("rate0", "frame rate is 0"), ("ten_hours_header", "over the 300 s limit"),
                                          ("sparse_ten_hours", "MB limit"), ("fifo", "not a regular file"),
                                          ("folder", "a folder")])
def test_recordings_are_checked_before_decoding(tmp_path, case, needle):
    from scenes.services.voices import VoiceError, parse_voice, recording

    folder = tmp_path / "rec"
    folder.mkdir()
    wav = folder / "01_title.1.wav"
    if case == "rate0":
        _wav_header(wav, rate=0, frames=0)
    elif case == "ten_hours_header":  # 44 bytes claiming 10 h
        _wav_header(wav, rate=16000, frames=16000 * 36000)
    elif case == "sparse_ten_hours":
        _wav_header(wav, rate=16000, frames=16000 * 36000)
        with open(wav, "r+b") as f:
            f.truncate(44 + 2 * 16000 * 36000)
    elif case == "fifo":
        os.mkfifo(wav)
    else:
        wav.mkdir()
    with pytest.raises(VoiceError, match=needle) as caught:
        recording(parse_voice(f"recorded:{folder}"), "01_title.1", "A title")
    assert "\n" not in str(caught.value)


def test_recorded_folder_that_is_a_fifo_is_named():
    from scenes.services.voices import VoiceError, parse_voice

    with pytest.raises(VoiceError, match="not a folder"):
        parse_voice("recorded:/dev/null")


@pytest.mark.parametrize("command, needle", [
    ("yes", "wrote over"),  # endless bytes on stdout
    ("head -c 3000000 /dev/zero > {out}", "over the"),  # a 3 MB file at {out}
    ("python3 -c \"import sys,struct; sys.stdout.buffer.write(b'RIFF'+struct.pack('<I',36)+b'WAVEfmt '+"
     "struct.pack('<IHHIIHH',16,1,1,0,0,2,16)+b'data'+struct.pack('<I',0))\"", "frame rate is 0"),
])
def test_a_voice_command_is_cut_off_at_the_audio_limit(tmp_path, monkeypatch, command, needle):
    from scenes.services import voices

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(voices, "MAX_AUDIO_BYTES", 2**20)  # 1 MB keeps the test fast; the rule is the same
    with pytest.raises(voices.VoiceError, match=needle) as caught:
        voices.synthesize(voices.parse_voice(f"command:{command}"), "hello", "en")
    assert "\n" not in str(caught.value)
    assert not [p for p in (tmp_path / "cache").iterdir()]  # nothing kept, not even a partial file


def test_a_voice_that_times_out_leaves_no_process_behind(tmp_path, monkeypatch):
    from scenes.services import voices

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(voices, "SYNTH_TIMEOUT", 0.5)
    pid_file = tmp_path / "child.pid"
    with pytest.raises(voices.VoiceError, match="took over"):
        voices.synthesize(voices.parse_voice(f"command:sleep 600 & echo $! > {pid_file}; wait"), "hello", "en")
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        alive = state != "Z"
    except (ProcessLookupError, FileNotFoundError):
        alive = False
    assert not alive, f"the voice command's child {pid} is still running"


def test_an_oversized_cue_in_the_voice_cache_is_not_used(tmp_path, monkeypatch):
    from scenes.services import voices

    monkeypatch.setenv("BATCHVIZ_VOICE_CACHE", str(tmp_path))
    voice = voices.parse_voice("command:exit 3")
    key = voices.cue_key(voice, "hello", "en", 1.0)  # where the cache looks (the key's makeup: test_voices.py)
    _wav_header(tmp_path / f"{key}.wav", rate=16000, frames=16000 * 36000)  # left by a version without limits
    with pytest.raises(voices.VoiceError, match="voice failed"):  # made again, not played for ten hours
        voices.synthesize(voice, "hello", "en")
    assert not (tmp_path / f"{key}.wav").exists()


def test_a_server_that_is_not_a_dask_scheduler_is_one_line(tmp_path):
    """Something answers at the address, with bytes Dask reads as a huge message length: one line, exit 2."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def answer():
        for _ in range(4):
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.sendall(b"\xff" * 64)
                except OSError:
                    pass

    threading.Thread(target=answer, daemon=True).start()
    port = server.getsockname()[1]
    try:
        result = batchviz_here("render", str(scenario(tmp_path)), "--jobs", "1", "--executor", f"dask://127.0.0.1:{port}",
                          "--size", SIZE, "--out", str(tmp_path / "out"))
    finally:
        server.close()
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "not a Dask scheduler" in result.stderr and "MemoryError" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_thousands_of_unknown_keys_word_only_the_errors_shown(tmp_path, monkeypatch):
    """60,000 unknown keys spent 2 s (15 s under load) finding a "did you mean" for errors nobody sees: only the
    shown ones are worded, the rest counted."""
    import scenes.scenario.loader as loader

    calls = []
    real = loader.did_you_mean
    monkeypatch.setattr(loader, "did_you_mean", lambda word, choices: calls.append(word) or real(word, choices))
    path = tmp_path / "keys.yaml"
    path.write_text("".join(f"k{i}: {i}\n" for i in range(3000)), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    lines = caught.value.lines()
    assert any(line.endswith("k0: unknown key 'k0'; remove it (keys are listed in docs/authoring.md)") for line in lines)
    assert len(lines) == ScenarioError.MAX_REPORTED + 1 and lines[-1].startswith("... and ")
    assert int(lines[-1].split()[2]) + ScenarioError.MAX_REPORTED >= 3000  # every error still counted
    assert len(calls) <= 2 * ScenarioError.MAX_REPORTED
