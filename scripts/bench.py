"""Measure batchviz's speed goals in one run and write BENCHMARKS.md.

Targets are stated beside each figure as a ratio (measured / target): below 1 meets it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import queue
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path
from unittest import mock

import numpy as np

# this checkout's code (not an installed copy) and its scripts, before importing them
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from frozen_share import MIN_SECONDS, measure  # noqa: E402

import scenes.kinds  # noqa: E402,F401  registers the scene kinds before a scenario is loaded
from mathcore import BatchSchedule, Dataset, Params, Problem, run_walkthrough  # noqa: E402
from mathcore.study_report import study_report  # noqa: E402
from mathcore.surface import loss_surface  # noqa: E402
from mathcore.trajectory import run_trajectory  # noqa: E402
from scenes.kinds.style import label  # noqa: E402
from scenes.pipeline import parsed_svg_cache, tex_cache, text_glyphs  # noqa: E402
from scenes.pipeline.gif import video_to_gif  # noqa: E402
from scenes.pipeline.heavy import manim_api  # noqa: E402
from scenes.pipeline.lesson_render import render_lesson  # noqa: E402
from scenes.pipeline.lesson_video import video_duration  # noqa: E402
from scenes.pipeline.render import render_entry  # noqa: E402
from scenes.pipeline.watch import WatchSession, watch  # noqa: E402
from scenes.scenario.loader import load_scenario  # noqa: E402


def timings(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def best_of(fn, repeat=5) -> float:
    return min(timings(fn, repeat))


def mathcore_rows() -> list[tuple[str, float, float]]:
    rows = []
    code = "import time; t = time.perf_counter(); import mathcore, sys; " \
           "print(time.perf_counter() - t, 'manim' in sys.modules)"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()
            for _ in range(5)]
    assert all(r[1] == "False" for r in runs), "import mathcore imported manim"
    rows.append(("`import mathcore` (fresh process, without manim)", min(float(r[0]) for r in runs), 0.2))

    seed = load_scenario(ROOT / "scenarios" / "seed.yaml")
    problem = seed.problem()

    def seed_walkthrough():  # the two runs the seed text works by hand
        for name in ("bs4", "full32"):
            run = seed.runs[name]
            run_walkthrough(problem, run.schedule(), epochs=run.epochs or 1, steps=run.steps)

    rows.append(("seed's exact walkthrough (batch size 4 and the 32-sample batch)", best_of(seed_walkthrough), 0.05))

    rng = np.random.default_rng(0)
    x6 = rng.uniform(0, 10, 10**6)
    y6 = (x6 > 5).astype(float)
    big = Problem("linear", "mse", Dataset((Fraction(0),), (Fraction(0),)), Params(Fraction(0), Fraction(0)),
                  Fraction(1, 1000))
    rows.append(("loss surface 512x512, N = 10^6", best_of(lambda: loss_surface(big, (-1, 1), (-1, 1), (512, 512),
                                                                              arrays=(x6, y6))), 0.1))
    x5, y5 = x6[:10**5], y6[:10**5]
    rows.append(("10 epochs, batch size 1, N = 10^5 (float path)",
                 best_of(lambda: run_trajectory(big, BatchSchedule(1, "shuffled", seed=1), epochs=10,
                                                arrays=(x5, y5)), repeat=3), 2.0))
    rows += study_rows(seed, x6)
    return rows


def best_cpu_of(fn, repeat=3) -> float:
    """The least CPU time (this process, all its threads) of ``repeat`` calls: what a wall time would be on an idle
    machine with one core, whatever the load of the shared machine it is measured on."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def study_rows(seed, x6) -> list[tuple[str, float, float]]:
    """The batch-size study (issue 14): the seed's, and one on 10^4 samples; each at most 2 s. In this process, so
    without the command line's start (`batchviz explain` adds it: see the startup rows); wall and CPU time."""
    x4 = [Fraction(round(v, 3)).limit_denominator(1000) for v in x6[:10**4]]
    y4 = [Fraction(int(v > 5)) for v in x6[:10**4]]
    big = Problem("linear", "mse", Dataset(tuple(x4), tuple(y4)), Params(Fraction(1, 10), Fraction(1, 5)),
                  Fraction(1, 1000))
    rows = []
    for name, problem in (("batch-size study of the seed (4 batch sizes, adaptive seeds, rates searched up to the "
                           "measured edge)", seed.problem()),
                          ("batch-size study, N = 10^4 (15 batch sizes, adaptive seeds, rates searched up to the "
                           "edge)", big)):
        rows.append((name, best_of(lambda problem=problem: study_report(problem), repeat=3), 2.0))
        rows.append((f"{name}, CPU time", best_cpu_of(lambda problem=problem: study_report(problem)), 2.0))
    return rows


