"""Rendering lessons: the CLI, per-scene renders and their cache, joined videos, GIFs. Imports manim only
inside a render."""

import scenes.kinds  # noqa: F401  registers the scene kinds with the scenario layer, for every command
