"""A kept-pickles folder is listed on a process's first write, then only when what it wrote passes the limit or
every RESCAN_EVERY writes: a lesson's first render writes thousands of files, and listing the folder at each one
was quadratic. The folder still stays bounded, with other processes writing beside."""

import os

from scenes.scenario import kept_pickles


def _bytes_in(folder):
    return sum(p.stat().st_size for p in folder.glob("*.pickle"))


def _counting_scandir(monkeypatch):
    listed = []
    real = os.scandir

    def scandir(path):
        listed.append(path)
        return real(path)

    monkeypatch.setattr(kept_pickles.os, "scandir", scandir)
    return listed


def test_many_writes_list_the_folder_a_few_times(tmp_path, monkeypatch):
    listed = _counting_scandir(monkeypatch)
    writes = 5 * kept_pickles.RESCAN_EVERY
    for k in range(writes):
        kept_pickles.store(tmp_path / f"f{k}.pickle", b"x" * 100, limit_bytes=10**9, trimmed_to=10**9)
    assert len(list(tmp_path.glob("*.pickle"))) == writes
    # the first write, then one listing per RESCAN_EVERY writes (it was one per write)
    assert 1 <= len(listed) <= writes // kept_pickles.RESCAN_EVERY + 1, len(listed)


def test_own_writes_past_the_limit_are_trimmed_at_once(tmp_path):
    for k in range(40):
        kept_pickles.store(tmp_path / f"f{k}.pickle", b"x" * 1_000, limit_bytes=10_000, trimmed_to=7_000)
        assert _bytes_in(tmp_path) <= 10_000, k
    assert (tmp_path / "f39.pickle").exists()


def test_another_processs_writes_are_trimmed_within_rescan_every_writes(tmp_path):
    kept_pickles.store(tmp_path / "first.pickle", b"x" * 10, limit_bytes=10_000, trimmed_to=7_000)
    for k in range(30):  # another process fills the folder past the limit; this one has not listed it since
        (tmp_path / f"other{k}.pickle").write_bytes(b"y" * 1_000)
    assert _bytes_in(tmp_path) > 10_000
    for k in range(kept_pickles.RESCAN_EVERY):
        kept_pickles.store(tmp_path / f"small{k}.pickle", b"z", limit_bytes=10_000, trimmed_to=7_000)
    assert _bytes_in(tmp_path) <= 10_000
