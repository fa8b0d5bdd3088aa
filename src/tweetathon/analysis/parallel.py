"""Compute independent figure families on a second core, for large events. No effect on any figure.

Once an event's data is read, its figure families are pure functions of it. For a large event (more than
`PARALLEL_MIN_POSTS` read posts) on a machine with more than one core, `run_split` forks one worker (the
'fork' start method: the worker shares the loaded data copy-on-write, nothing large is copied or pickled), which
computes some families and sends back only their (small) results through a pipe, while this process computes
the rest. The results are the same values the serial path gives (plain ints, floats, strings, lists, tuples and
dicts survive the pipe's pickling unchanged, key order included). Anything wrong with the worker (it could not
start, raised, died) and its families are computed here instead, serially.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import Any

PARALLEL_MIN_POSTS = 200_000  # below this, a worker's start-up costs more than it saves
# The worker's share is about as long as this process's: it is given up (and computed here) when it is still
# running WAIT_FACTOR times this process's own time plus WAIT_SLACK_SECONDS after this process is done.
WAIT_FACTOR = 4.0
WAIT_SLACK_SECONDS = 60.0

Tasks = Mapping[str, Callable[[], Any]]


def usable_cores() -> int:
    """Cores this process may run on (the affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worth_forking(posts: int, min_posts: int | None = None) -> bool:
    """Is a worker worth it: a large event, more than one core, and the 'fork' start method available?"""
    limit = PARALLEL_MIN_POSTS if min_posts is None else min_posts
    return (posts > limit and usable_cores() > 1
            and "fork" in multiprocessing.get_all_start_methods())


def run_serial(tasks: Tasks) -> dict[str, Any]:
    """Each task's result, keyed as `tasks`, computed here one after the other."""
    return {name: task() for name, task in tasks.items()}


def run_split(worker_tasks: Tasks, own_tasks: Callable[[], Tasks], parallel: bool) -> dict[str, Any]:
    """Results of `worker_tasks` and of the tasks `own_tasks()` gives, keyed by name: the former in a forked
    worker when `parallel` (else, or when the worker fails, here), the latter here meanwhile (`own_tasks` is
    called after the worker starts, so it may itself do work, such as reading more data, in parallel)."""
    if not parallel or not worker_tasks:
        return {**run_serial(worker_tasks), **run_serial(own_tasks())}
    try:
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        worker = context.Process(target=_work, args=(worker_tasks, writer), daemon=True)
        worker.start()
    except (OSError, ValueError, AssertionError):  # AssertionError: a daemon process may not fork workers
        return {**run_serial(worker_tasks), **run_serial(own_tasks())}
    writer.close()  # the worker holds the only writing end: its death ends `recv` with EOFError
    started = time.perf_counter()
    try:
        own = run_serial(own_tasks())
    except BaseException:
        _stop(worker, reader)
        raise
    patience = WAIT_FACTOR * (time.perf_counter() - started) + WAIT_SLACK_SECONDS
    return {**_collect(reader, worker, worker_tasks, patience), **own}


def _collect(reader: Connection, worker: Any, tasks: Tasks, patience: float) -> dict[str, Any]:
    """The worker's results; or, on any failure of the worker (including taking more than `patience` seconds
    more, as a worker stuck on a lock inherited from another thread would), the tasks computed here."""
    try:
        status, results = reader.recv() if reader.poll(patience) else ("late", None)
    except (EOFError, OSError):
        status, results = "failed", None
    finally:
        _stop(worker, reader)
    if status != "ok" or not isinstance(results, dict) or results.keys() != tasks.keys():
        return run_serial(tasks)
    return results


def _stop(worker: Any, reader: Connection) -> None:
    if worker.is_alive():
        worker.kill()
    worker.join()
    reader.close()


def _work(tasks: Tasks, writer: Connection) -> None:
    """In the worker: compute the tasks and send ("ok", results), or ("failed", why); then end at once (no
    exit handlers and no flushing of streams shared with the parent)."""
    try:
        writer.send(("ok", run_serial(tasks)))
    except BaseException as error:  # reported to the parent, which then computes the tasks itself
        writer.send(("failed", repr(error)))
    finally:
        writer.close()
        os._exit(0)
