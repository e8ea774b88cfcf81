"""The lesson as an ordered list of scene entries, with duration estimates.

Kept free of manim so that `batchviz check` and `batchviz list` stay fast;
scenes/kinds/registry.py maps each entry to its Manim Scene class.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scenes.scenario.fields import EntryBase, texts_in
from scenes.scenario.kind import kinds
from scenes.scenario.locale import locale_keys, locale_text
from scenes.scenario.reading import reading_seconds
from scenes.scenario.text_template import fill, placeholders

if TYPE_CHECKING:
    from scenes.scenario.schema import Scenario


def safe_name(text: str) -> str:
    """File-name-safe: letters, digits, '-', '_' only; never empty, never a path."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")
    return cleaned[:80] or "scene"


def entry_name(entry: EntryBase, index: int) -> str:
    """A stable, file-name-safe name for lesson entry ``index``: 01_setup, 02_step_bs4_1."""
    return "_".join([f"{index + 1:02d}", entry.scene, *kinds()[entry.scene].name_parts(entry)])


def scene_names(scenario: Scenario) -> list[str]:
    """The names `batchviz list` shows and `render --scene` accepts, one per lesson entry, file-name safe."""
    return [safe_name(entry_name(entry, i)) for i, entry in enumerate(scenario.lesson)]


def entry_seconds(scenario: Scenario, entry: EntryBase) -> float:
    """Estimated length of one lesson entry, without rendering or computing it (each kind's own estimate, measured
    from its renders; tests compare them with real renders)."""
    return kinds()[entry.scene].seconds(scenario, entry)


def estimate_seconds(scenario: Scenario) -> float:
    return sum(entry_seconds(scenario, entry) for entry in scenario.lesson)


def narrated_seconds(scenario: Scenario, language: str, pace: float | None = None) -> float:
    """A lower bound of the lesson's length in ``language`` at ``pace`` (default: style.pace), without rendering.

    A scene lasts at least its animations and at least the reading time of its narration (each beat waits until
    its cue has been read): per entry, the larger of the kind's estimate and the reading time of its beats, each
    beat by the longest of its alternatives, as the entry's, the scenario's or the locale's text says it
    (placeholders left out: they hold numbers and short labels). `check` refuses a lesson whose narration alone
    would make it hours long, however short its animations.
    """
    pace = float(scenario.style.pace if pace is None else pace)
    shared = texts_in(scenario.texts, language)
    defaults = locale_keys(language)

    def said(entry: EntryBase, key: str) -> float:
        own = texts_in(entry.texts, language)
        template = own.get(key, shared.get(key, locale_text(language, key) if key in defaults else ""))
        try:
            text = fill(template, {name: "" for name in placeholders(template)})
        except KeyError:  # an invalid template is reported by the text checks
            text = template
        return reading_seconds(text, language, pace)

    total = 0.0
    for entry in scenario.lesson:
        kind = kinds()[entry.scene]
        narration = sum(max(said(entry, key.strip()) for key in beat.split("|")) for beat in kind.beats)
        total += max(kind.seconds(scenario, entry), narration)
    return total
