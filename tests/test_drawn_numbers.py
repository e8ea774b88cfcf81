"""Every number a scene draws or says is one an independent numpy computation expects, for every scene kind, on the
seed and on other data.

The scene's TeX, its plain texts and its subtitles are recorded during a tiny render; each number in them must match
(to the digits shown) a value computed here from the scenario's raw numbers with numpy, written from the textbook
formulas: gradient descent steps, least-squares fits, Hessian bounds, sampling spreads, finite differences. A wrong
digit anywhere fails. Axis tick labels (at most two significant digits) are allowed in scenes with axes; integers
are allowed only where the scene counts something, listed per kind. (The step and trade-offs scenes have their own
tests in test_walkthrough_scenes.py and test_lesson_scenes.py.)

A new kind edits nothing here: its reference may sit in its own package (scenes/kinds/<kind>/reference.py, a function
``expected(ref, entry)`` given this file's Reference), or, without one, the kind may draw only numbers its author
wrote (its entry's texts, the lesson's title and task, its screen texts), checked on the example lesson of its
package (scenes/kinds/<kind>/example.yaml).
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from scenes.scenario.kind import kinds
from scenes.scenario.loader import load_scenario
from scenes.scenario.locale import locale_text
from tests.conftest import ROOT, render_all_tiny, render_tiny, small_scenario

KINDS_FOLDER = ROOT / "scenes" / "kinds"

NUMBER = re.compile(r"\d+(?:\.\d+)?")
WITH_AXES = {"data", "compare", "paths", "noise", "fog"}
DIVERGENCE_BOUND, LOSS_BLOWUP = 1e12, 1e6  # the lesson's documented definition of "diverged"


def explained(text: str, expected: set[float], axes: bool, said: bool = False) -> bool:
    value = float(text)
    # the last digit shown is the rounding unit: 0.0153846 -> 1e-7; 51770 (rounded to four significant digits) -> 10
    if "." in text:
        unit = 10.0 ** -len(text.split(".")[1])
    else:
        significant = text.rstrip("0")
        unit = 10.0 ** (len(text) - len(significant)) if len(significant) >= 4 else 1.0
    # a number said is the screen's number rounded again to three digits ("4.765" -> "about 4.76"): the screen's own
    # rounding (at most a tenth of the said unit when the screen shows a digit more) adds to the said half-unit
    tolerance = (0.6 if said else 0.5) * unit + 1e-12 * abs(value)
    if any(abs(value - abs(v)) <= tolerance for v in expected if math.isfinite(v)):
        return True
    digits = text.replace(".", "").lstrip("0").rstrip("0")
    return axes and len(digits) <= 2  # a tick label: 0.5, 20, 0.04


def drawn(rendered) -> set[str]:
    return {n for s in (*rendered.tex, *rendered.texts, *rendered.subtitles) for n in NUMBER.findall(s)}


def unexplained_numbers(rendered, expected: set[float], axes: bool) -> list[str]:
    """The numbers a scene drew or said that no expected value explains to their digits."""
    shown = {n for s in (*rendered.tex, *rendered.texts) for n in NUMBER.findall(s)}
    said = {n for s in rendered.subtitles for n in NUMBER.findall(s)}
    return sorted({n for n in shown if not explained(n, expected, axes)}
                  | {n for n in said if not explained(n, expected, axes, said=True)})


# Independent reference computations (numpy only; no mathcore)
class Reference:
    def __init__(self, sc):
        self.sc = sc
        self.x = np.array([float(v) for v in sc.data.x])
        self.y = np.array([float(v) for v in sc.data.y])
        self.n = len(self.x)
        self.w0, self.b0, self.lr = float(sc.init.w), float(sc.init.b), float(sc.learning_rate)

    def loss(self, w, b, idx=None):
        idx = np.arange(self.n) if idx is None else idx
        return float(np.mean((w * self.x[idx] + b - self.y[idx]) ** 2))

    def grad(self, w, b, idx):
        r = w * self.x[idx] + b - self.y[idx]
        return float(np.mean(2 * r * self.x[idx])), float(np.mean(2 * r))

    def bound(self, idx) -> float:
        x = self.x[idx]
        hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
        return 2 / float(np.linalg.eigvalsh(hessian).max())

    def batches(self, name, epochs_limit=None):
        """The run's batches in order: the data repeated, each epoch in order or permuted by default_rng(seed)."""
        run = self.sc.runs[name]
        total = self.n * run.repeat
        base = np.tile(np.arange(self.n), run.repeat)
        rng = np.random.default_rng(run.seed)
        steps_per_epoch = total // run.batch_size if run.drop_last else -(-total // run.batch_size)
        if run.steps is not None and run.epochs is None:
            epochs = -(-run.steps // steps_per_epoch)
        else:
            epochs = run.epochs or 1
        out = []
        for _ in range(epochs if epochs_limit is None else min(epochs, epochs_limit)):
            order = base[rng.permutation(total)] if run.order == "shuffled" else base
            for start in range(0, total, run.batch_size):
                batch = order[start:start + run.batch_size]
                if len(batch) < run.batch_size and run.drop_last:
                    continue
                out.append(batch)
        return out[: run.steps] if run.steps is not None else out

    def path(self, name, lr=None):
        """(w, b, whole-data loss) after each step, and the step at which it diverged (or None)."""
        lr = self.lr if lr is None else float(lr)
        w, b = self.w0, self.b0
        start = self.loss(w, b)
        points, diverged_at = [], None
        with np.errstate(all="ignore"):
            for k, batch in enumerate(self.batches(name), start=1):
                gw, gb = self.grad(w, b, batch)
                w, b = w - lr * gw, b - lr * gb
                full = self.loss(w, b)
                points.append((w, b, full))
                if not (np.isfinite(w) and np.isfinite(b)) or abs(w) > DIVERGENCE_BOUND or abs(b) > DIVERGENCE_BOUND \
                        or not np.isfinite(full) or full > LOSS_BLOWUP * start:
                    diverged_at = k
                    break
        return points, diverged_at

    def optimum(self):
        slope, intercept = np.polyfit(self.x, self.y, 1)
        return slope, intercept, self.loss(slope, intercept)


def common(ref) -> set[float]:
    return {ref.w0, ref.b0, ref.lr, ref.n}


def authored(*texts) -> set[float]:
    """Numbers the author wrote in her own texts (the task, a question): shown as written, not computed."""
    return {float(m) for t in texts if t is not None for lang in ("zh", "en") if t.get(lang)
            for m in NUMBER.findall(t.get(lang))}


def expected_title(ref, e):
    # the question names the number of samples and the task in the author's words
    return {run.batch_size for run in ref.sc.runs.values()} | {ref.n} | authored(ref.sc.task, e.question)


def expected_setup(ref, e):
    return common(ref) | set(ref.x) | set(ref.y) | {1, 2}


def expected_data(ref, e):
    values = common(ref) | {1, 2} | set(ref.x)
    values |= set(ref.optimum()[:2])
    for k, batch in enumerate(ref.batches(e.run, epochs_limit=1), start=1):
        values.add(k)
        if len(set(ref.x[batch])) > 1:
            values |= set(np.polyfit(ref.x[batch], ref.y[batch], 1))
    return values


def expected_compare(ref, e):
    values = common(ref) | {1, 2}
    small = ref.batches(e.small, epochs_limit=1)[:8]
    w, b = ref.w0, ref.b0
    for k, batch in enumerate(small, start=1):
        gw, gb = ref.grad(w, b, batch)
        values |= {k, gw, gb, len(batch)}
        w, b = w - ref.lr * gw, b - ref.lr * gb
        values |= {w, b}
        start_gw, start_gb = ref.grad(ref.w0, ref.b0, batch)
        values |= {start_gw, start_gb}
    means = np.mean([ref.grad(ref.w0, ref.b0, batch) for batch in small], axis=0)
    values |= set(means)
    full = ref.batches(e.full)[0]
    gw, gb = ref.grad(ref.w0, ref.b0, full)
    values |= {gw, gb, ref.w0 - ref.lr * gw, ref.b0 - ref.lr * gb, len(full), ref.sc.runs[e.full].batch_size}
    return values


def expected_paths(ref, e, runs=None, lr=None):
    lr = float(e.learning_rate) if getattr(e, "learning_rate", None) is not None else ref.lr
    values = {lr, ref.w0, ref.b0, ref.bound(np.arange(ref.n)), *ref.optimum(), ref.loss(ref.w0, ref.b0)}
    for name in runs or e.runs:
        points, diverged_at = ref.path(name, lr)
        values |= {min(ref.bound(batch) for batch in ref.batches(name)), len(points), ref.sc.runs[name].batch_size}
        if points:
            values |= set(points[-1])
        if diverged_at is not None:
            values.add(diverged_at)
    return values


def expected_noise(ref, e):
    grads = np.array([ref.grad(ref.w0, ref.b0, [i]) for i in range(ref.n)])
    values = {ref.n, 2}
    for size in e.batch_sizes:
        values |= {size, math.comb(ref.n, size), (ref.n - size) / (size * (ref.n - 1))}
    values |= set(grads.mean(axis=0))
    return values


def expected_fog(ref, e):
    grads = np.array([ref.grad(ref.w0, ref.b0, [i]) for i in range(ref.n)])
    full = grads.mean(axis=0)
    values = {ref.n}
    for size in e.batch_sizes:
        every = list(itertools.combinations(range(ref.n), size))
        if len(every) > 60:  # the scene draws 60 batches, as documented: each drawn by default_rng(0) without repeats
            rng = np.random.default_rng(0)
            every = [rng.choice(ref.n, size=size, replace=False) for _ in range(60)]
        means = [grads[list(c)].mean(axis=0) for c in every]
        angles = [abs((math.atan2(-m[1], -m[0]) - math.atan2(-full[1], -full[0]) + math.pi) % (2 * math.pi) - math.pi)
                  for m in means]
        values |= {size, len(means), math.comb(ref.n, size), math.degrees(max(angles))}
        # the typical (mean) angle, over the batches that point somewhere (a zero gradient has no direction)
        pointing = [a for a, m in zip(angles, means) if np.any(m != 0)]
        values.add(math.degrees(sum(pointing) / len(pointing)))
    # the steepest way down against the straight line to the least-squares optimum
    w_star, b_star = np.linalg.lstsq(np.c_[ref.x, np.ones_like(ref.x)], ref.y, rcond=None)[0]
    to_star = np.array([w_star - ref.w0, b_star - ref.b0])
    values.add(math.degrees(math.acos(-full @ to_star / np.linalg.norm(full) / np.linalg.norm(to_star))))
    return values


def expected_sampling(ref, e):
    scores = np.array([float(s) for s in e.scores])
    n = len(scores)
    values = set(scores) | {n, e.draws, scores.mean(), scores.std(), 2}
    for size in [*e.sample_sizes, *([e.first] if e.first else [])]:
        factor = (n - size) / (size * (n - 1))
        values |= {size, factor, scores.std() * math.sqrt(factor)}
    if e.first:
        first = scores[: e.first].mean()
        sd = scores.std() * math.sqrt((n - e.first) / (e.first * (n - 1)))
        values |= {first, abs(first - scores.mean()) / sd if sd else 0}
    return values


def expected_features(ref, e):
    values = {0.5, 1, 2}  # "1/2" of the zero-weight prediction
    for batch in e.batches:
        rows = np.array([[float(v) for v in e.kinds[k].features] for k, c in batch.counts.items() for _ in range(c)])
        labels = np.array([e.kinds[k].label for k, c in batch.counts.items() for _ in range(c)], dtype=float)
        values |= set(batch.counts.values()) | {len(labels)}
        for j in range(rows.shape[1]):  # -dL/dw_j at zero weights by central differences of the mean BCE
            h = 1e-6

            def bce(wj, column=rows[:, j], labels=labels):  # bound now: called within this iteration
                z = column * wj
                p = 1 / (1 + np.exp(-z))
                return np.mean(-(labels * np.log(p) + (1 - labels) * np.log(1 - p)))
            values.add(-(bce(h) - bce(-h)) / (2 * h))
    for kind in e.kinds.values():
        values |= {float(v) for v in kind.features}
    return values


def expected_composition(ref, e):
    labels = [float(r.label) for r in e.reviews]
    values = {1, 2, 0.5, e.batch_size}
    for k in range(0, len(labels), e.batch_size):
        values.add(np.mean(labels[k:k + e.batch_size]))
        values.add(k // e.batch_size + 1)
    if e.mixed:
        mixed = [float(g.label) for g in e.mixed for _ in range(g.count)]
        values |= {np.mean(mixed), len(mixed)}
    return values


def expected_summary(ref, e):
    # the default texts' "often 32–128" and "(N−B)/(B(N−1))"; the summary draws pictures, and its last point names
    # the trade-offs scene's advice among the batch sizes studied (the study's default: powers of two up to N, and N)
    studied = set(ref.sc.study.batch_sizes or [2 ** k for k in range(ref.n.bit_length()) if 2 ** k <= ref.n] + [ref.n])
    return {1, 32, 128} | studied


def expected_surface3d(ref, e):
    return {ref.sc.runs[name].batch_size for name in e.runs} | {ref.n}  # the legend names each run's batch size


EXPECTED = {name[len("expected_"):]: fn for name, fn in globals().items() if name.startswith("expected_")}


def check_scene(sc, index, rendered):
    entry = sc.lesson[index]
    expected = {float(v) for v in references()[entry.scene](Reference(sc), entry)}
    unexplained = unexplained_numbers(rendered, expected, entry.scene in WITH_AXES)
    assert not unexplained, f"{entry.scene} (entry {index + 1}) shows numbers no reference explains: {unexplained}"


# Kinds whose drawn numbers another test checks against its own independent reference, and where.
CHECKED_ELSEWHERE = {
    "step": "test_walkthrough_scenes.py::test_every_number_in_a_step_scene_comes_from_mathcore (exact fractions)",
    "tradeoffs": "test_lesson_scenes.py::test_tradeoffs_scene_draws_only_computed_numbers and test_tradeoffs_scene.py",
    "basins": "test_basins_scene.py::test_every_number_drawn_or_said_is_one_computed_here (model: bump)",
    "classifier": "test_classifier.py::test_every_number_drawn_or_said_is_one_computed_here (model: logistic)",
}
PACKAGE_REFERENCE = "scenes.kinds.{kind}.reference"  # a kind's own reference: expected(ref, entry), numpy only


def example_file(kind: str) -> Path:
    """A kind's own example: the `lesson:` list of a small scenario showing it (tests.conftest.small_scenario)."""
    return KINDS_FOLDER / kind / "example.yaml"


def references() -> dict[str, Callable]:
    """Every kind's drawn-number reference: an expected_<kind> above, or the ``expected`` function of the kind's
    own ``reference.py`` (found by listing the kinds, as the pipeline does: a new kind edits nothing here)."""
    found: dict[str, Callable] = dict(EXPECTED)
    for kind in kinds():
        if kind not in found and importlib.util.find_spec(PACKAGE_REFERENCE.format(kind=kind)) is not None:
            found[kind] = importlib.import_module(PACKAGE_REFERENCE.format(kind=kind)).expected
    return found


def kinds_to_check() -> list[str]:
    """The kinds whose drawn numbers this file checks against a reference."""
    return sorted(set(references()) & set(kinds()) - set(CHECKED_ELSEWHERE))


def kinds_without_a_reference() -> list[str]:
    """The kinds no reference covers: they may draw only numbers the author wrote (the authored-numbers test)."""
    return sorted(set(kinds()) - set(references()) - set(CHECKED_ELSEWHERE))


def test_every_kind_is_checked_for_the_numbers_it_draws():
    """A new kind is never left unchecked: it has a reference (here or its package's reference.py), a test
    elsewhere, or an example lesson (its package's example.yaml) on which it must draw only authored numbers."""
    unchecked = [kind for kind in kinds_without_a_reference()
                 if not example_file(kind).exists()]
    assert not unchecked, (f"scene kinds whose drawn numbers nothing checks: {unchecked}; add "
                           "scenes/kinds/<kind>/example.yaml (a `lesson:` list showing the kind; it may then draw "
                           "only numbers its texts write) or scenes/kinds/<kind>/reference.py with expected(ref, entry) "
                           "(numpy, from the scenario's raw numbers)")


def strings_in(value) -> list[str]:
    """Every string in a scenario value (an entry, a title), however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


def authored_numbers(sc, entry, kind: str) -> set[float]:
    """The numbers written, not computed: in the entry's own texts, the lesson's title and task, and the kind's
    screen texts (the locale keys it narrates with)."""
    written = strings_in(entry.model_dump()) + strings_in(sc.title) + strings_in(sc.task)
    written += [locale_text(sc.language, key) for key in kinds()[kind].beat_keys()]
    return {float(n) for text in written for n in NUMBER.findall(text)}


@pytest.mark.parametrize("kind", kinds_without_a_reference())
def test_kinds_without_a_reference_draw_only_authored_numbers(kind, tmp_path):
    example = example_file(kind)
    if not example.exists():
        pytest.fail(f"the '{kind}' kind has no example.yaml (see test_every_kind_is_checked_for_the_numbers_it_draws)")
    path = tmp_path / f"{kind}.yaml"
    path.write_text(small_scenario(example.read_text(encoding="utf-8"), f"example_{kind}"), encoding="utf-8")
    sc = load_scenario(path)
    shown = [i for i, e in enumerate(sc.lesson) if e.scene == kind]
    assert shown, f"{example} shows no '{kind}' scene"
    for i in shown:
        rendered = render_tiny(sc, i, tmp_path / "out", painted=False)
        unexplained = unexplained_numbers(rendered, authored_numbers(sc, sc.lesson[i], kind), axes=False)
        assert not unexplained, (f"the '{kind}' kind (entry {i + 1} of {example}) draws numbers its author did not "
                                 f"write: {unexplained}; add scenes/kinds/{kind}/reference.py with expected(ref, entry) "
                                 "computing them independently (numpy, from the scenario's raw numbers)")


@pytest.mark.parametrize("kind", kinds_to_check())
def test_seed_scenes_draw_only_reference_numbers(seed, seed_unpainted, kind):
    indices = [i for i, e in enumerate(seed.lesson) if e.scene == kind]
    # a kind the seed lesson does not show is checked on OTHER only
    assert indices or f"scene: {kind}" in OTHER, f"no lesson here shows a '{kind}' scene: add one to OTHER"
    for i in indices:
        check_scene(seed, i, seed_unpainted[i])


OTHER = """id: other
language: en
title: {en: "Other data"}
init: {w: -0.3, b: 0.75}
learning_rate: 0.05
data: {x: [0.5, 1.5, 2, 3, 3.5, 4.5], y: [1, 0, 1, 0, 0, 1]}
runs:
  small: {batch_size: 2, epochs: 3}
  whole: {batch_size: 6, epochs: 3}
  fast: {batch_size: 3, epochs: 6, order: shuffled, seed: 7}
lesson:
  - scene: title
  - scene: setup
  - {scene: data, run: small}
  - {scene: compare, small: small, full: whole}
  - {scene: paths, runs: [small, whole, fast]}
  - {scene: paths, runs: [small, fast], learning_rate: 0.3}
  - {scene: noise, batch_sizes: [1, 3]}
  - {scene: fog, batch_sizes: [2, 6]}
  - scene: sampling
    scores: [61, 74.5, 80, 55, 93, 68, 71, 88]
    sample_sizes: [2, 4]
    first: 3
  - scene: features
    features: [{en: "stripes"}, {en: "whiskers"}, {en: "spots"}]
    label: {en: "tiger"}
    kinds:
      tiger: {name: {en: "tiger"}, features: [1, 1, 0], label: 1}
      zebra: {name: {en: "zebra"}, features: [1, 0, 0], label: 0}
      leopard: {name: {en: "leopard"}, features: [0, 1, 1], label: 0}
    batches:
      - name: {en: "two"}
        counts: {tiger: 1, zebra: 1}
      - name: {en: "mixed"}
        counts: {tiger: 3, zebra: 2, leopard: 4}
  - scene: composition
    batch_size: 3
    reviews:
      - {text: {en: "fine"}, label: 1}
      - {text: {en: "meh"}, label: 0.5}
      - {text: {en: "bad"}, label: 0}
      - {text: {en: "great"}, label: 1}
      - {text: {en: "awful"}, label: 0}
    mixed:
      - {tag: {en: "good"}, label: 1, count: 7}
      - {tag: {en: "bad"}, label: 0, count: 4}
"""


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    return render_all_tiny(tmp_path_factory, "other", OTHER, painted=False)


def test_other_data_scenes_draw_only_reference_numbers(other):
    sc, rendered = other
    for i in range(len(sc.lesson)):
        check_scene(sc, i, rendered[i])


def test_the_check_sees_a_wrong_digit(seed, seed_unpainted):
    """The check itself can fail: one digit changed in a drawn value of each kind is caught."""
    for kind in ("compare", "paths", "sampling", "features", "fog", "data"):
        i = next(j for j, e in enumerate(seed.lesson) if e.scene == kind)
        rendered = seed_unpainted[i]
        expected = {float(v) for v in EXPECTED[kind](Reference(seed), seed.lesson[i])}
        long_numbers = sorted((n for n in drawn(rendered) if len(n.replace(".", "").strip("0")) >= 3), key=len)
        assert long_numbers, kind
        victim = long_numbers[-1]
        last = victim[-1]
        wrong = victim[:-1] + str((int(last) + 3) % 10)
        assert not explained(wrong, expected, kind in WITH_AXES), (kind, victim, wrong)
