"""A local X API v2 server for publishing tests: what an account posts, as X documents it.

`GET /2/users/me`; `POST /2/tweets` (JSON `text`, `media.media_ids`, `reply.in_reply_to_tweet_id`; answers 201
`{"data": {"id", "text", "edit_history_tweet_ids"}}`; a post with the same text as one of the account's
posts is refused with 403 "duplicate content", as X does); `DELETE /2/tweets/:id` (`{"data": {"deleted": true}}`);
`GET /2/tweets/:id` (with `expansions=attachments.media_keys`: `includes.media` with `url` and `alt_text`);
`GET /2/users/:id/tweets` (newest first, `start_time`, `max_results`; text with &, < and > escaped as X does);
`POST /2/media/upload` (multipart `media`, `media_category`; `{"data": {"id", "media_key", ...}}`);
`POST /2/media/metadata` (alt text); and the uploaded bytes at `GET /media/KEY` (as X's image host serves
them). An OAuth 2.0 user token is required (401 otherwise). `posts` keeps every post, deleted or not;
`post_faults` makes the next POST /2/tweets answer those statuses.
"""

from __future__ import annotations

import html
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import orjson

from tests.capture.servers.x_server import snowflake


@dataclass
class XAccountWorld:
    token: str
    user: dict[str, str] = field(default_factory=lambda: {"id": "2244994945", "username": "gmpolice",
                                                          "name": "Greater Manchester Police"})
    posts: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    post_faults: list[int] = field(default_factory=list)  # statuses for the next POST /2/tweets, one each

    def live(self) -> list[dict[str, Any]]:
        return [p for p in self.posts if not p.get("deleted")]


def _form(content_type: str, body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """multipart/form-data fields: name -> (filename, bytes)."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


class XPostHandler(BaseHTTPRequestHandler):
    world: XAccountWorld

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any, content_type: str = "application/json; charset=utf-8") -> None:
        data = body if isinstance(body, bytes) else orjson.dumps(body)
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.world.token}":
            return True
        self._send(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
        return False

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length", "0")))

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path.startswith("/media/"):
            found = self.world.media.get(url.path.removeprefix("/media/"))
            self._send(200, found["data"], found["mime"]) if found else self._send(404, {"title": "Not Found"})
            return
        if not self._authorised():
            return
        if url.path == "/2/users/me":
            self._send(200, {"data": self.world.user})
        elif url.path == f"/2/users/{self.world.user['id']}/tweets":
            self._timeline(query)
        elif url.path.startswith("/2/tweets/"):
            self._lookup(url.path.removeprefix("/2/tweets/"), query)
        else:
            self._send(404, {"title": "Not Found Error", "detail": url.path})

    def do_POST(self) -> None:
        if not self._authorised():
            return
        path = urlparse(self.path).path
        if path == "/2/tweets":
            self._create(orjson.loads(self._body()))
        elif path == "/2/media/upload":
            self._upload(_form(self.headers["content-type"], self._body()))
        elif path == "/2/media/metadata":
            self._metadata(orjson.loads(self._body()))
        else:
            self._send(404, {"title": "Not Found Error", "detail": path})

    def do_DELETE(self) -> None:
        if not self._authorised():
            return
        tweet_id = urlparse(self.path).path.removeprefix("/2/tweets/")
        with self.world.lock:
            found = [p for p in self.world.live() if p["id"] == tweet_id]
            for post in found:
                post["deleted"] = True
        self._send(200, {"data": {"deleted": bool(found)}})

    def _create(self, body: dict[str, Any]) -> None:
        text = body.get("text", "")
        if self.world.post_faults:
            status = self.world.post_faults.pop(0)
            self._send(status, {"title": "Service Unavailable", "status": status, "type": "about:blank"})
            return
        with self.world.lock:
            if any(p["text"] == text for p in self.world.live()):
                self._send(403, {"detail": "You are not allowed to create a Tweet with duplicate content.",
                                 "type": "about:blank", "title": "Forbidden", "status": 403})
                return
            now = datetime.now(UTC)
            media_ids = body.get("media", {}).get("media_ids", [])
            post = {"id": snowflake(now, next(self.world.seq) % 4096), "text": text,
                    "created_at": now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", "author_id": self.world.user["id"],
                    "media_keys": [self.world.media[m]["media_key"] for m in media_ids],
                    "in_reply_to": body.get("reply", {}).get("in_reply_to_tweet_id")}
            post["edit_history_tweet_ids"] = [post["id"]]
            self.world.posts.append(post)
        self._send(201, {"data": {"id": post["id"], "text": text, "edit_history_tweet_ids": [post["id"]]}})

    def _public(self, post: dict[str, Any]) -> dict[str, Any]:
        out = {k: post[k] for k in ("id", "created_at", "author_id", "edit_history_tweet_ids")}
        out["text"] = html.escape(post["text"], quote=False)
        if post["media_keys"]:
            out["attachments"] = {"media_keys": post["media_keys"]}
        if post["in_reply_to"]:
            out["referenced_tweets"] = [{"type": "replied_to", "id": post["in_reply_to"]}]
        return out

    def _timeline(self, q: dict[str, str]) -> None:
        start = q.get("start_time")
        posts = [p for p in reversed(self.world.live()) if not start or p["created_at"] >= start]
        page = posts[:int(q.get("max_results", "10"))]
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
        body = {"data": [self._public(p) for p in page], "meta": meta} if page else {"meta": meta}
        self._send(200, body)

    def _lookup(self, tweet_id: str, q: dict[str, str]) -> None:
        found = [p for p in self.world.live() if p["id"] == tweet_id]
        if not found:
            self._send(200, {"errors": [{"value": tweet_id, "detail": f"Could not find tweet with id: [{tweet_id}].",
                                         "title": "Not Found Error", "resource_type": "tweet"}]})
            return
        body: dict[str, Any] = {"data": self._public(found[0])}
        if "attachments.media_keys" in q.get("expansions", ""):
            media = [m for m in self.world.media.values() if m["media_key"] in found[0]["media_keys"]]
            body["includes"] = {"media": [{"media_key": m["media_key"], "type": "photo", "url": m["url"],
                                           "alt_text": m.get("alt_text")} for m in media]}
        self._send(200, body)

    def _upload(self, fields: dict[str, tuple[str | None, bytes]]) -> None:
        name, data = fields["media"]
        media_id = snowflake(datetime.now(UTC), next(self.world.seq) % 4096)
        key = f"3_{media_id}"
        mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        host = f"http://{self.headers['host']}"
        with self.world.lock:
            self.world.media[media_id] = {"media_key": key, "data": data, "mime": mime, "name": name,
                                          "url": f"{host}/media/{media_id}", "category": fields["media_category"][1]}
        self._send(200, {"data": {"id": media_id, "media_key": key, "size": len(data), "expires_after_secs": 86400,
                                  "image": {"image_type": mime}}})

    def _metadata(self, body: dict[str, Any]) -> None:
        found = self.world.media.get(body.get("id", ""))
        if found is None:
            self._send(400, {"errors": [{"message": "media not found"}], "title": "Invalid Request"})
            return
        found["alt_text"] = body["metadata"]["alt_text"]["text"]
        self._send(200, {"data": {"id": body["id"], "associated_metadata": body["metadata"]}})


@contextmanager
def serve_x_account(world: XAccountWorld) -> Iterator[str]:
    """Run the server for `world`; yields its base URL (http://127.0.0.1:PORT)."""
    handler = type("Handler", (XPostHandler,), {"world": world})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
