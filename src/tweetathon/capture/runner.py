"""The capture loop: every source runs in its own thread; one writer commits what they deliver.

A source (X search, X stream, a Mastodon instance, the Bluesky firehose, ...) reads its persisted cursor,
fetches, and `emit`s `CaptureBatch`es (records + the cursor after them + health). The runner's thread is the
only one that writes: each batch is committed atomically with its cursor (store/capture.py), so a SIGKILL at
any moment leaves a database whose cursors match its posts. A clean stop (SIGINT/SIGTERM, or `stop()`) lets
each source finish its current step, commits everything delivered, and records the stop.

Failure: a source that cannot reach its server says so through its context (`down` for every failed attempt,
`up` once the server answers again). The period between is a `gap` in capture health. A source that gives up
(credentials refused, `max_failures` failed attempts in a row under --once, any other error), or that is still
without a working connection when the capture ends, is marked `failed`: a `failed` health record with the
reason and its counts, and the runner's `exit_code` says so (docs/capture.md#exit-status). Under --once the
whole pass ends within `time_limit` seconds plus `STOP_GRACE`: sources still running then are stopped (or, when
blocked in a request, left behind) and marked failed.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from tweetathon.store.capture import CaptureBatch, CaptureStore, HealthRecord

log = logging.getLogger("tweetathon.capture")

STOP_GRACE = 5.0  # seconds the sources get to finish their step after a stop or the --once time limit
EXIT_OK, EXIT_TIME_LIMIT, EXIT_FAILED, EXIT_CREDENTIALS = 0, 3, 4, 5


class SourceFailed(Exception):
    """The source gives up: too many failed attempts in a row (under --once)."""


class CredentialsRefused(Exception):
    """The server answered 401 or 403: retrying with the same credentials cannot help."""


@dataclass
class Outage:
    """A period without a working connection: since when, how many attempts failed, the latest reason."""

    since: datetime
    attempts: int = 0
    reason: str = ""


@dataclass
class SourceStatus:
    """What the live table shows for one source."""

    platform: str
    source: str
    posts: int = 0
    last_post: datetime | None = None
    cursor: str | None = None
    waits: int = 0
    gaps: int = 0
    reconnects: int = 0
    errors: int = 0
    state: str = "starting"
    failure: str = ""
    exit_code: int = EXIT_OK

    def apply(self, batch: CaptureBatch, new_posts: int) -> None:
        self.posts += new_posts
        times = [p.created_at for p in batch.posts if p.collected]
        if times:
            latest = max(times)
            self.last_post = latest if self.last_post is None else max(self.last_post, latest)
        if batch.cursor is not None:
            self.cursor = batch.cursor
        for h in batch.health:
            self.waits += h.kind == "ratelimit"
            self.gaps += h.kind == "gap"
            self.reconnects += h.kind == "reconnect"
            self.errors += h.kind == "error"


@dataclass
class SourceContext:
    """What a running source may use: its persisted cursor, `emit`, an interruptible `sleep`, the stop flag."""

    platform: str
    source: str
    cursor: str | None
    once: bool
    stop_event: threading.Event
    outbox: queue.Queue[CaptureBatch]
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    max_failures: int = 0
    outage: Outage | None = None
    failed_attempts: int = 0
    errors: int = 0

    @property
    def stopping(self) -> bool:
        return self.stop_event.is_set()

    def emit(self, batch: CaptureBatch) -> None:
        self.errors += sum(h.kind == "error" for h in batch.health)
        if batch.cursor is not None:
            self.cursor = batch.cursor
        self.outbox.put(batch)

    def health(self, kind: str, start: datetime, end: datetime | None = None, detail: str = "") -> None:
        self.emit(CaptureBatch(self.platform, self.source,
                               health=[HealthRecord(self.platform, self.source, kind, start, end, detail)]))

    def sleep(self, seconds: float) -> bool:
        """Wait up to `seconds`; False if the capture is stopping (then the caller should return)."""
        return not self.stop_event.wait(max(0.0, seconds))

    def now(self) -> datetime:
        return self.clock()

    def down(self, reason: str, give_up: bool = True) -> None:
        """One failed attempt to reach the server (no answer, 5xx, refused): opens or extends the outage.
        Raises SourceFailed after `max_failures` failed attempts in a row (0: never), unless `give_up` is False
        (the caller raises its own, clearer, exception)."""
        outage = self.lost(reason)
        outage.attempts += 1
        self.failed_attempts += 1
        if give_up and self.max_failures and outage.attempts >= self.max_failures:
            raise SourceFailed(f"no working connection after {outage.attempts} failed attempts in a row "
                               f"(last: {reason})")

    def lost(self, reason: str) -> Outage:
        """The connection is gone (dropped, or an attempt failed): an outage starts now unless one is open."""
        if self.outage is None:
            self.outage = Outage(self.now())
        self.outage.reason = reason
        return self.outage

    def up(self, detail: str = "", record: bool = True) -> None:
        """The server answers again: the outage, if any, becomes a `gap` record (unless the source records that
        gap itself, with what it recovered: `record=False`)."""
        outage, self.outage = self.outage, None
        if outage is not None and record:
            self.health("gap", outage.since, self.now(), f"{describe_outage(outage)}; {detail or 'reconnected'}")


def describe_outage(outage: Outage) -> str:
    if not outage.attempts:  # the connection dropped and the first attempt to reopen it worked
        return f"no working connection ({outage.reason})"
    attempts = f"{outage.attempts} failed attempt{'s' if outage.attempts != 1 else ''}"
    return f"no working connection ({attempts}; last: {outage.reason})"


class Source(Protocol):
    """A live source. `run` loops until `ctx.stopping` (or, with `ctx.once`, after one catch-up pass)."""

    platform: str
    name: str

    def run(self, ctx: SourceContext) -> None: ...


class Runner:
    """Runs sources in threads and commits their batches; `run()` returns after a stop or a --once pass.

    `time_limit` (seconds, --once only) bounds the pass; `max_failures` (--once only) is how many failed
    attempts in a row make a source give up. `exit_code` afterwards: the most serious failure of any source."""

    def __init__(self, capture: CaptureStore, sources: Sequence[Source], once: bool = False,
                 on_update: Callable[[list[SourceStatus]], None] | None = None,
                 time_limit: float | None = None, max_failures: int = 0) -> None:
        self.capture = capture
        self.sources = list(sources)
        self.once = once
        self.on_update = on_update
        self.time_limit = time_limit if once else None
        self.max_failures = max_failures if once else 0
        self.stop_event = threading.Event()
        self.outbox: queue.Queue[CaptureBatch] = queue.Queue(maxsize=1000)
        self.status = {(s.platform, s.name): SourceStatus(s.platform, s.name) for s in self.sources}
        self._threads: list[threading.Thread] = []
        self._contexts: dict[tuple[str, str], SourceContext] = {}
        self._late: set[tuple[str, str]] = set()
        self._stopped_at: float | None = None
        self._finished = False
        self.stop_reason = "finished"

    @property
    def exit_code(self) -> int:
        return max((s.exit_code for s in self.status.values()), default=EXIT_OK)

    def stop(self, reason: str = "stopped") -> None:
        self.stop_reason = reason
        self._stopped_at = self._stopped_at or time.monotonic()
        self.stop_event.set()

    def run(self) -> dict[tuple[str, str], SourceStatus]:
        cursors = self.capture.cursors()
        started = datetime.now(UTC)
        self.capture.record(*[HealthRecord(s.platform, s.name, "start", started,
                                           detail="once" if self.once else "live") for s in self.sources])
        for src in self.sources:
            key = (src.platform, src.name)
            ctx = SourceContext(src.platform, src.name, cursors.get(key), self.once, self.stop_event, self.outbox,
                                max_failures=self.max_failures)
            self._contexts[key] = ctx
            self.status[key].cursor = ctx.cursor
            thread = threading.Thread(target=self._run_source, args=(src, ctx), daemon=True,
                                      name=f"capture-{src.platform}-{src.name}")
            self._threads.append(thread)
            thread.start()
        self._commit_loop(time.monotonic())
        self._finish()
        return self.status

    def _run_source(self, src: Source, ctx: SourceContext) -> None:
        key = (src.platform, src.name)
        self.status[key].state = "running"
        try:
            src.run(ctx)
        except CredentialsRefused as exc:
            self._fail(key, ctx, f"credentials refused: {exc}", EXIT_CREDENTIALS)
        except SourceFailed as exc:
            self._fail(key, ctx, str(exc), EXIT_FAILED)
        except Exception as exc:  # a source that dies is recorded; the others carry on
            # the traceback goes to the --log-file only; stderr gets the clear message (cli/capture.py)
            log.info("capture source %s/%s stopped by an exception", src.platform, src.name, exc_info=True)
            self._fail(key, ctx, f"source stopped: {type(exc).__name__}: {exc}", EXIT_FAILED)
        else:
            self._ended(key, ctx)

    def _ended(self, key: tuple[str, str], ctx: SourceContext) -> None:
        """A source returned: done, unless the time limit cut its pass or it had no working connection."""
        if key in self._late:
            self._fail(key, ctx, self._late_reason(), EXIT_TIME_LIMIT)
        elif ctx.outage is not None:
            self._fail(key, ctx, f"{describe_outage(ctx.outage)} when the capture ended", EXIT_FAILED)
        elif not self._finished:
            self.status[key].state = "done" if self.once else "stopped"

    def _late_reason(self) -> str:
        return f"the --once pass did not finish within the time limit ({self.time_limit:g} s)"

    def _fail(self, key: tuple[str, str], ctx: SourceContext, reason: str, code: int) -> None:
        if self._finished:
            return  # left behind at the time limit: the runner has already recorded it
        for record in failure_records(ctx, reason, ctx.now()):
            ctx.emit(CaptureBatch(ctx.platform, ctx.source, health=[record]))
        self._mark_failed(key, reason, code)

    def _mark_failed(self, key: tuple[str, str], reason: str, code: int) -> None:
        status = self.status[key]
        status.state, status.failure, status.exit_code = "failed", reason, max(status.exit_code, code)
        log.info("capture source %s/%s failed: %s", key[0], key[1], reason)  # --log-file; stderr: cli/capture.py

    def _commit_loop(self, began: float) -> None:
        last_update = 0.0
        while True:
            alive = any(t.is_alive() for t in self._threads)
            self._check_time(began)
            if not alive or (self._stopped_at is not None and time.monotonic() > self._stopped_at + STOP_GRACE):
                return
            try:
                batch = self.outbox.get(timeout=0.2)
            except queue.Empty:
                batch = None
            if batch is not None:
                self._commit(batch)
            if self.on_update and time.monotonic() - last_update > 0.25:
                last_update = time.monotonic()
                self.on_update(list(self.status.values()))

    def _check_time(self, began: float) -> None:
        """Under --once, stop every source when the time limit has passed; those still running are late."""
        if self.time_limit is None or self.stop_event.is_set() or time.monotonic() - began < self.time_limit:
            return
        self._late = {k for k, s in self.status.items() if s.state in ("starting", "running")}
        self.stop("time limit")

    def _commit(self, batch: CaptureBatch) -> None:
        counts = self.capture.commit(batch)
        status = self.status.get((batch.platform, batch.source))
        if status is not None:
            status.apply(batch, counts.posts_new)

    def _finish(self) -> None:
        self.stop(self.stop_reason)
        deadline = (self._stopped_at or time.monotonic()) + STOP_GRACE
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._finished = True
        while not self.outbox.empty():
            self._commit(self.outbox.get_nowait())
        self._left_behind()
        ended = datetime.now(UTC)
        self.capture.record(*[HealthRecord(s.platform, s.name, "stop", ended, detail=self.stop_reason)
                              for s in self.sources])
        if self.on_update:
            self.on_update(list(self.status.values()))

    def _left_behind(self) -> None:
        """Sources whose thread is still blocked (in a request that does not answer) after the grace period."""
        for src, thread in zip(self.sources, self._threads, strict=True):
            key = (src.platform, src.name)
            ctx = self._contexts[key]
            if not thread.is_alive() or self.status[key].state == "failed":
                continue
            if key in self._late:
                reason, code = self._late_reason(), EXIT_TIME_LIMIT
            elif ctx.outage is not None:
                reason, code = f"{describe_outage(ctx.outage)} when the capture ended", EXIT_FAILED
            else:  # a working connection that had not noticed the stop yet (a stream between two lines)
                self.status[key].state = "stopped"
                continue
            reason += "; it was left waiting for an answer from its server"
            self.capture.record(*failure_records(ctx, reason, datetime.now(UTC)))
            self._mark_failed(key, reason, code)


def failure_records(ctx: SourceContext, reason: str, now: datetime) -> list[HealthRecord]:
    """The `failed` record of a source (reason and counts), after the gap of its open outage if it has one."""
    records = []
    if ctx.outage is not None:
        records.append(HealthRecord(ctx.platform, ctx.source, "gap", ctx.outage.since, now,
                                    f"{describe_outage(ctx.outage)}; not recovered: the source failed"))
    records.append(HealthRecord(ctx.platform, ctx.source, "failed", now, now,
                                f"{reason}; failed_attempts={ctx.failed_attempts} errors={ctx.errors}"))
    return records
