"""Whole-lesson narration scripts for tests, each computed once per test run and shared by the pytest-xdist workers.

A lesson's script is a dry run of every scene (scenes.pipeline.script.lesson_script, what `batchviz script`
prints): tens of CPU seconds for a shipped lesson, and half a dozen test files read the same lessons' cues. The
first worker that asks computes it (recording, as it runs, what the screen shows after every animation) and
pickles it into a folder every worker of the run sees; the others wait for the file and load it."""

from __future__ import annotations

import fcntl
import hashlib
import json
import pickle
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from unittest import mock

import manim

from scenes.pipeline import script
from scenes.pipeline.script import Cue
from scenes.scenario.lesson import Lesson
from scenes.scenario.loader import load_scenario
from tests.conftest import TinyRender


def squeeze(text: str) -> str:
    """Compared without spaces (manim's Text drops them) and in lower case."""
    return re.sub(r"\s+", "", text).lower()


class ScreenRecorder:
    """While active, after every animation and wait: the texts and formulas newly visible, in order of appearance,
    as (scene's cue prefix, squeezed content)."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self._seen: set[tuple[str, str]] = set()

    def collect(self, scene) -> None:
        for top in scene.mobjects:
            for mob in top.get_family():
                if not isinstance(mob, (manim.Text, manim.MathTex)):
                    continue
                glyphs = mob.family_members_with_points()
                if not glyphs or max(g.get_fill_opacity() for g in glyphs) < 0.05:
                    continue  # empty, or not faded in yet
                key = (scene.cue_prefix, squeeze(mob.text if isinstance(mob, manim.Text) else " ".join(mob.tex_strings)))
                if key not in self._seen:
                    self._seen.add(key)
                    self.shown.append(key)

    def __enter__(self):
        play, wait, recorder = manim.Scene.play, manim.Scene.wait, self

        def recorded_play(scene, *args, **kwargs):
            result = play(scene, *args, **kwargs)
            recorder.collect(scene)
            return result

        def recorded_wait(scene, *args, **kwargs):
            result = wait(scene, *args, **kwargs)
            recorder.collect(scene)
            return result

        self._patches = [mock.patch.object(manim.Scene, "play", recorded_play),
                         mock.patch.object(manim.Scene, "wait", recorded_wait)]
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in reversed(self._patches):
            patch.stop()


class EntryRecorder:
    """While active: every TeX string, plain text and text key each lesson entry's scene made, and its cues and
    length (lesson_script runs the entries one after another through script.entry_script)."""

    def __init__(self):
        self.entries: list[TinyRender] = []
        self._tex: list[str] = []
        self._texts: list[str] = []
        self._keys: list[str] = []

    def __enter__(self):
        original_tex, original_text, original_lookup = manim.MathTex.__init__, manim.Text.__init__, Lesson.text
        original_entry = script.entry_script
        recorder = self

        def recording_tex(mob, *parts, **kwargs):
            recorder._tex.append(" ".join(parts))
            original_tex(mob, *parts, **kwargs)

        def recording_text(mob, text, *args, **kwargs):
            recorder._texts.append(text)
            original_text(mob, text, *args, **kwargs)

        def recording_lookup(lesson, key, *args, **kwargs):
            recorder._keys.append(key)
            return original_lookup(lesson, key, *args, **kwargs)

        def recording_entry(*args, **kwargs):
            recorder._tex, recorder._texts, recorder._keys = [], [], []
            cues, length = original_entry(*args, **kwargs)
            recorder.entries.append(TinyRender(None, tuple(recorder._tex), tuple(recorder._texts), tuple(recorder._keys),
                                               tuple(c.text for c in cues), tuple((c.text, c.start, c.end) for c in cues),
                                               length))
            return cues, length

        self._patches = [mock.patch.object(manim.MathTex, "__init__", recording_tex),
                         mock.patch.object(manim.Text, "__init__", recording_text),
                         mock.patch.object(Lesson, "text", recording_lookup),
                         mock.patch.object(script, "entry_script", recording_entry)]
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in reversed(self._patches):
            patch.stop()


@dataclass(frozen=True)
class LessonScript:
    language: str
    cues: list[Cue]  # as lesson_script returns them (times, text, said, verdicts)
    scenes: list[tuple[str, float, float]]  # (name, start, end) of each scene
    shown: list[tuple[str, str]]  # ScreenRecorder.shown over the whole lesson
    # each entry as an unpainted tiny run (tests/conftest.py TinyRender; its cue times on the lesson's timeline)
    entries: list[TinyRender]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cues]

    def cue_dicts(self) -> list[dict]:
        """The cues as `batchviz script --format json` prints them."""
        return json.loads(json.dumps([asdict(c) for c in self.cues], ensure_ascii=False))


class SharedScripts:
    """``scripts.get(path, language)``: the LessonScript of the scenario file ``path``, at most once per test run."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, path: Path, language: str | None = None) -> LessonScript:
        sc = load_scenario(Path(path))
        language = language or sc.language  # "its own language" and that language named are one script
        key = hashlib.sha256(f"{Path(path).resolve()}\0{language}".encode()).hexdigest()[:16]
        done = self.folder / f"{key}.pickle"
        with open(self.folder / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a worker computing it holds the lock: the others wait, then load
            if not done.exists():
                with ScreenRecorder() as screen, EntryRecorder() as entries:
                    cues, scenes = script.lesson_script(sc, language)
                staging = done.with_suffix(".partial")
                staging.write_bytes(pickle.dumps(LessonScript(language, cues, scenes, screen.shown, entries.entries)))
                staging.replace(done)
            return pickle.loads(done.read_bytes())
