"""End to end: `batchviz render` on a tiny scenario, read back; caching; atomic outputs.

The kill test runs the real program, a process per kill (forked from one that imported it: tests/helpers_forked_cli.py);
the others run its commands in this process (tests/helpers_cli.py), which spares each a second of start-up and
manim's import. The lesson test and the cache test share one render of the tiny lesson."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from fractions import Fraction
from functools import partial
from pathlib import Path
from unittest import mock

import av
import manim
import pytest
import srt
from manim.camera.camera import Camera
from PIL import Image

from scenes.pipeline.render import render_entry
from scenes.pipeline.script import lesson_script
from scenes.scenario.lesson_plan import scene_names
from scenes.scenario.loader import load_scenario
from tests.conftest import ROOT, render_tiny
from tests.helpers_cli import batchviz_here
from tests.helpers_forked_cli import ForkedCli, ForkedCommand

TINY_SCENARIO = """# yaml-language-server: $schema=../docs/scenario.schema.json
id: tiny
language: en
title: {en: "Tiny"}
init: {w: 0.1, b: 0.2}
learning_rate: 0.05
data: {x: [1, 2, 3, 4], y: [0, 0, 1, 1]}
runs:
  two: {batch_size: 2, epochs: 1}
  all: {batch_size: 4, epochs: 3}
lesson:
  - scene: setup
  - {scene: paths, runs: [two, all]}
