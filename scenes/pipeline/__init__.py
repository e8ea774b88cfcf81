"""Rendering lessons: the CLI, per-scene renders and their cache, joined videos, GIFs. Imports manim only
inside a render."""
