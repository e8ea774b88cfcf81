"""The set-up: the task, the model, the loss, the data table, the starting point."""

from __future__ import annotations

from typing import Literal

from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind


class SetupEntry(EntryBase):
    """The task, model, loss, data table, starting point and learning rate."""

    scene: Literal["setup"]
    """Scene kind."""


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_setup | sub_setup_logistic | sub_setup_bump",)

KIND = Kind(SetupEntry, seconds=lambda scenario, entry: 7.5, beats=BEATS)  # the samples arrive while the start is said