"""
SIZE = "160x90@5"
SMALL, SMALL_FPS = "64x36@2", 2  # for tests that read no pixel: 2 frames a second, not 5, of a sixth of the pixels


def batchviz(*args, cwd=ROOT, **kwargs):
    return subprocess.run([sys.executable, "-m", "scenes.pipeline.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)


@pytest.fixture()
def tiny(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    return path


def frames_and_seconds(path: Path) -> tuple[int, float]:
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        n = sum(1 for _ in c.decode(stream))
        return n, float(c.duration / av.time_base)


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """The tiny lesson rendered once by `batchviz render` (in this process: tests/helpers_cli.py), small: the lesson
    test reads what it wrote, the cache test renders again into a copy of it. (scenario file, --out, what ran)"""
    folder = tmp_path_factory.mktemp("lesson")
    path = folder / "tiny.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    out = folder / "media"
    return path, out, batchviz_here("render", str(path), "--size", SMALL, "--out", str(out), "--jobs", "1")


@pytest.mark.render
def test_mp4_lesson_with_chapters_and_subtitles(lesson):
    tiny, out, result = lesson
    assert result.returncode == 0, result.stderr
    lesson = out / "tiny" / "tiny_en.mp4"
    assert result.stdout.strip() == str(lesson)
    scenes = sorted((out / "tiny" / "scenes").glob("*.mp4"))
    assert [p.stem for p in scenes] == ["01_setup", "02_paths_two_all"]
    from scenes.pipeline.lesson_video import video_duration

    parts = [video_duration(p) for p in scenes]
    assert video_duration(lesson) == sum(parts, Fraction(0))  # joined without losing or adding a frame
    n, _ = frames_and_seconds(lesson)
    assert n == sum(frames_and_seconds(p)[0] for p in scenes)
    with av.open(str(lesson)) as c:
        chapters = c.chapters()
    # chapters a student can read: each scene's heading in the lesson's language, not its file name
    titles = ["The model, the data and the starting point",
              "Parameter paths on the loss surface (learning rate η = 0.05)"]
    assert [ch["metadata"]["title"] for ch in chapters] == titles
    companion = json.loads((out / "tiny" / "tiny_en.chapters.json").read_text(encoding="utf-8"))
    assert [c["title"] for c in companion["chapters"]] == titles
    assert companion["chapters"][1]["start"] == pytest.approx(float(parts[0]), abs=0.01)
    assert Fraction(chapters[1]["start"]) * chapters[1]["time_base"] == pytest.approx(float(parts[0]), abs=0.01)
    cues = list(srt.parse((out / "tiny" / "tiny_en.srt").read_text(encoding="utf-8")))
    first_scene_cues = list(srt.parse((out / "tiny" / "scenes" / "01_setup.srt").read_text(encoding="utf-8")))
    assert len(cues) > len(first_scene_cues)
    # the second scene's subtitles start after the first scene
    assert cues[len(first_scene_cues)].start.total_seconds() >= float(parts[0]) - 0.01
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


@pytest.mark.render
def test_gif_output(tiny, tmp_path):
    out = tmp_path / "media"
    result = batchviz_here("render", str(tiny), "--size", SIZE, "--out", str(out), "--format", "gif", "--scene", "setup")
    assert result.returncode == 0, result.stderr
    gif = out / "tiny" / "scenes" / "01_setup.gif"
    mp4 = gif.with_suffix(".mp4")
    with Image.open(gif) as im:
        assert im.format == "GIF" and im.info.get("loop") == 0
        total_ms = 0
        for i in range(im.n_frames):
            im.seek(i)
            total_ms += im.info["duration"]
    assert total_ms / 1000 == pytest.approx(frames_and_seconds(mp4)[1], abs=0.5)
    assert not (out / "tiny" / "tiny_en.mp4").exists()  # a scene selection is no whole lesson


@pytest.mark.render
def test_unchanged_scenes_are_reused_and_edits_rerender_only_their_scene(lesson, tiny, tmp_path):
    _, rendered, first = lesson
    assert first.returncode == 0, first.stderr
    # the first render's outputs, linked (not copied): each keeps its inode, which its cache key records; a render
    # replaces a file by renaming another onto its name, so the module's render is never written through a link
    out = tmp_path / "media"
    shutil.copytree(rendered, out, copy_function=os.link, ignore=shutil.ignore_patterns(".manim"))
    scenes = out / "tiny" / "scenes"
    before = {p.name: p.stat().st_mtime_ns for p in scenes.glob("*.mp4")}
    again = batchviz_here("render", str(tiny), "--size", SMALL, "--out", str(out))
    assert again.stderr.count(": unchanged") == 2
    tiny.write_text(TINY_SCENARIO.replace("{scene: paths, runs: [two, all]}", "{scene: paths, runs: [two, all], clock: epochs}"),
                    encoding="utf-8")
    edited = batchviz_here("render", str(tiny), "--size", SMALL, "--out", str(out))
    assert "01_setup: unchanged" in edited.stderr and "02_paths_two_all: rendered" in edited.stderr
    after = {p.name: p.stat().st_mtime_ns for p in scenes.glob("*.mp4")}
    assert after["01_setup.mp4"] == before["01_setup.mp4"]


def wait_until(happened, proc: subprocess.Popen | ForkedCommand, timeout: float = 300.0) -> bool:
    """Poll until ``happened()`` is true (True) or ``proc`` ended without it (False); fail after ``timeout`` s.
    The timeout is generous: the kill waits for what the render did, never for the clock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if happened():
            return True
        if proc.poll() is not None:
            return happened()
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    pytest.fail(f"the render showed no progress in {timeout:.0f} s")


