"""`batchviz explain`: the worked examples as Markdown (laid out like the seed) or JSON."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Callable, Mapping, Optional, SupportsFloat, Union

from mathcore.batch_size_study import BOOTSTRAP, INTERVAL, SEEDS_WIDTH
from mathcore.formatting import exact_string, format_value
from mathcore.stability import RunStability
from mathcore.study_report import noise_temperature
from mathcore.trajectory import Trajectory
from mathcore.verdicts import study_verdicts
from mathcore.walkthrough import StepRecord, Walkthrough

if TYPE_CHECKING:  # the study's types only: explain imports the study lazily (it is the heaviest part)
    from mathcore.batch_size_study import BatchSizeResult
    from mathcore.study_report import StudyReport

Value = Union[Fraction, int, float]
Format = Callable[[Value], str]
Json = dict[str, object]

DEFAULT_LABELS = {
    "forward_pass": "Step 1: forward pass",
    "compute_loss": "Step 2: compute the loss",
    "compute_gradient": "Step 3: compute the gradient",
    "update_params": "Step 4: update the parameters",
    "full_loss_after": "Whole-data loss after the step",
    "label_separator": ": ",  # after a label, before its value (Chinese: the full-width colon)
    # templates ({field} filled here): the headings and sentences of the worked steps, in the lesson's language
    "explain_run": "{name}: batch size {size}",
    "explain_precision": "Computed in {precision}; ≈ marks rounded values.",
    "explain_partial": "The first {shown} of {total} steps, worked out.",
    "explain_step": "Step {step} (epoch {epoch}): x = [{xs}], y = [{ys}]",
    "explain_diverged": "Diverged at step {step} of {total} (float64): the parameters or the whole-data loss left "
                        "every sensible range.",
    "explain_after": "After all {steps} steps (float64): w {w}, b {b}, whole-data loss {loss}.",
    "explain_bounds": "Learning-rate bounds: the whole data's 2/λ_max {full}; this run's worst batch (step {step}) "
                      "2/λ_max {worst}. η = {lr} is {side_full} the first and {side_worst} the second{end}",
    "explain_below": "below",
    "explain_above": "at or above",
    "explain_overshoot": ": steps on that batch overshoot.",
    "explain_end": ".",
    "explain_no_study": "No batch-size study: its steps-to-target fit and learning-rate bounds are those of the linear "
                        "and logistic models, whose loss has one minimum; on the bump model's several minima they "
                        "would not mean what they say. A basins scene measures this loss instead (the basin study).",
}


def _number(value: Optional[SupportsFloat]) -> Optional[float]:
    """A float for JSON: finite values as numbers, inf/nan (and None) as null (JSON has no infinity)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _run_summary(walk: Walkthrough, path: Optional[Trajectory], bounds: Optional[RunStability]) -> Json:
    out: Json = {}
    if path is not None:
        out.update({"total_steps": path.steps, "diverged_at": path.diverged_at,
                    "final": {"w": _number(path.w[-1]), "b": _number(path.b[-1]),
                              "full_loss": _number(path.full_loss[-1])}})
    if bounds is not None:
        lr = float(walk.steps[0].lr) if walk.steps else None
        out["stability"] = {"full_batch_lr": bounds.full_batch_lr, "worst_batch_lr": bounds.worst_batch_lr,
                            "worst_batch_step": bounds.worst_step,
                            "lr_below_full_batch_bound": None if lr is None else lr < bounds.full_batch_lr,
                            "lr_below_worst_batch_bound": None if lr is None else lr < bounds.worst_batch_lr}
    return out