STARTUP_COMMANDS = (  # (command line, target seconds): issue 26's goals, docs/authoring.md says `check`'s
    (("check", "scenarios/seed.yaml"), 1.0),
    (("explain", "scenarios/seed.yaml"), 2.0),
)


def command_seconds(args, repeat: int = 5) -> tuple[float, float]:
    """(least CPU seconds, median wall seconds) of `python -m scenes.pipeline.cli ARGS` in fresh processes: the CPU
    time (user + system) is what the command costs however busy the machine is; the wall time grows with the load."""
    cpus, walls = [], []
    for _ in range(repeat):
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", *args], cwd=ROOT, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(cpus), float(np.median(walls))


def startup_rows() -> list[str]:
    """Commands an author runs while writing: a fresh process each, CLI start included (issue 26)."""
    rows = ["## Commands while authoring (fresh process each, start included)", "",
            f"On {machine()}: least CPU time of 5 runs (user + system), median wall time of 5.", "",
            "| command | CPU s | wall s | target s | ratio (CPU) |", "| --- | --- | --- | --- | --- |"]
    for args, target in STARTUP_COMMANDS:
        cpu, wall = command_seconds(args)
        rows.append(f"| `batchviz {' '.join(args)}` | {cpu:.2f} | {wall:.2f} | {target} | {cpu / target:.2f} |")
        print(f"batchviz {' '.join(args)}: {cpu:.2f} s CPU, {wall:.2f} s wall (target {target})")
    return rows + [""]


@contextlib.contextmanager
def environment(name: str, value: str):
    """The environment variable ``name`` set to ``value`` for the commands started inside, then as it was."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def script_rows(scenario: str = "scenarios/seed.yaml") -> list[str]:
    """`batchviz script` (a dry run of every scene) with its formulas compiled, first with no parsed glyphs kept
    (scenes.pipeline.parsed_svg_cache: every text's and formula's SVG parsed), then with them."""
    with tempfile.TemporaryDirectory(prefix="batchviz-bench-") as work, \
            environment("BATCHVIZ_TEX_DIR", str(Path(work) / "tex")):  # then the caller's (the render rows use it)
        tex = Path(work) / "tex"
        command_seconds(("script", scenario), repeat=1)  # compiles the formulas (not counted)
        cold = []
        for _ in range(3):
            shutil.rmtree(tex / "parsed", ignore_errors=True)
            cold.append(command_seconds(("script", scenario), repeat=1)[0])
        warm, _ = command_seconds(("script", scenario), repeat=3)
    print(f"batchviz script {scenario}: {min(cold):.2f} s CPU parsing every SVG, {warm:.2f} s with parsed glyphs kept "
          f"(ratio {warm / min(cold):.2f})")
    return ["## A lesson's dry run (`batchviz script`)", "",
            f"On {machine()}: least CPU time of 3 fresh processes, formulas already compiled.", "",
            "| lesson | every SVG parsed, CPU s | parsed glyphs kept, CPU s | ratio |", "| --- | --- | --- | --- |",
            f"| {scenario} | {min(cold):.2f} | {warm:.2f} | {warm / min(cold):.2f} |", ""]


def kept_study_rows(scenario: str = "scenarios/noisy_logistic.yaml") -> list[str]:
    """`batchviz explain` of a logistic lesson: its study run (a new study folder), then read back from the folder
    (scenes.scenario.kept_studies), each in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="batchviz-bench-") as work, \
            environment("BATCHVIZ_STUDY_DIR", str(Path(work) / "studies")):
        first, _ = command_seconds(("explain", scenario), repeat=1)
        kept, _ = command_seconds(("explain", scenario), repeat=3)
    print(f"batchviz explain {scenario}: {first:.2f} s CPU running its study, {kept:.2f} s with the study kept "
          f"(ratio {kept / first:.2f})")
    return ["## A lesson's study kept between commands", "",
            f"On {machine()}: CPU time of a fresh process, the first with an empty study folder, then the least of 3.",
            "", "| command | study run, CPU s | study kept, CPU s | ratio |", "| --- | --- | --- | --- |",
            f"| `batchviz explain {scenario}` | {first:.2f} | {kept:.2f} | {kept / first:.2f} |", ""]


