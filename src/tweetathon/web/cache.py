"""Pages and figures cached per store state: computed once, served until the store changes.

`StateCache.get(key, compute)` returns the value computed for `key` under the current `state_token` of the
store; a changed store (an import, an approval...) makes every entry stale. The token itself is read at most
once per `token_ttl` seconds (default 1 s), so a page may show the previous state for up to that long. One
lock per key: fifty clients asking for a cold figures page wait for one computation, not fifty.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from tweetathon.store.store import Store
from tweetathon.store.web_reads import state_token

T = TypeVar("T")


class StateCache:
    """An LRU of at most `size` values, each tagged with the store state it was computed under."""

    def __init__(self, store: Store, size: int = 256, token_ttl: float = 1.0) -> None:
        self.store = store
        self.size = size
        self.token_ttl = token_ttl
        self._values: OrderedDict[Hashable, tuple[str, Any]] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._token: tuple[float, str] = (0.0, "")
        self._generation = 0

    def token(self) -> str:
        """The store's state token, read again when the last reading is older than `token_ttl`. A reading that
        began before an `invalidate` is used for this request but not kept (it may predate the change)."""
        read_at, token = self._token
        if time.monotonic() - read_at > self.token_ttl:
            generation = self._generation
            token = state_token(self.store)
            with self._guard:
                if generation == self._generation:
                    self._token = (time.monotonic(), token)
        return token

    def invalidate(self) -> None:
        """Forget the token, so the next request reads the store's state again (after a write of ours)."""
        with self._guard:
            self._generation += 1
            self._token = (0.0, "")

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def _fresh(self, key: Hashable, token: str) -> tuple[bool, Any]:
        with self._guard:
            found = self._values.get(key)
            if found is not None and found[0] == token:
                self._values.move_to_end(key)
                return True, found[1]
        return False, None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        token = self.token()
        hit, value = self._fresh(key, token)
        if hit:
            return value  # type: ignore[no-any-return]
        with self._lock(key):
            hit, value = self._fresh(key, token)
            if hit:
                return value  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                self._values[key] = (token, value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value
