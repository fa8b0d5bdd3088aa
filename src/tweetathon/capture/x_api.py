"""X API v2: recent search polling (since_id + meta.next_token) and the filtered stream, with gap filling.

Every request asks for the expansions and fields that make authors arrive with their follower counts
(`includes.users[].public_metrics`), so each page yields account snapshots as well as posts. Response pages
and stream lines are mapped by `sources/twarc2.py`, exactly as a twarc2 file would be.

Stream cursor: `{"last_id", "last_at"}` of the newest post received. After any disconnect (or a restart of
the whole capture), the first post received on the new connection closes a gap: a recent search between the
last post seen and that first post fetches what was missed, and a `gap` health record says how many posts it
recovered (`recovered=N since_id=A until_id=B`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import orjson

from tweetathon.capture.http import Backoff, Fetcher, StopCapture, poll, rate_limit_wait, refuse_credentials
from tweetathon.capture.mapping import map_payloads
from tweetathon.capture.runner import SourceContext
from tweetathon.sources.base import parse_time
from tweetathon.store.capture import CaptureBatch, HealthRecord

TWEET_FIELDS = ("attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,entities,geo,"
                "in_reply_to_user_id,lang,possibly_sensitive,public_metrics,referenced_tweets,reply_settings,"
                "source,withheld")
EXPANSIONS = ("author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id,"
              "attachments.media_keys,entities.mentions.username,geo.place_id")
USER_FIELDS = "created_at,description,location,name,public_metrics,url,username,verified"
FIELDS = {"tweet.fields": TWEET_FIELDS, "expansions": EXPANSIONS, "user.fields": USER_FIELDS,
          "media.fields": "type,url,public_metrics", "place.fields": "country_code,full_name,geo"}
SEARCH_PATH = "/2/tweets/search/recent"
STREAM_PATH = "/2/tweets/search/stream"
RULES_PATH = "/2/tweets/search/stream/rules"
FLUSH_POSTS = 250
FLUSH_SECONDS = 0.3


def hashtag_query(hashtags: tuple[str, ...]) -> str:
    """The search query / stream rule for an event's hashtags: `#a OR #b`, parenthesised when several."""
    terms = " OR ".join(f"#{t.lstrip('#')}" for t in hashtags)
    return f"({terms})" if len(hashtags) > 1 else terms


def newest_id(ids: list[str]) -> str | None:
    return max(ids, key=int) if ids else None


def page_ids(payload: dict[str, Any]) -> list[str]:
    data = payload.get("data")
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    return [str(t["id"]) for t in items if isinstance(t, dict) and "id" in t]


def with_provenance(payload: dict[str, Any], url: str, retrieved_at: datetime) -> dict[str, Any]:
    """The payload as the API sent it, plus twarc-style provenance (url, retrieved_at)."""
    return {**payload, "__twarc": {"url": url, "retrieved_at": retrieved_at.isoformat(),
                                   "version": "tweetathon-capture"}}


@dataclass
class XSearch:
    """Pages of a recent search (newest first), following `meta.next_token`, as payloads with their URL."""

    base_url: str
    fetcher: Fetcher

    def pages(self, query: str, since_id: str | None = None,
              until_id: str | None = None) -> Iterator[tuple[dict[str, Any], str]]:
        params: dict[str, Any] = {"query": query, "max_results": 100, **FIELDS}
        if since_id:
            params["since_id"] = since_id
        if until_id:
            params["until_id"] = until_id
        while True:
            response = self.fetcher.get(self.base_url + SEARCH_PATH, params)
            response.raise_for_status()
            payload = response.json()
            yield payload, str(response.url)
            token = (payload.get("meta") or {}).get("next_token")
            if not token:
                return
            params["next_token"] = token


class XSearchSource:
    """Recent search polling: each pass fetches everything newer than the cursor (`since_id`)."""

    platform = "x"

    def __init__(self, client: httpx.Client, base_url: str, token: str, hashtags: tuple[str, ...],
                 poll_seconds: float = 30.0, backoff: Backoff | None = None, query: str | None = None,
                 name: str = "search") -> None:
        self.client, self.base_url, self._token = client, base_url.rstrip("/"), token
        self.query = query or hashtag_query(hashtags)
        self.poll_seconds, self.backoff = poll_seconds, backoff or Backoff()
        self.name = name

    def run(self, ctx: SourceContext) -> None:
        fetcher = Fetcher(self.client, ctx, self.backoff, {"Authorization": f"Bearer {self._token}"})
        search = XSearch(self.base_url, fetcher)
        poll(ctx, lambda: self.one_pass(ctx, search), self.poll_seconds)

    def one_pass(self, ctx: SourceContext, search: XSearch) -> None:
        newest: str | None = None
        for payload, url in search.pages(self.query, since_id=ctx.cursor):
            newest = newest or (payload.get("meta") or {}).get("newest_id") or newest_id(page_ids(payload))
            ctx.emit(x_batch(self.name, [payload], url, ctx.now()))
        if newest and (ctx.cursor is None or int(newest) > int(ctx.cursor)):
            ctx.emit(CaptureBatch("x", self.name, cursor=newest))