def text_rows(count: int = 60) -> list[str]:
    """``count`` new labels (English and Chinese words, none built before) built from their glyphs, as the pipeline
    does (scenes.pipeline.text_glyphs), and by manim's own parse of every letter; nothing kept from an earlier
    parse (no parsed-SVG cache, manim's SVG map and the kept letters emptied before each set)."""
    manim = manim_api()
    tex_cache.install()
    words = "the gradient of a batch points downhill and the loss falls 批量 梯度 下降 步长".split()
    rng = np.random.default_rng(0)

    def build(glyphs: bool, round_: int) -> float:
        texts = [" ".join(rng.choice(words, 8)) + f" {round_}.{k}" for k in range(count)]
        manim.svg_cache.clear()
        text_glyphs.forget_letters()
        with tempfile.TemporaryDirectory(prefix="batchviz-bench-") as media, \
                manim.tempconfig({"media_dir": media, "verbosity": "ERROR"}), \
                mock.patch.object(parsed_svg_cache, "load", lambda *a, **k: None), \
                mock.patch.object(parsed_svg_cache, "store", lambda *a, **k: None), \
                mock.patch.object(text_glyphs, "letters_of", text_glyphs.letters_of if glyphs else lambda *a, **k: None):
            start = time.process_time()
            for text in texts:
                label(text, 24)
            return time.process_time() - start

    build(True, 0)  # fonts and Pango warmed up, not counted
    whole = min(build(False, r) for r in (1, 2, 3))
    glyphs = min(build(True, r) for r in (4, 5, 6))
    print(f"{count} new labels: {whole:.2f} s CPU parsing every letter (manim), {glyphs:.2f} s from their glyphs "
          f"(ratio {glyphs / whole:.2f})")
    return ["## New texts", "",
            f"On {machine()}: least CPU time of 3 sets of {count} labels never built before (English and Chinese).",
            "", "| what | every letter parsed (manim), CPU s | built from glyphs, CPU s | ratio |",
            "| --- | --- | --- | --- |", f"| {count} new labels | {whole:.2f} | {glyphs:.2f} | {glyphs / whole:.2f} |", ""]


def median_of(fn, repeat=3) -> float:
    return float(np.median(timings(fn, repeat)))


