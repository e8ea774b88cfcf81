"""`batchviz watch`: while an author edits a scenario, check it on every save and re-render what changed.

Each save is validated first (errors within about a second, as `check` prints them); an invalid file changes
nothing on disk, so the last good outputs stay. A valid one re-renders only the scenes whose cache key changed
(scenes.pipeline.render_cache): first their last frames as PNG, which take a second or two, then their clips.
Everything goes to OUT/<id>/preview/, apart from the full-quality renders of `batchviz render`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import watchfiles

from scenes.pipeline.lesson_render import render_lesson
from scenes.pipeline.render_lock import render_lock
from scenes.scenario import yaml_source
from scenes.scenario.errors import ScenarioError
from scenes.scenario.lesson_plan import safe_name
from scenes.scenario.loader import load_scenario

PREVIEW = "preview"


@dataclass
class WatchReport:
    """What one update did."""

    errors: list[str] = field(default_factory=list)  # the file's problems, one line each (nothing rendered)
    frames: list[Path] = field(default_factory=list)  # last frames rendered anew
    clips: list[Path] = field(default_factory=list)  # clips rendered anew
    unchanged: int = 0  # scenes whose outputs were current
    seconds_to_check: float = 0.0
    seconds_to_frames: float = 0.0  # from the start of the update to the last new frame

    @property
    def valid(self) -> bool:
        return not self.errors


class WatchSession:
    """One scenario being edited; ``update()`` after every save."""

    def __init__(self, path: Path, out: Path, *, language: Optional[str] = None, quality: str = PREVIEW,
                 size: Optional[tuple[int, int, int]] = None, clips: bool = True,
                 echo: Callable[[str], None] = print):
        self.path, self.out, self.language, self.quality, self.size = Path(path), Path(out), language, quality, size
        self.clips, self.echo = clips, echo
        self._seen: Optional[dict] = None

    def changed_since_update(self) -> bool:
        """Whether the scenario or its data file changed after the last update read them (a save during a
        render, before the watcher saw it), by their fingerprints."""
        return _contents(self.path) != self._seen

    def update(self) -> WatchReport:
        report = WatchReport()
        started = time.perf_counter()
        self._seen = _contents(self.path)
        try:
            scenario = load_scenario(self.path)
        except ScenarioError as exc:
            report.errors = list(exc.lines())
            report.seconds_to_check = time.perf_counter() - started
            for line in report.errors:
                self.echo(line)
            self.echo(f"{self.path}: not rendered; the last good outputs stay")
            return report
        report.seconds_to_check = time.perf_counter() - started
        self.echo(f"{self.path}: valid ({len(scenario.lesson)} scenes, checked in {report.seconds_to_check:.2f} s)")
        folder = self.out / safe_name(scenario.id) / PREVIEW
        folder.mkdir(parents=True, exist_ok=True)
        options = dict(quality=self.quality, size=self.size, language=self.language)
        with render_lock(folder, on_wait=lambda: self.echo(f"waiting for another render into {folder}")):
            # in this process (jobs=1): the imports are warm, so a frame takes seconds, not a process start
            def frame_done(outcome):
                if not outcome.reused:
                    report.frames.append(outcome.rendered.video)
                    report.seconds_to_frames = time.perf_counter() - started
                    self.echo(f"  last frame: {outcome.rendered.video} ({outcome.seconds_taken:.1f} s)")

            def clip_done(outcome):
                if not outcome.reused:
                    report.clips.append(outcome.rendered.video)
                    self.echo(f"  clip: {outcome.rendered.video} ({outcome.seconds_taken:.1f} s)")

            frames = render_lesson(scenario, folder, fmt="png", jobs=1, on_scene=frame_done, **options)
            report.unchanged = sum(o.reused for o in frames.scenes)
            if self.clips and report.frames:
                changed = [o.rendered.name for o in frames.scenes if not o.reused]
                render_lesson(scenario, folder, fmt="mp4", jobs=1, scenes=changed, on_scene=clip_done, **options)
        if not report.frames:
            self.echo("  no scene changed")
        return report


def _fingerprint(path: Path) -> Optional[tuple]:
    """What tells a save without reading the file: the link's and the target's kind, inode, size and time (a
    FIFO or a link to /dev/zero is never opened here; the check names it)."""
    try:
        link, target = os.lstat(path), os.stat(path)
    except (OSError, ValueError):
        return None
    return tuple((s.st_mode, s.st_ino, s.st_size, s.st_mtime_ns) for s in (link, target))


_named: dict[Path, tuple[Optional[tuple], set[Path]]] = {}  # scenario -> (its fingerprint, the files it names)


def watched_files(path: Path) -> set[Path]:
    """The scenario and the data file it names (a CSV beside it), as they are now.

    The scenario is parsed again only when its fingerprint changed, with the same bounded, regular-file-only
    reading as `check` (an invalid or hostile file names no data file; the check reports it).
    """
    scenario = Path(path).resolve()
    stamp = _fingerprint(scenario)
    known = _named.get(scenario)
    if known is not None and known[0] == stamp:
        return set(known[1])
    files = {scenario}
    try:
        data = yaml_source.read_yaml(path).data  # through the module: tests count the parses
        csv_name = ((data or {}).get("data") or {}).get("csv") if isinstance(data, dict) else None
        if isinstance(csv_name, str):
            files.add((Path(path).parent / csv_name).resolve())
    except (ScenarioError, AttributeError, OSError, ValueError, RuntimeError):  # reported by the check
        pass
    _named[scenario] = (stamp, files)
    return set(files)


def _contents(path: Path) -> dict:
    """Fingerprints of the watched files (never their bytes: a 2 GB CSV or a FIFO must not be read here)."""
    return {f: _fingerprint(f) for f in watched_files(path)}


def watch(session: WatchSession, stop_event=None) -> None:
    """Update once, then after every save of the scenario or its data file, until ``stop_event`` is set."""
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # not "1 change detected" on every save
    session.update()
    while session.changed_since_update():
        session.update()
    folder = session.path.resolve().parent
    # an event counts only when it touches a watched file: the set is kept from the last update (watched_files
    # parses the scenario again only when it changed), so other files saved in the folder cost nothing
    ours = lambda _change, path: Path(path).resolve() in watched_files(session.path)
    # watchfiles waits 1.6 s for a burst of events to end by default: an author expects feedback within a second
    for _ in watchfiles.watch(folder, watch_filter=ours, debounce=150, step=50, stop_event=stop_event,
                              recursive=False, raise_interrupt=False):
        session.update()
        while session.changed_since_update():
            session.update()