def identity(path: Path) -> tuple[int, int] | None:
    """Which file stands at ``path`` (inode and time: a render publishes by renaming a new file there), or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns


def test_killed_render_leaves_no_partial_file_at_a_final_path(tiny, tmp_path):
    """Kill renders at several moments of their work: whatever stands at a final path is a complete video."""
    out = tmp_path / "media"
    scenes = out / "tiny" / "scenes"
    manim = scenes / ".manim"  # manim's working files (scenes.pipeline.render)
    first = scenes / "01_setup.mp4"
    moments = {  # each a state of the output folder the render reaches, in order, from the round's start
        "manim at work": lambda start: any(manim.rglob("*")),
        "a staged file": lambda start: any((out / "tiny").rglob(".*.partial")),
        "the first scene published": lambda start: identity(first) not in (None, start),  # by this round
        "its key recorded": lambda start: (scenes / ".01_setup.mp4.key").exists(),
        "the second scene at work": lambda start: any(manim.glob("02_*")),
    }
    checked = killed = 0
    with ForkedCli(ROOT, ROOT) as program:  # a process of the program per round, without its 3 s of imports each
        for moment, reached in moments.items():
            start = identity(first)
            proc = program.start("render", str(tiny), "--size", SMALL, "--out", str(out), "--jobs", "1")
            if wait_until(partial(reached, start), proc) and proc.poll() is None:
                killed += 1
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            for video in (out / "tiny").rglob("*.mp4"):
                if ".manim" in video.parts or video.name.startswith("."):
                    continue  # manim's working files and our staging files are not outputs
                n, seconds = frames_and_seconds(video)
                assert n == round(seconds * SMALL_FPS), f"{video} is truncated (killed at {moment})"
                checked += 1
            # force the next round to render again, from its first working file on
            for key in (out / "tiny").rglob(".*.key"):
                key.unlink()
            shutil.rmtree(manim, ignore_errors=True)
    # a staged file lasts milliseconds and may pass unseen (the render then ends on its own); the other moments last
    # long enough to be caught: a render killed at each (manim's working folder is scenes/.manim: the moments of
    # manim at work were never met when looked for in the lesson's folder, and a published file left by an earlier
    # round counted as published at once)
    assert killed >= len(moments) - 1, f"only {killed} of {len(moments)} renders were killed at work"
    assert checked, "no kill came late enough to leave a finished video: the test checked nothing"


def test_names_stay_inside_the_output_folder():
    from scenes.scenario.lesson_plan import safe_name

    for hostile in ("../../etc/passwd", "/abs/path", "a b\\c", "", "..", "名字"):
        name = safe_name(hostile)
        assert name and "/" not in name and "\\" not in name and name not in (".", "..")


@pytest.mark.render
def test_dry_runs_paint_no_pixel_and_the_real_render_does(tmp_path):
    """The dry runs (`batchviz script`'s timeline, the listing of a scene's formulas before a render) count frames
    without painting them: painting was a third of a dry run's time. The render itself still paints."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    sc = load_scenario(path)
    painted: list[bool] = []  # manim's dry_run setting at each painting of the camera
    original = Camera.capture_mobjects

    def counting(self, *args, **kwargs):
        painted.append(bool(manim.config.dry_run))
        return original(self, *args, **kwargs)

    with mock.patch.object(Camera, "capture_mobjects", counting):
        cues, scenes = lesson_script(sc)
        assert cues and scenes and not painted, f"the script's dry run painted {len(painted)} times"
        render_entry(sc, 0, tmp_path / "out", size=(160, 90, 5))
    assert painted and not any(painted), f"the formula listing painted {sum(painted)} times"


@pytest.mark.parametrize("name", ["step_bs4_1", "summary"])
def test_an_unpainted_run_makes_and_says_what_the_render_does(seed, seed_tiny, name, tmp_path):
    """Tests that read only what a scene wrote and said use unpainted runs (tests/conftest.py render_tiny): they see
    the very formulas, texts, text keys and subtitle cues of the painted render."""
    index = next(i for i, full in enumerate(scene_names(seed)) if full.split("_", 1)[1].startswith(name))
    painted, unpainted = seed_tiny[index], render_tiny(seed, index, tmp_path, painted=False)
    assert unpainted.result is None and painted.result is not None
    assert painted.subtitles and unpainted.subtitles == painted.subtitles
    assert unpainted.tex == painted.tex
    assert painted.texts and unpainted.texts == painted.texts
    assert painted.keys and unpainted.keys == painted.keys


@pytest.mark.render
def test_a_last_frame_render_paints_once(tmp_path):
    """A PNG (the last frame: `batchviz watch`, `--format png`) is painted once, at the end; manim painted every
    play of the scene on the way (each skipped, but painted) for nothing."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_SCENARIO, encoding="utf-8")
    sc = load_scenario(path)
    painted: list[bool] = []
    original = Camera.capture_mobjects

    def counting(self, *args, **kwargs):
        painted.append(bool(manim.config.dry_run))
        return original(self, *args, **kwargs)

    with mock.patch.object(Camera, "capture_mobjects", counting):
        frame = render_entry(sc, 1, tmp_path / "out", size=(160, 90, 5), fmt="png").video
    assert painted == [False], f"painted {len(painted)} times"
    with Image.open(frame) as image:
        assert image.size == (160, 90) and len(set(image.convert("L").getdata())) > 2  # a picture, not a blank
