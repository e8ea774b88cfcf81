"""Chapter titles a student can read: each scene's own heading, in the lesson's language ("Step 1 of batch size =
4", "Paths at learning rate η = 0.02: batch size = 1, batch size = 2"), not its file name. The same titles name
the joined video's chapters, the page's chapter list and the chapters JSON beside the subtitles."""

from __future__ import annotations

import json
from pathlib import Path

from mathcore.formatting import format_value
from scenes.pipeline.staging import staged
from scenes.scenario.lesson import lesson_of
from scenes.scenario.lesson_plan import entry_name

RUN_SEPARATOR = {"zh": "、"}  # between run names in a chapter title (English: ", ")


def _run_label(scenario, lesson, run: str, language: str) -> str:
    spec = scenario.runs[run]
    own = spec.label.get(language) if spec.label else None
    return own or lesson.text("batch_size_label", language, size=spec.batch_size)


def chapter_title(scenario, index: int, language: str) -> str:
    """The heading of lesson entry ``index`` in ``language``: the entry's own title when it has one, else the
    heading its kind shows (the locale's <kind>_title), filled with the entry's runs and values."""
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
        return text("chapter_step", run=_run_label(scenario, lesson, entry.run, language), step=entry.step)
    if entry.scene == "paths":
        lr = scenario.learning_rate_of(entry)
        return text("chapter_paths", lr=format_value(lr, scenario.style.digits, "text"),
                    runs=RUN_SEPARATOR.get(language, ", ").join(
                        _run_label(scenario, lesson, r, language) for r in entry.runs))
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
