"""The trade-offs, measured: steps and samples to the target per batch size, the tuned learning rate, the time on
given hardware; the restaurant tables."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Field, StrictBool, StrictFloat, StrictInt

from scenes.scenario.fields import EntryBase
from scenes.scenario.kind import Kind

Seconds = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=3600, allow_inf_nan=False)]


class TradeoffsEntry(EntryBase):
    """The scenario's batch-size study (see `study`) drawn and narrated: steps against samples to the target, one
    point per batch size, with the fitted curve S = S_min (1 + B_noise / B) and the critical batch size; the learning
    rate tuned per batch size beside its stability bound and the linear scaling rule η ∝ B; the time to the target
    on the author's hardware (`step_seconds` + `sample_seconds` × B per step, batches above `memory_limit` do not
    fit) and the batch size that gets there soonest; restaurant tables with one seat per sample."""

    scene: Literal["tradeoffs"]
    """Scene kind."""
    step_seconds: Seconds = 0.01
    """Hardware: the fixed time of one step, whatever its batch size, in seconds (default 0.01: a GPU's launch and
    update overhead)."""
    sample_seconds: Seconds = 0.0001
    """Hardware: the time each sample of a batch adds to a step, in seconds (default 0.0001)."""
    memory_limit: Optional[Annotated[StrictInt, Field(ge=1, le=10**9)]] = 64
    """Hardware: the largest batch that fits in memory, in samples (default 64; `null`: no limit). A larger batch
    size is not a choice, and a table with more seats does not fit in the room."""
    research: StrictBool = True
    """Show the research page (the fitted curve and critical batch size, the noise scale, the tuned learning rate
    and linear scaling); `false`, for beginners: only the steps and samples per batch size, then the time to the
    target on this hardware, the restaurant tables and the advice."""
    tables: Annotated[list[Annotated[StrictInt, Field(ge=1, le=128)]], Field(min_length=1, max_length=4)] = [4, 32, 100]
    """Table sizes (seats = samples, 1 to 128: every seat is drawn) of the restaurant analogy."""


def check(checks, loc, e) -> None:
    if checks.sc.model == "bump":  # the non-convex model of the basins lesson
        checks.problem(loc + ("scene",), "the tradeoffs scene does not support model: bump: its batch-size study computes the linear and logistic models' losses; "
                                         "with bump use setup, paths, surface3d, noise or basins")
    if e.step_seconds == 0 and e.sample_seconds == 0:
        checks.problem(loc + ("step_seconds",), "step_seconds and sample_seconds are both 0, so every batch size "
                                                "would take no time; give at least one of them a positive time")


# the narration, beat by beat ("a | b": one of them, as the computed values decide)
BEATS = ("sub_study_measured | sub_study_measured_one | sub_study_measured_none",
         "tradeoffs_fit_good_true | tradeoffs_fit_good_undecided | tradeoffs_fit_good_false | sub_study_curve_too_few | "
         "sub_study_curve_steps_do_not_fall | sub_study_curve_not_hyperbolic",
         "sub_study_noise_close | sub_study_noise_above | sub_study_noise_below | sub_study_noise_unfitted | "
         "sub_study_noise_at_optimum",
         "sub_study_lr_proportional | sub_study_lr_proportional_no_critical | tradeoffs_linear_scaling_holds_undecided | "
         "sub_study_lr_less | sub_study_lr_less_no_critical | sub_study_lr_more | "
         "sub_study_lr_one | sub_study_lr_none",
         "sub_study_cost | sub_study_cost_one | sub_study_cost_none",
         "sub_tradeoffs_tables | sub_tradeoffs_tables_all_fit | sub_tradeoffs_tables_unlimited",
         "sub_advice | sub_advice_none")

KIND = Kind(TradeoffsEntry, seconds=lambda scenario, e: 27.2, check=check, beats=BEATS)
