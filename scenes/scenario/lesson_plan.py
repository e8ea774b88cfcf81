"""The lesson as an ordered list of scene entries, with duration estimates.

Kept free of manim so that `batchviz check` and `batchviz list` stay fast;
scenes/kinds/registry.py maps each entry to its Manim Scene class.
"""

from __future__ import annotations

import re

from scenes.scenario.kind import kinds

def safe_name(text: str) -> str:
    """File-name-safe: letters, digits, '-', '_' only; never empty, never a path."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")
    return cleaned[:80] or "scene"


def entry_name(entry, index: int) -> str:
    """A stable, file-name-safe name for lesson entry ``index``: 01_setup, 02_step_bs4_1."""
    return "_".join([f"{index + 1:02d}", entry.scene, *kinds()[entry.scene].name_parts(entry)])


def scene_names(scenario) -> list[str]:
    """The names `batchviz list` shows and `render --scene` accepts, one per lesson entry, file-name safe."""
    return [safe_name(entry_name(entry, i)) for i, entry in enumerate(scenario.lesson)]


def entry_seconds(scenario, entry) -> float:
    """Estimated length of one lesson entry, without rendering or computing it (each kind's own estimate, measured
    from its renders; tests compare them with real renders)."""
    return kinds()[entry.scene].seconds(scenario, entry)


def estimate_seconds(scenario) -> float:
    return sum(entry_seconds(scenario, entry) for entry in scenario.lesson)
