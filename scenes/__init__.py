"""batchviz outside the numeric core, in three layers:

- ``scenes.scenario``: what an author writes, read safely and checked; never imports manim.
- ``scenes.pipeline``: the CLI and rendering; imports manim only when a render starts.
- ``scenes.kinds``: the Manim scenes, one module per ``scene:`` kind.

This package's ``__init__`` imports nothing, so ``batchviz check`` and ``explain`` load without manim.
"""
