"""Skip scenes whose inputs have not changed since their file was rendered.

The key of a scene's output is a hash of everything that can change its
pixels: the lesson entry (and the entries it also draws from), the rest of
the scenario except the other entries (and claims, which no scene draws), the
bytes of the data (a CSV file's contents, not just its name), the language,
size and format, the recordings of the scene's cues for --voice recorded:DIR (their bytes), and the source
of mathcore/ and scenes/ including the locale files. Editing one entry re-renders only that scene.

A key file holds the key and the identity of the files it was recorded for (scenes/.<name>.key), so a file
published by a render that was killed before recording its key never passes for the previous content.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from scenes.pipeline import tex_cache
from scenes.scenario.kind import kinds
from scenes.scenario.lesson_plan import entry_name, safe_name
from scenes.services.voices import VoiceError, parse_voice, recordings_digest

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def code_version() -> str:
    digest = hashlib.sha256()
    for folder in ("mathcore", "scenes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def scene_key(scenario, index: int, language: str, size: tuple[int, int, int], fmt: str, voice: str = "none") -> str:
    return _content_key(scenario, index, language, size, fmt, voice, code_version())


def _content_key(scenario, index: int, language: str, size: tuple[int, int, int], fmt: str, voice: str,
                 code: str) -> str:
    shared = scenario.model_dump(mode="json", exclude={"lesson", "claims"})
    entry = scenario.lesson[index]
    # lesson entries of other kinds this scene also draws from (the summary redraws the trade-offs)
    reads = kinds()[entry.scene].reads
    read = [e.model_dump(mode="json") for e in scenario.lesson if e.scene in reads]
    payload = json.dumps([shared, scenario.data_digest, entry.model_dump(mode="json"), read, language, list(size),
                          fmt, voice, _recordings(voice, safe_name(entry_name(entry, index))), code],
                         sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def scene_formulas_key(scenario, index: int, language: str) -> str:
    """What a scene's formulas depend on: its content, not the size, format or voice it renders with. Nor the code:
    the list only spares a listing pass (a formula the code now draws that is missing from the cache still compiles
    during the run), and after every code edit it would be missing for every scene."""
    return _content_key(scenario, index, language, (0, 0, 0), "any", "none", "")


def shared_formula_manifest(scenario, index: int, language: str) -> Path:
    """Where any run of a scene (a render into any folder, at any size, or `batchviz script`'s dry run) leaves the
    list of its formulas in the shared TeX cache: a later render that finds them all cached needs no listing pass."""
    return tex_cache.cache_dir() / "scenes" / f"{scene_formulas_key(scenario, index, language)}.formulas"


def _recordings(voice: str, scene_name: str) -> str:
    """For --voice recorded:DIR, the digest of this scene's recordings (their bytes, not only the folder's name)."""
    if not voice.startswith("recorded:"):
        return ""
    try:
        return recordings_digest(parse_voice(voice), scene_name)
    except VoiceError:  # the render reports it
        return ""


def key_file(output: Path) -> Path:
    return output.with_name(f".{output.name}.key")


def _published(output: Path) -> str:
    """Which file is at ``output`` now: its inode, size and time. A file put there by a later render (os.replace
    gives it a new inode) no longer matches a key recorded before it. The subtitles beside it need no entry of their
    own: a render publishes them after the video (scenes.pipeline.render), and a PNG and an MP4 of one scene share
    them."""
    try:
        info = os.stat(output)
    except OSError:
        return "-"
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def is_current(output: Path, key: str) -> bool:
    """Whether ``output`` was rendered from ``key``: the key file names both the key and the very file it was
    recorded for, so a render killed after publishing its files but before recording their key leaves them
    uncurrent (never under the previous content's key)."""
    try:
        recorded = key_file(output).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return False
    return output.exists() and len(recorded) >= 2 and recorded[0] == key and recorded[1] == _published(output)


def record(output: Path, key: str) -> None:
    """Record that ``output`` as it is now was rendered from ``key``; written whole or not at all."""
    kf = key_file(output)
    staging = kf.with_name(f"{kf.name}.{os.getpid()}.partial")
    staging.write_text(f"{key}\n{_published(output)}\n", encoding="utf-8")
    os.replace(staging, kf)