def x_batch(source: str, payloads: list[dict[str, Any]], url: str, retrieved_at: datetime,
            cursor: str | None = None, health: tuple[HealthRecord, ...] = ()) -> CaptureBatch:
    mapped = map_payloads("x", [with_provenance(p, url, retrieved_at) for p in payloads], url, retrieved_at)
    errors = tuple(HealthRecord("x", source, "error", retrieved_at, retrieved_at,
                                f"{r.reason}: {r.detail}"[:500]) for r in mapped.rejects)
    return CaptureBatch("x", source, mapped.posts, mapped.snapshots, mapped.deletions, cursor, health + errors)


def ensure_rules(fetcher: Fetcher, base_url: str, tag: str, value: str) -> None:
    """Make the stream's rules for this event exactly one rule `value` tagged `tag` (others are left alone).
    The rules are read through the fetcher (retries, refused credentials); changes are posted once."""
    client, headers = fetcher.client, fetcher.headers
    current = fetcher.get(base_url + RULES_PATH)
    current.raise_for_status()
    rules = current.json().get("data") or []
    ours = [r for r in rules if r.get("tag") == tag]
    if len(ours) == 1 and ours[0].get("value") == value:
        return
    if ours:
        client.post(base_url + RULES_PATH, headers=headers,
                    json={"delete": {"ids": [r["id"] for r in ours]}}).raise_for_status()
    client.post(base_url + RULES_PATH, headers=headers,
                json={"add": [{"value": value, "tag": tag}]}).raise_for_status()


