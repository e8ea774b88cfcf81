"""The lesson as an ordered list of scene entries, with duration estimates.

Kept free of manim so that `batchviz check` and `batchviz list` stay fast;
scenes/registry.py maps each entry to its Manim Scene class.
"""

from __future__ import annotations

# Seconds of video per scene kind, measured from the rendered scenes
# (tests/test_render.py checks each estimate against a real render).
SCENE_SECONDS = {
    "setup": 14.0,
    "step": 34.0,
}


def entry_name(entry, index: int) -> str:
    """A stable, file-name-safe name for lesson entry ``index``: 01_setup, 02_step_bs4_1."""
    parts = [f"{index + 1:02d}", entry.scene]
    if getattr(entry, "run", None):
        parts.append(entry.run)
    if getattr(entry, "step", None):
        parts.append(str(entry.step))
    return "_".join(parts)


def estimate_seconds(scenario) -> float:
    return sum(SCENE_SECONDS[entry.scene] for entry in scenario.lesson)