def walkthroughs_json(scenario_id: str, walks: Mapping[str, Walkthrough],
                      paths: Optional[Mapping[str, Trajectory]] = None,
                      bounds: Optional[Mapping[str, RunStability]] = None,
                      study: Optional[StudyReport] = None) -> str:
    """Exact rationals as strings ("43/200"); floats (logistic, long runs) as their repr.

    ``steps`` lists the worked steps (the first ``worked_steps`` of ``total_steps``); ``diverged_at``
    and ``final`` come from the whole run in float64 (``paths``), as the paths scenes draw it.
    """
    runs: dict[str, Json] = {}
    for name, walk in walks.items():
        steps = []
        for s in walk.steps:
            steps.append({
                "epoch": s.epoch, "index": s.index, "batch": list(s.indices),
                "x": [exact_string(v) for v in s.x], "y": [exact_string(v) for v in s.y],
                "w_before": exact_string(s.w_before), "b_before": exact_string(s.b_before),
                "predictions": [exact_string(v) for v in s.predictions],
                "residuals": [exact_string(v) for v in s.residuals],
                "loss_terms": [exact_string(v) for v in s.loss_terms],
                "loss": exact_string(s.loss),
                "grad_w_terms": [exact_string(v) for v in s.grad_w_terms],
                "grad_b_terms": [exact_string(v) for v in s.grad_b_terms],
                "dw": exact_string(s.dw), "db": exact_string(s.db), "lr": exact_string(s.lr),
                "w_after": exact_string(s.w_after), "b_after": exact_string(s.b_after),
                "full_loss_after": exact_string(s.full_loss_after), "exact": s.exact,
            })
        runs[name] = {"batch_size": walk.schedule.batch_size, "exact": walk.exact, "precision": walk.precision,
                      "total_steps": walk.total_steps, "worked_steps": len(walk.steps),
                      "diverged_at": walk.diverged_at, "steps": steps}
        runs[name].update(_run_summary(walk, (paths or {}).get(name), (bounds or {}).get(name)))
    out: Json = {"scenario": scenario_id, "runs": runs}
    if study is not None:
        out["batch_size_study"] = study_json(study)
    return json.dumps(out, ensure_ascii=False, indent=2)


def _p(text: str) -> str:
    """A number that needs parentheses inside an expression: negative or approximate."""
    return f"({text})" if text.startswith(("−", "≈")) else text


def _step_markdown(s: StepRecord, model: str, digits: int, labels: Mapping[str, str]) -> list[str]:
    f: Format = lambda v: format_value(v, digits).replace("-", "−")  # a real minus sign
    pos = s.distinct_positions()
    counts = s.row_multiplicities
    common = s.common_multiplicity  # None: samples occur unequally often (shuffled repeated data)
    B = s.batch_size
    lines = [f"**{labels['forward_pass']}**", "", "```"]
    for p in pos:
        x = f(s.x[p])
        core = f"{_p(f(s.w_before))}×{_p(x)} + {_p(f(s.b_before))}"
        shown = f"y_pred = {core}" if model == "linear" else f"y_pred = σ({core})"
        if model == "bump":
            shown = f"y_pred = {_p(f(s.w_before))}×exp(−({x} − {_p(f(s.b_before))})²)"
        lines.append(f"x={x}: {shown} {_eq(f(s.predictions[p]))}")
    if len(pos) < B:
        how = f"each sample ×{common}" if common else "samples ×" + ", ×".join(str(c) for c in counts)
        lines.append(f"({how}, {B} samples in all)")
    lines += ["```", "", f"**{labels['compute_loss']}**", "", "```"]
    # with every sample m times: m/B × the sum over distinct samples; otherwise 1/B × each row times its count
    weight: Callable[[int, str], str] = lambda c, text: text if common or c == 1 else f"{c}×{text}"
    coef = f"{common}/{B}" if common and common > 1 else f"1/{B}"
    total = s.distinct_sum if common else sum
    terms = [weight(c, f"({f(s.predictions[p])} − {_p(f(s.y[p]))})²") for c, p in zip(counts, pos)]
    values = [weight(c, _p(f(s.loss_terms[p]))) for c, p in zip(counts, pos)]
    if model in ("linear", "bump"):
        lines += [f"MSE = {coef} × [{' + '.join(terms)}]",
                  f"    = {coef} × [{' + '.join(values)}]",
                  f"    = {coef} × {_p(f(total(s.loss_terms)))} {_eq(f(s.loss))}"]
    else:
        lines += [f"BCE = {coef} × [{' + '.join(values)}] {_eq(f(s.loss))}"]
    lines += ["```", "", f"**{labels['compute_gradient']}**", "", "```"]
    two = "2×" if model in ("linear", "bump") else ""
    # the bracketed terms (mathcore.models): r·x and r, or for the bump r·e^{-(x-b)^2} and 4w × r·(x−b)·e^{-(x-b)^2}
    w_terms, b_terms = (s.dw_brackets, s.db_brackets) if model == "bump" else (s.residual_x, s.residuals)
    b_factor = f"4×{_p(f(s.w_before))}×" if model == "bump" else two
    rx = [weight(c, _p(f(w_terms[p]))) for c, p in zip(counts, pos)]
    r = [weight(c, _p(f(b_terms[p]))) for c, p in zip(counts, pos)]
    lines += [f"∂L/∂w = {coef} × {two}[{' + '.join(rx)}]",
              f"      = {coef} × {two}{_p(f(total(w_terms)))} {_eq(f(s.dw))}",
              f"∂L/∂b = {coef} × {b_factor}[{' + '.join(r)}]",
              f"      = {coef} × {b_factor}{_p(f(total(b_terms)))} {_eq(f(s.db))}",
              "```", "", f"**{labels['update_params']}**", "", "```",
              f"w_new = {_p(f(s.w_before))} − {f(s.lr)} × {_p(f(s.dw))} {_eq(f(s.w_after))}",
              f"b_new = {_p(f(s.b_before))} − {f(s.lr)} × {_p(f(s.db))} {_eq(f(s.b_after))}",
              "```", "", f"{labels['full_loss_after']}{labels['label_separator']}L {_eq(f(s.full_loss_after))}", ""]
    return lines


