"""`batchviz render`: lessons as videos (or GIFs, last frames, slides), one file per scene, joined per lesson."""

from __future__ import annotations

import math
import os
from contextlib import ExitStack

import click
from rich.table import Table

from scenes.pipeline.commands.narration_options import pace_option, voice_option, with_pace
from scenes.pipeline.commands.options import (
    console,
    jobs_option,
    language_option,
    load,
    out_option,
    quality_option,
    refuse,
    size_option,
    writable_folder,
)
from scenes.pipeline.executors import ExecutorUnavailable, check_executor, scene_executor
from scenes.pipeline.formats import FORMATS
from scenes.pipeline.lesson_render import render_lesson
from scenes.pipeline.lesson_video import video_duration
from scenes.pipeline.presets import GIF_FPS, GIF_WIDTH
from scenes.pipeline.render_lock import render_lock
from scenes.pipeline.slides import SlidesError
from scenes.scenario.lesson_plan import scene_names
from scenes.services.voices import VoiceError


def _finite_fps(ctx, param, value):
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a number from 1 to 60")
    return value


def _check_executor(_ctx, _param, value):
    try:
        return check_executor(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("scenario_files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="SCENARIO...")
@click.option("--scene", "scenes", multiple=True, metavar="NAME",
              help="Only this scene: a name from `batchviz list` (03_step_bs4_1) or a kind (step). Repeatable.")
@quality_option()
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=next(iter(FORMATS)), show_default=True,
              help="mp4/webm: one file per scene plus the joined lesson; gif: a small GIF per scene; png: last frames; "
                   "slides: a slide per narration beat, as offline HTML (cut from the MP4 scenes, reused if rendered).")
@language_option(several=True)
@jobs_option
@click.option("--executor", default="process", show_default=True, callback=_check_executor,
              help="Where scenes render when more than one at a time: process (a pool of --jobs processes), local "
                   "(a Dask LocalCluster of --jobs workers), or dask://HOST:PORT (a Dask cluster whose workers share "
                   "the output folder and the TeX cache).")
@out_option()
@click.option("--gif-width", type=click.IntRange(64, 3840), default=None,
              help=f"GIF width in pixels (default: the --size width, else {GIF_WIDTH}).")
@click.option("--gif-fps", type=click.FloatRange(1, 60), default=GIF_FPS, show_default=True, callback=_finite_fps,
              help="GIF frames per second.")
@pace_option
@voice_option
@size_option
@click.option("--burn-subtitles", "burn", is_flag=True,
              help="Draw the subtitles into the picture (mp4 and gif), in the lesson's font.")
def render(scenario_files, scenes, quality, fmt, langs, jobs, executor, out, gif_width, gif_fps, pace, voice, size,
           burn):
    """Render lessons: one file per scene, joined into one video per lesson with chapters and subtitles.

    Give several scenarios and several --lang to render a course in one call, with one shared cache. Unchanged
    scenes are not rendered again. Files appear only when complete.

    \b
    Examples:
      batchviz render scenarios/seed.yaml                      # 720p30 MP4 + .srt in media/seed/
      batchviz render scenarios/seed.yaml --quality low --jobs 2
      batchviz render scenarios/seed_en.yaml --scene 03_step_bs4_1 --format gif
      batchviz render scenarios/seed.yaml --lang en --quality high
      batchviz render scenarios/seed_en.yaml --voice espeak --quality low
      batchviz render scenarios/seed.yaml --scene sampling --format gif --burn-subtitles
      batchviz render scenarios/*.yaml --lang zh --lang en --executor dask://scheduler:8786
    """
    if burn and fmt not in ("mp4", "gif"):
        refuse(f"--burn-subtitles works with --format mp4 or gif, not {fmt}")
    # every file is checked before anything renders
    loaded = [(with_pace(load(path), pace, path), path) for path in scenario_files]

    ids = [sc.id for sc, _ in loaded]
    if len(set(ids)) < len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        refuse(f"two scenarios have the id '{twice}' and would write the same files; give each its own id")
    for sc, path in loaded:
        known = set(scene_names(sc)) | {e.scene for e in sc.lesson}
        unknown = [s for s in scenes if s not in known]
        if unknown:
            refuse(f"{path}: no scene named {', '.join(unknown)}; `batchviz list {path}` shows the names")
    lessons = [(sc, path, lang) for sc, path in loaded for lang in dict.fromkeys(langs or (sc.language,))]  # once each
    folders = {sc.id: writable_folder(out, sc.id) for sc, _ in loaded}
    status = console(stderr=True)
    workers = jobs or os.cpu_count() or 1

    def report(outcome):
        what = "unchanged" if outcome.reused else f"rendered in {outcome.seconds_taken:.1f} s"
        status.print(f"  {outcome.rendered.name}: {what}")

    finished = []
    with ExitStack() as stack:
        pool = None
        # one pool for every lesson of the call; a cluster (dask://) is used whatever --jobs says, so that a bad
        # address is reported, not ignored
        if executor.startswith("dask://") or (workers > 1 and (executor != "process" or len(lessons) > 1)):
            try:
                pool = stack.enter_context(scene_executor(executor, workers))
            except ExecutorUnavailable as exc:
                refuse(f"--executor: {exc}")
        for sc, path, lang in lessons:
            out_dir = folders[sc.id]
            with render_lock(out_dir, on_wait=lambda out_dir=out_dir: status.print(f"waiting for another render into {out_dir}")):
                with status.status(f"rendering {sc.id} ({lang}, {quality}, {fmt})"):
                    try:
                        result = render_lesson(sc, out_dir, quality=quality, language=lang, size=size, fmt=fmt,
                                               scenes=list(scenes), jobs=jobs,
                                               gif_width=gif_width or (size[0] if size else GIF_WIDTH),
                                               gif_fps=gif_fps, on_scene=report, voice=voice, burn=burn,
                                               executor=pool)
                    except (VoiceError, SlidesError) as exc:
                        refuse(f"{path}: {exc}")
            _print_outputs(status, sc, lang, fmt, result)
            finished.append(result.video or (result.scenes[-1].rendered.video.parent if result.scenes else out_dir))
    for path in finished:
        click.echo(str(path))


def _print_outputs(out, sc, lang, fmt, result) -> None:
    table = Table(title=f"{sc.id} ({lang}): outputs")
    for col in ("file", "seconds", "size"):
        table.add_column(col, justify="left" if col == "file" else "right")

    def row(path, seconds):
        table.add_row(str(path), f"{seconds:.1f}" if seconds is not None else "", f"{path.stat().st_size / 1e6:.2f} MB")

    for o in result.scenes:
        row(o.rendered.video, float(video_duration(o.rendered.video)) if fmt in ("mp4", "webm") else None)
    if result.video:
        row(result.video, float(result.seconds) if result.seconds else None)
    if result.subtitles:
        row(result.subtitles, None)
    out.print(table)
    if result.video and result.seconds:
        out.print(f"lesson: {float(result.seconds):.1f} s of video")
