"""The `batchviz` command line."""

from __future__ import annotations

import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from mathcore import format_value
from mathcore.basin_report import basin_json, basin_markdown
from mathcore.explain import (
    DEFAULT_LABELS,
    study_markdown,
    walkthroughs_json,
    walkthroughs_markdown,
)
from scenes.pipeline.executors import (
    ExecutorUnavailable,
    check_executor,
    fixed_hash_seed,
    has_fixed_hash_seed,
    scene_executor,
)
from scenes.pipeline.formats import FORMATS
from scenes.pipeline.lesson_page import render_page
from scenes.pipeline.lesson_render import render_lesson
from scenes.pipeline.lesson_video import video_duration
from scenes.pipeline.presets import (
    DEFAULT_QUALITY,
    GIF_FPS,
    GIF_WIDTH,
    QUALITIES,
)
from scenes.pipeline.render_lock import render_lock
from scenes.pipeline.script import lesson_script, script_json, script_markdown
from scenes.pipeline.slides import SlidesError
from scenes.pipeline.watch import WatchSession
from scenes.pipeline.watch import watch as watch_loop
from scenes.scenario.errors import ScenarioError, one_line
from scenes.scenario.lesson import lesson_of
from scenes.scenario.lesson_plan import entry_seconds, safe_name, scene_names
from scenes.scenario.loader import load_scenario, narration_problem
from scenes.scenario.locale import locale_text
from scenes.scenario.schema import LANGUAGES, scenario_json_schema
from scenes.services.voices import VoiceError, parse_voice

DEFAULT_OUT = Path("media")
DRAFT_QUALITY = "preview"  # `watch` draws drafts while the author types: the one command whose default is smaller
# Output folders that are never files: writing there fails late or does harm
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def _load(path: str):
    """Load a scenario or exit 2 with its one-line errors (no traceback)."""
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(2)


def _refuse(message: str):
    """A usage error: one line on stderr, exit status 2."""
    click.echo(one_line(message), err=True)
    sys.exit(2)


def _console(stderr: bool = False):
    """A rich console that prints user text as it is: no markup ([/bold] in a title is text), no emoji codes."""
    width = None if (sys.stderr if stderr else sys.stdout).isatty() else 160
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, width=width)


def _writable_folder(out: str, scenario_id: str) -> Path:
    """OUT/<id>, created and checked writable now, so that a bad --out fails before any rendering."""
    if one_line(out) != out:
        _refuse(f"--out {out}: the folder name contains control characters or newlines; choose a plain name")
    folder = Path(out) / safe_name(scenario_id)
    resolved = folder.resolve()
    if any(resolved == Path(s) or Path(s) in resolved.parents for s in _SYSTEM_FOLDERS):
        _refuse(f"--out {out}: {resolved} is a system folder; choose a folder for videos, e.g. media")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        _refuse(f"--out {out}: cannot write to {folder} ({(exc.strerror or 'error').lower()}); "
                "choose a folder you can write to")
    return folder


def _finite_pace(ctx, param, value):
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a number from 0.5 to 2, e.g. 0.8")
    return value


def _finite_fps(ctx, param, value):
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a number from 1 to 60")
    return value


RENDERING_COMMANDS = ("render", "watch", "script", "page")