def walkthroughs_markdown(title: str, walks: Mapping[str, Walkthrough], digits: int = 4,
                          labels: Mapping[str, str] = DEFAULT_LABELS,
                          paths: Optional[Mapping[str, Trajectory]] = None,
                          bounds: Optional[Mapping[str, RunStability]] = None) -> str:
    labels = {**DEFAULT_LABELS, **labels}  # a caller's labels in its language; English for any it lacks
    def say(key: str, **fields: object) -> str:
        return labels[key].format(**fields)

    out = [f"# {title}", ""]
    for name, walk in walks.items():
        out += [f"## {say('explain_run', name=name, size=walk.schedule.batch_size)}", ""]
        if not walk.exact:
            out += [f"_{say('explain_precision', precision=walk.precision)}_", ""]
        if len(walk.steps) < walk.total_steps:
            out += [f"_{say('explain_partial', shown=len(walk.steps), total=walk.total_steps)}_", ""]
        run_bounds = (bounds or {}).get(name)
        if run_bounds is not None and walk.steps:
            out += [_bounds_markdown(walk.steps[0].lr, run_bounds, digits, labels), ""]
        for s in walk.steps:
            xs = ", ".join(format_value(s.x[p], digits) for p in s.distinct_positions())
            ys = ", ".join(format_value(s.y[p], digits) for p in s.distinct_positions())
            out += [f"### {say('explain_step', step=s.index, epoch=s.epoch, xs=xs, ys=ys)}", ""]
            out += _step_markdown(s, walk.model, digits, labels)
        path = (paths or {}).get(name)
        f: Format = lambda v: format_value(v, digits)
        if path is not None and path.diverged_at:
            out += [f"**{say('explain_diverged', step=path.diverged_at, total=walk.total_steps)}**", ""]
        elif path is not None and len(walk.steps) < walk.total_steps:
            out += [say("explain_after", steps=path.steps, w=_eq(f(path.w[-1])), b=_eq(f(path.b[-1])),
                        loss=_eq(f(path.full_loss[-1]))), ""]
    return "\n".join(out)


def _bounds_markdown(lr: Value, b: RunStability, digits: int, labels: Mapping[str, str] = DEFAULT_LABELS) -> str:
    f: Format = lambda v: format_value(v, digits)
    side: Callable[[float], str] = lambda bound: labels["explain_below"] if float(lr) < bound else labels["explain_above"]
    end = labels["explain_overshoot"] if float(lr) >= b.worst_batch_lr else labels["explain_end"]
    return labels["explain_bounds"].format(full=_eq(f(b.full_batch_lr)), step=b.worst_step,
                                           worst=_eq(f(b.worst_batch_lr)), lr=f(lr), side_full=side(b.full_batch_lr),
                                           side_worst=side(b.worst_batch_lr), end=end)


def _eq(text: str) -> str:
    return text if text.startswith("≈") else "= " + text


def _count(value: Optional[float]) -> Optional[Union[int, float]]:
    """A median count of steps or samples: an int when whole (it is half-integral for an even number of seeds)."""
    return None if value is None else (int(value) if float(value).is_integer() else float(value))


