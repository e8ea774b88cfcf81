"""Gradient noise: every minibatch gradient at the start, as a cloud that shrinks as the batch grows."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import Field

from scenes.scenario.fields import EntryBase, PositiveInt
from scenes.scenario.kind import Kind

BASE_SECONDS, SIZE_SECONDS = 7.0, 4.5


class NoiseEntry(EntryBase):
    """At the starting point, the gradient of every possible batch of each size (up to 300 drawn reproducibly when
    there are more) as a cloud around the full-batch gradient, with the 2σ covariance ellipse and the exact shrink
    factor (N−B)/(B(N−1)); beside it the opinion-poll picture: each sample's ∂L/∂w and the spread of batch means."""

    scene: Literal["noise"]
    """Scene kind."""
    batch_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=6)] = [1, 2, 4, 8]
    """Batch sizes to show in turn (at most the number of samples)."""


def seconds(scenario, e) -> float:
    n = len(scenario.data.x) if scenario.data.x is not None else None  # unknown for CSV data
    return BASE_SECONDS + SIZE_SECONDS * len([b for b in e.batch_sizes if n is None or b <= n])


def variance_key(key: str, factor: Fraction) -> str:
    """The batch beat's text key for its variance factor (N − B)/(B(N − 1)): a factor of exactly 1 (batch size 1,
    each batch one sample) is said as "equals one sample's", never "1 times one sample's"."""
    return f"{key}_equal" if key in ("sub_noise_batch", "sub_noise_batch_drawn") and factor == 1 else key


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_noise_intro", "sub_noise_batch | sub_noise_batch_equal | sub_noise_batch_drawn | sub_noise_batch_drawn_equal | "
         "sub_noise_batch_all", "sub_noise_summary")

KIND = Kind(NoiseEntry, seconds=seconds, check=lambda checks, loc, e: checks.batch_sizes_fit(loc, e.batch_sizes), beats=BEATS)
