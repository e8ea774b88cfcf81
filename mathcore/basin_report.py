"""The basin study (mathcore.basin_study) for `batchviz explain`: a Markdown section (English or Chinese, the same
numbers) and a JSON object. The escape time is the median over all runs with its exact 90% interval, runs that
never left counted (mathcore.basin_escape), as the basins scene shows it."""

from __future__ import annotations

from typing import Any, Optional

from mathcore.basin_escape import EscapeInterval
from mathcore.basin_map import MIXED, map_verdict, start_maps
from mathcore.basin_study import BasinOutcome, BasinStudy, exploration_verdict, same_minimum_verdict
from mathcore.formatting import format_value

MEASURED_DIGITS = 3  # seeded, noisy values: three significant digits

# The section's words per language (the same table, translated; Chinese with full-width punctuation)
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "## Basin study",
        "minima": "Minima found (flattest first; sharpness = the Hessian's largest eigenvalue): {items}.",
        "minimum": "w {w}, b {b}, loss {loss}, sharpness {sharpness}",
        "join": "; ",
        "runs": "Shuffled runs {where}, learning rate {lr}, {epochs} epochs; share ending in each minimum with its "
                "90% Wilson interval.",
        "from_start": "from (w, b) = ({w}, {b})",
        "from_grid": "from every point of the grid of starts ({runs} runs from each)",
        "columns": "| batch size | runs | {minima} | elsewhere | diverged | held-out loss | "
                   "steps in the sharp basin (median over all runs, 90% interval) |",
        "minimum_column": "minimum {k}",
        "share": "{share}% ({low}–{high}%)",
        "escape": "about {median} ({low}–{high}); of {runs} runs, {never} never left",
        "escape_open": "at least {low}; of {runs} runs, {never} never left",
        "escape_none": "none left ({never} stayed)",
        "escape_few": "{left} left, {never} stayed (too few runs for an interval)",
        "map": "Grid-of-starts map (a start counts for a minimum when more than half of its runs ended there): {items}.",
        "map_item": "batch size {size}, of {starts} starts: {counts}",
        "map_count": "{count} to minimum {k}",
        "map_mixed": "{count} with no majority",
        "verdicts": "Small batch finds the flat minimum more often: {explores}; every batch size ends in the same "
                    "minimum: {same}; small batch reaches the flat minimum from more starts: {map}.",
        "list": ", ",
        "true": "true", "false": "false", "undecided": "undecided",
    },
    "zh": {
        "heading": "## 盆地研究",
        "minima": "找到的极小值（最平坦的在前；尖锐度 = Hessian 的最大特征值）：{items}。",
        "minimum": "w {w}，b {b}，损失 {loss}，尖锐度 {sharpness}",
        "join": "；",
        "runs": "{where}的打乱训练，学习率 {lr}，{epochs} 个 epoch；停在每个极小值的比例及其 90% Wilson 区间。",
        "from_start": "从 (w, b) = ({w}, {b}) 出发",
        "from_grid": "从起点网格的每个点出发（每点 {runs} 次）",
        "columns": "| batch size | 次数 | {minima} | 其他位置 | 发散 | 留出数据损失 | "
                   "在尖锐盆地的步数（全部训练的中位数，90% 区间） |",
        "minimum_column": "极小值 {k}",
        "share": "{share}%（{low}–{high}%）",
        "escape": "约 {median}（{low}–{high}）；{runs} 次中 {never} 次未离开",
        "escape_open": "至少 {low}；{runs} 次中 {never} 次未离开",
        "escape_none": "没有离开（{never} 次留下）",
        "escape_few": "{left} 次离开，{never} 次留下（次数太少，没有区间）",
        "map": "起点网格图（一个起点的多数训练停在哪个极小值，它就算那个极小值的）：{items}。",
        "map_item": "batch size {size}：{starts} 个起点中，{counts}",
        "map_count": "{count} 个到极小值 {k}",
        "map_mixed": "{count} 个无多数",
        "verdicts": "小批量更常找到平坦的极小值：{explores}；各 batch size 停在同一个极小值：{same}；"
                    "小批量从更多起点到达平坦的极小值：{map}。",
        "list": "、",
        "true": "是", "false": "否", "undecided": "未定",
    },
}


def _f(value: float) -> str:
    return format_value(value, MEASURED_DIGITS, "text")


