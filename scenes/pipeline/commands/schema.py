"""`batchviz schema`: the JSON Schema of scenario files."""

from __future__ import annotations

import click

from scenes.scenario.schema import scenario_json_schema


@click.command()
def schema():
    """Print the JSON Schema of scenario files (for editors: yaml-language-server).

    \b
    Example:
      batchviz schema > docs/scenario.schema.json
    """
    click.echo(scenario_json_schema())
