"""The scene runner's errors: when several scenes fail at once, the author is told about the first of them in
lesson order, on every run, whichever finished first (CI once reported the setup scene's missing recording, not the
title's, because setup's render failed a moment sooner)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from scenes.pipeline.executors import PoolRunner


class SceneFailed(Exception):
    pass


def test_the_first_failing_scene_in_lesson_order_is_reported_though_a_later_one_failed_sooner():
    later_failed = threading.Event()
    release_first = threading.Event()

    def render(index: int) -> int:
        if index == 0:
            release_first.wait()  # the title scene is still rendering when the setup scene has already failed
            raise SceneFailed("scene 0")
        if index == 1:
            later_failed.set()
            raise SceneFailed("scene 1")
        return index

    outcome: dict[str, BaseException] = {}

    def consume(runner: PoolRunner) -> None:
        try:
            list(runner.run(render, [(0,), (1,)]))
        except SceneFailed as exc:
            outcome["error"] = exc

    with ThreadPoolExecutor(max_workers=2) as pool:
        consumer = threading.Thread(target=consume, args=(PoolRunner(pool),))
        consumer.start()
        later_failed.wait()
        # The runner has seen scene 1 fail (or will in a moment) while scene 0 still runs; a runner that reports
        # the first error to finish is done by now, one that waits for scene 0 is still waiting.
        consumer.join(timeout=1.0)
        release_first.set()
        consumer.join()
    assert str(outcome["error"]) == "scene 0"


def test_scenes_after_a_failure_that_have_not_started_are_not_rendered():
    started: list[int] = []
    lock = threading.Lock()

    def render(index: int) -> int:
        with lock:
            started.append(index)
        if index == 0:
            raise SceneFailed("scene 0")
        return index

    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(SceneFailed, match="scene 0"):
        list(PoolRunner(pool).run(render, [(i,) for i in range(6)]))
    # One worker: scene 1 may already be taken when scene 0's failure is seen, the rest are cancelled.
    assert started[0] == 0 and len(started) <= 2, started
