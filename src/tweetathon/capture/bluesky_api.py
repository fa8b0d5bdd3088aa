"""Bluesky: the repository firehose (com.atproto.sync.subscribeRepos) filtered by tag facets, with its cursor;
and app.bsky.feed.searchPosts by tag for catch-up where an AppView is configured.

The firehose connection is our own loop over `websockets` and atproto's public frame decoding
(`firehose_models.Frame.from_bytes`, `parse_subscribe_repos_message`), so reconnects use the capture's backoff
and are recorded. Cursor: the `seq` of the last event processed, persisted with every batch; every connection
(first, reconnect, restart) asks for `?cursor=SEQ`, and the relay or PDS replays what followed, so a drop loses
nothing. A frame that cannot be decoded is recorded as an error and the connection is reopened from the last
good seq, so the event it carried is replayed rather than skipped. A relay answering `OutdatedCursor` (the
cursor is older than its buffer) is a real gap and recorded as one. `--once` replays from the cursor until the
firehose has caught up with the moment the pass started (or has been quiet for a second).

A post is kept when a facet (or the record's `tags`) carries an event hashtag, or when it replies to a post
already captured (the conversation around participants: see conversation.py). Records are mapped by
`sources/bluesky.py` from `{uri, cid, value}`, exactly as a listRecords file would be.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import httpx
from atproto import CAR, firehose_models, models, parse_subscribe_repos_message
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import connect

from tweetathon.capture.conversation import ConversationTracker, bluesky_post_tags
from tweetathon.capture.credentials import CaptureConfig
from tweetathon.capture.http import Backoff, Fetcher, poll, refuse_credentials
from tweetathon.capture.mapping import map_payloads
from tweetathon.capture.runner import Source, SourceContext
from tweetathon.model import Event
from tweetathon.sources.base import parse_time
from tweetathon.store.capture import CaptureBatch

POST = "app.bsky.feed.post"
SUBSCRIBE = "com.atproto.sync.subscribeRepos"
IDLE_SECONDS_ONCE = 1.0
FLUSH_SECONDS = 0.5
MAX_FRAME_BYTES = 5 * 1024 * 1024


class BlueskyFirehoseSource:
    platform = "bluesky"

    def __init__(self, base_uri: str, hashtags: tuple[str, ...], tracker: ConversationTracker | None = None,
                 backoff: Backoff | None = None, start_live: bool = False) -> None:
        """`start_live`: with no saved cursor, begin at the relay's present instead of its oldest event."""
        self.start_live = start_live
        self.base_uri = base_uri.rstrip("/").replace("https://", "wss://", 1).replace("http://", "ws://", 1)
        if not self.base_uri.endswith("/xrpc"):
            self.base_uri += "/xrpc"
        self.hashtags = {h.lstrip("#").lower() for h in hashtags}
        self.tracker = tracker or ConversationTracker()
        self.backoff = backoff or Backoff()
        self.name = f"firehose {self.base_uri}"

    def run(self, ctx: SourceContext) -> None:
        state = _FirehoseState(ctx, self, int(ctx.cursor) if ctx.cursor else None)
        attempt = 0
        while not ctx.stopping:
            received, reason = self.connection(ctx, state)
            state.flush(force=True)
            if ctx.stopping or reason == "caught up":
                return
            attempt = 0 if received else attempt + 1
            delay = self.backoff.delay(attempt)
            ctx.lost(reason)
            ctx.health("reconnect", ctx.now(), None,
                       f"{reason}; resuming from cursor seq={state.seq or 0} in {delay:.1f} s")
            if not ctx.sleep(delay):
                return

    def url(self, seq: int | None) -> str:
        if seq is None and self.start_live:
            return f"{self.base_uri}/{SUBSCRIBE}"
        return f"{self.base_uri}/{SUBSCRIBE}?cursor={seq or 0}"

    def connection(self, ctx: SourceContext, state: _FirehoseState) -> tuple[int, str]:
        """One connection from the current seq: (events received, why it ended)."""
        received = 0
        try:
            ws = connect(self.url(state.seq), max_size=MAX_FRAME_BYTES, open_timeout=10, close_timeout=0.2)
        except InvalidStatus as exc:
            return self.refused(ctx, exc.response.status_code)
        except (WebSocketException, OSError) as exc:
            ctx.down(f"firehose unreachable ({type(exc).__name__}: {exc})")
            return received, f"firehose unreachable ({type(exc).__name__})"
        ctx.up(f"resumed from cursor seq={state.seq or 0}: the firehose replays what was missed")
        try:
            with ws:
                while not ctx.stopping:
                    if ctx.once and state.caught_up():
                        return received, "caught up"
                    try:
                        data = ws.recv(timeout=0.2)
                    except TimeoutError:
                        state.flush()
                        continue
                    problem = state.on_frame(data)
                    if problem:
                        return received, problem
                    received += 1
                    state.flush()
        except (WebSocketException, OSError) as exc:
            return received, f"firehose dropped ({type(exc).__name__})"
        return received, "stopped"

    def refused(self, ctx: SourceContext, status: int) -> tuple[int, str]:
        """The firehose answered the WebSocket upgrade with an HTTP error status."""
        reason = f"firehose refused the connection with {status}"
        refuse_credentials(ctx, status, f"{self.base_uri}/{SUBSCRIBE}")
        ctx.down(reason)
        return 0, reason

    def wanted(self, uri: str, record: dict[str, Any]) -> bool:
        if bluesky_post_tags(record) & self.hashtags:
            self.tracker.add(uri)
            return True
        reply = record.get("reply") or {}
        parent = (reply.get("parent") or {}).get("uri")
        root = (reply.get("root") or {}).get("uri")
        if self.tracker.replies_to(parent, root):
            self.tracker.add(uri)
            return True
        return False