def _interval(pair: Optional[tuple[float, Optional[float]]]) -> Optional[list[Optional[Union[int, float]]]]:
    return None if pair is None else [_count(pair[0]), None if pair[1] is None else _count(pair[1])]


def _bound_json(r: BatchSizeResult) -> Json:
    e = r.epoch_bound
    return {"used": r.bound, "sampling_model": r.bound_model,
            "shuffled_epochs": {"learning_rate": e.lr, "method": e.method, "orders": e.orders,
                                "standard_error": _number(e.standard_error) if e.lr is not None else None},
            "independent_batches": r.iid_bound}


def study_json(report: StudyReport) -> Json:
    """The batch-size study (mathcore.study_report.StudyReport) for `explain --format json`: measured float64
    values as JSON numbers, exact values (the starting noise scale of linear/MSE) as strings like "1827/605";
    intervals as [low, high] (high null: unbounded, some resampled median never reached the target)."""
    study, fit, noise, spans = report.study, report.fit, report.start_noise, report.fit_intervals
    exact: Callable[[Optional[Value]], Optional[str]] = lambda v: None if v is None else exact_string(v)
    rows = []
    for r in study.results:
        rows.append({
            "batch_size": r.batch_size, "reached": r.reached, "learning_rate": r.learning_rate,
            "stability_bound": _bound_json(r), "stable_learning_rate": r.bound,
            "steps_to_target": _count(r.steps), "steps_interval": _interval(r.steps_interval),
            "steps_interval_seeds_only": _interval(r.steps_seeds_interval),
            "samples_to_target": _count(r.samples), "samples_interval": _interval(r.samples_interval),
            "seeds": r.seeds, "seeds_cut_by_compute_limit": r.seeds_cut, "runs": r.runs_made,
            "spread": None if r.steps_range is None or r.samples_range is None else
            {"steps": list(r.steps_range), "samples": list(r.samples_range)},
            "learning_rates_tried": [min(r.learning_rates), max(r.learning_rates), len(r.learning_rates)],
            "measured_edge": r.measured_edge, "bracketed": r.bracketed,
            "learning_rate_at": None if not r.reached else
            ("measured_edge" if r.at_stability_edge else "grid_bottom" if r.at_grid_edge else "inside_grid"),
            "noise_temperature": noise_temperature(r, study.population), "step_limit": r.step_limit,
            "step_limit_is_compute_limit": r.step_limit < study.max_steps,
            "steps_resolution": r.resolution,
        })
    start, best, target = report.shown_losses
    crit = report.critical_interval
    return {
        "model": study.model, "start": [exact(report.start.w), exact(report.start.b)], "start_loss": exact(start),
        "optimum_loss": exact(best), "target_share": exact(report.target_share),
        "target_share_is_default": study.target_is_default, "target_loss": exact(target),
        "seeds": study.seeds, "runs": study.runs, "batch_sizes_thinned_to_fit_budget": study.batch_sizes_thinned,
        "learning_rate_grid": "per batch size: its stability bound (shuffled epochs where computed) x 2^(j/3), j from "
                              "-14 to 1, then 3 more rates at a time up to 8 x the bound until most runs at the top "
                              "diverge (the measured edge); the rate with the fewest median steps is kept",
        "intervals": f"bootstrap {INTERVAL:.0%} ({BOOTSTRAP} resamplings of the seeds, tuning redone); seeds doubled "
                     f"while a median's interval is wider than {SEEDS_WIDTH} of it (steps_interval_seeds_only); the "
                     "reported intervals also span the same bootstrap with the same seeds run at a grid three times "
                     "finer around each tuned rate (the learning-rate grid's resolution, a systematic term)",
        "batch_sizes": rows,
        "noise_scale": {
            "b_simple": exact(noise.b_simple), "b_noise_hessian": exact(noise.b_noise),
            "at": [exact(report.start.w), exact(report.start.b)],
            "trace_covariance": exact(noise.trace), "gradient_norm_squared": exact(noise.gradient_norm_squared),
            "normalisation": "B_simple = tr(Σ)/|G|², Σ = (1/N) Σ_i (g_i − G)(g_i − G)ᵀ (per-sample gradients, "
                             "divided by N); B_noise = tr(HΣ)/(GᵀHG) for MSE",
            "along_path": [{"step": s, "w": w, "b": b, "b_simple": v} for s, w, b, v in report.path_noise],
        },
        "critical_batch_size": None if fit.b_noise is None else {
            "value": fit.b_noise, "interval": None if crit is None else list(crit),
            "below_smallest_batch_size": None if crit is None else crit[1] < study.results[0].batch_size},
        "fit": {"model": "S = S_min (1 + B_noise / B), E = E_min (1 + B / B_noise)", "s_min": fit.s_min,
                "s_min_interval": None if spans.s_min is None else list(spans.s_min),
                "e_min": fit.e_min, "e_min_interval": None if spans.e_min is None else list(spans.e_min),
                "b_noise": fit.b_noise, "points": fit.points, "replicates_without_fit": spans.failed,
                "max_relative_error": fit.max_relative_error, "reason": fit.reason or None},
        "verdicts": {v.name: {"holds": v.holds, "measured": _number(v.measured), "threshold": v.threshold}
                     for v in study_verdicts(report)},
    }


