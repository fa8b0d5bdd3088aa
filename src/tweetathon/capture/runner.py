"""The capture loop: every source runs in its own thread; one writer commits what they deliver.

A source (X search, X stream, a Mastodon instance, the Bluesky firehose, ...) reads its persisted cursor,
fetches, and `emit`s `CaptureBatch`es (records + the cursor after them + health). The runner's thread is the
only one that writes: each batch is committed atomically with its cursor (store/capture.py), so a SIGKILL at
any moment leaves a database whose cursors match its posts. A clean stop (SIGINT/SIGTERM, or `stop()`) lets
each source finish its current step, commits everything delivered, and records the stop.
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

    @property
    def stopping(self) -> bool:
        return self.stop_event.is_set()

    def emit(self, batch: CaptureBatch) -> None:
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


class Source(Protocol):
    """A live source. `run` loops until `ctx.stopping` (or, with `ctx.once`, after one catch-up pass)."""

    platform: str
    name: str

    def run(self, ctx: SourceContext) -> None: ...


class Runner:
    """Runs sources in threads and commits their batches; `run()` returns after a stop or a --once pass."""

    def __init__(self, capture: CaptureStore, sources: Sequence[Source], once: bool = False,
                 on_update: Callable[[list[SourceStatus]], None] | None = None) -> None:
        self.capture = capture
        self.sources = list(sources)
        self.once = once
        self.on_update = on_update
        self.stop_event = threading.Event()
        self.outbox: queue.Queue[CaptureBatch] = queue.Queue(maxsize=1000)
        self.status = {(s.platform, s.name): SourceStatus(s.platform, s.name) for s in self.sources}
        self._threads: list[threading.Thread] = []
        self.stop_reason = "finished"

    def stop(self, reason: str = "stopped") -> None:
        self.stop_reason = reason
        self.stop_event.set()

    def run(self) -> dict[tuple[str, str], SourceStatus]:
        cursors = self.capture.cursors()
        started = datetime.now(UTC)
        self.capture.record(*[HealthRecord(s.platform, s.name, "start", started,
                                           detail="once" if self.once else "live") for s in self.sources])
        for src in self.sources:
            ctx = SourceContext(src.platform, src.name, cursors.get((src.platform, src.name)), self.once,
                                self.stop_event, self.outbox)
            self.status[(src.platform, src.name)].cursor = ctx.cursor
            thread = threading.Thread(target=self._run_source, args=(src, ctx), daemon=True,
                                      name=f"capture-{src.platform}-{src.name}")
            self._threads.append(thread)
            thread.start()
        self._commit_loop()
        self._finish()
        return self.status

    def _run_source(self, src: Source, ctx: SourceContext) -> None:
        self.status[(src.platform, src.name)].state = "running"
        try:
            src.run(ctx)
            self.status[(src.platform, src.name)].state = "done"
        except Exception as exc:  # a source that dies is recorded; the others carry on
            log.exception("capture source %s/%s failed", src.platform, src.name)
            ctx.health("error", ctx.now(), ctx.now(), f"source stopped: {type(exc).__name__}: {exc}")
            self.status[(src.platform, src.name)].state = "failed"

    def _commit_loop(self) -> None:
        last_update = 0.0
        while True:
            alive = any(t.is_alive() for t in self._threads)
            try:
                batch = self.outbox.get(timeout=0.2)
            except queue.Empty:
                if not alive:
                    return
                batch = None
            if batch is not None:
                self._commit(batch)
            if self.on_update and time.monotonic() - last_update > 0.25:
                last_update = time.monotonic()
                self.on_update(list(self.status.values()))

    def _commit(self, batch: CaptureBatch) -> None:
        counts = self.capture.commit(batch)
        status = self.status.get((batch.platform, batch.source))
        if status is not None:
            status.apply(batch, counts.posts_new)

    def _finish(self) -> None:
        self.stop_event.set()
        for thread in self._threads:
            thread.join(timeout=10)
        while not self.outbox.empty():
            self._commit(self.outbox.get_nowait())
        ended = datetime.now(UTC)
        self.capture.record(*[HealthRecord(s.platform, s.name, "stop", ended, detail=self.stop_reason)
                              for s in self.sources])
        if self.on_update:
            self.on_update(list(self.status.values()))
