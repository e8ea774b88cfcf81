"""The scene runner's errors: when several scenes fail at once, the author is told about the first of them in
lesson order, on every run, whichever finished first (CI once reported the setup scene's missing recording, not the
title's, because setup's render failed a moment sooner)."""

import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor

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


class HeldExecutor(Executor):
    """An executor that runs nothing by itself: the test decides when each task ends (no thread races)."""

    def __init__(self):
        self.futures: list[Future] = []

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        self.futures.append(future)
        return future


def test_scenes_after_a_failure_that_have_not_started_are_not_rendered():
    executor = HeldExecutor()
    outcome: dict[str, BaseException] = {}

    def consume() -> None:
        try:
            list(PoolRunner(executor).run(lambda i: i, [(i,) for i in range(6)]))
        except SceneFailed as exc:
            outcome["error"] = exc

    consumer = threading.Thread(target=consume)
    consumer.start()
    while len(executor.futures) < 6:  # the runner has submitted every scene
        threading.Event().wait(0.001)
    executor.futures[1].set_running_or_notify_cancel()  # scene 1 is rendering when scene 0 fails
    executor.futures[0].set_running_or_notify_cancel()
    executor.futures[0].set_exception(SceneFailed("scene 0"))
    while not all(f.cancelled() for f in executor.futures[2:]):  # the runner cancels the scenes not started ...
        assert consumer.is_alive(), f"the runner stopped without cancelling the scenes not started: {outcome}"
        threading.Event().wait(0.001)
    for cancelled in executor.futures[2:]:  # as a pool does when it next takes work: cancelled ones are dropped
        assert not cancelled.set_running_or_notify_cancel()
    assert consumer.is_alive()  # ... and waits for the one rendering
    executor.futures[1].set_result(1)
    consumer.join()
    assert str(outcome["error"]) == "scene 0"