def run() -> None:
    """The `batchviz` program: rendering commands run with the fixed hash seed (scenes.pipeline.executors), so
    that the same scene gives the same pixels in every run; the process starts again with it if need be."""
    if len(sys.argv) > 1 and sys.argv[1] in RENDERING_COMMANDS and not has_fixed_hash_seed():
        fixed_hash_seed()
        os.execv(sys.executable, [sys.executable, "-m", "scenes.pipeline.cli", *sys.argv[1:]])
    main(prog_name="batchviz")  # --help and usage errors name the program as its users call it


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Turn YAML scenarios into Manim videos about batch size in gradient descent.

    \b
    Examples:
      batchviz render scenarios/seed.yaml
      batchviz render scenarios/seed.yaml --quality low --lang en
    """


def _check_voice(ctx, param, value):
    try:
        parse_voice(value)
    except VoiceError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _parse_size(ctx, param, value):
    if value is None:
        return None
    try:
        dims, fps = value.split("@")
        width, height = (int(v) for v in dims.lower().split("x"))
        fps = int(fps)
    except ValueError:
        raise click.BadParameter("write it as WIDTHxHEIGHT@FPS, e.g. 160x90@5") from None
    if not (16 <= width <= 7680 and 16 <= height <= 4320 and 1 <= fps <= 120) or width % 2 or height % 2:
        raise click.BadParameter("use even sizes from 16x16 to 7680x4320 and 1 to 120 frames per second")
    return width, height, fps


def _check_executor(_ctx, _param, value):
    try:
        return check_executor(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


# Options shared by the commands: each defined once here, composed onto every command that takes it
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def language_option(several: bool = False, default: str = "the scenario's") -> Decorator:
    """--lang: the language of the text; ``several``: repeatable, one output each (the parameter is ``langs``)."""
    if several:
        return click.option("--lang", "langs", type=click.Choice(LANGUAGES), multiple=True,
                            help=f"Language of the text (default: {default}); repeat it for several.")
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                        help=f"Language of the text (default: {default}).")


def quality_option(default: str = DEFAULT_QUALITY) -> Decorator:
    return click.option("--quality", type=click.Choice(list(QUALITIES)), default=default, show_default=True,
                        help="preview 360p10 (drafts), low 480p15, medium 720p30, high 1080p60, 4k 2160p60; scenes "
                             "already rendered at this quality are reused.")


def out_option(what: str = "files go to OUT/<scenario id>/") -> Decorator:
    return click.option("--out", default=str(DEFAULT_OUT), show_default=True, help=f"Output folder; {what}.")


jobs_option = click.option("--jobs", type=click.IntRange(1, 32), default=None,
                           help="Render scenes in N processes (default: one per core).")
voice_option = click.option(
    "--voice", default="none", show_default=True, callback=_check_voice,
    help="none (subtitles only), espeak (offline eSpeak NG), 'command:CMD' (CMD reads a cue on stdin and writes a "
         "WAV to {out} or its stdout), or recorded:DIR (DIR/<cue id>.wav for every cue `batchviz script` lists). "
         "Each beat lasts until its cue has been said; a voiced output sits beside the silent one.")
pace_option = click.option("--pace", type=click.FloatRange(0.5, 2), default=None, callback=_finite_pace,
                           help="Reading speed of the narration (default: the scenario's style.pace, 1): 0.8 gives "
                                "each cue a quarter more time.")
size_option = click.option("--size", callback=_parse_size, default=None, hidden=True,
                           help="WIDTHxHEIGHT@FPS, overrides --quality.")


@main.command()
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
@click.option("--gif-width", type=click.IntRange(64, 3840), default=GIF_WIDTH, show_default=True, help="GIF width in pixels.")
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
        _refuse(f"--burn-subtitles works with --format mp4 or gif, not {fmt}")
    # every file is checked before anything renders
    loaded = [(_with_pace(_load(path), pace, path), path) for path in scenario_files]

    ids = [sc.id for sc, _ in loaded]
    if len(set(ids)) < len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        _refuse(f"two scenarios have the id '{twice}' and would write the same files; give each its own id")
    for sc, path in loaded:
        known = set(scene_names(sc)) | {e.scene for e in sc.lesson}
        unknown = [s for s in scenes if s not in known]
        if unknown:
            _refuse(f"{path}: no scene named {', '.join(unknown)}; `batchviz list {path}` shows the names")
    lessons = [(sc, path, lang) for sc, path in loaded for lang in dict.fromkeys(langs or (sc.language,))]  # once each
    folders = {sc.id: _writable_folder(out, sc.id) for sc, _ in loaded}
    console = _console(stderr=True)
    workers = jobs or os.cpu_count() or 1

    def report(outcome):
        what = "unchanged" if outcome.reused else f"rendered in {outcome.seconds_taken:.1f} s"
        console.print(f"  {outcome.rendered.name}: {what}")

    finished = []
    with ExitStack() as stack:
        pool = None
        # one pool for every lesson of the call; a cluster (dask://) is used whatever --jobs says, so that a bad
        # address is reported, not ignored
        if executor.startswith("dask://") or (workers > 1 and (executor != "process" or len(lessons) > 1)):
            try:
                pool = stack.enter_context(scene_executor(executor, workers))
            except ExecutorUnavailable as exc:
                _refuse(f"--executor: {exc}")
        for sc, path, lang in lessons:
            out_dir = folders[sc.id]
            with render_lock(out_dir, on_wait=lambda out_dir=out_dir: console.print(f"waiting for another render into {out_dir}")):
                with console.status(f"rendering {sc.id} ({lang}, {quality}, {fmt})"):
                    try:
                        result = render_lesson(sc, out_dir, quality=quality, language=lang, size=size, fmt=fmt,
                                               scenes=list(scenes), jobs=jobs, gif_width=gif_width,
                                               gif_fps=gif_fps, on_scene=report, voice=voice, burn=burn,
                                               executor=pool)
                    except (VoiceError, SlidesError) as exc:
                        _refuse(f"{path}: {exc}")
            _print_outputs(console, sc, lang, fmt, result)
            finished.append(result.video or (result.scenes[-1].rendered.video.parent if result.scenes else out_dir))
    for path in finished:
        click.echo(str(path))


def _print_outputs(console, sc, lang, fmt, result) -> None:
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
    console.print(table)
    if result.video and result.seconds:
        console.print(f"lesson: {float(result.seconds):.1f} s of video")


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
def check(scenario):
    """Validate a scenario and audit its claims.

    Prints the claims that do not hold, with the exact value beside each.
    Exit status: 0 all claims hold (or only differ by the source's rounding),
    1 some claim is wrong, 2 the scenario is invalid.

    \b
    Example:
      batchviz check scenarios/seed.yaml
    """
    sc = _load(scenario)

    results = lesson_of(sc).audit()
    failing = [r for r in results if r.verdict != "holds"]
    console = _console()
    if failing:
        table = Table(title=f"{one_line(scenario)}: claims that do not hold", show_lines=False)
        for col in ("run", "step", "quantity", "claimed", "exact", "verdict", "source"):
            table.add_column(col, overflow="fold")
        for r in failing:
            verdict = r.verdict + (f" (carried from {r.carried_from})" if r.carried_from else "")
            table.add_row(r.run, str(r.step), r.quantity, r.claimed, format_value(r.exact, 8), verdict, r.source)
        console.print(table)
    for name in sc.runs:  # warnings: a learning rate that overshoots on some batch of a run
        bounds = lesson_of(sc).stability(name)
        lr = sc.problem().lr
        if bounds is not None and lr >= bounds.worst_batch_lr:
            where = "the whole data" if lr >= bounds.full_batch_lr else f"its worst batch (step {bounds.worst_step})"
            limit = bounds.full_batch_lr if lr >= bounds.full_batch_lr else bounds.worst_batch_lr
            console.print(f"warning: run {name}: learning rate {format_value(lr, 6)} is not below "
                          f"2/λ_max {format_value(limit, 4)} of {where}: its steps overshoot there")
    counts = {v: sum(r.verdict == v for r in results) for v in ("holds", "rounding", "wrong")}
    console.print(f"{one_line(scenario)}: valid; {len(results)} claims: {counts['holds']} hold, "
                  f"{counts['rounding']} differ only by the source's rounding, {counts['wrong']} wrong")
    sys.exit(1 if counts["wrong"] else 0)


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@language_option()
def explain(scenario, fmt, lang):
    """Print every run's worked steps with exact values, and the batch-size study (Markdown or JSON).

    \b
    Examples:
      batchviz explain scenarios/seed.yaml
      batchviz explain scenarios/seed.yaml --format json
      batchviz explain scenarios/seed.yaml --lang en
    """
    sc = _load(scenario)

    walks = {name: lesson_of(sc).walkthrough(name) for name in sc.runs}
    paths = {name: lesson_of(sc).trajectory(name) for name in sc.runs}
    bounds = {name: b for name in sc.runs if (b := lesson_of(sc).stability(name)) is not None}
    # the batch-size study's losses and stability bounds are the linear and logistic models'; a bump lesson has its
    # basin study instead
    study = lesson_of(sc).study() if sc.model != "bump" else None

    basins = [lesson_of(sc).basin_study(e) for e in sc.lesson if e.scene == "basins"]
    if fmt == "json":
        text = walkthroughs_json(sc.id, walks, paths, bounds, study)
        if basins:
            text = json.dumps({**json.loads(text), "basin_studies": [basin_json(b) for b in basins]},
                              ensure_ascii=False, indent=2)
        click.echo(text)
    else:
        language = lang or sc.language

        def label(key):  # a plain text may be the scenario's own; a template is filled by explain
            try:
                return lesson_of(sc).text(key, language)
            except KeyError:
                return locale_text(language, key)

        labels = {key: label(key) for key in DEFAULT_LABELS}
        title = sc.title.get(language) or sc.title.get(sc.language)
        click.echo(walkthroughs_markdown(title, walks, sc.style.digits, labels, paths, bounds))
        if study is not None:
            click.echo(study_markdown(study, sc.style.digits, language))
        else:  # say why there is none rather than print a study whose theory does not fit this loss
            click.echo(f"_{labels['explain_no_study']}_\n")
        for b in basins:
            click.echo(basin_markdown(b, language))


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@language_option()
@quality_option(default=DRAFT_QUALITY)
@out_option("drafts go to OUT/<scenario id>/preview/")
@click.option("--frames-only", is_flag=True, help="Render last frames only, no clips.")
def watch(scenario, lang, quality, out, frames_only):
    """Check the scenario on every save and re-render the scenes it changed: last frames first, then clips.

    An invalid edit prints its errors and keeps the last good outputs. Stop with Ctrl-C.

    \b
    Example:
      batchviz watch scenarios/seed_en.yaml --frames-only
    """
    try:
        mode = os.stat(scenario).st_mode
    except (OSError, ValueError):
        _refuse(f"{scenario}: no such file; give the path of a scenario YAML file")
    if stat.S_ISDIR(mode):
        _refuse(f"{scenario}:1:1: the scenario file is a folder, not a file; name the file itself")
    if not stat.S_ISREG(mode):  # as `check` says it: a FIFO would block the first read, /dev/zero never end
        _refuse(f"{scenario}:1:1: the scenario file is not a regular file (a pipe, device or socket); "
                "save it as an ordinary file")
    session = WatchSession(Path(scenario), Path(out), language=lang, quality=quality, clips=not frames_only,
                           echo=click.echo)
    click.echo(f"watching {scenario} (Ctrl-C to stop)")
    watch_loop(session)


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@language_option(several=True, default="the languages the scenario's title is written in, the scenario's first")
@quality_option()
@voice_option
@click.option("--gif", "gif_scenes", multiple=True, metavar="NAME",
              help="A scene (name or kind) to show as a GIF with burned-in subtitles; repeatable (default: the first "
                   "step scene).")
@click.option("--captions/--no-captions", default=True, show_default=True, help="Captions on when the page opens.")
@jobs_option
@out_option("the page goes to OUT/<scenario id>/page/")
@size_option
def page(scenario, langs, quality, voice, gif_scenes, captions, jobs, out, size):
    """Write the lesson as a static web page: video with chapters and captions in each language, a transcript
    whose lines seek the video, the worked steps as tables of exact values, GIFs of chosen scenes.

    \b
    Example:
      batchviz page scenarios/seed.yaml --lang zh --lang en
      batchviz page scenarios/seed_en.yaml --voice espeak
    """
    sc = _load(scenario)

    written = [lang for lang in LANGUAGES if sc.title.get(lang)]  # no page in a language the author never wrote
    languages = list(dict.fromkeys(langs or (sc.language, *written)))
    known = set(scene_names(sc)) | {e.scene for e in sc.lesson}
    unknown = [g for g in gif_scenes if g not in known]
    if unknown:
        _refuse(f"{scenario}: no scene named {', '.join(unknown)}; `batchviz list {scenario}` shows the names")
    out_dir = _writable_folder(out, sc.id)
    console = _console(stderr=True)

    def report(outcome):
        what = "unchanged" if outcome.reused else f"rendered in {outcome.seconds_taken:.1f} s"
        console.print(f"  {outcome.rendered.name}: {what}")

    with console.status(f"rendering {sc.id} ({quality})") as status:
        try:
            written_page = render_page(
                sc, out_dir, languages, quality=quality, size=size, voice=voice, jobs=jobs, gif_scenes=gif_scenes,
                captions=captions, on_scene=report,
                on_language=lambda lang: status.update(f"rendering {sc.id} ({lang}, {quality})"))
        except VoiceError as exc:
            _refuse(f"{scenario}: {exc}")
    click.echo(str(written_page))


@main.command(name="list")
@click.argument("scenario", type=click.Path(dir_okay=False))
def list_scenes(scenario):
    """List the lesson's scenes with the length of their animations.

    A scene lasts at least that long; narration that needs more time to read adds to it (`batchviz script`
    gives the exact timeline).

    \b
    Example:
      batchviz list scenarios/seed.yaml
    """
    sc = _load(scenario)

    table = Table(title=f"{sc.id}: {one_line(sc.title.get(sc.language))}")
    table.add_column("scene (for --scene)")
    table.add_column("seconds (at least)", justify="right")
    for name, entry in zip(scene_names(sc), sc.lesson):
        table.add_row(name, f"{entry_seconds(sc, entry):.0f}")
    total = sum(entry_seconds(sc, e) for e in sc.lesson)
    table.add_row("total", f"{total:.0f}")
    _console().print(table)


def _with_pace(sc, pace, path=None):
    """The scenario with its narration pace replaced (the scenes' cache keys cover it: it is part of style); a pace
    at which the narration would run over the lesson limit is refused as `check` refuses it in the file."""
    if pace is None:
        return sc

    why = narration_problem(sc, pace)
    if why:
        _refuse(f"{path}: --pace {pace:g}: {why}" if path else f"--pace {pace:g}: {why}")
    return sc.model_copy(update={"style": sc.style.model_copy(update={"pace": pace})})


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@language_option()
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@pace_option
@voice_option
def script(scenario, lang, fmt, pace, voice):
    """The lesson's narration: every cue with its id, scene and time on the lesson's timeline.

    Computed by running the scenes without drawing frames (about a minute for the seed lesson), so the times are
    those the video will have. Use it to proofread, or as a recording script: a recorded voice names each
    file after its cue id.

    \b
    Examples:
      batchviz script scenarios/seed.yaml
      batchviz script scenarios/seed_en.yaml --format json > script.json
    """
    sc = _with_pace(_load(scenario), pace, scenario)
    language = lang or sc.language

    with _console(stderr=True).status(f"timing the narration of {sc.id}"):
        try:
            cues, scenes = lesson_script(sc, language, voice)
        except VoiceError as exc:
            _refuse(f"{scenario}: {exc}")
    if fmt == "json":
        click.echo(json.dumps(script_json(cues, scenes, language, sc.style.pace), ensure_ascii=False, indent=2))
    else:
        click.echo(script_markdown(sc.title.get(language) or sc.title.get(sc.language) or sc.id, cues, scenes, language))


@main.command()
def schema():
    """Print the JSON Schema of scenario files (for editors: yaml-language-server).

    \b
    Example:
      batchviz schema > docs/scenario.schema.json
    """
    click.echo(scenario_json_schema())


if __name__ == "__main__":
    run()
