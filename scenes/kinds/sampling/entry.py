"""The teacher's sample: a class average estimated from a few students, and the one-neighbourhood poll."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal, Optional

from pydantic import Field, StrictInt

from scenes.scenario.fields import EntryBase, Number, PositiveInt, ShortLocalized
from scenes.scenario.kind import Kind

BASE_SECONDS, ROW_SECONDS = 5.9, 4.5


class SamplingEntry(EntryBase):
    """The teacher's sample: the class as a grid of scores and its average; for each sample size, the averages of
    `draws` random samples (numpy.random.default_rng(`seed`), without replacement) as dots, with the band of ±2
    spreads of the sample average, σ·√((N−n)/(n(N−1))), exact. `first: 10` adds the poll that asks only the first
    10 as listed (one neighbourhood): its average against that band, inside or outside as computed."""

    scene: Literal["sampling"]
    """Scene kind."""
    scores: Annotated[list[Number], Field(min_length=2, max_length=200)]
    """The class: each student's score, in the listed order (2 to 200 students)."""
    sample_sizes: Annotated[list[PositiveInt], Field(min_length=1, max_length=4)] = [1, 5, 30]
    """Sample sizes shown in turn, each at most the number of students."""
    draws: Annotated[StrictInt, Field(ge=5, le=100)] = 30
    """Random samples drawn of each size (numpy.random.default_rng(seed), without replacement)."""
    seed: Annotated[StrictInt, Field(ge=0, le=2**32 - 1)] = 0
    """Random seed of the drawn samples."""
    first: Optional[PositiveInt] = None
    """Also show the poll that asks only the first `first` students as listed (one neighbourhood): its average
    against the spread of random samples of that size."""
    what: Optional[ShortLocalized] = None
    """What a score is, e.g. "maths score" (default: the locale's `sampling_what`)."""


def check(checks, loc, e) -> None:
    n = len(e.scores)
    for j, size in enumerate(e.sample_sizes):
        if size > n:
            checks.problem(loc + ("sample_sizes", j), f"a sample of {size} is more than the {n} students in "
                                                      f"scores; use at most {n}")
    if e.first is not None and e.first > n:
        checks.problem(loc + ("first",), f"the poll of the first {e.first} is more than the {n} students in "
                                         f"scores; use at most {n}")


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
def spread_key(spread: Fraction | float) -> str:
    """The sample-size beat's text key: averages that spread 0 (every score the same) are said not to spread,
    never "spread 0 around 60"."""
    return "sub_sampling_size_none" if spread == 0 else "sub_sampling_size"


BEATS = ("sub_sampling_intro", "sub_sampling_size | sub_sampling_size_none", "sub_sampling_first_inside | sub_sampling_first_outside | sub_sampling_first_exact", "sub_sampling_summary | sub_sampling_summary_one | sub_sampling_summary_same")

KIND = Kind(SamplingEntry, check=check,
            seconds=lambda scenario, e: BASE_SECONDS + ROW_SECONDS * (len(e.sample_sizes) + (e.first is not None)), beats=BEATS)
