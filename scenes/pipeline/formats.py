"""The output formats of `batchviz render`: what each scene renders as, and how the scenes are joined.

A format is a small strategy for the one lesson loop (scenes.pipeline.lesson_render): ``scene_format`` is the file
render_entry makes per scene (and part of its cache key, so that formats rendering the same pictures share the
renders), ``scene_ready`` says whether a cached scene has what the format needs, and ``finish`` turns the scenes
into the format's outputs. Adding a format is a class here (or in its own module) and a line in ``FORMATS``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Protocol

from scenes.pipeline.burn_subtitles import burn_subtitles
from scenes.pipeline.chapters import chapter_titles, write_chapters_json
from scenes.pipeline.gif import video_to_gif
from scenes.pipeline.lesson_result import LessonJob, LessonResult, SceneOutcome
from scenes.pipeline.lesson_video import join_subtitles, join_videos, video_duration
from scenes.pipeline.render import RenderedScene, voice_suffix
from scenes.pipeline.render_cache import is_current, record
from scenes.pipeline.slides import SlidesFormat
from scenes.scenario.lesson_plan import safe_name


class LessonFormat(Protocol):
    scene_format: str  # what render_entry renders per scene: mp4, webm or png

    def scene_ready(self, video: Path) -> bool:
        """Whether a cached scene file has everything this format needs beside it."""
        ...

    def finish(self, job: LessonJob, scenes: list[SceneOutcome]) -> LessonResult:
        """The format's outputs from the rendered scenes (in lesson order)."""
        ...


def with_burned_subtitles(outcome: SceneOutcome, key: str) -> SceneOutcome:
    """The scene's video with its subtitles drawn in (scenes/<name>.subtitled.mp4, made again only when the
    scene changed)."""
    video = outcome.rendered.video
    burned = video.with_name(f"{video.stem}.subtitled.mp4")
    if not is_current(burned, key):
        burn_subtitles(video, outcome.rendered.subtitles, burned)
        record(burned, key)
    return SceneOutcome(RenderedScene(outcome.rendered.name, burned, outcome.rendered.subtitles),
                        outcome.seconds_taken, outcome.reused)


class SceneFiles:
    """Base: one file per scene, nothing joined."""

    scene_format = "png"

    def scene_ready(self, video: Path) -> bool:
        return True

    def finish(self, job: LessonJob, scenes: list[SceneOutcome]) -> LessonResult:
        return LessonResult(scenes, None, None, Fraction(0))


class LastFrames(SceneFiles):
    """png: each scene's last frame."""


class LessonVideo(SceneFiles):
    """mp4 / webm: a video per scene and, when every scene is selected, the lesson joined with chapters, one .srt
    and a chapters JSON."""

    def __init__(self, container: str):
        self.scene_format = container

    def finish(self, job: LessonJob, scenes: list[SceneOutcome]) -> LessonResult:
        if job.burn and self.scene_format == "mp4":
            scenes = [with_burned_subtitles(o, job.keys[i]) for i, o in zip(job.wanted, scenes)]
        lengths = [video_duration(o.rendered.video) for o in scenes]
        total = sum(lengths, Fraction(0))
        if not job.whole_lesson:
            return LessonResult(scenes, None, None, total)
        starts = [sum(lengths[:k], Fraction(0)) for k in range(len(lengths))]
        sc = job.scenario
        base = safe_name(f"{sc.id}_{job.language}") + voice_suffix(job.voice)  # a voiced lesson beside the silent one
        video = job.out_dir / f"{base}.{self.scene_format}"
        titles = chapter_titles(sc, job.language)  # the scenes' headings, not their file names
        # the subtitles first: made of the author's text, they are the join that may fail, and a lesson video
        # should not stand there without its .srt and chapters
        subtitles = job.out_dir / f"{base}.srt"
        join_subtitles([(o.rendered.subtitles, s) for o, s in zip(scenes, starts)], subtitles)
        total = join_videos([o.rendered.video for o in scenes], titles, video, container=self.scene_format)
        write_chapters_json(job.out_dir / f"{base}.chapters.json", titles, [float(a) for a in starts],
                            [float(a) for a in starts[1:]] + [float(total)], job.language)
        return LessonResult(scenes, video, subtitles, total)


class SceneGifs(SceneFiles):
    """gif: a small GIF per scene, made from the scene's MP4 (the same render the mp4 format uses)."""

    scene_format = "mp4"

    def finish(self, job: LessonJob, scenes: list[SceneOutcome]) -> LessonResult:
        if job.burn:
            scenes = [with_burned_subtitles(o, job.keys[i]) for i, o in zip(job.wanted, scenes)]
        gifs = []
        for o in scenes:
            gif = video_to_gif(o.rendered.video, o.rendered.video.with_suffix(".gif"),
                               width=min(job.gif_width, job.size[0]), fps=min(job.gif_fps, job.size[2]))
            gifs.append(SceneOutcome(RenderedScene(o.rendered.name, gif, o.rendered.subtitles),
                                     o.seconds_taken, o.reused))
        return LessonResult(gifs, None, None, Fraction(0))


# `render --format` offers them in this order, the first the default
FORMATS: dict[str, LessonFormat] = {
    "mp4": LessonVideo("mp4"),
    "gif": SceneGifs(),
    "webm": LessonVideo("webm"),
    "png": LastFrames(),
    "slides": SlidesFormat(),
}
