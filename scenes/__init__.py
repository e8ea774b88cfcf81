"""Manim scenes and mobjects for batchviz, plus the scenario schema and CLI.

This package's ``__init__`` imports nothing: ``scenes.scenario`` and
``scenes.cli`` must load (for ``batchviz check``) without importing manim.
"""
