"""Chapter titles a student can read: each scene's own heading, in the lesson's language, exactly as the scene draws
it ("Batch 1 (batch size = 4)", "Parameter paths on the loss surface (learning rate η = 0.02)", the entry's own
`title`), not its file name. The same titles name the joined video's chapters, the page's chapter list, the slides
and the chapters JSON beside the subtitles. One exception: the setup scene's heading repeats the lesson's title (the
first chapter's), so its chapter says what it shows (the locale's chapter_setup)."""

from __future__ import annotations

import json
from pathlib import Path

from mathcore.formatting import format_value
from scenes.pipeline.staging import staged
from scenes.scenario.judged import tradeoffs_title
from scenes.scenario.lesson import lesson_of
from scenes.scenario.lesson_plan import entry_name


def _step_heading(scenario, lesson, entry, text) -> str:
    """The step scene's heading (GradientStepScene.header_and_table): the batch's number and size."""
    step = lesson.walkthrough(entry.run).step(entry.step)
    common = step.common_multiplicity
    repeated_evenly = common is not None and common > 1
    return text("batch_repeated" if repeated_evenly else "batch", number=step.index, size=step.batch_size,
                repeat=common or 1)


def chapter_title(scenario, index: int, language: str) -> str:
    """The heading of lesson entry ``index`` in ``language``: the entry's own title when it has one, else the
    heading its kind draws (the locale's <kind>_title), filled as the scene fills it."""
    lesson, entry = lesson_of(scenario), scenario.lesson[index]
    own = getattr(entry, "title", None)
    if own is not None and hasattr(own, "get") and own.get(language):
        return own.get(language)
    text = lambda key, **fields: lesson.text(key, language, entry=entry, **fields)
    if entry.scene == "title":
        return scenario.title.get(language) or scenario.title.get(scenario.language) or scenario.id
    if entry.scene == "setup":
        return text("chapter_setup")
    if entry.scene == "step":
        return _step_heading(scenario, lesson, entry, text)
    if entry.scene == "paths":  # the scene's rate: exact when written as a decimal (PathsPlan.lr), so "= 0.02"
        lr = scenario.learning_rate_of(entry)
        return text("paths_title", lr=format_value(lr, scenario.style.digits, "text"))
    if entry.scene == "tradeoffs":
        return tradeoffs_title(lesson, entry, language)
    if entry.scene == "features":
        return text("features_title", label=entry.label.get(language) or entry.label.get(scenario.language) or "")
    try:
        return text(f"{entry.scene}_title")
    except Exception:  # noqa: BLE001 - a kind without a plain heading (or one needing fields): its name, numbered
        return text("page_chapter", number=index + 1, name=entry_name(entry, index).split("_", 1)[-1])


def chapter_titles(scenario, language: str) -> list[str]:
    return [chapter_title(scenario, i, language) for i in range(len(scenario.lesson))]


def write_chapters_json(path: Path, titles: list[str], starts: list[float], ends: list[float], language: str) -> Path:
    """The chapters beside a lesson's subtitles (<id>_<lang>.chapters.json): [{start, end, title}], seconds."""
    chapters = [{"start": round(a, 3), "end": round(b, 3), "title": t} for t, a, b in zip(titles, starts, ends)]
    with staged(path) as tmp:
        tmp.write_text(json.dumps({"language": language, "chapters": chapters}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
    return path
