"""What a batch contains: review cards in small batches and one mixed large batch."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StrictInt

from scenes.scenario.fields import EntryBase, Frozen, Label01, PositiveInt, ShortLocalized
from scenes.scenario.kind import Kind

MAX_MIXED = 256  # every review of the mixed batch is drawn
BASE_SECONDS, BATCH_SECONDS, MIXED_SECONDS = 5.2, 1.0, 4.7


class Review(Frozen):
    """A review card: its text, its sentiment label (1 positive, 0 negative), and how to tag it."""

    text: ShortLocalized
    """The sentence, per language (at most 40 characters: it is written on a small card)."""
    label: Label01
    """Sentiment label in [0, 1]."""
    tag: Optional[ShortLocalized] = None
    """Tag shown on the card, e.g. "中性偏正面" (default: positive/negative from the label)."""


class ReviewGroup(Frozen):
    """Part of the mixed large batch: how many reviews of one kind."""

    tag: ShortLocalized
    """The kind, e.g. "明显正面"."""
    label: Label01
    """Their sentiment label in [0, 1]."""
    count: Annotated[StrictInt, Field(ge=1, le=200)]
    """How many of them are in the large batch."""


class CompositionEntry(EntryBase):
    """Review cards (`text` is the sentence) grouped into small batches and one mixed large batch; each batch's
    teaching signal is its share of positive labels, drawn as a bar."""

    scene: Literal["composition"]
    """Scene kind."""
    reviews: Annotated[list[Review], Field(min_length=2, max_length=12)]
    """The cards, in order; consecutive groups of batch_size form the small batches."""
    batch_size: PositiveInt = 4
    """Cards per small batch."""
    mixed: Annotated[list[ReviewGroup], Field(max_length=8)] = []
    """The large mixed batch, by kind and count (optional; at most 8 kinds and 256 reviews, each drawn)."""


def check(checks, loc, e) -> None:
    if e.batch_size > len(e.reviews):
        checks.problem(loc + ("batch_size",), f"batch size {e.batch_size} is larger than the {len(e.reviews)} "
                                              f"reviews; use at most {len(e.reviews)}")
    mixed = sum(g.count for g in e.mixed)
    if mixed > MAX_MIXED:
        checks.problem(loc + ("mixed",), f"the mixed batch has {mixed} reviews and each is drawn; "
                                         f"use at most {MAX_MIXED} in all")


def seconds(scenario, e) -> float:
    return BASE_SECONDS + BATCH_SECONDS * -(-len(e.reviews) // e.batch_size) + (MIXED_SECONDS if e.mixed else 0)


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_composition_small", "sub_composition_mixed")

KIND = Kind(CompositionEntry, seconds=seconds, check=check, beats=BEATS)
