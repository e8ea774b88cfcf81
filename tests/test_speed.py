"""What makes renders fast without changing a pixel: the shared TeX cache compiled in batches, manim's per-play
hashing off, and the watch loop that re-renders only what an edit changed. (Timings live in scripts/bench.)"""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from tests.conftest import SCENARIOS, small_scenario

# the renders here are checked for what they compile and which files they write, never for a pixel: a small picture
# at 2 frames a second (every animation still plays, in fewer frames)
FILES_ONLY = (64, 36, 2)
FORMULAS = [r"w = 0.1", r"\hat y = w x + b", r"L = \frac{1}{n}\sum_i (\hat y_i - y_i)^2", r"\approx 0.1667"]


def points_of(svg: Path) -> np.ndarray:
    from manim import SVGMobject

    return np.concatenate([m.points for m in SVGMobject(str(svg)).family_members_with_points()])


def test_batch_compile_gives_manims_own_shapes(private_tex, tmp_path):
    """One latex run for four formulas, each identical in outline to manim's one-formula compile."""
    from manim import tempconfig
    from manim.utils.tex_file_writing import tex_to_svg_file as manims_own

    from scenes.kinds.style import tex_template
    from scenes.pipeline import tex_cache

    docs = [tex_cache.document(f, "align*", tex_template()) for f in FORMULAS]
    with mock.patch.object(tex_cache, "_run", wraps=tex_cache._run) as runs:
        assert tex_cache.compile_batch(docs) == len(FORMULAS)
    assert [c.args[0][0] for c in runs.call_args_list] == ["latex", "dvisvgm"]  # one of each for the batch
    with tempconfig({"tex_dir": str(tmp_path / "manim")}):
        for formula, doc in zip(FORMULAS, docs):
            assert np.array_equal(points_of(tex_cache.svg_path(doc)), points_of(manims_own(formula, "align*",
                                                                                            tex_template())))
    assert tex_cache.compile_batch(docs) == 0  # all cached now


def test_a_bad_formula_falls_back_and_names_itself(private_tex):
    from scenes.kinds.style import tex_template
    from scenes.pipeline import tex_cache

    good = tex_cache.document(r"x^2", "align*", tex_template())
    bad = tex_cache.document(r"\frac{1}{", "align*", tex_template())
    with pytest.raises(ValueError, match=r"LaTeX could not typeset a formula .*\\frac\{1\}\{"):
        tex_cache.compile_batch([good, bad])
    assert tex_cache.svg_path(good).exists() and not tex_cache.svg_path(bad).exists()
    assert not list(private_tex.glob("work-*"))  # no half-finished work left behind


def _compile_in_another_process(folder: str, docs: list[str]) -> None:
    import os

    os.environ["BATCHVIZ_TEX_DIR"] = folder
    from scenes.pipeline import tex_cache

    tex_cache.compile_batch(docs)


def test_processes_compiling_at_once_never_see_half_a_file(private_tex):
    from scenes.kinds.style import tex_template
    from scenes.pipeline import tex_cache

    docs = [tex_cache.document(f"x_{{{k}}} + {k}", "align*", tex_template()) for k in range(12)]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_compile_in_another_process, args=(str(private_tex), docs)) for _ in range(3)]
    for w in workers:
        w.start()
    seen_partial = []
    while any(w.is_alive() for w in workers):  # every file that exists is complete SVG
        for svg in private_tex.glob("*.svg"):
            text = svg.read_text(encoding="utf-8", errors="replace")
            if not text.rstrip().endswith("</svg>"):
                seen_partial.append(svg)
        time.sleep(0.005)
    assert all(w.exitcode == 0 for w in workers)
    assert not seen_partial
    assert all(tex_cache.svg_path(d).exists() for d in docs)


def test_a_cold_scene_compiles_its_formulas_in_one_batch_and_never_hashes_plays(private_tex, tmp_path):
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario
    from tests.conftest import entry_index

    sc = load_scenario(SCENARIOS / "seed_en.yaml")
    index = entry_index(sc, "step_bs4_1")

    def no_hashing(*_args, **_kwargs):
        raise AssertionError("manim hashed a play call")

    with mock.patch.object(tex_cache, "_run", wraps=tex_cache._run) as runs, \
            mock.patch("manim.renderer.cairo_renderer.get_hash_from_play_call", no_hashing):
        render_entry(sc, index, tmp_path / "out", size=FILES_ONLY)
    latex_runs = [c for c in runs.call_args_list if c.args[0][0] == "latex"]
    assert len(latex_runs) == 1, [c.args[0] for c in runs.call_args_list]
    assert len(list(private_tex.glob("*.svg"))) > 20  # a step scene has dozens of formulas


# Watch: validate on save, re-render only what changed, keep the last good outputs
LESSON = "  - scene: setup\n  - {scene: step, run: r, step: 1}\n  - {scene: step, run: r, step: 2}\n"
# two entries of one kind and a third of another, each quick to render (no step scene: a tenth of the CPU; an edited
# step scene in the watcher: tests/test_watch_fast_paths.py)
WATCHED = "  - scene: setup\n  - scene: title\n  - {scene: title, subtitle: {en: \"Again\"}}\n"