# The study section's sentences, per language (explain's own table: the study is explain's alone, not a scene's)
STUDY_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Batch-size study",
        "intro": "Shuffled SGD from (w, b) = ({w}, {b}), from {seeds} seeds per batch size and learning rate ({runs} "
                 "runs in all); target: the optimum's loss plus {share} of the starting excess, L ≤ {target} (start "
                 "{start}, optimum {best}). The learning rate is searched per batch size from far below its "
                 "mean-square stability bound (for shuffled epochs where computed, else for independent batches) "
                 "upward until most runs diverge (the measured edge); intervals are bootstrap 90%, widened to hold "
                 "the learning-rate grid's resolution (the same seeds at rates three times closer around the tuned "
                 "one).",
        "thinned": " The default batch sizes were thinned to every other power of two to fit the study's compute "
                   "budget.",
        "columns": "batch size | tuned η | stability bound (sampling) | measured edge | seeds | steps to target (90%) | "
                   "samples to target (90%) | noise temperature η(N/B − 1)",
        "shuffled_epochs": "shuffled epochs", "independent_batches": "independent batches",
        "bound": "{bound} ({model})", "span": "{value} ({low}–{high})",
        "not_reached": "not reached in {steps} steps", "compute_limit": " (compute limit)",
        "fit": "Fit S = S_min (1 + B_noise / B) to {points} batch sizes: S_min {s_min}, E_min {e_min}, critical "
               "batch size B_noise {b_noise}{interval} (worst relative error {error}).",
        "interval": " (90%: {low}–{high})",
        "no_fit": "No critical batch size: {why}.",
        "too_few": "fewer than 3 batch sizes reached the target ({points})",
        "steps_do_not_fall": "the steps do not fall as the batch grows",
        "not_hyperbolic": "the steps do not follow S_min (1 + B_noise / B)",
        "noise": "Simple noise scale at the start B_simple = tr(Σ)/|G|² {b_simple}{hessian} (Σ the per-sample "
                 "gradient covariance divided by N).",
        "hessian": "; Hessian-weighted B_noise {b_noise}",
        "along": "Along full-batch descent: {steps}.", "along_step": "step {step}: B_simple {value}",
        "along_separator": "; ",
    },
    "zh": {
        "heading": "Batch size 的实验研究",
        "intro": "从 (w, b) = ({w}, {b}) 出发做打乱顺序的 SGD，每个 batch size 和学习率各用 {seeds} 个随机种子（共 "
                 "{runs} 次运行）；目标：最优损失加上起点超出部分的 {share}，即 L ≤ {target}（起点 {start}，最优 "
                 "{best}）。每个 batch size 的学习率从远低于其均方稳定界（能算出时按每个 epoch 打乱计算，否则按独立"
                 "抽取的 batch 计算）处开始向上搜索，直到大多数运行发散（测得的边界）；区间为 bootstrap 90% 区间，并放宽到包含学习率网格"
                 "的分辨率（同样的种子在调好的学习率附近、间隔缩小到三分之一的学习率上再跑一次）。",
        "thinned": "默认的 batch size 已隔一个取一个 2 的幂，以符合研究的计算预算。",
        "columns": "batch size | 调好的 η | 稳定界（抽样方式） | 测得的边界 | 种子数 | 达到目标的步数（90%） | "
                   "达到目标的样本数（90%） | 噪声温度 η(N/B − 1)",
        "shuffled_epochs": "每个 epoch 打乱", "independent_batches": "独立抽取的 batch",
        "bound": "{bound}（{model}）", "span": "{value}（{low}–{high}）",
        "not_reached": "{steps} 步内未达到", "compute_limit": "（计算上限）",
        "fit": "用 S = S_min (1 + B_noise / B) 拟合 {points} 个 batch size：S_min {s_min}，E_min {e_min}，临界 "
               "batch size B_noise {b_noise}{interval}（最大相对误差 {error}）。",
        "interval": "（90%：{low}–{high}）",
        "no_fit": "没有临界 batch size：{why}。",
        "too_few": "达到目标的 batch size 少于 3 个（{points} 个）",
        "steps_do_not_fall": "步数没有随 batch 变大而减少",
        "not_hyperbolic": "步数不符合 S_min (1 + B_noise / B)",
        "noise": "起点处的简单噪声尺度 B_simple = tr(Σ)/|G|² {b_simple}{hessian}（Σ 为逐样本梯度的协方差，除以 N）。",
        "hessian": "；按 Hessian 加权的 B_noise {b_noise}",
        "along": "沿全 batch 下降：{steps}。", "along_step": "第 {step} 步：B_simple {value}",
        "along_separator": "；",
    },
}


