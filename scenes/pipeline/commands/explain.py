"""`batchviz explain`: every run's worked steps with exact values, and the batch-size study."""

from __future__ import annotations

import json

import click

from mathcore.basin_report import basin_json, basin_markdown
from mathcore.explain import DEFAULT_LABELS, study_markdown, walkthroughs_json, walkthroughs_markdown
from scenes.pipeline.commands.options import language_option, load
from scenes.scenario.lesson import lesson_of
from scenes.scenario.locale import locale_text


@click.command()
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
    sc = load(scenario)

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
