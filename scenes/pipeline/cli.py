"""The `batchviz` command line.

Each command lives in its own module under scenes/pipeline/commands/ and is imported only when it runs (click's
lazy loading of subcommands, LazyGroup below): `check` and `explain` then never import what rendering needs (PyAV,
Pillow, the watcher, manim), and start in well under a second. `batchviz --help` imports them all to list them.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from scenes.pipeline.hash_seed import fixed_hash_seed, has_fixed_hash_seed

# command name -> "module:attribute" of its click command
COMMANDS = {
    "check": "scenes.pipeline.commands.check:check",
    "explain": "scenes.pipeline.commands.explain:explain",
    "list": "scenes.pipeline.commands.list_scenes:list_scenes",
    "page": "scenes.pipeline.commands.page:page",
    "render": "scenes.pipeline.commands.render:render",
    "schema": "scenes.pipeline.commands.schema:schema",
    "script": "scenes.pipeline.commands.script:script",
    "watch": "scenes.pipeline.commands.watch:watch",
}
RENDERING_COMMANDS = ("render", "watch", "script", "page")


class LazyGroup(click.Group):
    """A group whose commands are named here and imported from their module when first asked for."""

    def __init__(self, *args, lazy_commands: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module, attribute = self.lazy_commands[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command) or command.name != cmd_name:
            raise TypeError(f"{self.lazy_commands[cmd_name]} is not the click command '{cmd_name}'")
        return command


def run() -> None:
    """The `batchviz` program: rendering commands run with the fixed hash seed (scenes.pipeline.executors), so
    that the same scene gives the same pixels in every run; the process starts again with it if need be."""
    if len(sys.argv) > 1 and sys.argv[1] in RENDERING_COMMANDS and not has_fixed_hash_seed():
        fixed_hash_seed()
        os.execv(sys.executable, [sys.executable, "-m", "scenes.pipeline.cli", *sys.argv[1:]])
    main(prog_name="batchviz")  # --help and usage errors name the program as its users call it


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Turn YAML scenarios into Manim videos about batch size in gradient descent.

    \b
    Examples:
      batchviz render scenarios/seed.yaml
      batchviz render scenarios/seed.yaml --quality low --lang en
    """


if __name__ == "__main__":
    run()
