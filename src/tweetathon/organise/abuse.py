"""Abuse checks the registration form calls: a per-client rate limit and a honeypot field.

API (stable):
    RateLimiter(capacity=5, refill_seconds=120, max_clients=10_000); .allow(client) -> bool
    HONEYPOT_FIELD = "website";  honeypot_tripped(value) -> bool

The rate limit is an in-memory token bucket per worker process: each client address may submit `capacity`
forms in a burst, then one more every `refill_seconds`. In memory, because it must not store client addresses
(personal data: nothing is kept from a refused submission but a counter) and a registration form needs no
exactness: with W worker processes a client gets at most W times the burst, which still stops a flood. Login
throttling, where exactness matters, is store-backed instead (`auth/login.py`). Memory is bounded: past
`max_clients` addresses, the ones whose bucket is full again are forgotten first, then the oldest.

The honeypot is a form field hidden from people (CSS and `aria-hidden`, `tabindex=-1`, `autocomplete=off`)
that bots fill in; a submission with any value in it is discarded (and counted) as if accepted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

HONEYPOT_FIELD = "website"


def honeypot_tripped(value: str | None) -> bool:
    return bool(value and value.strip())


class RateLimiter:
    """A token bucket per client key (see the module docstring). Thread-safe."""

    def __init__(self, capacity: int = 5, refill_seconds: float = 120.0, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = capacity
        self.refill_seconds = refill_seconds
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)
        self._lock = threading.Lock()

    def _tokens(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (float(self.capacity), now))
        return min(float(self.capacity), tokens + (now - at) / self.refill_seconds)

    def allow(self, client: str) -> bool:
        """Take one token from `client`'s bucket; False (and nothing taken) when it is empty."""
        with self._lock:
            now = self.clock()
            tokens = self._tokens(client, now)
            allowed = tokens >= 1
            self._buckets.pop(client, None)
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > self.max_clients:
                self._forget(now)
            return allowed

    def _forget(self, now: float) -> None:
        for client in [c for c in self._buckets if self._tokens(c, now) >= self.capacity]:
            del self._buckets[client]
        while len(self._buckets) > self.max_clients:
            del self._buckets[next(iter(self._buckets))]
