"""Skip scenes whose inputs have not changed since their file was rendered.

The key of a scene's output is a hash of everything that can change its
pixels: the lesson entry (and the entries it also draws from), the rest of
the scenario except the other entries (and claims, which no scene draws), the
bytes of the data (a CSV file's contents, not just its name), the language,
size and format, and the source of mathcore/ and scenes/ including the locale
files. Editing one entry re-renders only that scene.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from scenes.scenario.kind import kinds

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
    shared = scenario.model_dump(mode="json", exclude={"lesson", "claims"})
    entry = scenario.lesson[index]
    # lesson entries of other kinds this scene also draws from (the summary redraws the trade-offs)
    reads = kinds()[entry.scene].reads
    read = [e.model_dump(mode="json") for e in scenario.lesson if e.scene in reads]
    payload = json.dumps([shared, scenario.data_digest, entry.model_dump(mode="json"), read, language, list(size),
                          fmt, voice, code_version()], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def key_file(output: Path) -> Path:
    return output.with_name(f".{output.name}.key")


def is_current(output: Path, key: str) -> bool:
    kf = key_file(output)
    return output.exists() and kf.exists() and kf.read_text().strip() == key


def record(output: Path, key: str) -> None:
    key_file(output).write_text(key + "\n")
