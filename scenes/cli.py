"""The `batchviz` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scenes.errors import ScenarioError

DEFAULT_OUT = Path("media")


def _load(path: str):
    """Load a scenario or exit 2 with its one-line errors (no traceback)."""
    from scenes.scenario_loader import load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for line in exc.lines():
            click.echo(line, err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Turn YAML scenarios into Manim videos about batch size in gradient descent.

    \b
    Examples:
      batchviz render scenarios/seed.yaml
      batchviz render scenarios/seed.yaml --quality low --lang en
    """


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--quality", type=click.Choice(["low", "medium", "high", "4k"]), default="medium", show_default=True,
              help="low 480p15, medium 720p30, high 1080p60, 4k 2160p60")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the text (default: the scenario's).")
@click.option("--out", type=click.Path(file_okay=False), default=str(DEFAULT_OUT), show_default=True,
              help="Output folder; files go to OUT/<scenario id>/.")
def render(scenario, quality, lang, out):
    """Render the scenario's lesson to one MP4 (plus one per scene and an .srt).

    \b
    Example:
      batchviz render scenarios/seed.yaml --quality low
    """
    sc = _load(scenario)
    from rich.console import Console

    from scenes.lesson_render import render_lesson

    console = Console(stderr=True)
    out_dir = Path(out) / sc.id
    with console.status(f"rendering {sc.id} ({quality})"):
        result = render_lesson(sc, out_dir, quality=quality, language=lang,
                               on_scene=lambda r: console.print(f"  rendered {r.name} -> {r.video}"))
    console.print(f"lesson: {float(result.seconds):.1f} s of video")
    click.echo(str(result.video))


if __name__ == "__main__":
    main()