class _FirehoseState:
    """Buffer of wanted records and the newest seq, flushed as one batch at a time."""

    def __init__(self, ctx: SourceContext, source: BlueskyFirehoseSource, seq: int | None) -> None:
        self.ctx, self.source = ctx, source
        self.buffer: list[dict[str, Any]] = []
        self.seq = self.flushed_seq = seq
        self.started = ctx.now()
        self.latest: datetime | None = None
        self.last_message = self.last_flush = time.monotonic()

    def caught_up(self) -> bool:
        """(--once) The replay has reached the moment the pass started, or the firehose has gone quiet."""
        return (self.latest is not None and self.latest >= self.started) or \
            time.monotonic() - self.last_message > IDLE_SECONDS_ONCE

    def on_frame(self, data: str | bytes) -> str | None:
        """Process one frame; a reason to reconnect when it cannot be used."""
        self.last_message = time.monotonic()
        if isinstance(data, str):
            return None
        try:
            frame = firehose_models.Frame.from_bytes(data)
        except (ValueError, KeyError, TypeError) as exc:  # DAG-CBOR errors are ValueErrors
            now = self.ctx.now()
            self.ctx.health("error", now, now, f"firehose frame could not be decoded ({len(data)} bytes: "
                                               f"{type(exc).__name__}); replaying from seq={self.seq or 0}")
            return "firehose sent an undecodable frame"
        if isinstance(frame, firehose_models.ErrorFrame):
            return f"firehose error {frame.body.error}: {frame.body.message}"
        if isinstance(frame, firehose_models.MessageFrame):
            self.on_message(frame)
        return None

    def on_message(self, frame: Any) -> None:
        message = parse_subscribe_repos_message(frame)
        if isinstance(message, models.ComAtprotoSyncSubscribeRepos.Info):
            self._info(message)
            return
        seq = getattr(message, "seq", None)
        if not isinstance(seq, int):
            return
        if isinstance(message, models.ComAtprotoSyncSubscribeRepos.Commit):
            self.buffer += [{"uri": uri, "cid": cid, "value": record} for uri, cid, record in _post_records(message)
                            if self.source.wanted(uri, record)]
            self.latest = parse_time(message.time) if message.time else self.latest
        self.seq = seq

    def _info(self, message: Any) -> None:
        if message.name == "OutdatedCursor":
            now = self.ctx.now()
            self.ctx.health("gap", now, now, f"the firehose no longer holds events after seq={self.seq or 0} "
                                             f"(OutdatedCursor: {message.message}); they cannot be replayed")

    def flush(self, force: bool = False) -> None:
        if not force and time.monotonic() - self.last_flush < FLUSH_SECONDS:
            return
        items, seq = self.buffer, self.seq
        self.buffer = []
        self.last_flush = time.monotonic()
        if not items and seq == self.flushed_seq:
            return
        now = self.ctx.now()
        mapped = map_payloads("bluesky", items, f"{self.source.base_uri}/{SUBSCRIBE}", now)
        self.ctx.emit(CaptureBatch("bluesky", self.source.name, mapped.posts, mapped.snapshots, mapped.deletions,
                                   None if seq is None else str(seq)))
        self.flushed_seq = seq


