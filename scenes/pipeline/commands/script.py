"""`batchviz script`: the lesson's narration, every cue with its id, scene and time."""

from __future__ import annotations

import json

import click

from scenes.pipeline.commands.narration_options import pace_option, voice_option, with_pace
from scenes.pipeline.commands.options import console, language_option, load, quality_option, refuse
from scenes.pipeline.presets import QUALITIES
from scenes.pipeline.script import lesson_script, script_json, script_markdown
from scenes.services.voices import VoiceError


@click.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@language_option()
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@pace_option
@voice_option
@quality_option()
def script(scenario, lang, fmt, pace, voice, quality):
    """The lesson's narration: every cue with its id, scene and time on the lesson's timeline.

    Computed by running the scenes without drawing frames (about ten seconds for the seed lesson), so the times
    are those a render at --quality will have (each animation lasts whole frames). Use it to proofread, or as a
    recording script: a recorded voice names each file after its cue id.

    \b
    Examples:
      batchviz script scenarios/seed.yaml
      batchviz script scenarios/seed_en.yaml --format json > script.json
    """
    sc = with_pace(load(scenario), pace, scenario)
    language = lang or sc.language

    with console(stderr=True).status(f"timing the narration of {sc.id}"):
        try:
            cues, scenes = lesson_script(sc, language, voice, QUALITIES[quality][2])
        except VoiceError as exc:
            refuse(f"{scenario}: {exc}")
    if fmt == "json":
        click.echo(json.dumps(script_json(cues, scenes, language, sc.style.pace), ensure_ascii=False, indent=2))
    else:
        click.echo(script_markdown(sc.title.get(language) or sc.title.get(sc.language) or sc.id, cues, scenes, language))
