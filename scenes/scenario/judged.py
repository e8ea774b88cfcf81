"""The narration's judging sentences: which wording each takes, decided by mathcore.verdicts from the lesson's values.

A judging sentence ("the parameters swing", "came close", "the batches disagree", "a middle ground") is built here,
once, with the verdicts that chose its wording; the scenes say exactly these sentences, `batchviz script --format
json` carries the verdicts on each cue, and the narration judge (tests/test_narration_judge.py) re-checks them from
the raw numbers. No manim here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from mathcore import Problem, StepRecord, Walkthrough, format_value, to_fraction
from mathcore.batch_fits import batch_fits
from mathcore.batching import batch_indices
from mathcore.bce_stability import bce_max_stable_lr, bce_run_stability
from mathcore.formatting import format_degrees
from mathcore.hardware_cost import Hardware, batch_costs
from mathcore.minima import basin_of
from mathcore.optimum import find_optimum
from mathcore.stability import mse_curvature
from mathcore.verdicts import (
    Verdict,
    batches_disagree,
    came_close,
    fans_alike,
    loss_rose,
    middle_ground,
    optimum_is_global,
    smaller_batch_zigzags,
    smaller_step,
    swings,
    tied_with_fastest,
    view_distance,
)
from mathcore.view import fit_view
from mathcore.walkthrough import dataset_loss
from scenes.scenario.run_plan import run_steps

if TYPE_CHECKING:
    from mathcore.batch_fits import BatchFit
    from mathcore.optimum import Optimum
    from mathcore.stability import Curvature, RunStability
    from mathcore.trajectory import Trajectory
    from mathcore.view import View
    from scenes.scenario.lesson import Lesson

# REAL: mathcore.verdicts and mathcore.hardware_cost annotate their numbers as float, and take exact Fractions and
# float64 arrays alike (they only compare and combine them); the ignores below mark where they are given those.

# A lesson entry of the kind a function names (scenes/kinds/<kind>/entry.py): typed Any, since the scenario layer
# never imports the kinds.
KindEntry = Any


@dataclass(frozen=True)
class Judged:
    """A sentence and the verdicts that chose its wording."""

    text: str
    verdicts: tuple[Verdict, ...]


def number(lesson: Lesson, value: "Fraction | int | float") -> str:
    """A number as the scenes write it in a sentence (the one formatting function, the scenario's digits)."""
    return format_value(value, lesson.scenario.style.digits, "text")


def run_label(lesson: Lesson, run: str, language: str) -> str:
    """How the scenario names a run in ``language`` ("batch size = 4" by default)."""
    spec = lesson.scenario.runs[run]
    own = spec.label.get(language) if spec.label else None
    return own or lesson.text("batch_size_label", language, size=spec.batch_size)


def listed(lesson: Lesson, items: Iterable[str], language: str) -> str:
    """Items of a list inside a sentence, joined as the language writes a list ("a, b" / "a、b")."""
    return lesson.text("list_comma", language).join(items)


def listed_and(lesson: Lesson, items: list[str], language: str) -> str:
    """A list that ends with "and": "1", "1 and 2", "1, 2 and 4" ("1、2 和 4")."""
    if len(items) < 2:
        return listed(lesson, items, language)
    return listed(lesson, items[:-1], language) + lesson.text("list_and", language) + items[-1]


# --- compare: the small batch's first epoch beside one full-batch step -----------------------------------------

def compare_steps(lesson: Lesson, entry: KindEntry) -> tuple[Walkthrough, list[StepRecord], Walkthrough, StepRecord]:
    """The small run's first-epoch steps as the scene shows them, and the full run's first step."""
    small, full = lesson.walkthrough(entry.small), lesson.walkthrough(entry.full)
    return small, [s for s in small.steps if s.epoch == 1], full, full.steps[0]


def compare_small(lesson: Lesson, entry: KindEntry, language: str) -> Judged:
    """"w goes …, b goes …" and whether that path swings (mathcore.verdicts.swings)."""
    small, steps, _, _ = compare_steps(lesson, entry)
    w_path = [small.init.w] + [s.w_after for s in steps]
    b_path = [small.init.b] + [s.b_after for s in steps]
    problem = lesson.scenario.problem()
    loss_rose = dataset_loss(problem, w_path[-1], b_path[-1]) > dataset_loss(problem, w_path[0], b_path[0])
    verdict = replace(swings(w_path, b_path, loss_rose), subject=entry.small)  # type: ignore[arg-type]  # see REAL
    text = lesson.text(verdict.key("sub_compare_small"), language, entry=entry,
                       run=run_label(lesson, entry.small, language),
                       w_path=" → ".join(number(lesson, v) for v in w_path),
                       b_path=" → ".join(number(lesson, v) for v in b_path))
    return Judged(text, (verdict,))


def full_step_verdict(lesson: Lesson, entry: KindEntry) -> Verdict:
    """Whether the compare entry's full-batch step is shorter than its small batch's steps
    (mathcore.verdicts.smaller_step)."""
    small, steps, full, step = compare_steps(lesson, entry)
    small_moves: list[tuple[Any, Any]] = []  # exact where the walkthrough is
    before = (small.init.w, small.init.b)
    for s in steps:
        small_moves.append((s.w_after - before[0], s.b_after - before[1]))
        before = (s.w_after, s.b_after)
    full_move = (step.w_after - full.init.w, step.b_after - full.init.b)
    return replace(smaller_step(full_move, small_moves),  # type: ignore[arg-type]  # see REAL
                   subject=entry.full)


def compare_full(lesson: Lesson, entry: KindEntry, language: str) -> Judged:
    """The full batch's step and whether it is shorter than the small batch's (full_step_verdict)."""
    _, _, full, step = compare_steps(lesson, entry)
    verdict = full_step_verdict(lesson, entry)
    text = lesson.text(verdict.key("sub_compare_full"), language, entry=entry,
                       run=run_label(lesson, entry.full, language),
                       w_path=" → ".join(number(lesson, v) for v in (full.init.w, step.w_after)),
                       b_path=" → ".join(number(lesson, v) for v in (full.init.b, step.b_after)))
    return Judged(text, (verdict,))


# --- data: the line each batch believes ------------------------------------------------------------------------

def first_epoch_batches(lesson: Lesson, run_name: str) -> list[tuple[int, ...]]:
    """Every batch of the run's first epoch (sample indices), also those after a run that stops short of it."""
    run = lesson.scenario.runs[run_name]
    return [idx for _, idx in batch_indices(len(lesson.scenario.problem().data), run.schedule(), 1)]


def data_batches(lesson: Lesson, entry: KindEntry, limit: int) -> list[BatchFit]:
    """The run's first-epoch batches (at most ``limit``), each with its own least-squares line."""
    return batch_fits(lesson.scenario.problem(), first_epoch_batches(lesson, entry.run)[:limit])


def data_verdict(lesson: Lesson, fits: Sequence[BatchFit]) -> Optional[Verdict]:
    """Whether the batches believe visibly different slopes (mathcore.verdicts.batches_disagree); None when there
    is no line for all the data or none of a batch's own to compare."""
    problem = lesson.scenario.problem()
    whole = find_optimum(problem).params
    slopes = [f.fit.w for f in fits if f.fit is not None]
    if whole is None or not slopes:
        return None
    xs, ys = [float(v) for v in problem.data.x], [float(v) for v in problem.data.y]
    spans = max(xs) - min(xs), max(ys) - min(ys)
    return batches_disagree(slopes, whole.w, *spans)  # type: ignore[arg-type]  # see REAL


def data_conclusion(lesson: Lesson, entry: KindEntry, language: str, fits: Sequence[BatchFit]) -> Judged:
    """The data scene's conclusion: the batches' slopes and whether they differ visibly (``data_verdict``)."""
    verdict = data_verdict(lesson, fits)
    if verdict is None:  # nothing to compare
        return Judged(lesson.text("sub_data_end", language, entry=entry), ())
    whole = find_optimum(lesson.scenario.problem()).params
    assert whole is not None  # data_verdict found it
    slopes = [f.fit.w for f in fits if f.fit is not None]

    def said(v: Fraction | int | float) -> str:
        shown = number(lesson, v)
        return f"≈ {shown[1:]}" if shown.startswith("≈") else f"= {shown}"

    fields = {"w": said(whole.w), "lo": number(lesson, min(slopes + [whole.w])),
              "hi": number(lesson, max(slopes + [whole.w]))}
    # identical slopes are not "close, from 2 to 2": they all agree exactly (the false outcome at its limit, 0)
    key = "sub_data_agree_exactly" if verdict.measured == 0 else verdict.key("sub_data_differ")
    return Judged(lesson.text(key, language, entry=entry, **fields), (verdict,))


# --- fog: how far each batch size's arrows point from the whole data's, on average ------------------------------

def fog_averages(lesson: Lesson, entry: KindEntry, language: str, averages: dict[int, float],
                 arrow: str) -> Judged:
    """The fog scene's last sentence: the mean angle (mathcore.noise.typical_deviation) of every batch size shown,
    in whole degrees, and whether the two smallest fan out alike (mathcore.verdicts.fans_alike)."""
    a, b = sorted(averages)[:2]
    verdict = fans_alike(averages[a], averages[b], subject=f"{a},{b}")
    items = [lesson.text("fog_average_item", language, size=size, angle=format_degrees(averages[size]))
             for size in sorted(averages)]
    text = lesson.text(verdict.key("sub_fog_alike"), language, entry=entry, a=a, b=b, arrow=arrow,
                       averages=listed(lesson, items, language))
    return Judged(text, (verdict,))


# --- paths: which runs came close to the optimum ---------------------------------------------------------------

def paths_plan(lesson: Lesson, entry: KindEntry) -> PathsPlan:
    """What the paths scene computes before drawing: the problem at the scene's rate, the runs, the view."""
    problem = lesson.scenario.problem(lesson.scenario.learning_rate_of(entry))
    trajectories = {name: lesson.trajectory(name, problem.lr) for name in entry.runs}
    start_loss = float(dataset_loss(problem, problem.init.w, problem.init.b))
    found = find_optimum(problem)
    curvature = mse_curvature(problem.data.x) if problem.model == "linear" else None
    anchors = [(float(problem.init.w), float(problem.init.b))]
    if found.params is not None:
        anchors.append((float(found.params.w), float(found.params.b)))
    view = fit_view(anchors, [(t.w, t.b, t.full_loss, t.diverged_at is not None) for t in trajectories.values()],
                    start_loss)
    return PathsPlan(problem, problem.lr, trajectories, start_loss, found, curvature, anchors, view)


@dataclass
class PathsPlan:
    """What the paths scene computes before drawing."""

    problem: Problem
    lr: Fraction
    trajectories: dict[str, Trajectory]
    start_loss: float
    found: Optimum
    curvature: Optional[Curvature]  # None for logistic models
    anchors: list[tuple[float, float]]
    view: View


def paths_surface(lesson: Lesson, entry: KindEntry, language: str, plan: PathsPlan) -> Judged:
    """The surface beat: the star is the optimum on a convex loss, the lowest minimum found on a non-convex one
    (mathcore.verdicts.optimum_is_global); or why no star is drawn."""
    found = plan.found
    if found.params is None:
        return Judged(lesson.text("sub_surface_" + found.reason, language, entry=entry), ())
    verdict = optimum_is_global(found.minima_found)
    key = "sub_surface" if verdict.holds else "sub_surface_lowest_found"
    return Judged(lesson.text(key, language, entry=entry, w=number(lesson, found.params.w),
                              b=number(lesson, found.params.b), count=found.minima_found), (verdict,))


def paths_horizon(lesson: Lesson, entry: KindEntry, language: str, plan: PathsPlan) -> Judged:
    """Of the runs that did not diverge: which came close to the optimum, which did not, which got part of the
    way (mathcore.verdicts.came_close: loss share and distance from the star in the drawn view); "" without an
    optimum."""
    optimum = plan.found.params
    if optimum is None:
        return Judged("", ())
    best = float(dataset_loss(plan.problem, optimum.w, optimum.b))
    global_optimum = optimum_is_global(plan.found.minima_found).holds
    verdicts, rose = [], []
    for name in entry.runs:
        t = plan.trajectories[name]
        if t.diverged_at:
            continue
        # a run whose loss ended above (or about at) its start's is said so first: "did not come close" undersells it;
        # on a non-convex loss a run at about its start's loss may have settled in another minimum's valley, which
        # says more (settled_elsewhere), so there only a loss that rose is said first
        risen = loss_rose(float(t.full_loss[-1]), plan.start_loss, name)
        if risen.holds is True or (risen.holds is None and global_optimum):
            rose.append(risen)
            continue
        distance = view_distance(t.w[-1], t.b[-1], optimum.w, optimum.b,  # type: ignore[arg-type]  # see REAL
                                 plan.view)
        verdicts.append(came_close(float(t.full_loss[-1]), best, plan.start_loss, distance, name))
    settled = settled_elsewhere(plan, [v.subject for v in verdicts if v.holds is False]) if not global_optimum else []
    clauses = []
    for rose_outcome, rose_key in ((True, "horizon_rose"), (None, "horizon_level")):
        group = [v.subject for v in rose if v.holds is rose_outcome]
        if group:
            clauses.append(lesson.text(rose_key, language, entry=entry, start=number(lesson, plan.start_loss),
                                       runs=listed(lesson, [run_label(lesson, r, language) for r in group], language)))
    for outcome in (True, None, False, "other"):
        group = [v.subject for v in verdicts if v.holds is outcome and v.subject not in settled]
        if outcome == "other":
            group = settled
        if group:
            key = {True: "horizon_near", False: "horizon_far", None: "horizon_partway", "other": "horizon_other"}[outcome]
            if not global_optimum:  # a non-convex loss: the lowest minimum found, not the lowest possible loss
                key += "_found"
            clauses.append(lesson.text(key, language, entry=entry, loss=number(lesson, best),
                                       runs=listed(lesson, [run_label(lesson, r, language) for r in group], language)))
    return Judged(lesson.text("clause_separator", language).join(clauses), tuple(rose + verdicts))


def bce_bounds(lesson: Lesson, entry: KindEntry) -> tuple[float, dict[str, RunStability]]:
    """The cross-entropy's full-batch limit 2/L and each run's limits (mathcore.bce_stability)."""
    x = lesson.scenario.dataset.x
    runs = {name: bce_run_stability(x, lesson.scenario.runs[name].schedule(),
                                    run_steps(lesson.scenario.runs[name], len(x))) for name in entry.runs}
    return bce_max_stable_lr(x), runs


def bce_outcome(lesson: Lesson, entry: KindEntry, language: str, plan: PathsPlan, summary: str,
                bound_text: Callable[[float], str]) -> str:
    """The paths scene's outcome sentence for the logistic model: its learning rate against the cross-entropy's
    limits at their most curved (mathcore.bce_stability: the full batch's and each run's worst batch's), then the
    outcome ``summary``. ``bound_text`` writes a limit as the scene does."""
    lr = float(plan.lr)
    full, runs = bce_bounds(lesson, entry)
    overshooting = [name for name, bounds in runs.items() if lr >= bounds.worst_batch_lr]
    key = "sub_bce_above" if lr >= full else "sub_bce_overshoot" if overshooting else "sub_bce_below"
    overshoot = lesson.text("clause_separator", language).join(
        lesson.text("worst_batch_bound_bce", language, run=run_label(lesson, name, language),
                    bound=bound_text(runs[name].worst_batch_lr)) for name in overshooting)
    return lesson.text(key, language, entry=entry, lr=number(lesson, plan.lr), bound=bound_text(full),
                       overshoot=overshoot, summary=summary)


def settled_elsewhere(plan: PathsPlan, runs: Sequence[str]) -> list[str]:
    """Of ``runs`` (which did not come close to the lowest minimum found), those whose last point lies in another
    minimum's basin (mathcore.minima.basin_of): on a non-convex loss they settled there, more steps would not help."""
    minima = plan.found.minima
    if not runs or len(minima) < 2:
        return []
    lowest = min(range(len(minima)), key=lambda k: minima[k].loss)
    x = np.array([float(v) for v in plan.problem.data.x])
    y = np.array([float(v) for v in plan.problem.data.y])
    ends = basin_of(minima, np.array([plan.trajectories[r].w[-1] for r in runs]),
                    np.array([plan.trajectories[r].b[-1] for r in runs]), x, y)
    return [r for r, k in zip(runs, ends) if k not in (-1, lowest)]


def zigzag_verdict(lesson: Lesson, runs: Sequence[str], learning_rate: Fraction) -> Verdict:
    """Whether the smallest batch's whole path swings and the largest's does not (runs as a paths or surface3d
    scene draws them; a path that diverged is undecided)."""
    sizes = {name: lesson.scenario.runs[name].batch_size for name in runs}
    small, large = min(runs, key=lambda r: sizes[r]), max(runs, key=lambda r: sizes[r])

    def path_swings(name: str) -> Verdict:
        t = lesson.trajectory(name, learning_rate)
        if t.diverged_at or sizes[small] == sizes[large]:
            return Verdict("swings", None, math.nan, 0.0, name)
        return replace(swings(t.w, t.b), subject=name)  # type: ignore[arg-type]  # see REAL

    return replace(smaller_batch_zigzags(path_swings(small), path_swings(large)), subject=f"{small} {large}")


def paths_race(lesson: Lesson, entry: KindEntry, language: str, plan: PathsPlan, clock: str) -> Judged:
    """The race on a fair clock, and whether "the smaller the batch, the more the path zig-zags" is true here."""
    verdict = zigzag_verdict(lesson, entry.runs, lesson.scenario.learning_rate_of(entry))
    return Judged(lesson.text(verdict.key("sub_paths"), language, entry=entry, lr=number(lesson, plan.lr),
                              clock=clock), (verdict,))


def surface3d_said(lesson: Lesson, entry: KindEntry, language: str) -> Judged:
    """The 3D shot's sentence: the small batch jumps across the valley only when its path swings."""
    verdict = zigzag_verdict(lesson, entry.runs, lesson.scenario.learning_rate_of(entry))
    return Judged(lesson.text(verdict.key("sub_surface3d"), language, entry=entry), (verdict,))


# --- summary: the advice, from the trade-offs scene's measurement ------------------------------------------------

def recommended_batch(lesson: Lesson, entry: Optional[KindEntry] = None) -> tuple[list[int], tuple[int, ...]]:
    """The batch sizes a trade-offs scene advises (the study's fastest on its hardware, then those that about tie
    with it) and the batch sizes studied; ``entry``: that scene, else the lesson's first; ([], ()) with none."""
    scene: Any = entry or next((e for e in lesson.scenario.lesson if e.scene == "tradeoffs"), None)
    if scene is None:
        return [], ()
    study = lesson.study().study
    seconds = to_fraction(scene.step_seconds), to_fraction(scene.sample_seconds)
    hardware = Hardware(*seconds, scene.memory_limit)  # type: ignore[arg-type]  # see REAL
    return tied_with_fastest(batch_costs(study.results, hardware)), tuple(r.batch_size for r in study.results)


def tradeoffs_title(lesson: Lesson, entry: KindEntry, language: str) -> str:
    """The trade-offs scene's heading: "Why not always use the largest batch?" asks about a lesson where the largest
    is not the quickest; where it is (or ties with the quickest), the heading asks whether it always is."""
    contenders, sizes = recommended_batch(lesson, entry)
    largest_quickest = bool(sizes) and max(sizes) in contenders
    return lesson.text("tradeoffs_title_largest_quickest" if largest_quickest else "tradeoffs_title", language,
                       entry=entry)


DATA_SCENE_BATCHES = 8  # the batches the data scene draws (scenes/kinds/data MAX_BATCHES): the summary judges those


def summary_blind_men(lesson: Lesson, language: str) -> Judged:
    """The summary's first point, the blind men and the elephant, told as the lesson's data scene measured it: when
    its batches agreed on the slope (mathcore.verdicts.batches_disagree False) the analogy is told as what real
    data does, not as what this data showed; with no data scene, or a disagreement, the analogy as it stands."""
    entry: Optional[KindEntry] = next((e for e in lesson.scenario.lesson if e.scene == "data"), None)
    verdict = data_verdict(lesson, data_batches(lesson, entry, DATA_SCENE_BATCHES)) if entry is not None else None
    verdicts: tuple[Verdict, ...] = () if verdict is None else (verdict,)
    agreed = bool(verdicts) and verdicts[0].holds is False
    return Judged(lesson.text("sub_summary_1_agreed" if agreed else "sub_summary_1", language), verdicts)


# the wording of the summary's large-batch point for each outcome of the compare scene's smaller_step
_LARGE_BATCH_WORDING = {True: "sub_summary_2", False: "sub_summary_2_longer", None: "sub_summary_2_comparable"}


def summary_large_batch(lesson: Lesson, language: str) -> Judged:
    """The summary's second point, a large batch "more conservative", told as the lesson's first compare scene
    measured it (mathcore.verdicts.smaller_step): its one step shorter than the small batch's steps, as it stands;
    longer, said so; comparable, or no compare scene, only the more reliable direction."""
    entry: Optional[KindEntry] = next((e for e in lesson.scenario.lesson if e.scene == "compare"), None)
    if entry is None:
        return Judged(lesson.text(_LARGE_BATCH_WORDING[None], language), ())
    verdict = full_step_verdict(lesson, entry)
    return Judged(lesson.text(_LARGE_BATCH_WORDING[verdict.holds], language), (verdict,))


def summary_advice(lesson: Lesson, entry: KindEntry, language: str, base: str = "sub_summary_3") -> Judged:
    """The summary's last point: a middle ground only when the measured best batch size is one
    (mathcore.verdicts.middle_ground); ``base`` "summary_3" gives the screen text of the same verdict."""
    contenders, sizes = recommended_batch(lesson)
    verdict = middle_ground(contenders, sizes)
    best = contenders[0] if contenders else ""  # the fastest; a tie across an edge is the undecided wording
    text = lesson.text(verdict.key(base), language, entry=entry, best=best,
                       sizes=listed(lesson, [str(s) for s in sizes], language))
    return Judged(text, (verdict,))
