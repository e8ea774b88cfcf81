"""The narration options of the commands that voice or time a lesson (render, page, script): --voice, --pace.
Apart from the other options because checking a voice imports the voice service (PyAV), which `check` never needs."""

from __future__ import annotations

import math
from typing import Optional

import click

from scenes.pipeline.commands.options import refuse
from scenes.scenario.loader import narration_problem
from scenes.scenario.schema import Scenario
from scenes.services.voices import VoiceError, parse_voice


def _check_voice(ctx, param, value):
    try:
        parse_voice(value)
    except VoiceError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _finite_pace(ctx, param, value):
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a number from 0.5 to 2, e.g. 0.8")
    return value


voice_option = click.option(
    "--voice", default="none", show_default=True, callback=_check_voice,
    help="none (subtitles only), espeak (offline eSpeak NG), 'command:CMD' (CMD reads a cue on stdin and writes a "
         "WAV to {out} or its stdout), or recorded:DIR (DIR/<cue id>.wav for every cue `batchviz script` lists). "
         "Each beat lasts until its cue has been said; a voiced output sits beside the silent one.")
pace_option = click.option("--pace", type=click.FloatRange(0.5, 2), default=None, callback=_finite_pace,
                           help="Reading speed of the narration (default: the scenario's style.pace, 1): 0.8 gives "
                                "each cue a quarter more time.")


def with_pace(sc: Scenario, pace: Optional[float], path: Optional[str] = None) -> Scenario:
    """The scenario with its narration pace replaced (the scenes' cache keys cover it: it is part of style); a pace
    at which the narration would run over the lesson limit is refused as `check` refuses it in the file."""
    if pace is None:
        return sc

    why = narration_problem(sc, pace)
    if why:
        refuse(f"{path}: --pace {pace:g}: {why}" if path else f"--pace {pace:g}: {why}")
    return sc.model_copy(update={"style": sc.style.model_copy(update={"pace": pace})})
