from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import scenes.kinds  # noqa: F401  registers the scene kinds with the scenario layer, as the pipeline does
from tests import render_marker

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def pytest_addoption(parser):
    parser.addoption("--set_test", action="store_true", help="write the frame tests' control data instead of comparing")
    parser.addoption("--show_diff", action="store_true", help="save a PNG of the difference when a frame test fails")


def pytest_configure(config):
    render_marker.install_tripwire()  # an unmarked test that renders fails (tests/render_marker.py)
    # pytest keeps each test module with its asserts rewritten in tests/__pycache__ (git-ignored) only where Python
    # may write bytecode: under PYTHONDONTWRITEBYTECODE=1 every worker rewrote every module again, half of its
    # collection (3 of 7 s CPU on 2 cores)
    sys.dont_write_bytecode = False


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    render_marker.mark_rendering_tests(items)  # before -m "not render" deselects
    render_marker.rendering_files_first(items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    with render_marker.rendering_forbidden(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    with render_marker.rendering_forbidden(item):
        yield


@pytest.fixture(scope="session", autouse=True)
def shared_tex_cache():
    """One compiled-TeX cache kept between test runs (.cache/tex, git-ignored): each equation compiles once, not
    once per test or per run. manim names each file by a hash of its TeX source, so a stale entry is never used."""
    folder = ROOT / ".cache" / "tex"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["BATCHVIZ_TEX_DIR"] = str(folder)


@pytest.fixture
def private_tex(tmp_path, monkeypatch) -> Path:
    """A TeX cache of the test's own: no formula compiled, and none built in this process (scenes.pipeline.formula_memo
    serves a formula built before without asking the cache)."""
    from scenes.pipeline import formula_memo

    monkeypatch.setenv("BATCHVIZ_TEX_DIR", str(tmp_path / "tex"))
    formula_memo.forget_formulas()
    return tmp_path / "tex"


@pytest.fixture(scope="session", autouse=True)
def manim_media_outside_the_checkout(tmp_path_factory):
    """Texts a test makes outside a render (manim's own Text, label()) write their SVGs into manim's media folder,
    ./media by default: this run's own folder instead, so that the suite leaves the checkout as it found it."""
    from manim import config

    config.media_dir = str(tmp_path_factory.mktemp("manim-media"))


@pytest.fixture(scope="session", autouse=True)
def cjk_font_before_any_text():
    """The bundled CJK font registered before any test makes a text: Pango reads the fonts once, when the first
    text of a process is shaped, so a test's own Text("...") made first hid the font from every later label() of
    the worker (a wider fallback font: the paths title measured shrunk after test_watch_fast_paths)."""
    from scenes.kinds.fonts import ensure_cjk_font

    ensure_cjk_font()


@pytest.fixture(scope="session", autouse=True)
def shared_study_dir(tmp_path_factory):
    """The studies kept on disk (scenes/scenario/kept_studies.py) in one folder of this test run, shared by its
    workers and the processes they start: each study runs once per run, and no run reads another's."""
    os.environ["BATCHVIZ_STUDY_DIR"] = str(run_shared_folder(tmp_path_factory, "studies"))


@pytest.fixture(scope="session")
def seed():
    from scenes.scenario.loader import load_scenario

    return load_scenario(SCENARIOS / "seed.yaml")


@dataclass(frozen=True)
class TinyRender:
    result: object  # scenes.pipeline.render.RenderedScene (None for an unpainted run: no file written)
    tex: tuple[str, ...]  # every TeX string the scene created
    texts: tuple[str, ...] = ()  # every plain text (Text) the scene created
    keys: tuple[str, ...] = ()  # every text key the scene looked up
    cues: tuple[str, ...] | None = None  # an unpainted run's subtitle cues (a render's are in its .srt file)
    timed: tuple[tuple[str, float, float], ...] = ()  # an unpainted run's cues as (text, start, end) seconds
    seconds: float | None = None  # an unpainted run's length (a render's is its video's)
    shown: tuple = ()  # a shared script's entry: every text it showed (tests/helpers_record.py Shown)

    @property
    def subtitles(self) -> list[str]:
        """The text of every subtitle cue the scene wrote."""
        import srt

        if self.cues is not None:
            return list(self.cues)
        path = self.result.subtitles
        return [cue.content for cue in srt.parse(path.read_text(encoding="utf-8"))] if path else []


def render_tiny(scenario, index: int, out: Path, painted: bool = False, language: str | None = None,
                size: tuple[int, int, int] | None = None) -> TinyRender:
    """Render one lesson entry at 160x90, 5 fps (or ``size``, for a painted render whose picture is not read), in
    ``language`` (else the lesson's), recording the TeX of every MathTex it makes.

    Unpainted (the default) runs the same scene code as `batchviz script` does (every mobject made, every cue
    timed) but paints no frame and writes no file: a third of the time, for tests that read only what the scene
    wrote and said (its TeX, texts, keys, subtitles and length). ``painted=True`` renders the video, for tests that
    read pixels or files (tests/test_pipeline.py checks that both make and say the same).

    An unpainted run that meets more than two formulas not compiled yet (a step scene on new data meets some fifty,
    a third of a second each one by one) is void and runs again once they all compiled in one batch, each run with
    its own recorder (what the void one made is not counted)."""
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from tests.helpers_record import SceneRecorder  # imports manim: not for every test process
    from tests.helpers_render import TINY

    if painted:
        with SceneRecorder() as recorder:
            result = render_entry(scenario, index, out, size=size or TINY, language=language)
        return TinyRender(result, *recorder.made())
    return tex_cache.with_one_batch([_unpainted_tiny(scenario, index, language, compile_first=2)])[0]


def _unpainted_tiny(scenario, index: int, language: str | None, compile_first: int):
    """A run of render_tiny's unpainted kind for tex_cache.with_one_batch: ``run(defer)`` -> TinyRender."""
    from scenes.pipeline.script import entry_run
    from tests.helpers_record import SceneRecorder  # imports manim: not for every test process
    from tests.helpers_render import TINY

    def recorded(defer: bool) -> TinyRender:  # the tiny render's clock; a void run's recorder is dropped with it
        with SceneRecorder() as recorder:
            run = entry_run(scenario, index, language or scenario.language, fps=TINY[2], defer_formulas=defer,
                            compile_first=compile_first)
        cues = run.cues(0.0)
        return TinyRender(None, *recorder.made(), tuple(c.text for c in cues),
                          tuple((c.text, c.start, c.end) for c in cues), run.length)

    return recorded


class SharedTinyRenders(Sequence):
    """Every entry of a scenario rendered tiny, each at most once per test run, shared by all pytest-xdist workers.

    An entry renders when a test first asks for it; its TinyRender is pickled into ``folder`` (a folder every worker
    of the run sees), so the other workers load it instead of rendering again. A worker that needs every entry
    renders those no one else is rendering first (non-blocking locks), then waits for the rest."""

    def __init__(self, scenario, folder: Path, painted: bool = True):
        self.scenario, self.folder, self.painted = scenario, folder, painted
        folder.mkdir(parents=True, exist_ok=True)

    def __len__(self) -> int:
        return len(self.scenario.lesson)

    def _try(self, index: int, wait: bool) -> TinyRender | None:
        import fcntl
        import pickle

        done = self.folder / f"{index:03d}.pickle"
        with open(self.folder / f"{index:03d}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                return None  # another worker is rendering it
            if not done.exists():
                rendered = render_tiny(self.scenario, index, self.folder / "out", self.painted)
                staging = done.with_suffix(".partial")
                staging.write_bytes(pickle.dumps(rendered))
                staging.replace(done)
            return pickle.loads(done.read_bytes())

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._try(range(len(self))[index], wait=True)

    def __iter__(self):
        got = {i: self._try(i, wait=False) for i in range(len(self))}
        for i in range(len(self)):
            yield got[i] if got[i] is not None else self._try(i, wait=True)


def run_shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder shared by every pytest-xdist worker of this run (each worker has its own basetemp below it)."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / f"shared-{name}"


@pytest.fixture(scope="session")
def seed_tiny(seed, tmp_path_factory):
    """Every entry of the seed lesson rendered tiny, once per test run (shared by the xdist workers)."""
    return SharedTinyRenders(seed, run_shared_folder(tmp_path_factory, "seed_tiny"))


@pytest.fixture(scope="session")
def seed_unpainted(shipped_scripts):
    """Every entry of the seed lesson run unpainted (its TeX, texts, text keys, cues and length; no pixels): the
    entries of the lesson's shared dry run, once per test run, for tests that read what a scene wrote."""
    return shipped_scripts.get(SCENARIOS / "seed.yaml").entries


@pytest.fixture(scope="session")
def shipped_scripts(tmp_path_factory):
    """Whole-lesson narration scripts (dry runs), each once per test run, shared by the workers
    (tests/helpers_script.py): ``shipped_scripts.get(path, language)``."""
    from tests.helpers_script import SharedScripts

    return SharedScripts(run_shared_folder(tmp_path_factory, "scripts"))


@pytest.fixture(scope="session")
def seed_advanced():
    """The second seed lesson (zh): the worked steps, stability and study scenes the 10-minute cut leaves out."""
    from scenes.scenario.loader import load_scenario

    return load_scenario(SCENARIOS / "seed_advanced.yaml")


@pytest.fixture(scope="session")
def seed_advanced_tiny(shipped_scripts):
    """Every entry of the second seed lesson run unpainted (TeX, texts, keys, cues, length): the entries of the
    lesson's shared dry run, once per test run."""
    return shipped_scripts.get(SCENARIOS / "seed_advanced.yaml").entries


def entry_index(scenario, name: str) -> int:
    """The index of the lesson entry named ``name`` without its number ("step_bs4_2" for 04_step_bs4_2), so that
    tests keep pointing at the same scene when entries are added before it."""
    from scenes.scenario.lesson_plan import scene_names

    return next(i for i, full in enumerate(scene_names(scenario)) if full.split("_", 1)[1] == name)


def render_all_tiny(tmp_path_factory, name: str, text: str, beside: tuple[Path, ...] = (), painted: bool = False,
                    size: tuple[int, int, int] | None = None):
    """Load the scenario ``text`` (with the files ``beside`` it) and render every entry tiny: (scenario,
    [TinyRender, ...]), for module fixtures (``painted=False``, ``size``: see render_tiny). Unpainted, the formulas
    all the entries meet first compile in one batch."""
    import shutil

    from scenes.scenario.loader import load_scenario

    folder = tmp_path_factory.mktemp(name)
    for path in beside:
        shutil.copy(path, folder / path.name)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    sc = load_scenario(path)
    if painted:
        return sc, [render_tiny(sc, i, folder / "out", painted, size=size) for i in range(len(sc.lesson))]
    # as `batchviz script` runs a lesson: each entry first with the formulas compiled so far, then all that they
    # met in one batch, then again the entries that met one (not two compiled one by one in every entry)
    from scenes.pipeline import tex_cache

    return sc, tex_cache.with_one_batch([_unpainted_tiny(sc, i, None, compile_first=0) for i in range(len(sc.lesson))])


def assert_length_follows_animation_and_words(scenario, entry, rendered, fps: int = 5) -> None:
    """A scene lasts at least its animation estimate (what `batchviz list` shows) and at least the reading time of
    its narration, and no longer than both together (every beat waits only for words not yet read)."""
    from scenes.scenario.lesson_plan import entry_seconds
    from scenes.scenario.reading import reading_seconds
    from tests.helpers_render import decode_frames

    seconds = rendered.seconds if rendered.result is None else len(decode_frames(rendered.result.video)) / fps
    animation = entry_seconds(scenario, entry)
    reading = sum(reading_seconds(cue, scenario.language, scenario.style.pace) for cue in rendered.subtitles)
    frames = 1 / fps * (2 + len(rendered.subtitles))  # a frame of rounding per cue and per end
    assert seconds >= max(animation - 1.5, reading - frames), (entry.scene, seconds, animation, reading)
    assert seconds <= animation + reading + 1.5, (entry.scene, seconds, animation, reading)


def small_scenario(lesson: str, scenario_id: str = "small", **top: str) -> str:
    """The text of a small English scenario (four samples, one run `r` of batch size 2) with ``lesson`` as its
    `lesson:` block; ``top`` replaces or adds top-level keys (their YAML text), e.g. texts="{en: {...}}"."""
    keys = {"id": scenario_id, "language": "en", "title": '{en: "Small"}', "init": "{w: 0.1, b: 0.2}",
            "learning_rate": "0.02", "data": "{x: [1, 2, 3, 4], y: [0, 0, 1, 1]}", "runs": "{r: {batch_size: 2}}",
            **top}
    return "".join(f"{key}: {value}\n" for key, value in keys.items()) + "lesson:\n" + lesson
