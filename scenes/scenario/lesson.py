"""A scenario and what is computed from it, each computed once: worked steps, float paths, learning-rate bounds,
the claims audit, screen texts. The schema (scenes.scenario.schema) stays data; scenes, `explain` and `check` ask
``lesson_of(scenario)``.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Optional

from mathcore import Walkthrough, run_walkthrough, to_fraction
from mathcore.basin_study import BasinStudy, basin_study
from mathcore.batch_size_study import StudySettings
from mathcore.batching import epochs_needed
from mathcore.claims import ClaimResult, ClaimSpec, audit
from mathcore.noise import per_sample_gradients
from mathcore.problem import Problem
from mathcore.stability import run_stability
from mathcore.study_report import StudyReport, study_report
from mathcore.trajectory import run_trajectory
from scenes.scenario.fields import EntryBase, texts_in
from scenes.scenario.kept_studies import kept
from scenes.scenario.locale import judged_base, locale_text
from scenes.scenario.run_plan import run_steps, worked_steps
from scenes.scenario.text_template import fill

if TYPE_CHECKING:
    from mathcore.noise import Vector
    from mathcore.stability import RunStability
    from mathcore.trajectory import Trajectory
    from scenes.scenario.schema import Scenario


_NEGATIVE = re.compile(r"(?<![\w.])-(?=\d)")


def with_true_minus(value: object) -> object:
    """A filled-in number with the minus sign (U+2212) instead of a hyphen: "−0.15", "0.1 → −0.15"."""
    return _NEGATIVE.sub("−", value) if isinstance(value, str) else value


def spoken_relations(text: str) -> str:
    """"w = ≈0.4905" reads as "w ≈ 0.4905": a rounded value is approximately, not exactly, equal."""
    return re.sub(r"=\s*≈\s*", "≈ ", text)


# The studies are the seconds-long computations of a lesson. A lesson file loaded again in the same process (`watch`
# after an edit to a text, the scenes of a lesson rendered in one process, the themes of one lesson) asks the same
# questions: the last few answers are kept, keyed by every input (frozen, hashable values), never by file name; and
# on disk for the next process and command (scenes.scenario.kept_studies).
STUDIES_KEPT = 4


@functools.lru_cache(maxsize=STUDIES_KEPT)
def _study_report(problem: Problem, settings: StudySettings) -> StudyReport:
    return kept("study", StudyReport, study_report, problem, settings)


@functools.lru_cache(maxsize=STUDIES_KEPT)
def _basin_study(*args: Any) -> BasinStudy:
    return kept("basins", BasinStudy, basin_study, *args)


def lesson_of(scenario: Scenario) -> Lesson:
    """The one Lesson of a loaded scenario (kept with it, so that every scene rendered in a process shares it)."""
    if scenario._computed is None:
        scenario._computed = Lesson(scenario)
    return scenario._computed


class Lesson:
    """What the scenes, `check` and `explain` compute from one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._walkthroughs: dict[str, Walkthrough] = {}
        self._trajectories: dict[tuple[str, Fraction], Trajectory] = {}
        self._start_gradients: Optional[list[Vector]] = None
        self._study: Optional[StudyReport] = None
        self._basin_studies: dict[str, BasinStudy] = {}

    def walkthrough(self, run: str) -> Walkthrough:
        """The worked steps of run ``run``: those the lesson and claims need, or the first few (computed once)."""
        sc = self.scenario
        if run not in self._walkthroughs:
            spec = sc.runs[run]
            self._walkthroughs[run] = run_walkthrough(
                sc.problem(), spec.schedule(), epochs=spec.epochs, steps=spec.steps,
                worked_steps=worked_steps(sc)[run])
        return self._walkthroughs[run]

    def stability(self, run: str) -> Optional[RunStability]:
        """Learning-rate bounds of run ``run`` (mathcore.stability.RunStability), linear/MSE only, else None."""
        sc = self.scenario
        if sc.model != "linear":
            return None

        spec = sc.runs[run]
        return run_stability(sc.dataset.x, spec.schedule(), run_steps(spec, len(sc.dataset)))

    def trajectory(self, run: str, learning_rate: Optional[Fraction] = None) -> Trajectory:
        """Run ``run`` in float64, every step (mathcore.trajectory.Trajectory), at the scenario's or the given
        learning rate (computed once per rate)."""
        sc = self.scenario
        key = (run, sc.learning_rate_of() if learning_rate is None else to_fraction(learning_rate))
        if key not in self._trajectories:
            spec = sc.runs[run]
            total = run_steps(spec, len(sc.dataset))
            self._trajectories[key] = run_trajectory(
                sc.problem(learning_rate), spec.schedule(),
                epochs=epochs_needed(len(sc.dataset), spec.schedule(), total), max_steps=total)
        return self._trajectories[key]

    def audit(self) -> list[ClaimResult]:
        """The claims audit (mathcore.claims) of every claim in the scenario."""
        sc = self.scenario
        specs = [ClaimSpec(c.run, c.step, c.quantity, c.value, c.source) for c in sc.claims]
        return audit(specs, {run: self.walkthrough(run) for run in {c.run for c in sc.claims}})

    def start_gradients(self) -> list[Vector]:
        """Each sample's gradient at the starting point (mathcore.noise.per_sample_gradients), computed once: the
        noise, fog and summary pictures all start from them."""
        if self._start_gradients is None:
            problem = self.scenario.problem()
            self._start_gradients = per_sample_gradients(problem, problem.init.w, problem.init.b)
        return self._start_gradients

    def study(self) -> StudyReport:
        """The batch-size study with its fit and noise scales (mathcore.study_report.StudyReport), computed once."""
        if self._study is None:
            s = self.scenario.study
            settings = StudySettings(tuple(s.batch_sizes) if s.batch_sizes else None,
                                     None if s.target is None else float(s.target), s.seeds, max(s.seeds, s.max_seeds),
                                     s.max_steps)
            self._study = _study_report(self.scenario.problem(), settings)
        return self._study

    def basin_study(self, entry: Any) -> BasinStudy:
        """The basin study of a `basins` entry (mathcore.basin_study.BasinStudy), computed once per entry."""
        key = entry.model_dump_json()
        if key not in self._basin_studies:
            sc = self.scenario
            x = [float(v) for v in sc.dataset.x]
            y = [float(v) for v in sc.dataset.y]
            held = (tuple(entry.held_out.x), tuple(entry.held_out.y)) if entry.held_out is not None else None
            lr = float(sc.learning_rate_of(entry))
            self._basin_studies[key] = _basin_study(  # basin_study's arguments, in order
                tuple(x), tuple(y), (float(sc.init.w), float(sc.init.b)), lr, tuple(entry.batch_sizes), entry.runs,
                entry.epochs, tuple(entry.w_range), tuple(entry.b_range), entry.seed, entry.grid, held, entry.grid_runs)
        return self._basin_studies[key]

    def task(self, language: Optional[str] = None) -> str:
        """What the model learns to predict, in ``language``: the scenario's own words, else a neutral default."""
        sc = self.scenario
        language = language or sc.language
        own = sc.task.get(language) if sc.task else None
        return own or self.text("task_default", language)

    def text(self, key: str, language: Optional[str] = None, entry: Optional[EntryBase] = None,
             **fields: object) -> str:
        """A screen string: the lesson entry's own text, else the scenario's, else the locale file's."""
        sc = self.scenario
        language = language or sc.language

        base = judged_base(key)  # an author's words for every outcome of a judged sentence, e.g. "sub_paths"
        for own in (texts_in(entry.texts, language) if entry is not None else {}, texts_in(sc.texts, language)):
            if key in own:
                template = own[key]
                break
            if base is not None and base in own:
                template = own[base]
                break
        else:
            template = locale_text(language, key)
        # words that name a colour of the theme: "white dot" on the dark theme, "black dot" on the light one
        fields.setdefault("dot", locale_text(language, "dot_on_dark" if sc.theme().is_dark else "dot_on_light"))
        return spoken_relations(fill(template, {name: with_true_minus(value) for name, value in fields.items()}))