def test_watch_rerenders_only_the_scene_an_edit_changed(tmp_path):
    from scenes.pipeline.watch import WatchSession

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario(WATCHED), encoding="utf-8")
    lines: list[str] = []
    session = WatchSession(path, tmp_path / "media", size=FILES_ONLY, echo=lines.append)
    first = session.update()
    assert first.valid and len(first.frames) == 3 and len(first.clips) == 3
    # an entry-level edit: only the second title card's own narration changes
    edited = WATCHED.replace("\"Again\"}}", "\"Again\"}, texts: {en: {sub_title_card: \"Said once more.\"}}}")
    path.write_text(small_scenario(edited), encoding="utf-8")
    second = session.update()
    assert second.valid, second.errors
    assert [p.name for p in second.frames] == ["03_title.png"]
    assert [p.name for p in second.clips] == ["03_title.mp4"]
    assert second.unchanged == 2
    # an invalid edit: errors, nothing rendered, the outputs of the last good version untouched
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "media").rglob("*.png")}
    path.write_text(small_scenario(WATCHED, learning_rate="oops"), encoding="utf-8")
    third = session.update()
    assert not third.valid and third.errors[0].startswith(f"{path}:")
    assert "learning_rate" in third.errors[0]
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "media").rglob("*.png")} == stamps


def test_watch_loop_reacts_to_a_save(tmp_path):
    """The real loop: watchfiles sees the save and the session updates, then the loop stops when asked."""
    from scenes.pipeline.watch import WatchSession, watch

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: setup\n"), encoding="utf-8")
    updates: list[str] = []
    session = WatchSession(path, tmp_path / "media", size=FILES_ONLY, clips=False, echo=updates.append)
    stop = threading.Event()
    loop = threading.Thread(target=watch, args=(session, stop), daemon=True)
    loop.start()
    deadline = time.monotonic() + 60
    while not any("last frame" in u for u in updates) and time.monotonic() < deadline:
        time.sleep(0.05)
    path.write_text(small_scenario("  - scene: setup\n", learning_rate="oops"), encoding="utf-8")
    while not any("not rendered" in u for u in updates) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    loop.join(timeout=10)
    assert any("learning_rate" in u for u in updates), updates
    assert not loop.is_alive()


def test_a_scene_rendered_before_skips_the_dry_run_until_its_formulas_leave_the_cache(private_tex, tmp_path):
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario(LESSON), encoding="utf-8")
    sc = load_scenario(path)
    with mock.patch.object(tex_cache, "collect_documents", wraps=tex_cache.collect_documents) as dry_runs:
        # the setup scene: a few formulas (model, loss, w, b), rendered in a fraction of a step scene's time
        render_entry(sc, 0, tmp_path / "out", size=FILES_ONLY)
        manifest = (tmp_path / "out" / ".manim" / "01_setup.formulas").read_text().split()
        assert manifest and all((private_tex / n).exists() for n in manifest)
        render_entry(sc, 0, tmp_path / "out", size=FILES_ONLY)  # all its formulas cached: no dry run
        (private_tex / manifest[0]).unlink()
        render_entry(sc, 0, tmp_path / "out", size=FILES_ONLY)  # one missing: list them again
    assert dry_runs.call_count == 2


def test_a_scene_without_formulas_lists_them_once(private_tex, tmp_path):
    """A scene that draws no formula (the title card) leaves an empty list: rendered again, it needs no listing pass
    either (an empty list once counted as "not cached", and the title was dry-run before every render)."""
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario("  - scene: title\n"), encoding="utf-8")
    sc = load_scenario(path)
    with mock.patch.object(tex_cache, "collect_documents", wraps=tex_cache.collect_documents) as dry_runs:
        render_entry(sc, 0, tmp_path / "out", size=FILES_ONLY)
        assert (tmp_path / "out" / ".manim" / "01_title.formulas").read_text().split() == []
        render_entry(sc, 0, tmp_path / "out", size=FILES_ONLY)
    assert dry_runs.call_count == 1


def test_a_scene_rendered_into_another_folder_or_size_skips_the_dry_run(private_tex, tmp_path):
    """The list of a scene's formulas is kept in the shared TeX cache by the scene's content: the same scene rendered
    into a new folder, at another size, needs no listing pass; the same entry in another language does."""
    from scenes.pipeline import tex_cache
    from scenes.pipeline.render import render_entry
    from scenes.scenario.loader import load_scenario

    path = tmp_path / "lesson.yaml"
    path.write_text(small_scenario(LESSON), encoding="utf-8")
    sc = load_scenario(path)
    with mock.patch.object(tex_cache, "collect_documents", wraps=tex_cache.collect_documents) as dry_runs:
        render_entry(sc, 0, tmp_path / "a", size=FILES_ONLY)
        render_entry(sc, 0, tmp_path / "b", size=(FILES_ONLY[0] * 2, FILES_ONLY[1] * 2, FILES_ONLY[2]))
        assert dry_runs.call_count == 1
        render_entry(sc, 0, tmp_path / "c", language="zh", size=FILES_ONLY)  # other texts, other formulas
        assert dry_runs.call_count == 2
    assert (tmp_path / "b" / ".manim" / "01_setup.formulas").read_text().split()  # its own list too
