"""HTTP behaviour every live source shares: backoff with jitter, rate-limit waits, retrying GETs.

Pure helpers (`backoff_delay`, `rate_limit_wait`) plus `Fetcher`, which wraps an `httpx.Client` passed in
and turns 429 and 5xx answers into recorded waits (capture health) instead of failures. Every attempt that
gets no answer or a 5xx is a failed attempt of the source (`SourceContext.down`: the period until the server
answers again is a gap); 401 and 403 raise `CredentialsRefused` at once, since retrying cannot help.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from tweetathon.capture.runner import CredentialsRefused, SourceContext

RETRY_STATUSES = {500, 502, 503, 504}
REFUSED_STATUSES = {401, 403}


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base * 2**n)), at least `floor`."""

    base: float = 1.0
    cap: float = 60.0
    floor: float = 0.05

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        return backoff_delay(attempt, self.base, self.cap, self.floor, rng)


def backoff_delay(attempt: int, base: float = 1.0, cap: float = 60.0, floor: float = 0.05,
                  rng: random.Random | None = None) -> float:
    ceiling = min(cap, base * (2 ** max(0, attempt)))
    return max(floor, (rng or random).uniform(ceiling / 2, ceiling))


def rate_limit_wait(headers: Mapping[str, str], now: datetime, default: float = 60.0) -> float:
    """Seconds to wait after a 429 (or when the remaining count is 0): until `x-rate-limit-reset` (X: epoch
    seconds), `x-ratelimit-reset` (Mastodon: ISO 8601) or `ratelimit-reset` (AT Protocol PDS and AppView:
    epoch seconds), else `retry-after`, else `default`. Never negative."""
    reset = (headers.get("x-rate-limit-reset") or headers.get("x-ratelimit-reset")
             or headers.get("ratelimit-reset") or "").strip()
    if reset.isdigit():  # X and AT Protocol: epoch seconds
        return max(0.0, int(reset) - now.timestamp())
    if reset:  # Mastodon: an ISO 8601 time
        try:
            return max(0.0, (datetime.fromisoformat(reset.replace("Z", "+00:00")) - now).total_seconds())
        except ValueError:
            pass
    retry = headers.get("retry-after")
    if retry:
        try:
            return max(0.0, float(retry))
        except ValueError:
            pass
    return default


class StopCapture(Exception):
    """The capture is stopping while a request was waiting to be retried."""


def poll(ctx: SourceContext, one_pass: Callable[[], None], every: float) -> None:
    """Run `one_pass` until the capture stops: once under --once, else every `every` seconds. A StopCapture
    raised inside a pass (the capture stopping while a request waited) ends the source quietly."""
    try:
        while not ctx.stopping:
            one_pass()
            if ctx.once or not ctx.sleep(every):
                return
    except StopCapture:
        return


class Fetcher:
    """GET with retries: waits out 429s until the reset time, backs off on 5xx and connection errors,
    and records every wait in capture health. Raises `StopCapture` when the capture stops meanwhile."""

    def __init__(self, client: httpx.Client, ctx: SourceContext, backoff: Backoff,
                 headers: Mapping[str, str] | None = None, max_attempts: int = 12) -> None:
        self.client = client
        self.ctx = ctx
        self.backoff = backoff
        self.headers = dict(headers or {})
        self.max_attempts = max_attempts

    def get(self, url: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
        for attempt in range(self.max_attempts):
            try:
                response = self.client.get(url, params=params, headers=self.headers)
            except httpx.TransportError as exc:
                self._retry(attempt, f"{type(exc).__name__} on {_path(url)}")
                continue
            refuse_credentials(self.ctx, response.status_code, _path(url))
            if response.status_code == 429:
                wait = rate_limit_wait(response.headers, self.ctx.now())
                self._wait("ratelimit", wait, f"429 on {_path(url)}; waited until the reset time")
                continue
            if response.status_code in RETRY_STATUSES:
                self._retry(attempt, f"{response.status_code} on {_path(url)}")
                continue
            self.ctx.up()
            self._pace(response)
            return response
        raise httpx.HTTPError(f"{_path(url)}: no usable answer after {self.max_attempts} attempts")

    def _retry(self, attempt: int, reason: str) -> None:
        """A failed attempt: counted (the source may give up), then the backoff wait, recorded."""
        self.ctx.down(reason)
        self._wait("reconnect", self.backoff.delay(attempt), reason)

    def _pace(self, response: httpx.Response) -> None:
        """When the window is used up, wait for its reset before the next request."""
        remaining = (response.headers.get("x-rate-limit-remaining") or response.headers.get("x-ratelimit-remaining")
                     or response.headers.get("ratelimit-remaining"))
        if remaining == "0":
            wait = rate_limit_wait(response.headers, self.ctx.now())
            self._wait("ratelimit", wait, "rate-limit window used up; waited until the reset time")

    def _wait(self, kind: str, seconds: float, detail: str) -> None:
        start = self.ctx.now()
        self.ctx.health(kind, start, start + timedelta(seconds=seconds), f"{detail} ({seconds:.1f} s)")
        if not self.ctx.sleep(seconds):
            raise StopCapture()


def refuse_credentials(ctx: SourceContext, status: int, where: str) -> None:
    """401/403: a failed attempt, then `CredentialsRefused` (the same credentials will be refused again)."""
    if status in REFUSED_STATUSES:
        reason = f"{status} on {where}"
        ctx.down(reason, give_up=False)
        raise CredentialsRefused(f"the server answered {reason}")


def _path(url: str) -> str:
    """The path of a URL, without host or query string (which could carry a token on some servers)."""
    return urlsplit(url).path or "/"
