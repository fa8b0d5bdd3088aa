"""A small Mastodon server for the capture fault tests: the hashtag timeline and the hashtag stream, misbehaving.

mastodon_mock speaks the protocol well, but cannot drop a WebSocket mid-way or send a cut-off frame. This
server (websockets' sync server on 127.0.0.1; plain HTTP requests are answered from `process_request`) does:
`GET /api/v1/timelines/tag/:tag` (min_id, limit; the page just above min_id, newest first, as Mastodon does)
and the WebSocket `GET /api/v1/streaming?stream=hashtag&tag=...` with real Mastodon frames
(`{"stream": ["hashtag", tag], "event": "update", "payload": "<JSON>"}`). A bearer token is required.

Live simulation as in x_server.py: statuses are published `rate` a second from the first request; a stream
connection receives those published while it is open. `stream_faults` says what happens to successive
connections: ("ok", n, "drop") sends n statuses then drops the TCP connection without a close frame;
("ok", n, "garble") sends n, then the next status's frame cut in half (that status is withheld), then
carries on; ("ok", None, "hold") keeps streaming. `streamed_ids` were delivered in full. `always` (e.g. 500,
403) answers every request, the WebSocket upgrade included, with that status.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import ServerConnection, serve

HOST = "police.example"


def make_statuses(n: int, tag: str, start: datetime, authors: int = 5) -> list[dict[str, Any]]:
    """n statuses (Mastodon API shape, hashtag linked in `content` as real Mastodon does), one a second."""
    out = []
    for i in range(n):
        a = i % authors
        sid = str(110_000_000_000_000_000 + i * 1000)
        account = {"id": str(500 + a), "username": f"unit{a}", "acct": f"unit{a}", "display_name": f"Unit {a}",
                   "url": f"https://{HOST}/@unit{a}", "followers_count": 10 * (a + 1), "following_count": 3,
                   "statuses_count": 40, "note": "", "created_at": "2020-01-01T00:00:00.000Z"}
        link = f'<a href="https://{HOST}/tags/{tag}" class="mention hashtag" rel="tag">#<span>{tag}</span></a>'
        out.append({"id": sid, "uri": f"https://{HOST}/users/unit{a}/statuses/{sid}",
                    "url": f"https://{HOST}/@unit{a}/{sid}",
                    "created_at": (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "content": f"<p>Incident update {i} {link}</p>", "language": "en", "visibility": "public",
                    "in_reply_to_id": None, "in_reply_to_account_id": None, "reblog": None, "spoiler_text": "",
                    "tags": [{"name": tag, "url": f"https://{HOST}/tags/{tag}"}], "mentions": [],
                    "media_attachments": [], "replies_count": 0, "reblogs_count": 0, "favourites_count": i % 3,
                    "account": account})
    return out


def id_key(status_id: str) -> tuple[int, str]:
    return (len(status_id), status_id)


@dataclass
class MastodonWorld:
    token: str
    tag: str
    statuses: list[dict[str, Any]] = field(default_factory=list)
    rate: float | None = None
    stream_faults: list[tuple[Any, ...]] = field(default_factory=list)
    streamed_ids: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    started: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    always: int | None = None

    def published(self) -> int:
        if self.rate is None:
            return len(self.statuses)
        if self.started is None:
            return 0
        return min(len(self.statuses), int((time.monotonic() - self.started) * self.rate))

    def withheld(self) -> list[str]:
        """Published statuses the stream never delivered in full."""
        sent = set(self.streamed_ids)
        return [s["id"] for s in self.statuses[:self.published()] if s["id"] not in sent]

    def page(self, min_id: str, limit: int) -> list[dict[str, Any]]:
        above = [s for s in self.statuses[:self.published()] if id_key(s["id"]) > id_key(min_id)]
        return list(reversed(above[:limit]))


def _json(status: int, body: Any) -> Response:
    data = orjson.dumps(body)
    headers = Headers([("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data))),
                       ("Connection", "close")])
    return Response(status, "OK" if status == 200 else "Error", headers, data)


def _handlers(world: MastodonWorld) -> tuple[Any, Any]:
    def process_request(connection: ServerConnection, request: Request) -> Response | None:
        world.requests.append(request.path)
        with world.lock:
            world.started = world.started or time.monotonic()
        if world.always is not None:
            return _json(world.always, {"error": "Something went wrong"})
        if request.headers.get("Authorization") != f"Bearer {world.token}":
            return _json(401, {"error": "The access token is invalid"})
        url = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == f"/api/v1/timelines/tag/{world.tag}":
            return _json(200, world.page(query.get("min_id", "0"), int(query.get("limit", "20"))))
        if url.path == "/api/v1/streaming" and query.get("tag") == world.tag:
            return None  # the WebSocket handshake goes on
        return _json(404, {"error": "Record not found"})

    def stream(connection: ServerConnection) -> None:
        with world.lock:
            fault = world.stream_faults.pop(0) if world.stream_faults else ("ok", None, "hold")
        try:
            _stream(world, connection, fault[1], fault[2])
        except ConnectionClosed:
            return

    return process_request, stream


def _frame(world: MastodonWorld, status: dict[str, Any]) -> str:
    return orjson.dumps({"stream": ["hashtag", world.tag], "event": "update",
                         "payload": orjson.dumps(status).decode()}).decode()


def _stream(world: MastodonWorld, connection: ServerConnection, limit: int | None, ending: str) -> None:
    position, sent = world.published(), 0
    while not world.stopping.is_set():
        if position >= world.published():
            time.sleep(0.002)
            continue
        status = world.statuses[position]
        position += 1
        if limit is not None and sent == limit:
            if ending == "drop":
                connection.socket.shutdown(socket.SHUT_RDWR)  # no close frame: the client sees an error
                return
            connection.send(_frame(world, status)[:70])      # "garble": cut in half, then carry on
            limit = None
            continue
        connection.send(_frame(world, status))
        world.streamed_ids.append(status["id"])
        sent += 1


@contextmanager
def serve_mastodon(world: MastodonWorld) -> Iterator[str]:
    """Run the server for `world`; yields its base URL (http://127.0.0.1:PORT)."""
    process_request, stream = _handlers(world)
    server = serve(stream, "127.0.0.1", 0, process_request=process_request, compression=None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.socket.getsockname()[1]}"
    finally:
        world.stopping.set()
        server.shutdown()


def start_time() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