def one_scene_rows(work: Path) -> list[str]:
    """batchviz against plain manim on the same scene class, low quality, cold caches, medians of 3."""
    scene, index, cls = "03_step_bs4_1", 3, "GradientStepScene"
    env = {**os.environ, "BATCHVIZ_SCENARIO": str(ROOT / "scenarios" / "seed.yaml"), "BATCHVIZ_ENTRY": str(index)}
    manim_bin, batchviz_bin = ROOT / ".venv" / "bin" / "manim", ROOT / ".venv" / "bin" / "batchviz"
    runs = iter(range(10**6))

    def plain_manim():
        media = work / f"manim-{next(runs)}"
        subprocess.run([str(manim_bin), "-ql", "--disable_caching", "--progress_bar", "none", "--verbosity", "ERROR",
                        "--media_dir", str(media), "scenes/kinds/manim_cli.py", cls], cwd=ROOT, env=env, check=True,
                       capture_output=True)

    def ours(tex: Path | None = None):
        k = next(runs)
        subprocess.run([str(batchviz_bin), "render", "scenarios/seed.yaml", "--scene", scene, "--quality", "low",
                        "--out", str(work / f"ours-{k}")], cwd=ROOT, check=True, capture_output=True,
                       env={**os.environ, "BATCHVIZ_TEX_DIR": str(tex or work / f"tex-{k}")})

    manim_s = median_of(plain_manim)
    ours_cold = median_of(ours)
    warm = work / "tex-warm"
    ours(warm)
    ours_warm = median_of(lambda: ours(warm))
    ratio = ours_cold / manim_s
    print(f"one scene cold: batchviz {ours_cold:.2f} s, plain manim {manim_s:.2f} s, ratio {ratio:.2f} (target 0.75)")
    return ["### One scene, batchviz against plain manim", "",
            f"Scene {scene} ({cls}), 854x480 at 15 fps, median of 3 cold runs each (empty output and TeX folders): "
            f"plain `manim -ql --disable_caching` **{manim_s:.2f} s**, `batchviz render` **{ours_cold:.2f} s**: "
            f"ratio **{ratio:.2f}** (target at most 0.75: ratio to target {ratio / 0.75:.2f}). With the user's TeX "
            f"cache already holding the scene's formulas (output folder still empty): {ours_warm:.2f} s "
            f"({ours_warm / manim_s:.2f} of plain manim).", ""]


WATCH_TARGET = 1.5  # seconds from a saved edit of a step scene to its new last frame (issue 26)
STEP_ENTRY, STEP_FRAME = "{scene: step, run: bs4, step: 1, define: [gradient]}", "03_step_bs4_1.png"  # in seed_en


def machine() -> str:
    """The machine a figure was measured on, and how busy it was (wall times on a loaded machine are longer)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.node() or 'this machine'}, {os.cpu_count()} cores, load average {load:.1f}"


def watch_rows(work: Path) -> list[str]:
    """Authoring loop: validation feedback, and the wall time from saving an edit of a step scene to its new last
    frame on disk, through the real watcher (`batchviz watch`'s loop in a thread: its file events and debounce
    count), median of three edits; the CPU time is the process's over the same stretch."""
    lesson = work / "watch" / "lesson.yaml"
    lesson.parent.mkdir(parents=True)
    text = (ROOT / "scenarios" / "seed_en.yaml").read_text(encoding="utf-8").replace("../docs/", "")
    lesson.write_text(text, encoding="utf-8")
    session = WatchSession(lesson, work / "watch" / "media", clips=False, echo=lambda _line: None)
    updates: queue.Queue = queue.Queue()  # (report, when its last new frame was written)
    update = session.update

    def timed_update():
        started = time.perf_counter()
        report = update()
        updates.put((report, started + report.seconds_to_frames))
        return report

    session.update = timed_update  # type: ignore[method-assign]
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(session, stop), daemon=True)
    watcher.start()
    updates.get(timeout=1800)  # the first pass renders every last frame
    time.sleep(0.5)  # the watcher is listening
    walls, cpus = [], []
    for k in range(3):
        edited = text.replace(STEP_ENTRY, STEP_ENTRY[:-1] + f', texts: {{en: {{sub_forward: "Predict each sample '
                              f'({k + 1})."}}}}}}')
        assert edited != text, f"{STEP_ENTRY} is no longer in scenarios/seed_en.yaml"
        cpu, saved = time.process_time(), time.perf_counter()
        lesson.write_text(edited, encoding="utf-8")
        report, frame_at = updates.get(timeout=300)
        cpus.append(time.process_time() - cpu)
        walls.append(frame_at - saved)
        assert [p.name for p in report.frames] == [STEP_FRAME], report.frames
        time.sleep(0.5)  # the next edit is a new save, not part of this one's burst
    wall, cpu = float(np.median(walls)), float(np.median(cpus))
    lesson.write_text(edited.replace("learning_rate: 0.1\n", "learning_rate: fast\n"), encoding="utf-8")
    invalid, _ = updates.get(timeout=300)
    stop.set()
    watcher.join(timeout=10)
    where = machine()
    print(f"watch: save -> last frame {wall:.2f} s wall, {cpu:.2f} s CPU (target {WATCH_TARGET}), "
          f"validation {invalid.seconds_to_check:.2f} s (target 1), on {where}")
    return ["### Authoring loop (`batchviz watch`, preview quality)", "",
            f"Saved edit of one step scene's narration -> its new last frame on disk, through the watcher (median of "
            f"3 edits): **{wall:.2f} s** wall, {cpu:.2f} s CPU (target {WATCH_TARGET} s: ratio "
            f"{wall / WATCH_TARGET:.2f} wall, {cpu / WATCH_TARGET:.2f} CPU), on {where}; only that scene re-rendered. "
            f"An invalid edit -> its errors: **{invalid.seconds_to_check:.2f} s** (target 1 s: ratio "
            f"{invalid.seconds_to_check:.2f}).", ""]


