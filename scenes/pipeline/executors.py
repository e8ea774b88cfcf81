"""Where scene renders run when there are several: processes on this machine, or tasks on a Dask cluster.

- ``process`` (the default): a pool of spawned processes (no forked Cairo/Pango state), one per --jobs; on one
  machine it rendered the seed lesson in 66 s where a LocalCluster of as many workers took 84 s.
- ``local``: a Dask LocalCluster of --jobs single-threaded worker processes on this machine.
- ``dask://HOST:PORT``: the Dask scheduler at that address. Its workers must run batchviz from the same code and
  see the output folder and the TeX cache at the same paths (a shared filesystem); outputs are written there and
  the lessons are joined here.

A Dask task whose worker dies (killed, out of memory) is run again on another worker by the scheduler; one that
raises (a bad voice command, say) is not retried: the error is the author's to fix, and it is reported once. Every
output appears only when complete, so a rerun never meets half a file.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from scenes.pipeline.hash_seed import fixed_hash_seed
from scenes.pipeline.heavy import dask_distributed

Result = TypeVar("Result")

EXECUTORS = ("process", "local")  # and dask://HOST:PORT
DASK_CONNECT_TIMEOUT = 5  # seconds: a scheduler answers within milliseconds; a closed port should not cost 30 s


def check_executor(spec: str) -> str:
    """The spec, or ValueError saying what is accepted (dask://HOST:PORT with a port from 1 to 65535)."""
    if spec in EXECUTORS:
        return spec
    if spec.startswith("dask://"):
        dask_address(spec)
        return spec
    raise ValueError(f"unknown executor {spec!r}; use process, local or dask://HOST:PORT")


def dask_address(spec: str) -> tuple[str, int]:
    """(host, port) of a dask://HOST:PORT spec, or ValueError naming what is wrong."""
    rest = spec[len("dask://"):]
    host, sep, port = rest.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host  # [::1]:8786
    if not sep or not host or any(c.isspace() or c in "/?#@" for c in host):
        raise ValueError(f"executor {spec!r} has no host; write dask://HOST:PORT, e.g. dask://scheduler:8786")
    if not (port.isascii() and port.isdigit()) or not 1 <= int(port) <= 65535:
        raise ValueError(f"executor {spec!r}: the port must be a number from 1 to 65535; write dask://HOST:PORT, "
                         "e.g. dask://scheduler:8786")
    return host, int(port)


class ExecutorUnavailable(Exception):
    """The executor could not be started or reached (one line: which, and what to do)."""


def _dask_client(spec: str):
    """A Client of the scheduler at ``spec``, or ExecutorUnavailable after a short wait."""
    host, port = dask_address(spec)
    # a quick TCP probe first: a closed port or an unknown host fails in a second with a clear reason, where the
    # client would retry for its whole timeout and end in a traceback
    try:
        socket.create_connection((host, port), timeout=DASK_CONNECT_TIMEOUT).close()
    except (OSError, UnicodeError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ExecutorUnavailable(f"no Dask scheduler answers at {spec} ({why.lower()}); start one "
                                  "(dask scheduler) or use --executor process") from None
    try:
        return dask_distributed().Client(f"tcp://{host}:{port}" if ":" not in host else f"tcp://[{host}]:{port}",
                      timeout=DASK_CONNECT_TIMEOUT)
    except Exception:  # noqa: BLE001 - whatever answers there (not a scheduler, another version) is one line
        # (a server that is not a scheduler answers with bytes Dask reads as a huge message length: MemoryError)
        raise ExecutorUnavailable(f"what answers at {spec} is not a Dask scheduler this version can use; "
                                  "check the address or use --executor process") from None


@contextmanager
def scene_executor(spec: str, workers: int) -> Iterator[Executor]:
    """A concurrent.futures executor for scene renders (see the module docstring)."""
    check_executor(spec)
    fixed_hash_seed()
    if spec == "process":
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
        return
    distributed = dask_distributed()
    # cluster chatter is not the author's business: errors reach them once, as one line from the command
    os.environ["DASK_LOGGING__DISTRIBUTED"] = "critical"  # read by the worker processes a LocalCluster starts
    for name in ("distributed", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if spec == "local":
        # no memory limit: a 4K scene may need more than an equal share of the memory, and a worker killed for it
        # would only start the scene again
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               memory_limit=0)
        client = distributed.Client(cluster)
    else:
        cluster, client = None, _dask_client(spec)
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class SceneRunner(Protocol):
    """How the scenes to render run: ``run`` yields each task with its result as soon as it is done."""

    def run(self, work: Callable[..., Result], tasks: Sequence[tuple[Any, ...]]) -> Iterator[tuple[tuple[Any, ...], Result]]:
        ...


class SerialRunner:
    """In this process, one task after another: no process start, and manim stays imported between renders
    (`batchviz watch`); each result is reported the moment it is done."""

    def run(self, work: Callable[..., Result], tasks: Sequence[tuple[Any, ...]]) -> Iterator[tuple[tuple[Any, ...], Result]]:
        for args in tasks:
            yield args, work(*args)


class PoolRunner:
    """On a concurrent.futures executor (a process pool or a Dask cluster), results in the order they finish.

    When a task fails, the tasks not yet started are cancelled, those running are let finish (their results still
    count), and the error raised is that of the first failing task in submission order: the same scene is named on
    every run, not whichever failed a moment sooner."""

    def __init__(self, executor: Executor):
        self.executor = executor

    def run(self, work: Callable[..., Result], tasks: Sequence[tuple[Any, ...]]) -> Iterator[tuple[tuple[Any, ...], Result]]:
        futures = {self.executor.submit(work, *args): index for index, args in enumerate(tasks)}
        failures: dict[int, BaseException] = {}
        for future in as_completed(futures):
            if future.cancelled():
                continue
            error = future.exception()
            if error is None:
                yield tasks[futures[future]], future.result()
                continue
            if not failures:
                for waiting in futures:
                    waiting.cancel()
            failures[futures[future]] = error
        if failures:
            raise failures[min(failures)]


@contextmanager
def scene_runner(jobs: int | None, tasks: int, executor: Executor | None = None) -> Iterator[SceneRunner]:
    """The runner for ``tasks`` scenes: ``executor`` if one is given (shared by the lessons of a call), else a
    process pool of ``jobs`` (default: one per core, at most one per task), else this process."""
    if executor is not None:
        yield PoolRunner(executor)
        return
    workers = min(jobs or os.cpu_count() or 1, tasks)
    if workers > 1:
        with scene_executor("process", workers) as pool:
            yield PoolRunner(pool)
    else:
        yield SerialRunner()
