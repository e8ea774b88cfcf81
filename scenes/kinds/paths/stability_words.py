"""The paths scene's stability story in plain words (`stability: words`): no 2/λ_max, no H_S, the same computed
limits as the formulas (the full batch's, each run's steepest batch's), each judged by mathcore.verdicts.step_too_long.
No manim here: the narration is computed, the scene says it."""

from __future__ import annotations

from typing import Optional

from mathcore.verdicts import Verdict, step_too_long
from scenes.scenario.judged import Judged, KindEntry, PathsPlan, bce_bounds, listed_and, number
from scenes.scenario.lesson import Lesson


def stability_limits(lesson: Lesson, entry: KindEntry, plan: PathsPlan) -> Optional[tuple[float, dict[str, float]]]:
    """The learning-rate limit of all the samples together and of each run's steepest batch (2/λ, as the formulas
    state them), or None for a model without them."""
    if plan.curvature is not None:
        limits = {}
        for name in entry.runs:
            run = lesson.stability(name)
            limits[name] = run.worst_batch_lr if run is not None else plan.curvature.max_stable_lr
        return plan.curvature.max_stable_lr, limits
    if plan.problem.model == "logistic":
        full, runs = bce_bounds(lesson, entry)
        return full, {name: bounds.worst_batch_lr for name, bounds in runs.items()}
    return None


def stability_in_words(lesson: Lesson, entry: KindEntry, language: str, plan: PathsPlan, summary: str) -> Judged:
    """Too long a step even for all the samples together (or right at its edge); else safe for them, and too long
    for the steepest batches of some runs, at their edge, or safe for every batch of every run. ``summary``: what
    became of the runs, said after it."""
    limits = stability_limits(lesson, entry, plan)
    if limits is None:
        return Judged(lesson.text("sub_outcome", language, entry=entry, summary=summary), ())
    full_limit, run_limits = limits
    # the logistic model's limits hold where the cross-entropy is most curved: said where that is
    where = lesson.text("stability_where_bce", language, entry=entry) if plan.curvature is None else ""
    fields = dict(lr=number(lesson, plan.lr), n=len(plan.problem.data), where=where, summary=summary)
    whole = step_too_long(float(plan.lr), full_limit, "all samples")
    if whole.holds is not False:
        return Judged(lesson.text(whole.key("sub_stability_all"), language, entry=entry, **fields), (whole,))
    runs = [step_too_long(float(plan.lr), run_limits[name], name) for name in entry.runs]
    # told of the runs whose steepest batch the step is too long for; else of those at its edge; else of none
    told: list[Verdict] = []
    for outcome in (True, None):
        told = [v for v in runs if v.holds is outcome]
        if told:
            break
    key = told[0].key("sub_stability_batches") if told else "sub_stability_batches_false"
    sizes = sorted({lesson.scenario.runs[v.subject].batch_size for v in told})
    said = lesson.text(key, language, entry=entry, sizes=listed_and(lesson, [number(lesson, s) for s in sizes], language),
                       **fields)
    return Judged(said, (whole, *runs))
