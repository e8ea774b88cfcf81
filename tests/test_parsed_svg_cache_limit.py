"""The parsed-glyph cache in the user's cache folder stays bounded: past its limit, the files used longest ago go;
a file loaded is a file used."""

import os
import pickle

from scenes.pipeline import parsed_svg_cache
from scenes.pipeline.parsed_svg_cache import SvgKey


def _fill(folder, names, size, start):
    parsed = folder / "parsed"
    parsed.mkdir(parents=True, exist_ok=True)
    for k, name in enumerate(names):
        path = parsed / f"{name}.pickle"
        path.write_bytes(pickle.dumps(([], {})) + b"\0" * size)
        os.utime(path, (start + k, start + k))  # name k was last used at second start + k


def test_past_the_limit_the_least_recently_used_files_go(tmp_path, monkeypatch):
    monkeypatch.setattr(parsed_svg_cache, "LIMIT_BYTES", 10_000)
    names = [f"old{k}" for k in range(12)]
    _fill(tmp_path, names, 1_000, start=1_000_000)
    assert parsed_svg_cache.load(tmp_path, SvgKey("old0", None)) == ([], {})  # the oldest, used again just now
    parsed_svg_cache.store(tmp_path, SvgKey("new", None), [], {})
    left = {p.stem for p in (tmp_path / "parsed").glob("*.pickle")}
    total = sum(p.stat().st_size for p in (tmp_path / "parsed").glob("*.pickle"))
    assert total <= 10_000 and {"new", "old0"} <= left
    kept_old = sorted(int(name[3:]) for name in left if name.startswith("old") and name != "old0")
    assert kept_old and kept_old == list(range(12 - len(kept_old), 12))  # the newest of the rest, none older


def test_under_the_limit_nothing_goes(tmp_path, monkeypatch):
    monkeypatch.setattr(parsed_svg_cache, "LIMIT_BYTES", 100_000)
    _fill(tmp_path, [f"old{k}" for k in range(12)], 1_000, start=1_000_000)
    parsed_svg_cache.store(tmp_path, SvgKey("new", None), [], {})
    assert len(list((tmp_path / "parsed").glob("*.pickle"))) == 13