class XStreamSource:
    """The filtered stream, reconnecting with backoff and filling every gap with a recent search."""

    platform = "x"
    name = "stream"

    def __init__(self, client: httpx.Client, base_url: str, token: str, hashtags: tuple[str, ...],
                 rule_tag: str, backoff: Backoff | None = None) -> None:
        self.client, self.base_url, self._token = client, base_url.rstrip("/"), token
        self.query, self.rule_tag = hashtag_query(hashtags), rule_tag
        self.backoff = backoff or Backoff()

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}

    def run(self, ctx: SourceContext) -> None:
        if ctx.once:
            return  # a stream has no catch-up pass: --once uses search
        fetcher = Fetcher(self.client, ctx, self.backoff, self._headers)
        state = StreamState.load(ctx.cursor, reason="capture restarted" if ctx.cursor else None)
        attempt = 0
        try:
            ensure_rules(fetcher, self.base_url, self.rule_tag, self.query)
            while not ctx.stopping:
                received = self._connect(ctx, state, XSearch(self.base_url, fetcher))
                attempt = 0 if received else attempt + 1
                if not ctx.stopping:
                    delay = self.backoff.delay(attempt)
                    now = ctx.now()
                    ctx.health("reconnect", now, None, f"{state.reason}; reconnecting in {delay:.1f} s")
                    if not ctx.sleep(delay):
                        return
        except StopCapture:
            return

    def _connect(self, ctx: SourceContext, state: StreamState, search: XSearch) -> int:
        """One connection: returns the number of posts received on it."""
        params = dict(FIELDS)
        received, opened = 0, False
        try:
            with self.client.stream("GET", self.base_url + STREAM_PATH, params=params, headers=self._headers,
                                    timeout=httpx.Timeout(10.0, read=30.0)) as response:
                if response.status_code != 200:
                    self._refused(ctx, state, response)
                    return 0
                opened = True
                ctx.up(record=state.last_id is None)  # after a post was seen, the gap search records the gap
                before = state.reason
                received = self._read(ctx, state, search, response)
                if state.reason == before and not ctx.stopping:
                    state.note("stream closed by the server")
        except httpx.TransportError as exc:
            state.note(f"stream {'dropped' if opened else 'unreachable'} ({type(exc).__name__})")
            if not opened:
                ctx.down(f"stream unreachable ({type(exc).__name__})")
        if opened and not ctx.stopping and state.reason:
            ctx.lost(state.reason)
        return received

    def _refused(self, ctx: SourceContext, state: StreamState, response: httpx.Response) -> None:
        response.read()
        state.note(f"stream refused with {response.status_code}")
        refuse_credentials(ctx, response.status_code, STREAM_PATH)
        if response.status_code == 429:
            wait = rate_limit_wait(response.headers, ctx.now())
            start = ctx.now()
            ctx.health("ratelimit", start, start + timedelta(seconds=wait), f"429 on stream connect ({wait:.1f} s)")
            if not ctx.sleep(wait):
                raise StopCapture()
        else:
            ctx.down(f"stream refused with {response.status_code}")

    def _read(self, ctx: SourceContext, state: StreamState, search: XSearch, response: httpx.Response) -> int:
        buffer: list[dict[str, Any]] = []
        first_at = time.monotonic()
        received = 0
        url = str(response.url)
        for line in response.iter_lines():
            if ctx.stopping:
                break
            if line.strip():
                payload = self._parse(ctx, state, line)
                if payload is None:
                    break  # a cut-off line: what it carried is recovered by the gap search
                if state.reason is not None and page_ids(payload):
                    self._flush(ctx, state, buffer, url)
                    self._fill_gap(ctx, state, search, payload)
                buffer.append(payload)
                received += 1
            if buffer and (len(buffer) >= FLUSH_POSTS or time.monotonic() - first_at > FLUSH_SECONDS):
                self._flush(ctx, state, buffer, url)
                first_at = time.monotonic()
        self._flush(ctx, state, buffer, url)
        return received

    def _parse(self, ctx: SourceContext, state: StreamState, line: str) -> dict[str, Any] | None:
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            now = ctx.now()
            ctx.health("error", now, now, f"stream line cut off or not JSON ({len(line)} bytes); reconnecting")
            state.note("stream sent a truncated line")
            return None
        return value if isinstance(value, dict) else None

    def _flush(self, ctx: SourceContext, state: StreamState, buffer: list[dict[str, Any]], url: str) -> None:
        if not buffer:
            return
        batch = x_batch(self.name, buffer, url, ctx.now())
        state.advance(buffer, batch)
        ctx.emit(CaptureBatch("x", self.name, batch.posts, batch.snapshots, batch.deletions, state.cursor(),
                              batch.health))
        buffer.clear()

    def _fill_gap(self, ctx: SourceContext, state: StreamState, search: XSearch, first: dict[str, Any]) -> None:
        """Search between the last post seen and `first`, the first post after the disconnect."""
        first_id = page_ids(first)[0]
        first_at = _created_at(first) or ctx.now()
        ids: list[str] = []
        if state.last_id is not None and int(first_id) > int(state.last_id) + 1:
            for payload, url in search.pages(self.query, since_id=state.last_id, until_id=first_id):
                ids += page_ids(payload)
                ctx.emit(x_batch(self.name, [payload], url, ctx.now()))
        if state.last_id is not None:
            start = state.last_at or first_at
            detail = (f"{state.reason}; recovered={len(set(ids))} by recent search "
                      f"since_id={state.last_id} until_id={first_id}")
            ctx.emit(CaptureBatch("x", self.name, health=[HealthRecord("x", self.name, "gap", start, first_at,
                                                                          detail)]))
        state.reason = None


@dataclass
class StreamState:
    """The newest post the stream delivered, and why the previous connection ended (None while healthy)."""

    last_id: str | None = None
    last_at: datetime | None = None
    reason: str | None = None

    def note(self, reason: str) -> None:
        """Why the stream is (still) broken; successive failures before the next post accumulate."""
        self.reason = reason if self.reason is None else f"{self.reason}, then {reason}"

    @classmethod
    def load(cls, cursor: str | None, reason: str | None) -> StreamState:
        if not cursor:
            return cls()
        data = orjson.loads(cursor)
        return cls(data.get("last_id"), parse_time(data.get("last_at")), reason)

    def cursor(self) -> str | None:
        if self.last_id is None:
            return None
        return orjson.dumps({"last_id": self.last_id, "last_at": self.last_at.isoformat()
                             if self.last_at else None}).decode()

    def advance(self, payloads: list[dict[str, Any]], batch: CaptureBatch) -> None:
        for payload in payloads:
            for tweet_id in page_ids(payload):
                if self.last_id is None or int(tweet_id) > int(self.last_id):
                    self.last_id, self.last_at = tweet_id, _created_at(payload) or self.last_at


def _created_at(payload: dict[str, Any]) -> datetime | None:
    data = payload.get("data")
    if isinstance(data, dict) and data.get("created_at"):
        return parse_time(data["created_at"])
    return None
