"""Mastodon: hashtag timelines polled with `min_id` on several instances, and the streaming API's hashtag stream.

One source per (instance, hashtag). Each connection starts with a catch-up poll from the cursor (the newest
status id seen on that instance), then follows the WebSocket hashtag stream; after a drop it backs off,
polls again (a `gap` record says how many statuses the poll recovered) and reconnects. `--once` polls only.

Under federation one instance sees only part of a hashtag, and the same status has a different local id on
each instance: statuses are deduplicated across instances by their ActivityPub `uri` (`UriDeduper`).
Statuses are mapped by `sources/mastodon.py`, exactly as an imported file would be.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import orjson
from sqlalchemy import select
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from tweetathon.capture.credentials import CaptureConfig
from tweetathon.capture.http import Backoff, Fetcher, StopCapture
from tweetathon.capture.mapping import map_payloads
from tweetathon.capture.runner import Source, SourceContext
from tweetathon.model import Event
from tweetathon.store.capture import CaptureBatch, CaptureStore, HealthRecord
from tweetathon.store.schema import posts
from tweetathon.store.store import Store

PAGE = 40
Broken = tuple[datetime, str]  # since when the stream has not delivered, and why


def id_key(status_id: str) -> tuple[int, str]:
    """Order Mastodon ids (numeric strings on Mastodon, opaque on some servers) without floats."""
    return (len(status_id), status_id)


def parse_frame(text: str, tag: str) -> dict[str, Any] | None:
    """The status of a WebSocket `update` frame for hashtag `tag`, else None.

    Real Mastodon sends `{"stream": ["hashtag", "<tag>"], "event": "update", "payload": "<JSON string>"}`;
    some servers send only `["hashtag"]`. Frames for another stream or tag, and other events, are ignored.
    """
    frame = orjson.loads(text)
    if not isinstance(frame, dict) or frame.get("event") != "update":
        return None
    stream = frame.get("stream") or []
    if stream and (stream[0] not in ("hashtag", "hashtag:local")
                   or (len(stream) > 1 and str(stream[1]).lower() != tag.lower())):
        return None
    payload = frame.get("payload")
    status = orjson.loads(payload) if isinstance(payload, str | bytes) else payload
    return status if isinstance(status, dict) else None


class UriDeduper:
    """Statuses already captured, by ActivityPub `uri` (and `url`), shared by every instance's source."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self._seen = set(known)
        self._lock = threading.Lock()

    @classmethod
    def from_store(cls, store: Store) -> UriDeduper:
        with store.engine.connect() as conn:
            urls = conn.execute(select(posts.c.url).where(posts.c.platform == "mastodon", posts.c.url.is_not(None)))
            return cls(u for (u,) in urls)

    def fresh(self, statuses: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The statuses not seen before (on any instance); marks them seen."""
        out = []
        with self._lock:
            for status in statuses:
                keys = {k for k in (status.get("uri"), status.get("url")) if k}
                if keys & self._seen:
                    continue
                self._seen |= keys
                out.append(status)
        return out


class MastodonHashtagSource:
    platform = "mastodon"

    def __init__(self, client: httpx.Client, instance: str, tag: str, token: str | None, dedupe: UriDeduper,
                 poll_seconds: float = 30.0, backoff: Backoff | None = None, stream: bool = True) -> None:
        self.client, self.instance, self.tag, self._token = client, instance.rstrip("/"), tag.lstrip("#"), token
        self.dedupe, self.poll_seconds, self.backoff = dedupe, poll_seconds, backoff or Backoff()
        self.stream = stream
        self.name = f"{self.instance}/tags/{self.tag}"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def run(self, ctx: SourceContext) -> None:
        fetcher = Fetcher(self.client, ctx, self.backoff, self._headers())
        attempt = 0
        broken: Broken | None = (ctx.now(), "capture restarted") if ctx.cursor else None
        try:
            while not ctx.stopping:
                if ctx.once or not self.stream:
                    self.catch_up(ctx, fetcher, broken)
                    broken = None
                    if ctx.once or not ctx.sleep(self.poll_seconds):
                        return
                    continue
                received, reason = self.follow(ctx, fetcher, broken)
                if ctx.stopping:
                    return
                broken = (ctx.now(), reason)
                attempt = 0 if received else attempt + 1
                delay = self.backoff.delay(attempt)
                ctx.health("reconnect", ctx.now(), None, f"{reason}; reconnecting in {delay:.1f} s")
                if not ctx.sleep(delay):
                    return
        except StopCapture:
            return

    def catch_up(self, ctx: SourceContext, fetcher: Fetcher, broken: Broken | None) -> None:
        """Poll from the cursor; after a drop (or a restart) record the gap and how many the poll recovered."""
        before = ctx.cursor or "0"
        recovered = self.poll(ctx, fetcher)
        if broken is not None:
            ctx.health("gap", broken[0], ctx.now(), f"{broken[1]}; recovered={recovered} by timeline poll "
                                                     f"min_id={before} newest={ctx.cursor or before}")

    def poll(self, ctx: SourceContext, fetcher: Fetcher) -> int:
        """Fetch every status newer than the cursor, oldest pages first (min_id). Returns how many came."""
        url = f"{self.instance}/api/v1/timelines/tag/{quote(self.tag)}"
        total = 0
        while not ctx.stopping:
            # min_id pages forward from the cursor; with no cursor yet, from the start of the hashtag ("0")
            params: dict[str, Any] = {"limit": PAGE, "min_id": ctx.cursor or "0"}
            response = fetcher.get(url, params)
            response.raise_for_status()
            statuses = [s for s in response.json() if isinstance(s, dict) and s.get("id")]
            if not statuses:
                return total
            total += len(statuses)
            self._emit(ctx, statuses, str(response.url))
        return total

    def _emit(self, ctx: SourceContext, statuses: list[dict[str, Any]], url: str) -> None:
        newest = max((str(s["id"]) for s in statuses), key=id_key)
        if ctx.cursor and id_key(newest) <= id_key(ctx.cursor):
            newest = ctx.cursor
        now = ctx.now()
        mapped = map_payloads("mastodon", self.dedupe.fresh(statuses), url, now)
        errors = [HealthRecord("mastodon", self.name, "error", now, now, f"{r.reason}: {r.detail}"[:500])
                  for r in mapped.rejects]
        ctx.emit(CaptureBatch("mastodon", self.name, mapped.posts, mapped.snapshots, mapped.deletions, newest,
                              errors))

    def follow(self, ctx: SourceContext, fetcher: Fetcher, broken: Broken | None) -> tuple[int, str]:
        """Open the hashtag stream, THEN catch up by polling (so nothing published in between is lost; what
        both deliver is stored once), then follow the stream until it drops, sends a garbled frame, or the
        capture stops: (statuses received, why it ended). If the stream cannot be opened, poll anyway."""
        received = 0
        opened = False
        try:
            with connect(self.stream_url, additional_headers=self._headers(), open_timeout=10) as ws:
                opened = True
                self.catch_up(ctx, fetcher, broken)
                while not ctx.stopping:
                    try:
                        text = ws.recv(timeout=0.5)
                    except TimeoutError:
                        continue
                    try:
                        status = parse_frame(str(text), self.tag)
                    except ValueError:  # a cut-off or garbled frame: its status is recovered by the next poll
                        now = ctx.now()
                        ctx.health("error", now, now, f"stream frame cut off or not JSON ({len(text)} bytes)")
                        return received, "stream sent a garbled frame"
                    if status is not None:
                        received += 1
                        self._emit(ctx, [status], self.stream_url)
        except (WebSocketException, OSError) as exc:
            if not opened:
                self.catch_up(ctx, fetcher, broken)
            return received, f"stream {'dropped' if opened else 'unavailable'} ({type(exc).__name__})"
        return received, "stopped"

    @property
    def stream_url(self) -> str:
        parts = urlsplit(self.instance)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}{parts.path}/api/v1/streaming?stream=hashtag&tag={quote(self.tag)}"


def stream_prefix(instance: str) -> str:
    """The streaming API's URL prefix of an instance (the provenance of statuses received by stream)."""
    parts = urlsplit(instance.rstrip("/"))
    return f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path}/"


def mastodon_sources(config: CaptureConfig, event: Event, client: httpx.Client, poll_seconds: float,
                     backoff: Backoff, store: Store | None = None, conversation_hours: float = 48.0) -> list[Source]:
    """A hashtag source per (instance, hashtag); with a store, a conversation source per instance."""
    from tweetathon.capture.mastodon_conversation import MastodonConversationSource

    dedupe = UriDeduper.from_store(store) if store is not None else UriDeduper()
    capture = CaptureStore(store, event.slug) if store is not None else None
    sources: list[Source] = []
    for inst in config.mastodon_instances:
        secret = config.mastodon_tokens.get(inst)
        token = secret.reveal() if secret else None
        sources += [MastodonHashtagSource(client, inst, tag, token, dedupe, poll_seconds, backoff)
                    for tag in event.hashtags]
        if capture is not None:
            sources.append(MastodonConversationSource(
                client, inst, token, capture.roots("mastodon", event.hashtags, (inst + "/", stream_prefix(inst))),
                dedupe, poll_seconds, backoff, conversation_hours))
    return sources