def _post_records(commit: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(uri, cid, record) of every post created in a commit."""
    found = []
    blocks = None
    for op in commit.ops:
        if op.action != "create" or not op.path.startswith(POST + "/") or op.cid is None:
            continue
        blocks = blocks or CAR.from_bytes(commit.blocks).blocks
        record = blocks.get(op.cid)
        if isinstance(record, dict):
            found.append((f"at://{commit.repo}/{op.path}", str(op.cid), _plain(record)))
    return found


def _plain(value: Any) -> Any:
    """A decoded DAG-CBOR record as plain JSON data (CIDs and bytes as strings)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class BlueskySearchSource:
    """app.bsky.feed.searchPosts?tag=... on an AppView, newest first, back to the newest post already seen."""

    platform = "bluesky"

    def __init__(self, client: httpx.Client, appview: str, tag: str, poll_seconds: float, backoff: Backoff,
                 token: str | None = None) -> None:
        self.client, self.appview, self.tag = client, appview.rstrip("/"), tag.lstrip("#")
        self.poll_seconds, self.backoff, self._token = poll_seconds, backoff, token
        self.name = f"search {self.appview} #{self.tag}"

    def run(self, ctx: SourceContext) -> None:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        fetcher = Fetcher(self.client, ctx, self.backoff, headers)
        poll(ctx, lambda: self.one_pass(ctx, fetcher), self.poll_seconds)

    def one_pass(self, ctx: SourceContext, fetcher: Fetcher) -> None:
        url = f"{self.appview}/xrpc/app.bsky.feed.searchPosts"
        params: dict[str, Any] = {"q": f"#{self.tag}", "tag": self.tag, "sort": "latest", "limit": 100}
        newest = ctx.cursor
        while True:
            response = fetcher.get(url, params)
            response.raise_for_status()
            page = response.json()
            views = page.get("posts") or []
            fresh = [v for v in views if not ctx.cursor or str(v.get("indexedAt", "")) > ctx.cursor]
            mapped = map_payloads("bluesky", [{"posts": fresh}], str(response.url), ctx.now())
            top = max((str(v.get("indexedAt", "")) for v in fresh), default=None)
            newest = max(filter(None, (newest, top)), default=None)
            ctx.emit(CaptureBatch("bluesky", self.name, mapped.posts, mapped.snapshots, mapped.deletions))
            if len(fresh) < len(views) or not page.get("cursor"):
                break
            params["cursor"] = page["cursor"]
        if newest:
            ctx.emit(CaptureBatch("bluesky", self.name, cursor=newest))


def bluesky_sources(config: CaptureConfig, event: Event, client: httpx.Client, poll_seconds: float,
                    backoff: Backoff, known_posts: list[str] | None = None) -> list[Source]:
    tracker = ConversationTracker(known_posts or [])
    sources: list[Source] = [BlueskyFirehoseSource(config.bluesky_firehose_url, event.hashtags, tracker, backoff,
                                                   start_live=config.bluesky_start == "live")]
    if config.bluesky_appview_url:
        sources += [BlueskySearchSource(client, config.bluesky_appview_url, tag, poll_seconds, backoff)
                    for tag in event.hashtags]
    return sources
