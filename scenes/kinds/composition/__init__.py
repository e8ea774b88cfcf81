"""The `composition` scene kind: entry.py (schema, checks, length; no manim) and scene.py (the Manim Scene)."""
