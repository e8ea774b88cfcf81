"""Whole-lesson narration scripts for tests, each computed once per test run and shared by the pytest-xdist workers.

A lesson's script is a dry run of every scene (scenes.pipeline.script.lesson_script, what `batchviz script`
prints): tens of CPU seconds for a shipped lesson, and half a dozen test files read the same lessons' cues. The
first worker that asks computes it (recording, as it runs, what the screen shows after every animation) and
pickles it into a folder every worker of the run sees; the others wait for the file and load it. It also keeps what
each scene left in ``drawn`` for tests, as boxes (tests/helpers_drawn.py), for the layout tests of shipped lessons."""

from __future__ import annotations

import fcntl
import hashlib
import json
import pickle
from dataclasses import asdict, dataclass, field
from pathlib import Path
from unittest import mock

from scenes.kinds.lesson_scene import LessonScene
from scenes.pipeline import script, tex_cache
from scenes.pipeline.script import Cue
from scenes.scenario.loader import load_scenario
from tests.conftest import TinyRender
from tests.helpers_drawn import snapshot
from tests.helpers_record import SceneRecorder, squeeze  # noqa: F401  squeeze: for the tests that read `shown`


class LessonRecorder(SceneRecorder):
    """While active: each lesson entry's scene as an unpainted tiny run (its TeX, texts, keys, cues and length, and
    every text it showed with colour and size), and the texts and formulas newly visible after every animation
    over the whole lesson (``screen``), and what each entry's scene kept in ``drawn`` when it ended, as boxes
    (``drawn``; None for a scene that keeps nothing). lesson_script runs the entries through script.entry_run: first
    each with the formulas compiled so far (a run that met another is void, tex_cache.FormulasMissing, and is not
    recorded), then again those that were void; each is recorded at its index."""

    def __init__(self):
        super().__init__(watch_screen=True)
        # index: (TeX, texts, keys, shown, the run, what it kept drawn, what it newly showed)
        self._entries: dict[int, tuple] = {}
        self._ended: object = None  # the snapshot of the scene that ended last

    @property
    def entries(self) -> list[TinyRender]:
        """Each entry as an unpainted tiny run, its cue times on the lesson's timeline (as lesson_script times them)."""
        made, offset = [], 0.0
        for index in sorted(self._entries):
            tex, texts, keys, shown, run, _, _ = self._entries[index]
            cues = run.cues(offset)
            made.append(TinyRender(None, tex, texts, keys, tuple(c.text for c in cues),
                                   tuple((c.text, c.start, c.end) for c in cues), run.length, shown))
            offset += run.length
        return made

    @property
    def drawn(self) -> list:
        return [self._entries[i][5] for i in sorted(self._entries)]

    @property
    def lesson_screen(self) -> list[tuple[str, str]]:
        """``screen`` in lesson order (an entry run again after the others were run is recorded at its place)."""
        return [seen for i in sorted(self._entries) for seen in self._entries[i][6]]

    def __enter__(self) -> LessonRecorder:
        super().__enter__()
        original_run, recorder = script.entry_run, self

        def recording_run(scenario, index, *args, **kwargs):
            recorder.made(), recorder.take_shown()  # start the entry afresh
            recorder._ended = None
            on_screen, seen_before = set(recorder._on_screen), len(recorder.screen)
            try:
                run = original_run(scenario, index, *args, **kwargs)
            except tex_cache.FormulasMissing:
                recorder._on_screen, recorder.screen[seen_before:] = on_screen, []  # a void run: not seen
                raise
            recorder._entries[index] = (*recorder.made(), tuple(recorder.take_shown()), run, recorder._ended,
                                        recorder.screen[seen_before:])
            return run

        original_end = LessonScene.tear_down

        def recording_end(scene):
            recorder._ended = snapshot(scene.drawn) if hasattr(scene, "drawn") else None
            original_end(scene)

        self.enter_context(mock.patch.object(script, "entry_run", recording_run))
        self.enter_context(mock.patch.object(LessonScene, "tear_down", recording_end))
        return self


@dataclass(frozen=True)
class LessonScript:
    language: str
    cues: list[Cue]  # as lesson_script returns them (times, text, said, verdicts)
    scenes: list[tuple[str, float, float]]  # (name, start, end) of each scene
    shown: list[tuple[str, str]]  # SceneRecorder.screen over the whole lesson: (cue prefix, squeezed content)
    # each entry as an unpainted tiny run (tests/conftest.py TinyRender; its cue times on the lesson's timeline)
    entries: list[TinyRender]
    # what each entry's scene kept in ``drawn`` when it ended, as boxes (tests/helpers_drawn.py); None: nothing kept
    drawn: list = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cues]

    def cue_dicts(self) -> list[dict]:
        """The cues as `batchviz script --format json` prints them."""
        return json.loads(json.dumps([asdict(c) for c in self.cues], ensure_ascii=False))


class SharedScripts:
    """``scripts.get(path, language)``: the LessonScript of the scenario file ``path``, at most once per test run
    (and loaded once per worker)."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._loaded: dict[tuple[Path, str], LessonScript] = {}

    def get(self, path: Path, language: str | None = None) -> LessonScript:
        script_of = self._get(Path(path), language, wait=True)
        assert script_of is not None
        return script_of

    def get_all(self, paths: list[Path]) -> list[LessonScript]:
        """The scripts of ``paths``, each in its own language: first those no other worker is computing (a worker
        that waited for one computed nothing meanwhile), then the others, waiting for them."""
        got = {path: self._get(Path(path), None, wait=False) for path in dict.fromkeys(paths)}
        return [got[path] or self.get(path) for path in paths]

    def _get(self, path: Path, language: str | None, wait: bool) -> LessonScript | None:
        sc = load_scenario(path)
        language = language or sc.language  # "its own language" and that language named are one script
        loaded = (path.resolve(), language)
        if loaded in self._loaded:
            return self._loaded[loaded]
        key = hashlib.sha256(f"{loaded[0]}\0{language}".encode()).hexdigest()[:16]
        done = self.folder / f"{key}.pickle"
        with open(self.folder / f"{key}.lock", "w") as lock:
            try:  # a worker computing it holds the lock: the others wait (or do something else), then load
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                return None
            if not done.exists():
                with LessonRecorder() as recorder:
                    cues, scenes = script.lesson_script(sc, language)
                staging = done.with_suffix(".partial")
                staging.write_bytes(pickle.dumps(LessonScript(language, cues, scenes, recorder.lesson_screen,
                                                              recorder.entries, recorder.drawn)))
                staging.replace(done)
            self._loaded[loaded] = pickle.loads(done.read_bytes())
            return self._loaded[loaded]
