"""Every kind's first shipped example run unpainted in a theme other than its own, each lesson's examples once per
test run and shared by the pytest-xdist workers: the picture checks in that theme (tests/test_picture.py) and the
layout rules (tests/test_layout_frame.py) read the same runs instead of each running every kind again.

Each run records, as the scene plays: what it showed, with colour and size (tests/helpers_record.py); where its texts
were after every animation (tests/helpers_layout.py); the colour of every highlight drawn on a text; and the box of
every visible mobject at its end. The runs use a copy of the lesson file with ``style.theme`` set (helpers_picture.in_theme).

Computed per lesson file (its examples share one scenario, so its studies are computed once), pickled into a folder
every worker of the run sees; a worker that finds a lesson being computed by another computes another lesson first
(non-blocking locks), then waits."""

from __future__ import annotations

import fcntl
import hashlib
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import manim

from scenes.kinds.lesson_scene import LessonScene
from scenes.pipeline import tex_cache
from scenes.pipeline.script import entry_run
from scenes.scenario.loader import load_scenario
from tests.helpers_boxes import box
from tests.helpers_layout import Box, LayoutRecorder
from tests.helpers_picture import in_theme, kind_names, shipped_examples
from tests.helpers_record import SceneRecorder, Shown

HIGHLIGHTS = ("Indicate", "Circumscribe", "Flash", "ShowPassingFlash", "Wiggle")  # manim's attention animations


@dataclass(frozen=True)
class EndBox:
    """A mobject with points as the scene left it (each member of a family on its own), in scene units."""

    left: float
    bottom: float
    right: float
    top: float
    opacity: float  # the larger of fill and stroke opacity (1 for a mobject that is not a VMobject)


@dataclass(frozen=True)
class ThemedEntry:
    """What a kind's example showed when run in ``theme``."""

    kind: str
    path: Path  # the shipped scenario file
    index: int  # the entry's index in its lesson
    theme: str
    background: str  # #RRGGBB of the theme's background
    shown: tuple[Shown, ...]  # every text and formula seen, with colour and size
    boxes: tuple[Box, ...]  # every visible text's box after every animation
    frame: tuple[float, float]  # half width, half height of the frame in scene units
    highlights: tuple[tuple[str, str, str], ...]  # (animation, its text's first 30 characters, #rrggbb)
    end: tuple[EndBox, ...]  # every mobject with points at the scene's end


@contextmanager
def _recording_highlights(found: list[tuple[str, str, str]]) -> Iterator[None]:
    """While active: the colour of each highlight animation made on a mobject that holds a text or formula."""
    with ExitStack() as stack:
        for name in HIGHLIGHTS:
            animation = getattr(manim, name)

            def init(self, mobject, *args, _original=animation.__init__, _name=name, **kwargs):
                _original(self, mobject, *args, **kwargs)
                texts = [m for m in mobject.get_family() if isinstance(m, (manim.Text, manim.MathTex))]
                if texts:
                    colour = manim.ManimColor(kwargs.get("color", manim.YELLOW)).to_hex()  # manim's default
                    found.append((_name, getattr(texts[0], "text", "formula")[:30], colour))

            stack.enter_context(mock.patch.object(animation, "__init__", init))
        yield


@contextmanager
def _recording_end(found: list[EndBox]) -> Iterator[None]:
    """While active: the box of every mobject with points when a lesson scene ends (its tear_down)."""
    original = LessonScene.tear_down

    def keeping(scene):
        for mob in (m for top in scene.mobjects for m in top.get_family() if len(m.points)):
            opacity = max(mob.get_fill_opacity(), mob.get_stroke_opacity()) if isinstance(mob, manim.VMobject) else 1.0
            found.append(EndBox(*box(mob), float(opacity)))
        original(scene)

    with mock.patch.object(LessonScene, "tear_down", keeping):
        yield


def run_themed(path: Path, indices: list[tuple[str, int]], theme: str, folder: Path) -> list[ThemedEntry]:
    """Run each (kind, lesson index) of the shipped lesson ``path`` unpainted on a copy in ``theme`` (written to
    ``folder``, with the lesson's data files), one after another on one scenario, recording what each showed."""
    sc = load_scenario(in_theme(path, theme, folder))
    background = sc.theme().background
    with tempfile.TemporaryDirectory(prefix="batchviz-themed-") as media:  # text SVGs shared by the entries
        # as `batchviz script` runs a lesson: the formulas the entries meet compile in one batch
        return tex_cache.with_one_batch([
            lambda defer, kind=kind, index=index: _run_recorded(sc, kind, path, index, theme, background, media, defer)
            for kind, index in indices])


def _run_recorded(sc, kind: str, path: Path, index: int, theme: str, background: str, media: str,
                  defer: bool) -> ThemedEntry:
    """One entry run unpainted with its own recorders (a void run, tex_cache.FormulasMissing, is not recorded)."""
    highlights: list[tuple[str, str, str]] = []
    end: list[EndBox] = []
    with SceneRecorder(watch_screen=True) as shown, LayoutRecorder() as layout, \
            _recording_highlights(highlights), _recording_end(end):
        entry_run(sc, index, sc.language, media=media, defer_formulas=defer)
    return ThemedEntry(kind, path, index, theme, background, tuple(shown.take_shown()), tuple(layout.boxes),
                       layout.frame, tuple(highlights), tuple(end))


class SharedThemedRuns:
    """``runs.entry(kind)``: the ThemedEntry of ``kind``'s first shipped example in ``theme``; each lesson's examples
    are run at most once per test run (``folder``: a folder every worker of the run sees)."""

    def __init__(self, folder: Path, theme: str):
        self.folder, self.theme = folder, theme
        folder.mkdir(parents=True, exist_ok=True)
        examples = shipped_examples()
        self._lessons: dict[Path, list[tuple[str, int]]] = {}  # lesson file: its (kind, index) examples
        self._lesson_of: dict[str, Path] = {}
        for kind in kind_names():
            path, index = examples[kind][0]
            self._lessons.setdefault(path, []).append((kind, index))
            self._lesson_of[kind] = path
        self._loaded: dict[Path, dict[str, ThemedEntry]] = {}

    def entry(self, kind: str) -> ThemedEntry:
        path = self._lesson_of[kind]
        if path not in self._loaded and not self._try(path, wait=False):
            for other in self._lessons:  # another worker runs this lesson: run one no one runs yet meanwhile
                if other not in self._loaded:
                    self._try(other, wait=False)
            self._try(path, wait=True)
        return self._loaded[path][kind]

    def lock_file(self, path: Path) -> Path:
        """The file a worker locks while it runs the examples of lesson ``path`` (their pickle is beside it)."""
        key = hashlib.sha256(f"{path.resolve()}\0{self.theme}\0{self._lessons[path]}".encode()).hexdigest()[:16]
        return self.folder / f"{key}.lock"

    def _try(self, path: Path, wait: bool) -> bool:
        """Load the lesson's runs into ``_loaded``, computing them if no worker has: False if another worker is
        computing them and ``wait`` is False."""
        done = self.lock_file(path).with_suffix(".pickle")
        with open(self.lock_file(path), "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                return False
            if not done.exists():
                files = done.with_suffix(".files")
                files.mkdir(exist_ok=True)
                staging = done.with_suffix(".partial")
                staging.write_bytes(pickle.dumps(run_themed(path, self._lessons[path], self.theme, files)))
                staging.replace(done)
            self._loaded[path] = {run.kind: run for run in pickle.loads(done.read_bytes())}
            return True
