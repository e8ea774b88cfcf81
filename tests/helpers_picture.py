"""The picture checks' examples (the first shipped entry of every kind) and what an entry shows: every visible text
and formula with its colour and size (recorded by tests/helpers_record.py).

Sizes are measured from the mobjects, not from pixels: a text's effective font size is the size it was made at
times how much it was scaled since (from the spread of its points, so a rotated axis name counts as it reads),
and turned into the pixel height of a capital letter (or digit) at 1080p by drawing a capital "H" at a known size
in the same font class (the frame is 8 scene units high: 1080 / 8 px per unit).
"""

from __future__ import annotations

from pathlib import Path

from scenes.pipeline.script import entry_script
from scenes.scenario.kind import kinds
from scenes.scenario.loader import load_scenario
from tests.helpers_record import SceneRecorder, Shown

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def kind_names() -> list[str]:
    """Every scene kind, as the pipeline finds them (scenes.kinds lists its packages; not hard-coded)."""
    return sorted(kinds())


def shipped_examples() -> dict[str, list[tuple[Path, int]]]:
    """For each kind, the (scenario file, lesson index) of its entries in the shipped scenarios."""
    found: dict[str, list[tuple[Path, int]]] = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        sc = load_scenario(path)
        for i, entry in enumerate(sc.lesson):
            found.setdefault(entry.scene, []).append((path, i))
    return found


def record_entry(scenario, index: int) -> list[Shown]:
    """Run lesson entry ``index`` as `batchviz script` does (every mobject made and animated, no frame painted:
    sizes and colours are read from the mobjects, not from pixels) and return what it showed."""
    with SceneRecorder(watch_screen=True) as recorder:
        entry_script(scenario, index)
    return recorder.take_shown()
