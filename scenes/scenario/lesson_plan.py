"""The lesson as an ordered list of scene entries, with duration estimates.

Kept free of manim so that `batchviz check` and `batchviz list` stay fast;
scenes/kinds/registry.py maps each entry to its Manim Scene class.
"""

from __future__ import annotations

import re

# Seconds of video per scene kind, measured from the rendered scenes
# (tests/test_walkthrough_scenes.py checks each estimate against a real render).
SCENE_SECONDS = {
    "title": 4.0,
    "setup": 14.0,
    "data": 9.0,  # plus DATA_BATCH_SECONDS per batch shown
    "fog": 6.0,  # plus FOG_SIZE_SECONDS per batch size
    "step": 31.2,  # plus STEP_ROW_SECONDS per table row, plus REPEAT_SECONDS for repeated data
    "compare": 16.6,  # plus COMPARE_STEP_SECONDS per small-batch step drawn
    "paths": 20.1,  # plus ARROWS_SECONDS when gradient arrows are drawn
    "noise": 7.0,  # plus NOISE_SIZE_SECONDS per batch size shown
    "tradeoffs": 15.9,
    "summary": 15.1,
    "surface3d": 0.0,  # exactly its `seconds` option
    "sampling": 5.9,  # plus SAMPLING_ROW_SECONDS per row (the poll row too)
    "features": 3.8,  # plus FEATURES_BATCH_SECONDS per batch, plus 3 s per comparison
    "composition": 5.2,  # plus 1 s per small batch, plus MIXED_SECONDS for a mixed batch
}
NOISE_SIZE_SECONDS = 4.5
MIXED_SECONDS = 4.7
ARROWS_SECONDS = 5.0
COMPARE_STEP_SECONDS = 1.0
STEP_ROW_SECONDS = 0.7  # two columns revealed row by row at 0.35 s
REPEAT_SECONDS = 6.0
DATA_BATCH_SECONDS = 3.6
FOG_SIZE_SECONDS = 3.4
SAMPLING_ROW_SECONDS = 4.5
FEATURES_BATCH_SECONDS = 3.6


def safe_name(text: str) -> str:
    """File-name-safe: letters, digits, '-', '_' only; never empty, never a path."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")
    return cleaned[:80] or "scene"


def entry_name(entry, index: int) -> str:
    """A stable, file-name-safe name for lesson entry ``index``: 01_setup, 02_step_bs4_1."""
    parts = [f"{index + 1:02d}", entry.scene]
    for key in ("run", "step", "small", "full"):
        value = getattr(entry, key, None)
        if value is not None:
            parts.append(str(value))
    if entry.scene == "paths":
        parts.extend(entry.runs[:3])
    return "_".join(parts)


def scene_names(scenario) -> list[str]:
    """The names `batchviz list` shows and `render --scene` accepts, one per lesson entry, file-name safe."""
    return [safe_name(entry_name(entry, i)) for i, entry in enumerate(scenario.lesson)]


def entry_seconds(scenario, entry) -> float:
    """Estimated length of one lesson entry, without rendering or computing it."""
    seconds = SCENE_SECONDS[entry.scene]
    n = len(scenario.data.x) if scenario.data.x is not None else None  # unknown for CSV data
    if entry.scene == "step":
        run = scenario.runs.get(entry.run)
        if run is not None:
            rows = min(run.batch_size, n) if n else run.batch_size
            seconds += STEP_ROW_SECONDS * rows
            if run.repeat > 1 and n and run.batch_size > n:
                seconds += REPEAT_SECONDS
    elif entry.scene == "fog":
        seconds += FOG_SIZE_SECONDS * len(entry.batch_sizes)
    elif entry.scene == "sampling":
        seconds += SAMPLING_ROW_SECONDS * (len(entry.sample_sizes) + (entry.first is not None))
    elif entry.scene == "features":
        seconds += FEATURES_BATCH_SECONDS * len(entry.batches) + 3.0 * (len(entry.batches) - 1)
    elif entry.scene == "data":
        run = scenario.runs.get(entry.run)
        if run is not None and n:
            seconds += DATA_BATCH_SECONDS * min(-(-n * run.repeat // run.batch_size), 8)
    elif entry.scene == "compare":
        run = scenario.runs.get(entry.small)
        if run is not None and n:
            seconds += COMPARE_STEP_SECONDS * min(-(-n * run.repeat // run.batch_size), 8)
    elif entry.scene == "noise":
        seconds += NOISE_SIZE_SECONDS * len([b for b in entry.batch_sizes if n is None or b <= n])
    elif entry.scene == "surface3d":
        seconds += entry.seconds
    elif entry.scene == "composition":
        seconds += -(-len(entry.reviews) // entry.batch_size) + (MIXED_SECONDS if entry.mixed else 0)
    elif entry.scene == "paths" and entry.arrows is not None:
        seconds += ARROWS_SECONDS
    return seconds


def estimate_seconds(scenario) -> float:
    return sum(entry_seconds(scenario, entry) for entry in scenario.lesson)
