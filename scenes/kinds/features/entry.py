"""The husky and the wolf: what a first step learns about each feature from a small batch and a mixed one."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from scenes.scenario.errors import did_you_mean
from scenes.scenario.fields import EntryBase, Frozen, ShortLocalized
from scenes.scenario.kind import Kind

MAX_BATCH = 256  # examples in one batch
BASE_SECONDS, BATCH_SECONDS, COMPARISON_SECONDS = 3.8, 3.6, 3.0

FeatureValue = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=1, allow_inf_nan=False)]
KindId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]


class FeatureKind(Frozen):
    """One kind of example, e.g. a husky: its name, how much it shows each feature, and its label."""

    name: ShortLocalized
    """How the scene names this kind."""
    features: Annotated[list[FeatureValue], Field(min_length=1, max_length=4)]
    """One value in [0, 1] per feature of the scene, in the same order (1: shows it, 0: does not)."""
    label: Annotated[StrictInt, Field(ge=0, le=1)]
    """1 if it is what the classifier looks for (e.g. a dog), else 0."""


class FeatureBatch(Frozen):
    """One batch of examples, by kind and count."""

    name: ShortLocalized
    """How the scene names this batch, e.g. "2 images"."""
    counts: Annotated[dict[KindId, Annotated[StrictInt, Field(ge=1, le=256)]], Field(min_length=1, max_length=8)]
    """How many examples of each kind (kind ids from `kinds`); at most 256 in all."""


class FeaturesEntry(EntryBase):
    """The husky and the wolf: what the first step of a logistic classifier that starts from zero weights learns
    about each feature from each batch, −∂L/∂w_j = mean over the batch of (y − 1/2)·x_j, exact (every prediction is
    1/2 at zero weights). Bars up mean "this feature says `label`", down "says not". Each batch is then compared
    with the last one, feature by feature: which it gets the wrong way round, which it learns nothing about."""

    scene: Literal["features"]
    """Scene kind."""
    features: Annotated[list[ShortLocalized], Field(min_length=1, max_length=4)]
    """The features the classifier sees, e.g. "grey fur" (1 to 4)."""
    label: ShortLocalized
    """What label 1 means, e.g. "dog"."""
    kinds: Annotated[dict[KindId, FeatureKind], Field(min_length=2, max_length=8)]
    """The kinds of example, by id (letters, digits, - and _)."""
    batches: Annotated[list[FeatureBatch], Field(min_length=1, max_length=3)]
    """The batches compared, in order; the last is the reference the others are compared with."""


def check(checks, loc, e) -> None:
    width = len(e.features)
    for kind_id, kind in e.kinds.items():
        if len(kind.features) != width:
            checks.problem(loc + ("kinds", kind_id, "features"),
                           f"kind '{kind_id}' has {len(kind.features)} feature values but the scene names "
                           f"{width} features; give one value per feature")
    for j, batch in enumerate(e.batches):
        for kind_id in batch.counts:
            if kind_id not in e.kinds:
                hint = did_you_mean(kind_id, e.kinds) or "use one of the ids under kinds"
                checks.problem(loc + ("batches", j, "counts", kind_id), f"unknown kind '{kind_id}'; {hint}")
        total = sum(batch.counts.values())
        if total > MAX_BATCH:
            checks.problem(loc + ("batches", j, "counts"), f"the batch has {total} examples; use at most "
                                                           f"{MAX_BATCH} in all")


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_features_intro", "sub_features_batch", "sub_features_opposite | sub_features_missed | sub_features_agrees")

KIND = Kind(FeaturesEntry, check=check, seconds=lambda scenario, e: BASE_SECONDS + BATCH_SECONDS * len(e.batches)
            + COMPARISON_SECONDS * (len(e.batches) - 1), beats=BEATS)