def frozen_rows(video: Path) -> list[str]:
    """The share of the lesson in still stretches of >= 3 s (scripts/frozen_share.py), per scene; target 20%."""
    rows = ["### Frozen picture (silent, low quality)", "",
            f"Stretches of at least {MIN_SECONDS:g} s with no pixel change (scripts/frozen_share).", "",
            "| scene | video s | frozen s | share |", "| --- | --- | --- | --- |"]
    shares = measure(video)
    for r in shares[:-1]:
        rows.append(f"| {r.name} | {r.seconds:.1f} | {r.frozen:.1f} | {r.share:.0%} |")
    total = shares[-1]
    rows.append(f"| **whole lesson** | {total.seconds:.1f} | {total.frozen:.1f} | **{total.share:.0%}** "
                f"(target 20%: ratio to target {total.share / 0.2:.2f}) |")
    print(f"frozen share: {total.share:.1%} of the lesson (target 20%)")
    return rows + [""]


def render_rows(skip_high: bool) -> list[str]:
    """Render benchmarks on the default lesson; returns Markdown lines."""
    path = ROOT / "scenarios" / "seed.yaml"
    seed = load_scenario(path)
    work = Path(tempfile.mkdtemp(prefix="batchviz-bench-"))
    lines = one_scene_rows(work)

    def timed_lesson(out, **kw):
        t = time.perf_counter()
        result = render_lesson(seed, out, **kw)
        return result, time.perf_counter() - t

    def per_scene_table(result, wall, title, target):
        video = float(result.seconds)
        rows = [f"### {title}", "", "| scene | video s | wall s | wall s per video s |", "| --- | --- | --- | --- |"]
        for o in result.scenes:
            v = float(video_duration(o.rendered.video))
            rows.append(f"| {o.rendered.name} | {v:.1f} | {o.seconds_taken:.1f} | {o.seconds_taken / v:.2f} |")
        ratio = wall / video
        rows.append(f"| **whole lesson** (incl. joining) | {video:.1f} | {wall:.1f} | **{ratio:.2f}** "
                    f"(target {target}: ratio to target {ratio / target:.2f}) |")
        print(f"{title}: {ratio:.2f} s per s of video (target {target})")
        return rows + [""]

    # each cold run starts with empty output and TeX caches
    cores = os.cpu_count() or 1
    os.environ["BATCHVIZ_TEX_DIR"] = str(work / "tex-low")
    low, low_wall = timed_lesson(work / "low", quality="low")
    lines += per_scene_table(low, low_wall, f"Low quality (854x480, 15 fps), cold, --jobs {cores} (the default)",
                             0.25)
    lines += frozen_rows(low.video)
    _, again_wall = timed_lesson(work / "low", quality="low")
    lines += ["### Unchanged re-render", "", f"Cold {low_wall:.1f} s, unchanged re-render {again_wall:.2f} s: "
              f"**{again_wall / low_wall:.1%}** of the cold time (target at most 10%).", ""]
    print(f"unchanged re-render: {again_wall / low_wall:.1%} of cold")
    os.environ["BATCHVIZ_TEX_DIR"] = str(work / "tex-jobs1")
    _, one_wall = timed_lesson(work / "jobs1", quality="low", jobs=1)
    lines += ["### --jobs scaling (low quality, cold)", "",
              f"--jobs 1: {one_wall:.1f} s; --jobs {cores}: {low_wall:.1f} s; speed-up **{one_wall / low_wall:.2f}x** "
              f"on {cores} cores.", ""]
    print(f"jobs {cores} speed-up: {one_wall / low_wall:.2f}x")
    if not skip_high:
        os.environ["BATCHVIZ_TEX_DIR"] = str(work / "tex-high")
        high, high_wall = timed_lesson(work / "high", quality="high")
        lines += per_scene_table(high, high_wall, f"High quality (1920x1080, 60 fps), cold, --jobs {cores}", 1.0)
    os.environ["BATCHVIZ_TEX_DIR"] = str(work / "tex-watch")
    lines += watch_rows(work)

    # GIF: manim's own --format gif against ours, same clip, resolution and fps
    index = next(i for i, e in enumerate(seed.lesson) if e.scene == "compare")
    size = (854, 480, 15)
    native = render_entry(seed, index, work / "gif-native", size=size, fmt="gif").video
    mp4 = render_entry(seed, index, work / "gif-ours", size=size).video
    ours = video_to_gif(mp4, work / "ours.gif", width=854, fps=15)
    a, b = native.stat().st_size, ours.stat().st_size
    lines += ["### GIF size", "", f"Scene {native.stem}, 854x480 at 15 fps: manim's --format gif {a / 1e6:.2f} MB, "
              f"ours {b / 1e6:.2f} MB: **{b / a:.1%}** of manim's (target at most 40%).", ""]
    print(f"gif: ours is {b / a:.1%} of manim's")
    shutil.rmtree(work, ignore_errors=True)
    return lines