def _outcome_json(o: BasinOutcome) -> dict[str, Any]:
    iv = o.escape_interval
    return {"batch_size": o.batch_size, "runs": o.runs, "ended_in": list(o.counts), "diverged": o.diverged,
            "elsewhere": o.elsewhere, "fractions": [o.fraction(k) for k in range(len(o.counts))],
            "intervals_90": [list(v) for v in o.intervals], "held_out_loss": o.held_out_loss,
            "left_sharp_basin": None if o.escape_steps is None else len(o.escape_steps),
            "stayed_in_sharp_basin": o.stayed if o.escape_steps is not None else None,
            # over all runs, the never-left ones counted (None where the median falls on them)
            "median_steps_in_sharp_basin": None if iv is None else iv.median,
            "median_said": None if iv is None else iv.said_median,  # rounded to what the interval supports
            "steps_in_sharp_basin_interval_90": None if iv is None else [iv.low, iv.high]}


def basin_json(study: BasinStudy) -> dict[str, Any]:
    maps = start_maps(study)
    return {"minima": [{"w": m.w, "b": m.b, "loss": m.loss, "sharpness": m.sharpness,
                        "stable_rate": m.stable_rate} for m in study.minima],
            "learning_rate": study.lr, "epochs": study.epochs, "start": list(study.start),
            "from_start": [_outcome_json(o) for o in study.outcomes],
            "from_grid": [_outcome_json(o) for o in study.grid_outcomes],
            "grid_map": [{"batch_size": m.batch_size, "majority": m.majority.tolist(),
                          "flat_share": m.flat_share.tolist()} for m in maps],
            "small_batch_finds_flat_more_often": exploration_verdict(study).outcome,
            "batch_sizes_end_in_same_minimum": same_minimum_verdict(study).outcome}


def _escape_cell(o: BasinOutcome, words: dict[str, str]) -> str:
    """The median stay in the sharp basin over all runs with its exact 90% interval (mathcore.basin_escape)."""
    if o.escape_steps is None:
        return "—"
    if not o.escape_steps:
        return words["escape_none"].format(never=o.stayed)
    iv: Optional[EscapeInterval] = o.escape_interval
    if iv is None or iv.low is None:
        return words["escape_few"].format(left=len(o.escape_steps), never=o.stayed)
    said, high = iv.said_median, iv.high
    if said is None or high is None:
        return words["escape_open"].format(low=_f(iv.low), never=iv.never, runs=o.runs)
    return words["escape"].format(median=_f(said), low=_f(iv.low), high=_f(high), never=iv.never, runs=o.runs)


def _table(study: BasinStudy, outcomes: tuple[BasinOutcome, ...], where: str, words: dict[str, str]) -> list[str]:
    minima = " | ".join(words["minimum_column"].format(k=k + 1) for k in range(len(study.minima)))
    rows = [words["runs"].format(where=where, lr=_f(study.lr), epochs=study.epochs), "",
            words["columns"].format(minima=minima),
            "|---:|---:|" + "---:|" * len(study.minima) + "---:|---:|---:|---:|"]
    for o in outcomes:
        shares = " | ".join(words["share"].format(share=_f(100 * o.fraction(k)), low=_f(100 * lo), high=_f(100 * hi))
                            for k, (lo, hi) in enumerate(o.intervals))
        held = _f(o.held_out_loss) if o.held_out_loss is not None else "—"
        rows.append(f"| {o.batch_size} | {o.runs} | {shares} | {o.elsewhere} | {o.diverged} | {held} | "
                    f"{_escape_cell(o, words)} |")
    return rows + [""]


def basin_markdown(study: BasinStudy, language: str = "en") -> str:
    """The study as a Markdown section in ``language`` ("en" or "zh"): the same numbers in each."""
    words = WORDS[language]
    items = words["join"].join(words["minimum"].format(w=_f(m.w), b=_f(m.b), loss=_f(m.loss),
                                                       sharpness=_f(m.sharpness)) for m in study.minima)
    out = [words["heading"], "", words["minima"].format(items=items), ""]
    where = words["from_start"].format(w=_f(study.start[0]), b=_f(study.start[1]))
    out += _table(study, study.outcomes, where, words)
    map_outcome = "—"
    if study.grid_outcomes:
        out += _table(study, study.grid_outcomes, words["from_grid"].format(runs=study.grid_runs), words)
        starts = len(study.grid_w)
        items = words["join"].join(
            words["map_item"].format(size=m.batch_size, starts=starts, counts=words["list"].join(
                [words["map_count"].format(count=m.starts_in(k), k=k + 1) for k in range(len(study.minima))]
                + [words["map_mixed"].format(count=m.starts_in(MIXED))]))
            for m in start_maps(study))
        out += [words["map"].format(items=items), ""]
        map_outcome = words[map_verdict(study).outcome]
    out += [words["verdicts"].format(explores=words[exploration_verdict(study).outcome],
                                     same=words[same_minimum_verdict(study).outcome], map=map_outcome), ""]
    return "\n".join(out)
