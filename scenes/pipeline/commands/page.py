"""`batchviz page`: the lesson as a static web page."""

from __future__ import annotations

import click

from scenes.pipeline.commands.narration_options import voice_option
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
from scenes.pipeline.lesson_page import render_page
from scenes.scenario.lesson_plan import scene_names
from scenes.scenario.schema import LANGUAGES
from scenes.services.voices import VoiceError


@click.command()
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
    sc = load(scenario)

    written = [lang for lang in LANGUAGES if sc.title.get(lang)]  # no page in a language the author never wrote
    languages = list(dict.fromkeys(langs or (sc.language, *written)))
    known = set(scene_names(sc)) | {e.scene for e in sc.lesson}
    unknown = [g for g in gif_scenes if g not in known]
    if unknown:
        refuse(f"{scenario}: no scene named {', '.join(unknown)}; `batchviz list {scenario}` shows the names")
    out_dir = writable_folder(out, sc.id)
    status_console = console(stderr=True)

    def report(outcome):
        what = "unchanged" if outcome.reused else f"rendered in {outcome.seconds_taken:.1f} s"
        status_console.print(f"  {outcome.rendered.name}: {what}")

    with status_console.status(f"rendering {sc.id} ({quality})") as status:
        try:
            written_page = render_page(
                sc, out_dir, languages, quality=quality, size=size, voice=voice, jobs=jobs, gif_scenes=gif_scenes,
                captions=captions, on_scene=report,
                on_language=lambda lang: status.update(f"rendering {sc.id} ({lang}, {quality})"))
        except VoiceError as exc:
            refuse(f"{scenario}: {exc}")
    click.echo(str(written_page))