LARGE_LESSON = """id: large
language: en
title: {en: "Ten thousand samples"}
init: {w: 0, b: 0}
learning_rate: 0.001
data: {csv: large.csv}
runs:
  b1: {batch_size: 1, order: shuffled, epochs: 29, label: {en: "B = 1"}}
  b8: {batch_size: 8, order: shuffled, steps: 1}
  full: {batch_size: 10000, steps: 5}
study: {batch_sizes: [1, 10000], seeds: 1, max_seeds: 1}
lesson:
  - scene: title
  - {scene: step, run: b8, step: 1}
  - {scene: paths, runs: [b1, full]}
  - {scene: surface3d, runs: [b1, full]}
  - {scene: noise, batch_sizes: [1, 100, 10000]}
  - {scene: fog, batch_sizes: [1, 100, 5000]}
  - {scene: summary, runs: [b1, full], batch_sizes: [1, 10000]}
  - {scene: tradeoffs, step_seconds: 0.002, sample_seconds: 0.00005, memory_limit: 128}
"""
LARGE_SCRIPT_TARGET = 60.0  # seconds for `batchviz script` on the 10,000-sample lesson (was 875 s wall, issue 26)


def large_lesson_rows() -> list[str]:
    """`batchviz script` on the trial's 10,000-sample lesson (a batch-size-1 path of 290,000 steps), run from an
    empty folder as a teacher would: wall and CPU seconds of the whole command."""
    with tempfile.TemporaryDirectory(prefix="batchviz-bench-large-") as work:
        folder = Path(work)
        rows = "".join(f"{k / 10:.1f},{2 * k / 10 + 0.4 + 0.3 * ((k * 7919) % 11 - 5) / 5:.4f}\n" for k in range(10_000))
        (folder / "large.csv").write_text("x,y\n" + rows, encoding="utf-8")
        (folder / "large.yaml").write_text(LARGE_LESSON, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", "script", "large.yaml", "--format", "json"],
                              cwd=folder, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert done.returncode == 0, done.stderr[-2000:]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        left = sorted(p.name for p in folder.iterdir())
    where = machine()
    print(f"script, 10,000-sample lesson: {wall:.1f} s wall, {cpu:.1f} s CPU (target {LARGE_SCRIPT_TARGET:g} s), "
          f"on {where}")
    return ["### A large lesson's narration script (`batchviz script`)", "",
            f"10,000 samples, a batch-size-1 run of 290,000 steps in the paths, surface, noise, fog, summary and "
            f"tradeoffs scenes: **{wall:.1f} s** wall, {cpu:.1f} s CPU (target {LARGE_SCRIPT_TARGET:g} s: ratio "
            f"{wall / LARGE_SCRIPT_TARGET:.2f} wall), on {where}. Files left in the folder it ran in: "
            f"{', '.join(left)} (the lesson's own).", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--mathcore-only", action="store_true", help="skip the render benchmarks (minutes)")
    parser.add_argument("--skip-high", action="store_true", help="skip the 1080p60 render (the slowest part)")
    parser.add_argument("--watch-only", action="store_true", help="only the `batchviz watch` figure (prints it)")
    parser.add_argument("--startup-only", action="store_true", help="only the `check` and `explain` figures (prints "
                                                                    "them)")
    parser.add_argument("--large-only", action="store_true", help="only `batchviz script` on a 10,000-sample lesson")
    parser.add_argument("--script-only", action="store_true", help="only `batchviz script` of the seed lesson, with "
                                                                   "and without parsed glyphs kept (prints it)")
    parser.add_argument("--texts-only", action="store_true", help="only new labels built from their glyphs and by "
                                                                  "manim's parse of every letter (prints it)")
    parser.add_argument("--studies-only", action="store_true", help="only `batchviz explain` of a logistic lesson, its "
                                                                    "study run and kept (prints it)")
    args = parser.parse_args()
    if args.texts_only:
        text_rows()
        return
    if args.studies_only:
        kept_study_rows()
        return
    if args.script_only:
        script_rows()
        return
    if args.startup_only:
        startup_rows()
        return
    if args.large_only:
        large_lesson_rows()
        return
    if args.watch_only:
        with tempfile.TemporaryDirectory(prefix="batchviz-bench-") as work:
            os.environ["BATCHVIZ_TEX_DIR"] = str(Path(work) / "tex-watch")
            watch_rows(Path(work))
        return
    lines = ["# Benchmarks", "",
             f"Measured by `scripts/bench` in one run on {platform.node() or 'this machine'} "
             f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}). "
             "Ratio = measured / target; below 1 meets the target.", "",
             "## mathcore", "", "| what | seconds | target | ratio |", "| --- | --- | --- | --- |"]
    for name, seconds, target in mathcore_rows():
        lines.append(f"| {name} | {seconds:.4f} | {target} | {seconds / target:.2f} |")
        print(f"{name}: {seconds:.4f} s (target {target} s, ratio {seconds / target:.2f})")
    lines += [""] + startup_rows() + script_rows() + text_rows() + kept_study_rows()
    lines += ["", "## Large input", ""] + large_lesson_rows()
    if not args.mathcore_only:
        lines += ["", "## Rendering the default lesson (scenarios/seed.yaml)", ""] + render_rows(args.skip_high)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
