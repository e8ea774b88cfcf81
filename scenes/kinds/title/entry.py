"""The title card: the lesson's title, its question, an optional subtitle, and the batch sizes the lesson's runs use."""

from __future__ import annotations

from typing import Literal, Optional

from scenes.scenario.fields import EntryBase, Localized
from scenes.scenario.kind import Kind


class TitleEntry(EntryBase):
    """The title card: the lesson's title, the subtitle, and the batch sizes of the lesson's runs."""

    scene: Literal["title"]
    """Scene kind."""
    subtitle: Optional[Localized] = None
    """A line under the title, per language (at most 120 characters)."""
    question: Optional[Localized] = None
    """The lesson's question, shown under the title and said first (at most 120 characters). Default: built from
    the scenario's `task` and its number of samples ("A model learns from 8 samples: ... Should each step look at
    one sample, a few, or all of them?")."""


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_title_card",)

KIND = Kind(TitleEntry, seconds=lambda scenario, entry: 4.0, beats=BEATS)
