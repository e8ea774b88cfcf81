"""The picture checks' examples (the first shipped entry of every kind), a copy of a lesson in another theme, and
the WCAG contrast those checks hold text to.

What an entry shows is recorded by tests/helpers_record.py (Shown). Sizes are measured from the mobjects, not from
pixels: a text's effective font size is the size it was made at times how much it was scaled since (from the spread
of its points, so a rotated axis name counts as it reads), and turned into the pixel height of a capital letter (or
digit) at 1080p by drawing a capital "H" at a known size in the same font class (the frame is 8 scene units high:
1080 / 8 px per unit).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from scenes.scenario.kind import kinds
from scenes.scenario.loader import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
MIN_CONTRAST = 4.5  # WCAG AA for text


# An independent reference: WCAG 2 relative luminance and contrast
def linear_rgb(hex_color: str) -> np.ndarray:
    """The colour's sRGB channels, linearised (WCAG 2 / IEC 61966-2-1)."""
    c = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def contrast(a: str, b: str) -> float:
    la, lb = (float(linear_rgb(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


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


def in_theme(path: Path, theme_name: str, folder: Path) -> Path:
    """A copy of the scenario file in ``folder`` with ``style.theme`` set (its data files beside it)."""
    for data in path.parent.glob("*.csv"):
        shutil.copy(data, folder / data.name)
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nstyle:\n", f"\nstyle:\n  theme: {theme_name}\n") if "\nstyle:\n" in text \
        else text + f"\nstyle: {{theme: {theme_name}}}\n"
    copy = folder / path.name
    copy.write_text(text, encoding="utf-8")
    assert load_scenario(copy).style.theme == theme_name
    return copy
