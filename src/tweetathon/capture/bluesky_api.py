"""Bluesky: the repository firehose (com.atproto.sync.subscribeRepos) filtered by tag facets, with its cursor;
and app.bsky.feed.searchPosts by tag for catch-up where an AppView is configured.

Firehose cursor: the `seq` of the last commit processed, kept up to date in the client's params so its own
reconnects (atproto's client backs off and redials) resume exactly there, and persisted with every batch so a
restart resumes there too. `--once` replays from the cursor until the firehose has been quiet for a moment.
A post is kept when a facet (or the record's `tags`) carries an event hashtag, or when it replies to a post
already captured (the conversation around participants: see conversation.py). Records are mapped by
`sources/bluesky.py` from `{uri, cid, value}`, exactly as a listRecords file would be.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from atproto import CAR, FirehoseSubscribeReposClient, models, parse_subscribe_repos_message

from tweetathon.capture.conversation import ConversationTracker, bluesky_post_tags
from tweetathon.capture.credentials import CaptureConfig
from tweetathon.capture.http import Backoff, Fetcher, StopCapture
from tweetathon.capture.mapping import map_payloads
from tweetathon.capture.runner import Source, SourceContext
from tweetathon.model import Event
from tweetathon.store.capture import CaptureBatch

POST = "app.bsky.feed.post"
IDLE_SECONDS_ONCE = 2.0
FLUSH_SECONDS = 0.5


class _Client(FirehoseSubscribeReposClient):  # type: ignore[misc]
    """The atproto firehose client, telling us each time it (re)dials."""

    dials = 0

    def _before_connect(self) -> None:
        self.dials += 1
        super()._before_connect()


class BlueskyFirehoseSource:
    platform = "bluesky"

    def __init__(self, base_uri: str, hashtags: tuple[str, ...], tracker: ConversationTracker | None = None) -> None:
        self.base_uri = base_uri.rstrip("/").replace("https://", "wss://", 1).replace("http://", "ws://", 1)
        if not self.base_uri.endswith("/xrpc"):
            self.base_uri += "/xrpc"
        self.hashtags = {h.lstrip("#").lower() for h in hashtags}
        self.tracker = tracker or ConversationTracker()
        self.name = f"firehose {self.base_uri}"

    def run(self, ctx: SourceContext) -> None:
        params = {"cursor": int(ctx.cursor)} if ctx.cursor else {"cursor": 0}
        client = _Client(params, base_uri=self.base_uri)
        state = _FirehoseState(ctx, self)
        watcher = threading.Thread(target=self._watch, args=(ctx, client, state), daemon=True)
        watcher.start()
        client.start(lambda message: state.on_message(client, message))
        state.flush(force=True)

    def _watch(self, ctx: SourceContext, client: _Client, state: _FirehoseState) -> None:
        """Stop the client when the capture stops, or (--once) when the replay has gone quiet."""
        dials = 0
        while not ctx.stopping:
            if ctx.once and time.monotonic() - state.last_message > IDLE_SECONDS_ONCE:
                break
            if client.dials > dials + 1 or (dials and client.dials > dials):
                ctx.health("reconnect", ctx.now(), None, f"firehose redialled from cursor {ctx.cursor}")
            dials = client.dials
            state.flush()
            time.sleep(0.1)
        client.stop()

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

    def __init__(self, ctx: SourceContext, source: BlueskyFirehoseSource) -> None:
        self.ctx, self.source = ctx, source
        self.buffer: list[dict[str, Any]] = []
        self.seq: int | None = None
        self.flushed_seq: int | None = None
        self.last_message = time.monotonic()
        self.last_flush = time.monotonic()
        self.lock = threading.Lock()

    def on_message(self, client: _Client, message: Any) -> None:
        self.last_message = time.monotonic()
        commit = parse_subscribe_repos_message(message)
        if not isinstance(commit, models.ComAtprotoSyncSubscribeRepos.Commit):
            return
        records = _post_records(commit)
        with self.lock:
            for uri, cid, record in records:
                if self.source.wanted(uri, record):
                    self.buffer.append({"uri": uri, "cid": cid, "value": record})
            self.seq = commit.seq
        client.update_params({"cursor": commit.seq})

    def flush(self, force: bool = False) -> None:
        if not force and time.monotonic() - self.last_flush < FLUSH_SECONDS:
            return
        with self.lock:
            items, seq = self.buffer, self.seq
            self.buffer = []
        self.last_flush = time.monotonic()
        if not items and seq == self.flushed_seq:
            return
        now = self.ctx.now()
        mapped = map_payloads("bluesky", items, f"{self.source.base_uri}/com.atproto.sync.subscribeRepos", now)
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
        try:
            while not ctx.stopping:
                self.one_pass(ctx, fetcher)
                if ctx.once or not ctx.sleep(self.poll_seconds):
                    return
        except StopCapture:
            return

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
    sources: list[Source] = [BlueskyFirehoseSource(config.bluesky_firehose_url, event.hashtags, tracker)]
    if config.bluesky_appview_url:
        sources += [BlueskySearchSource(client, config.bluesky_appview_url, tag, poll_seconds, backoff)
                    for tag in event.hashtags]
    return sources
