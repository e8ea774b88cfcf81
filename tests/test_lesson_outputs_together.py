"""A lesson's joined files appear together or not at all: its subtitles (the part made of the author's text) are
joined before its video, so a failure there leaves no lesson video without its .srt and chapters beside it."""

from __future__ import annotations

import pytest

from tests.conftest import small_scenario


@pytest.mark.render
def test_a_failed_subtitle_join_leaves_no_lesson_video(tmp_path, monkeypatch):
    from scenes.pipeline import formats
    from scenes.pipeline.lesson_render import render_lesson
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: title\n"), encoding="utf-8")

    def failing(*args, **kwargs):
        raise RuntimeError("the subtitles could not be joined")

    monkeypatch.setattr(formats, "join_subtitles", failing)
    with pytest.raises(RuntimeError, match="could not be joined"):
        render_lesson(load_scenario(path), tmp_path / "out", size=(64, 36, 2), jobs=1)
    lesson = tmp_path / "out"  # render_lesson writes into the folder it is given
    assert (lesson / "scenes").is_dir()  # the scene was rendered (and is kept for the next run)
    left = sorted(p.name for p in lesson.iterdir() if p.is_file())
    assert left == [], left
