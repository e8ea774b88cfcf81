"""scenes.pipeline.render_cache: a scene's key changes with everything that changes its pixels and with nothing
else, key files are written whole, and an output is reused only while its key file vouches for that very file."""

from __future__ import annotations

import os
import shutil

import pytest

from scenes.pipeline import render_cache
from scenes.pipeline.render_cache import is_current, key_file, record, scene_key
from scenes.scenario.loader import load_scenario
from tests.test_robustness import _wav_header, csv_scenario, scenario

SIZE = (160, 90, 5)


# The key
def test_the_key_changes_with_language_size_format_and_voice(tmp_path):
    sc = load_scenario(scenario(tmp_path))
    base = scene_key(sc, 1, "en", SIZE, "mp4")
    assert scene_key(sc, 1, "en", SIZE, "mp4") == base  # the same inputs: the same key
    variants = [scene_key(sc, 1, "zh", SIZE, "mp4"), scene_key(sc, 1, "en", (320, 180, 5), "mp4"),
                scene_key(sc, 1, "en", (160, 90, 10), "mp4"), scene_key(sc, 1, "en", SIZE, "png"),
                scene_key(sc, 1, "en", SIZE, "mp4", "espeak")]
    assert len({base, *variants}) == 1 + len(variants)


def test_editing_one_entry_changes_only_its_key(tmp_path):
    before = load_scenario(scenario(tmp_path, step=1))
    after = load_scenario(scenario(tmp_path, step=2, name="edited.yaml"))
    assert scene_key(before, 0, "en", SIZE, "mp4") == scene_key(after, 0, "en", SIZE, "mp4")
    assert scene_key(before, 1, "en", SIZE, "mp4") != scene_key(after, 1, "en", SIZE, "mp4")


def test_a_shared_setting_changes_every_key(tmp_path):
    before = load_scenario(scenario(tmp_path, lr="0.1"))
    after = load_scenario(scenario(tmp_path, lr="0.05", name="edited.yaml"))
    for i in range(2):
        assert scene_key(before, i, "en", SIZE, "mp4") != scene_key(after, i, "en", SIZE, "mp4")


def test_cache_key_covers_the_csv_bytes(tmp_path):
    (tmp_path / "data.csv").write_text("x,y\n1,0\n2,0\n3,1\n4,1\n", encoding="utf-8")
    before = scene_key(load_scenario(csv_scenario(tmp_path)), 0, "en", SIZE, "mp4")
    (tmp_path / "data.csv").write_text("x,y\n1,0\n2,0\n3,1\n5,1\n", encoding="utf-8")
    after = scene_key(load_scenario(csv_scenario(tmp_path)), 0, "en", SIZE, "mp4")
    assert before != after


@pytest.fixture()
def copied_tree(tmp_path, monkeypatch):
    """render_cache hashing a copy of mathcore/ and scenes/ that the test may edit."""
    for folder in ("mathcore", "scenes"):
        shutil.copytree(render_cache.ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render_cache, "ROOT", tmp_path)
    render_cache.code_version.cache_clear()
    yield tmp_path
    render_cache.code_version.cache_clear()  # the next caller hashes the real tree again


def _version_after(edit) -> tuple[str, str]:
    before = render_cache.code_version()
    edit()
    render_cache.code_version.cache_clear()
    return before, render_cache.code_version()


def test_cache_key_covers_the_locale_files(copied_tree):
    """Editing a default screen text changes the code version every scene key includes."""
    locale = copied_tree / "scenes" / "scenario" / "locales" / "en.yaml"
    before, after = _version_after(lambda: locale.write_text(locale.read_text(encoding="utf-8") + "# an edit\n",
                                                             encoding="utf-8"))
    assert before != after


def test_cache_key_covers_mathcore_but_not_other_files(copied_tree):
    module = copied_tree / "mathcore" / "formatting.py"
    before, after = _version_after(lambda: module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n",
                                                             encoding="utf-8"))
    assert before != after
    note = copied_tree / "scenes" / "NOTES.txt"  # neither code nor texts: no scene changes
    before, after = _version_after(lambda: note.write_text("a note", encoding="utf-8"))
    assert before == after


def test_re_recording_a_cue_changes_only_its_scene_key(tmp_path):
    sc = load_scenario(scenario(tmp_path))
    folder = tmp_path / "rec"
    folder.mkdir()
    _wav_header(folder / "01_setup.1.wav", rate=16000, frames=0)
    _wav_header(folder / "02_step_small_1.1.wav", rate=16000, frames=0)
    voice = f"recorded:{folder}"
    before = [scene_key(sc, i, "en", SIZE, "mp4", voice) for i in range(2)]
    _wav_header(folder / "01_setup.1.wav", rate=16000, frames=0)  # the same bytes again: no change
    assert [scene_key(sc, i, "en", SIZE, "mp4", voice) for i in range(2)] == before
    _wav_header(folder / "01_setup.1.wav", rate=8000, frames=0)  # re-recorded
    after = [scene_key(sc, i, "en", SIZE, "mp4", voice) for i in range(2)]
    assert after[0] != before[0] and after[1] == before[1]


# Key files: written whole, vouching for one file
def test_a_recorded_output_is_current_for_its_key_only(tmp_path):
    video = tmp_path / "01_setup.mp4"
    video.write_bytes(b"frames")
    assert not is_current(video, "key-1")  # never recorded
    record(video, "key-1")
    assert is_current(video, "key-1") and not is_current(video, "key-2")


def test_the_key_file_is_written_whole_through_a_staging_file(tmp_path, monkeypatch):
    video = tmp_path / "01_setup.mp4"
    video.write_bytes(b"frames")
    record(video, "key-1")
    renamed = []
    real_replace = os.replace

    def replace(src, dst):
        renamed.append((os.fspath(src), os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(render_cache.os, "replace", replace)
    record(video, "key-2")
    assert [dst for _, dst in renamed] == [os.fspath(key_file(video))]  # the key file appears by one rename
    assert is_current(video, "key-2") and not list(tmp_path.glob("*.partial"))


def test_a_key_file_cut_short_or_garbled_vouches_for_nothing(tmp_path):
    video = tmp_path / "01_setup.mp4"
    video.write_bytes(b"frames")
    record(video, "key-1")
    whole = key_file(video).read_bytes()
    for broken in (whole.split(b"\n")[0], b"", b"\xff\xfe" + whole):
        key_file(video).write_bytes(broken)
        assert not is_current(video, "key-1"), broken


def test_a_stale_entry_is_not_reused(tmp_path):
    """The output gone, or replaced by another file (even under the same name), leaves its key stale."""
    video = tmp_path / "01_setup.mp4"
    video.write_bytes(b"version 1")
    record(video, "key-1")
    video.unlink()
    assert not is_current(video, "key-1")
    video.write_bytes(b"version 1, written again by something else")
    assert not is_current(video, "key-1")


def test_a_file_published_without_its_key_is_not_current(tmp_path):
    """A render killed between publishing its scene file and recording its key: the old key must not vouch for
    the new file (after reverting the edit it would be reused)."""
    video = tmp_path / "01_setup.mp4"
    video.write_bytes(b"version 1")
    record(video, "key-1")
    assert is_current(video, "key-1")
    staged = tmp_path / ".staged.mp4"
    staged.write_bytes(b"version 2")
    os.replace(staged, video)  # published, then killed before record(video, "key-2")
    assert not is_current(video, "key-1")
    record(video, "key-2")
    assert is_current(video, "key-2") and not list(tmp_path.glob("*.partial"))
