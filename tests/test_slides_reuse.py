"""`--format slides` reuses the scenes `--format mp4` rendered (same pictures, same cache key).

The renders run in this process (jobs=1): a reused scene is read back from its files (video, beats, key), whoever
wrote them; slides rendered on a process pool (--jobs 2) are tests/test_slides.py's. A pool here spawned two
workers that imported manim each."""

from __future__ import annotations

import json

from tests.conftest import small_scenario
from tests.helpers_render import TINY, decode_frames

LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n"


def _lesson(tmp_path):
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario(LESSON, scenario_id="reuse"), encoding="utf-8")
    return load_scenario(path)


def test_slides_after_an_mp4_render_render_no_scene_again(tmp_path):
    from scenes.pipeline.lesson_render import render_lesson

    sc, out = _lesson(tmp_path), tmp_path / "out"
    first = render_lesson(sc, out, size=TINY, fmt="mp4", jobs=1)
    assert [o.reused for o in first.scenes] == [False, False]
    slides = render_lesson(sc, out, size=TINY, fmt="slides", jobs=1)
    assert [o.reused for o in slides.scenes] == [True, True]  # nothing rendered the second time
    assert slides.video.name == "reuse_en.slides.html" and slides.video.exists()
    # the slides' pictures are the MP4's: every frame of the step scene, cut at its beats, none lost or added
    config = json.loads((out / "slides-en" / "Slides_02_step_r_1.json").read_text(encoding="utf-8"))
    cut = [f for s in config["slides"] for f in decode_frames(out / "slides-en" / s["file"])]
    whole = decode_frames(first.scenes[1].rendered.video)
    assert len(cut) == len(whole)
    assert max(abs(a.astype(int) - b.astype(int)).mean() for a, b in zip(cut, whole)) < 3  # re-encoded, same picture


def test_an_mp4_render_after_slides_renders_no_scene_again(tmp_path):
    from scenes.pipeline.lesson_render import render_lesson

    sc, out = _lesson(tmp_path), tmp_path / "out"
    small = (64, 36, 2)  # only whether scenes are rendered again is read here: the smallest picture does
    assert not any(o.reused for o in render_lesson(sc, out, size=small, fmt="slides", jobs=1).scenes)
    again = render_lesson(sc, out, size=small, fmt="mp4", jobs=1)
    assert all(o.reused for o in again.scenes) and again.video.exists()


def test_slides_start_where_the_beats_end():
    """Slide k starts at the frame where beat k-1 ends (fps 5: 1.0 s -> frame 5); the frames after the last beat
    stay on the last slide."""
    from scenes.pipeline.slides import slide_starts

    assert slide_starts([(1.0, "a"), (2.4, "b"), (3.0, "c")], 5) == [0, 5, 12]
    assert slide_starts([(2.0, "only")], 5) == [0]
