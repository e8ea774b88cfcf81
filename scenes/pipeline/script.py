"""The lesson's narration as a timed script, from a dry run of every scene: the same code that renders, without
drawing a frame, so the script's cues and times are the ones the video will have."""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field

from scenes.pipeline import tex_cache
from scenes.pipeline.heavy import manim_api
from scenes.pipeline.presets import DEFAULT_QUALITY, QUALITIES
from scenes.pipeline.render_cache import shared_formula_manifest
from scenes.pipeline.unpainted import render_unpainted
from scenes.scenario.lesson_plan import entry_name, safe_name
from scenes.scenario.speech import speech_text
from scenes.services.subtitle_text import from_srt

# a dry run paints nothing, so its pixels are few; its frame rate is the render's, since each play lasts a whole
# number of frames and the cue times are those of a render at that rate
DRY_PIXELS = (160, 90)
SCRIPT_FPS = QUALITIES[DEFAULT_QUALITY][2]  # what `batchviz render` makes by default


@dataclass(frozen=True)
class Cue:
    id: str  # <scene name>.<k>, k from 1: the file name a recorded voice uses for this cue
    scene: str
    start: float  # seconds on the lesson's timeline
    end: float
    text: str  # what the subtitle shows
    said: str  # what a synthesized voice says (scenes.scenario.speech: formulas as words)
    # the verdicts (mathcore.verdicts: name, outcome, measured, threshold, subject) that chose this cue's wording
    verdicts: list = field(default_factory=list)


def lesson_script(scenario, language: str | None = None, voice: str = "none",
                  fps: int = SCRIPT_FPS) -> tuple[list[Cue], list[tuple[str, float, float]]]:
    """Every cue of the lesson with its time, and each scene's (name, start, end), as a render at ``fps`` frames a
    second has them.

    A formula first met in a dry run compiles on its own (latex and dvisvgm: a third of a second), as a page of one
    batch in a hundredth of a second. So each scene first runs with the formulas already compiled, a placeholder
    standing in for any other; then all that the scenes met compiles in one batch, and only the scenes that met one
    run again. A lesson whose formulas are all compiled runs each scene once."""
    language = language or scenario.language
    with tempfile.TemporaryDirectory(prefix="batchviz-script-") as media:  # the scenes' text SVGs, shared
        runs = tex_cache.with_one_batch([
            lambda defer, index=index: entry_run(scenario, index, language, voice, media, fps, defer_formulas=defer)
            for index in range(len(scenario.lesson))])
        cues, scenes, offset = [], [], 0.0
        for run in runs:
            cues += run.cues(offset)
            scenes.append((run.name, round(offset, 3), round(offset + run.length, 3)))
            offset += run.length
    return cues, scenes


def entry_script(scenario, index: int, language: str | None = None, voice: str = "none",
                 offset: float = 0.0, media: str | None = None, fps: int = SCRIPT_FPS) -> tuple[list[Cue], float]:
    """The cues of lesson entry ``index`` (timed from ``offset`` seconds) and the scene's length, from a dry run
    that paints nothing (scenes.pipeline.unpainted).

    A dry run writes nothing where it is run: manim's media folder (its text SVGs) is ``media``, else a temporary
    folder removed afterwards; formulas come from the user's TeX cache."""
    run = entry_run(scenario, index, language or scenario.language, voice, media, fps)
    return run.cues(offset), run.length


@dataclass(frozen=True)
class EntryRun:
    """What a lesson entry's dry run said and how long it lasted, on the scene's own clock."""

    name: str  # the scene's name (scenes.scenario.lesson_plan.entry_name)
    language: str
    subtitles: list  # the scene's subcaptions (srt.Subtitle): start, end and text
    verdicts: dict  # cue id: the verdicts that chose its wording
    length: float  # seconds

    def cues(self, offset: float) -> list[Cue]:
        """The scene's cues on a lesson timeline where the scene starts at ``offset`` seconds."""
        return [Cue(f"{self.name}.{k}", self.name, round(offset + sub.start.total_seconds(), 3),
                    round(offset + sub.end.total_seconds(), 3), from_srt(sub.content),
                    speech_text(from_srt(sub.content), self.language), self.verdicts.get(f"{self.name}.{k}", []))
                for k, sub in enumerate(self.subtitles, start=1)]


def entry_run(scenario, index: int, language: str, voice: str = "none", media: str | None = None,
              fps: int = SCRIPT_FPS, defer_formulas: bool = False, compile_first: int = 0) -> EntryRun:
    """Lesson entry ``index`` run dry (nothing painted). ``defer_formulas``: a formula not compiled yet is not
    compiled (but the first ``compile_first`` of them, one by one: a run that meets only one or two costs less so
    than run twice); the run then raises tex_cache.FormulasMissing with every such formula it met (placeholders
    stood in, so what it said is void)."""
    if media is None:
        with tempfile.TemporaryDirectory(prefix="batchviz-script-") as own:
            return entry_run(scenario, index, language, voice, own, fps, defer_formulas, compile_first)
    tex_cache.used.clear()
    deferral = tex_cache.deferring(compile_first) if defer_formulas else nullcontext([])
    with _dry_run_settings(fps, media), deferral as missing:
        scene = _unpainted_scene(scenario, index, language, voice)
    if missing:
        raise tex_cache.FormulasMissing(list(dict.fromkeys(missing)))
    # the run made every formula the scene draws (in the cache now): a render of it needs no listing pass
    tex_cache.write_manifest(shared_formula_manifest(scenario, index, language))
    return EntryRun(safe_name(entry_name(scenario.lesson[index], index)), language,
                    list(scene.renderer.file_writer.subcaptions), dict(getattr(scene, "cue_verdicts", {})),
                    scene.renderer.time)


def _dry_run_settings(fps: int, media: str):
    tex_cache.install()
    width, height = DRY_PIXELS
    return manim_api().tempconfig({
        "dry_run": True, "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True,
        "pixel_width": width, "pixel_height": height, "frame_rate": fps, "tex_dir": str(tex_cache.cache_dir()),
        "media_dir": media})


def _unpainted_scene(scenario, index: int, language: str, voice: str):
    """Lesson entry ``index``'s scene, run without painting a frame (under _dry_run_settings)."""
    entry = scenario.lesson[index]
    scene = manim_api().scene_class(entry.scene)(scenario=scenario, entry=entry, language=language, voice=voice,
                                                 cue_prefix=safe_name(entry_name(entry, index)))
    render_unpainted(scene)
    return scene


def script_json(cues, scenes, language: str, pace) -> dict:
    return {"language": language, "pace": float(pace), "length": scenes[-1][2] if scenes else 0.0,
            "scenes": [{"name": n, "start": a, "end": b} for n, a, b in scenes], "cues": [asdict(c) for c in cues]}


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def markdown_cell(text: str) -> str:
    """Text in a Markdown table cell as written: "|" escaped (not replaced: |G|² stays |G|²), no line break."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def script_markdown(title: str, cues, scenes, language: str) -> str:
    lines = [f"# {title}", "", f"Narration script ({language}), {_clock(scenes[-1][2] if scenes else 0)} in all. "
             "Each cue: what the subtitle shows, and what a synthesized voice says.", ""]
    for name, start, end in scenes:
        lines += [f"## {name} ({_clock(start)}–{_clock(end)})", "", "| cue | time | shown | said |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| `{c.id}` | {_clock(c.start)}–{_clock(c.end)} | {markdown_cell(c.text)} | {markdown_cell(c.said)} |"
                  for c in cues if c.scene == name]
        lines.append("")
    return "\n".join(lines)