def study_markdown(report: StudyReport, digits: int = 4, language: str = "en") -> str:
    """The batch-size study as a Markdown section with one table row per batch size, in ``language`` (en, zh)."""
    say = STUDY_TEXTS.get(language, STUDY_TEXTS["en"])
    study, fit, noise = report.study, report.fit, report.start_noise
    f: Callable[[Optional[Value]], str] = lambda v: "–" if v is None else format_value(v, digits)
    start, best, target = report.shown_losses
    out = [f"## {say['heading']}", "",
           say["intro"].format(w=f(report.start.w), b=f(report.start.b), seeds=study.seeds, runs=study.runs,
                               share=f(report.target_share), target=f(target), start=f(start), best=f(best))
           + (say["thinned"] if study.batch_sizes_thinned else ""), "",
           "| " + say["columns"] + " |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in study.results:
        model = say["shuffled_epochs" if r.bound_model == "shuffled_epochs" else "independent_batches"]
        bound = say["bound"].format(bound=f(r.bound), model=model)
        if r.reached:
            def span(v: Optional[float], i: Optional[tuple[float, Optional[float]]]) -> str:
                if not i:
                    return f(v)
                return say["span"].format(value=f(_count(v)), low=f(i[0]), high="∞" if i[1] is None else f(i[1]))

            seeds = f"{r.seeds}{say['compute_limit'] if r.seeds_cut else ''}"  # fewer seeds than the rule asks
            out.append(f"| {r.batch_size} | {f(r.learning_rate)} | {bound} | {f(r.measured_edge)} | {seeds} | "
                       f"{span(r.steps, r.steps_interval)} | {span(r.samples, r.samples_interval)} | "
                       f"{f(noise_temperature(r, study.population))} |")
        else:
            limit = say["not_reached"].format(steps=r.step_limit) + (
                say["compute_limit"] if r.step_limit < study.max_steps else "")
            out.append(f"| {r.batch_size} | – | {bound} | {f(r.measured_edge)} | {r.seeds} | {limit} | – | – |")
    out.append("")
    if fit.b_noise is not None:
        crit = report.critical_interval
        out.append(say["fit"].format(points=fit.points, s_min=_eq(f(fit.s_min)), e_min=_eq(f(fit.e_min)),
                                     b_noise=_eq(f(fit.b_noise)),
                                     interval=say["interval"].format(low=f(crit[0]), high=f(crit[1])) if crit else "",
                                     error=f(fit.max_relative_error)))
    else:
        out.append(say["no_fit"].format(why=say[fit.reason].format(points=fit.points)))
    hessian = "" if noise.b_noise is None else say["hessian"].format(b_noise=_eq(f(noise.b_noise)))
    out += ["", say["noise"].format(b_simple=_eq(f(noise.b_simple)), hessian=hessian), ""]
    if report.path_noise:
        out.append(say["along"].format(steps=say["along_separator"].join(
            say["along_step"].format(step=s, value=_eq(f(v))) for s, _, _, v in report.path_noise)))
        out.append("")
    return "\n".join(out)
