"""One computation per event per change, fanned out to every viewer.

`LiveSource` (threads): `current(slug)` returns the event's state for the store as it is now, computed at most
once per change token (the store's cheap state token plus the minute, so the follow-the-sun band moves even
when nothing is posted); concurrent callers of a stale event wait for one computation.

`LiveHub` (asyncio): one producer task per watched event polls the token every `tick` seconds, encodes each new
state once per audience, and wakes every subscriber; the producer stops when the last viewer has gone for
`idle` seconds. Each update is a whole snapshot with an id (`boot.sequence`): a viewer that reconnects with
`Last-Event-ID` gets the current snapshot at once unless it already has it, so nothing is missed in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def minute_token(store_token: Callable[[], str]) -> Callable[[], str]:
    """A change token that also changes every minute (the band and ages move with time)."""
    return lambda: f"{store_token()}|{datetime.now(UTC):%Y%m%d%H%M}"


class LiveSource(Generic[T]):
    """The latest state per event, recomputed only when `token()` changes."""

    def __init__(self, compute: Callable[[str], T], token: Callable[[], str]) -> None:
        self.compute = compute
        self.token = token
        self.computations = 0
        self._held: dict[str, tuple[str, T]] = {}
        self._computed_at: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, slug: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(slug, threading.Lock())

    def current(self, slug: str) -> tuple[str, T]:
        """(token, state) of `slug` for the store as it is now; a caller that waited for another's computation
        takes its result, so callers never queue one recomputation after another while the store keeps changing."""
        token = self.token()
        before = self._held.get(slug)
        with self._lock(slug):
            held = self._held.get(slug)
            if held is not None and (held[0] == token or held is not before):
                return held  # fresh, or computed while we waited (at most one computation old)
            value = self.compute(slug)
            self.computations += 1
            self._held[slug] = (token, value)
            self._computed_at[slug] = time.monotonic()
            return token, value


    def recent(self, slug: str, max_age: float = 0.0) -> tuple[str, T]:
        """`current`, except while a computation of `slug` is under way or when the held state was computed less
        than `max_age` seconds ago: then the held state, at once (a page load does not wait for a recomputation
        once the event has been computed; the stream brings the newer state)."""
        held = self._held.get(slug)
        if held is not None and (self._lock(slug).locked()
                                 or time.monotonic() - self._computed_at.get(slug, 0.0) < max_age):
            return held
        return self.current(slug)


@dataclass(frozen=True, slots=True)
class Update:
    """One snapshot of an event, encoded once per audience."""

    id: str
    token: str
    payloads: Mapping[str, bytes]


@dataclass
class Feed:
    """An event's producer and what it last published."""

    slug: str
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    latest: Update | None = None
    viewers: int = 0
    sequence: int = 0
    task: asyncio.Task[None] | None = None


class LiveHub(Generic[T]):
    """Producers per event over a `LiveSource`, each update encoded by `encode(state) -> {audience: bytes}`."""

    def __init__(self, source: LiveSource[T], encode: Callable[[T], Mapping[str, bytes]], tick: float = 0.25,
                 idle: float = 30.0) -> None:
        self.source = source
        self.encode = encode
        self.tick = tick
        self.idle = idle
        self.boot = secrets.token_hex(4)
        self.feeds: dict[str, Feed] = {}
        self.encodings = 0

    def viewers(self, slug: str) -> int:
        feed = self.feeds.get(slug)
        return 0 if feed is None else feed.viewers

    async def _refresh(self, feed: Feed) -> None:
        token, state = await asyncio.to_thread(self.source.current, feed.slug)
        if feed.latest is not None and feed.latest.token == token:
            return
        payloads = await asyncio.to_thread(self.encode, state)
        self.encodings += 1
        feed.sequence += 1
        async with feed.changed:
            feed.latest = Update(f"{self.boot}.{feed.sequence}", token, payloads)
            feed.changed.notify_all()

    async def _produce(self, feed: Feed) -> None:
        quiet_since: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            try:
                await self._refresh(feed)
            except Exception:  # a failed read (store busy, event removed) is retried next tick
                log.exception("live update of %s failed", feed.slug)
            if feed.viewers == 0:
                quiet_since = quiet_since or loop.time()
                if loop.time() - quiet_since > self.idle:
                    break
            else:
                quiet_since = None
            await asyncio.sleep(self.tick)
        feed.task = None

    def _feed(self, slug: str) -> Feed:
        feed = self.feeds.setdefault(slug, Feed(slug))
        if feed.task is None or feed.task.done():
            feed.task = asyncio.create_task(self._produce(feed))
        return feed

    @staticmethod
    async def _next(feed: Feed, seen: str | None) -> Update:
        """The feed's latest update once it is not `seen`."""
        async with feed.changed:
            await feed.changed.wait_for(lambda: feed.latest is not None and feed.latest.id != seen)
            assert feed.latest is not None
            return feed.latest

    async def subscribe(self, slug: str, audience: str, last_id: str | None = None) -> AsyncIterator[tuple[str, bytes]]:
        """(id, payload) of every update of `slug` for `audience`, starting with the current one unless
        `last_id` is already it."""
        feed = self._feed(slug)
        feed.viewers += 1
        seen = last_id
        try:
            while True:
                update = await self._next(feed, seen)
                seen = update.id
                yield update.id, update.payloads[audience]
        finally:
            feed.viewers -= 1

    async def close(self) -> None:
        """Stop every producer (at shutdown)."""
        for feed in self.feeds.values():
            if feed.task is not None:
                feed.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await feed.task
