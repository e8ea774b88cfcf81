"""Base class of every batchviz scene: the scenario, the language, numbers, subtitles."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, Optional, TypeVar, cast

from manim import DOWN, LEFT, UP, FadeIn, FadeOut, Line, ManimColor, MathTex, Mobject, Scene, Tex, Text, VGroup, config
from pydub import AudioSegment

from mathcore import format_value
from mathcore.formatting import MEASURED_DIGITS, spoken_numbers
from scenes.kinds.style import TEXT_SIZE, fit, wrapped_label
from scenes.scenario.fields import EntryBase
from scenes.scenario.judged import run_label
from scenes.scenario.lesson import lesson_of, spoken_relations
from scenes.scenario.loader import load_scenario
from scenes.scenario.reading import cue_times, reading_seconds, split_cue
from scenes.scenario.schema import Scenario
from scenes.scenario.speech import speech_text
from scenes.scenario.terms import term_key
from scenes.services.subtitle_text import to_srt
from scenes.services.voices import audio_seconds, parse_voice, recording, synthesize

SPEECH_GAP = 0.3  # seconds of quiet after a spoken cue, before the next beat
PIECE_GAP = 0.15  # between two recorded pieces of one cue
TERM_WIDTH_BESIDE = 6.6  # a definition's lines when a picture stands beside them
PICTURE_BOX = (5.4, 4.2, 3.7)  # the picture's width, height and centre x (right half)
DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "seed.yaml"


def scenario_from_environment() -> Scenario:
    """For plain `manim` use: BATCHVIZ_SCENARIO names the file (default: scenarios/seed.yaml)."""
    return load_scenario(os.environ.get("BATCHVIZ_SCENARIO", DEFAULT_SCENARIO))


E = TypeVar("E", bound=EntryBase)


class LessonScene(Scene, Generic[E]):
    """A scene of the lesson, driven by a validated Scenario and one `lesson` entry.

    A kind's scene may name its entry's schema, ``class StepScene(LessonScene[StepEntry])``, to type ``self.entry``.
    """

    kind: str = ""  # the `scene:` value in YAML
    entry: E

    def __init__(self, scenario: Scenario | None = None, entry: Optional[E] = None, language: str | None = None,
                 voice: str = "none", cue_prefix: str = "cue", **kwargs: Any):
        super().__init__(**kwargs)
        self.scenario = scenario or scenario_from_environment()
        self.entry = entry if entry is not None else self.default_entry()
        self.language = language or self.scenario.language
        self.lesson = lesson_of(self.scenario)  # what is computed from the scenario, shared by its scenes
        self.voice = parse_voice(voice)
        self.cue_prefix, self.cues_said = cue_prefix, 0  # cue ids: <scene name>.<k>, as `batchviz script` lists
        self.beat_marks: list[tuple[float, str]] = []  # (seconds at the end of each beat, its narration)
        self.colors = self.scenario.theme()
        self.camera.background_color = ManimColor(self.colors.background)

    def render(self, *args: Any, **kwargs: Any) -> Any:
        # text and formulas without a colour of their own take the theme's foreground, only while this scene renders
        # (a scene made but never rendered, as tests do, changes nothing), then exactly what was there before comes
        # back: manim's set_default() would also drop a wrapper that someone else, e.g. a test recording every Text,
        # installed, and a picture drawn later in this process must not inherit this theme
        text_inits = {kind: vars(kind).get("__init__") for kind in (Text, MathTex, Tex)}
        for kind in (Text, MathTex, Tex):
            kind.set_default(color=self.colors.foreground)
        try:
            return super().render(*args, **kwargs)
        finally:
            for kind, init in text_inits.items():
                if init is None:
                    if "__init__" in vars(kind):
                        delattr(kind, "__init__")
                else:
                    kind.__init__ = init  # type: ignore[method-assign]

    def setup(self):
        """Before the scene's own picture: the terms this entry introduces (its `define`), one line each, each
        underlined while it is said, so that no symbol is used before it is explained."""
        super().setup()
        terms = getattr(self.entry, "define", None) or []
        if terms:
            self.define_terms(terms)

    def term_picture(self, name: str) -> Optional[Mobject]:
        """A picture for term ``name``'s definition, drawn beside its line, where this scene has one at hand (the step
        scene draws the gradient as a slope); None: the line alone."""
        return None

    def define_terms(self, terms) -> None:
        pictures = {name: picture for name in terms if (picture := self.term_picture(name)) is not None}
        self.term_pictures = pictures  # what each definition showed beside it, and the lines (for tests)
        lines = [wrapped_label(self.text(term_key(name)), TEXT_SIZE, TERM_WIDTH_BESIDE if pictures else 12.0)
                 for name in terms]
        self.term_lines = list(lines)
        column = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.5).move_to(0.3 * UP)
        if pictures:  # lines on the left, each term's picture on the right while it is said
            column.to_edge(LEFT, buff=0.6)
            for picture in pictures.values():
                fit(picture, PICTURE_BOX[0], PICTURE_BOX[1]).move_to([PICTURE_BOX[2], 0.3, 0])
        shown = None
        for name, line in zip(terms, lines):
            said = self.text(term_key(name))
            underline = Line(line.get_corner(DOWN + LEFT), line.get_corner(DOWN + LEFT), color=self.colors.muted,
                             stroke_width=3).shift(0.12 * DOWN)
            picture = pictures.get(name)
            # the previous term's picture leaves as this term's line comes
            swap = ([FadeOut(shown)] if shown is not None else []) + ([FadeIn(picture)] if picture is not None else [])
            shown = picture
            with self.beat(said):
                self.play(FadeIn(line, shift=0.2 * UP), *swap, run_time=0.8)
                # the underline grows while the definition is said: the picture never stands still under words
                self.play(underline.animate.put_start_and_end_on(underline.get_start(),
                                                                 [line.get_right()[0], underline.get_start()[1], 0]),
                          run_time=self.filling(said, 0.8))
            lines[lines.index(line)] = VGroup(line, underline)
        self.play(*(FadeOut(line) for line in lines), *([FadeOut(shown)] if shown is not None else []), run_time=0.6)

    def tear_down(self):
        super().tear_down()
        writer = self.renderer.file_writer
        if self.voice.speaks and getattr(writer, "includes_sound", False):
            # the voice track lasts exactly as long as the picture (manim's ends with the last sound)
            writer.add_audio_segment(AudioSegment.silent(0), time=self.renderer.time)

    def default_entry(self) -> E:
        """For plain `manim`: lesson entry BATCHVIZ_ENTRY (1-based), else the first entry of this kind."""
        chosen = os.environ.get("BATCHVIZ_ENTRY")
        if chosen:
            entry = self.scenario.lesson[int(chosen) - 1]
            if entry.scene != self.kind:
                raise ValueError(f"lesson entry {chosen} is a '{entry.scene}' scene, not '{self.kind}'")
            return cast(E, entry)  # its `scene` is this kind's, so it is this kind's entry
        for entry in self.scenario.lesson:
            if entry.scene == self.kind:
                return cast(E, entry)
        raise ValueError(f"scenario {self.scenario.id!r} has no '{self.kind}' scene in its lesson")

    # Numbers: the one formatting function, with the scenario's digits
    def num(self, value, tex: bool = True) -> str:
        return format_value(value, self.scenario.style.digits, "tex" if tex else "text")

    def measured(self, value, tex: bool = False) -> str:
        """A measured (seeded, noisy) value: three significant digits, whatever the scenario's digits."""
        return format_value(value, MEASURED_DIGITS, "tex" if tex else "text")

    def equals(self, value) -> tuple[str, str]:
        """("=", "0.3") for an exact value, ("\\approx", "0.3333") for a rounded one: never "= \\approx"."""
        text = self.num(value)
        return ("\\approx", text[len("\\approx "):]) if text.startswith("\\approx ") else ("=", text)

    def said(self, value) -> str:
        """A value for a sentence: "= 0.3" when shown exactly, "≈ 0.1786" when rounded (never "= ≈0.1786")."""
        text = self.num(value, tex=False)
        return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"

    def is_approx(self, value) -> bool:
        return self.num(value).startswith("\\approx ")

    def bare(self, value) -> str:
        """The number without its ≈ mark, for use inside an expression whose relation sign carries it."""
        return self.equals(value)[1]

    def text(self, key: str, **fields) -> str:
        return self.lesson.text(key, self.language, entry=self.entry, **fields)

    def reading_time(self, subtitle) -> float:
        """Seconds the beat ``subtitle`` (a text, or a judged sentence) lasts at least (its reading time), for
        animations that should fill it."""
        return reading_seconds(getattr(subtitle, "text", subtitle), self.language, self.scenario.style.pace)

    def filling(self, subtitle, spent: float, least: float = 0.5) -> float:
        """Run time for the animation that carries ``subtitle``: the beat's length (its reading time, or the voice's
        when that is longer) less the ``spent`` seconds of the beat's other animations (at least ``least``), so that
        the picture moves while the words are said."""
        text = getattr(subtitle, "text", subtitle)
        said = getattr(self, "beat_lengths", {}).get(spoken_relations(spoken_numbers(text)))
        return max((said if said is not None else self.reading_time(subtitle)) - spent, least)

    @contextmanager
    def beat(self, subtitle, verdicts=()):
        """One narrated beat: the animations played inside the block, then a pause if the narration needs longer
        to read (scenes.scenario.reading); the text is cut into subtitle-sized cues, each shown at most at the
        reading speed. ``subtitle`` may be a scenes.scenario.judged.Judged: its verdicts go with each of its cues
        (``cue_verdicts``, which `batchviz script --format json` carries)."""
        if hasattr(subtitle, "verdicts"):
            subtitle, verdicts = subtitle.text, tuple(verdicts) + tuple(subtitle.verdicts)
        # said as a person says numbers (2-3 digits, "about"); the picture keeps the exact values
        subtitle = spoken_relations(spoken_numbers(subtitle))
        start = self.renderer.time
        needed = reading_seconds(subtitle, self.language, self.scenario.style.pace)
        pieces = split_cue(subtitle, self.language)
        ids = [f"{self.cue_prefix}.{self.cues_said + k}" for k in range(1, len(pieces) + 1)]
        self.cues_said += len(pieces)
        if not hasattr(self, "cue_verdicts"):
            self.cue_verdicts = {}  # cue id -> the verdicts (mathcore.verdicts) that chose its wording
        for cue_id in ids:
            self.cue_verdicts[cue_id] = [v.as_dict() for v in verdicts]
        spoken = None  # with a voice, each piece's own length
        if self.voice.speaks:  # each piece said on its own, one after another, so it shows while it is said
            spoken, offset = [], 0.0
            for cue_id, piece in zip(ids, pieces):
                path = self.piece_audio(cue_id, piece)
                self.add_sound(str(path), time_offset=offset)
                spoken.append(audio_seconds(path))
                offset += spoken[-1] + PIECE_GAP
            said = max(offset - PIECE_GAP + SPEECH_GAP, 1 / config.frame_rate)
            # a recorded voice sets the beat's length; a synthesized one never shortens the reading time
            needed = said if self.voice.engine == "recorded" else max(needed, said)
        if not hasattr(self, "beat_lengths"):
            self.beat_lengths = {}  # narration text -> the seconds its beat lasts (for filling())
        self.beat_lengths[subtitle] = needed
        self.beat_ends = start + needed  # when the narration of this beat ends: scenes fill it with motion
        yield
        # manim advances by whole frames and a wait may end up to a frame short: wait a frame more, until said
        while self.renderer.time - start < needed - 1e-9:
            self.wait(needed - (self.renderer.time - start) + 1 / config.frame_rate)
        end = self.renderer.time
        if spoken is not None:  # each subtitle shows while its piece is said (the last until the beat ends)
            times, t = [], start
            for length in spoken:
                times.append((t, t + length + PIECE_GAP))
                t += length + PIECE_GAP
            times[-1] = (times[-1][0], end)
        else:
            times = cue_times(pieces, self.language, start, end - start)
        for piece, (a, b) in zip(pieces, times):
            if b > a:
                self.add_subcaption(to_srt(piece), duration=b - a, offset=a - end)
        # where the beat ends and what it said: a slide of `render --format slides` (scenes.pipeline.slides)
        self.beat_marks.append((end, subtitle))

    def time_left(self) -> float:
        """Seconds until the current beat's narration ends (0 once it has)."""
        return max(0.0, getattr(self, "beat_ends", 0.0) - self.renderer.time)

    def piece_audio(self, cue_id: str, piece: str) -> Path:
        """The sound of one subtitle piece: the author's recording of its cue id, or the piece's speech text
        (formulas as words, scenes.scenario.speech) synthesized."""
        if self.voice.engine == "recorded":
            return recording(self.voice, cue_id, piece)
        return synthesize(self.voice, speech_text(piece, self.language), self.language, self.scenario.style.pace)

    def run_label(self, run: str) -> str:
        """How the scenario names a run in this language ("batch size = 4" by default)."""
        return run_label(self.lesson, run, self.language)
