"""A course in one call: two scenarios x two languages through a 2-worker Dask LocalCluster, as the local run."""

from __future__ import annotations

import os
import signal
import threading
import time

import numpy as np
import pytest

from tests.conftest import small_scenario

# one light scene a lesson: the course machinery is under test, not the scenes (joining several is test_pipeline's);
# the set-up scene, the longer of the light ones, so that a worker is still at it when it is killed
LESSON = "  - scene: setup\n"
LANGS = ("zh", "en")
SIZE = (64, 36, 2)  # compared picture for picture with the local run: any size checks that; the smallest is cheapest


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from scenes.scenario.loader import load_scenario

    folder = tmp_path_factory.mktemp("course")
    scenarios = []
    for name, init in (("alpha", "{w: 0.1, b: 0.2}"), ("beta", "{w: -0.3, b: 0.5}")):
        path = folder / f"{name}.yaml"
        path.write_text(small_scenario(LESSON, scenario_id=name, init=init, title='{zh: "课程", en: "Course"}'),
                        encoding="utf-8")
        scenarios.append(load_scenario(path))
    return folder, scenarios


def render_course(scenarios, out, executor=None):
    from scenes.pipeline.lesson_render import render_lesson

    outcomes = {}
    for sc in scenarios:
        for lang in LANGS:
            outcomes[(sc.id, lang)] = render_lesson(sc, out / sc.id, size=SIZE, language=lang, jobs=1,
                                                    executor=executor)
    return outcomes


def frames(path) -> list[np.ndarray]:
    from tests.helpers_render import decode_frames

    return decode_frames(path)


def test_dask_course_matches_the_local_run_survives_a_killed_worker_and_caches(course):
    from distributed import Client, LocalCluster

    from scenes.pipeline.executors import scene_executor
    from scenes.pipeline.hash_seed import has_fixed_hash_seed

    folder, scenarios = course
    if has_fixed_hash_seed():  # the local run, in this process: it has the render processes' fixed hash seed
        local = render_course(scenarios, folder / "local")
    else:  # pytest run without it: the local run in processes that have it
        with scene_executor("process", 2) as pool:
            local = render_course(scenarios, folder / "local", pool)

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0)
    watcher = Client(cluster)
    pids = watcher.run(os.getpid)  # worker address -> process id
    killed: list[int] = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [address for address, tasks in watcher.processing().items() if tasks]
            if busy:
                time.sleep(0.3)  # well inside the scene's render
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
            time.sleep(0.02)

    try:
        killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
        killer.start()
        spec = "dask://" + cluster.scheduler_address.removeprefix("tcp://")
        with scene_executor(spec, 2) as executor:
            remote = render_course(scenarios, folder / "dask", executor)
            killer.join(timeout=5)
            again = render_course(scenarios, folder / "dask", executor)
    finally:
        watcher.close()
        cluster.close()

    assert killed, "no worker was busy to kill"
    for key, result in remote.items():
        reference = local[key]
        assert result.video.name == reference.video.name
        ours, theirs = frames(result.video), frames(reference.video)
        assert len(ours) == len(theirs) and all(np.array_equal(a, b) for a, b in zip(ours, theirs)), key
        assert result.subtitles.read_text(encoding="utf-8") == reference.subtitles.read_text(encoding="utf-8")
    assert remote[("alpha", "en")].scenes[0].rendered.video.parent.name == "scenes"  # the scenario's language
    assert remote[("alpha", "zh")].scenes[0].rendered.video.parent.name == "scenes-zh"  # both languages kept
    assert all(o.reused for result in again.values() for o in result.scenes)  # the second run hits the cache


def test_render_many_scenarios_and_languages_from_the_command_line(course):
    from tests.helpers_cli import batchviz_here

    folder, scenarios = course
    # into the local run's folder: scenes the test above rendered are reused (the command joins them all the same);
    # the command runs in this process (tests/helpers_cli.py)
    out = batchviz_here("render", str(folder / "alpha.yaml"), str(folder / "beta.yaml"), "--lang", "zh", "--lang",
                        "en", "--size", "{}x{}@{}".format(*SIZE), "--jobs", "2", "--out", str(folder / "local"))
    assert out.returncode == 0, out.stderr
    printed = out.stdout.split()
    assert sorted(os.path.basename(p) for p in printed) == ["alpha_en.mp4", "alpha_zh.mp4", "beta_en.mp4",
                                                            "beta_zh.mp4"]
    assert "Traceback" not in out.stderr
    bad = batchviz_here("render", str(folder / "alpha.yaml"), "--executor", "cluster")
    assert bad.returncode == 2 and "use process, local or dask://HOST:PORT" in bad.stderr
