"""A local X API v2 server for capture tests: replays recorded responses and simulates a live event.

Runs on 127.0.0.1 on a free port (ThreadingHTTPServer; HTTP/1.0, so every response ends by closing). It
speaks the documented API: `GET /2/tweets/search/recent` (query with #hashtags or conversation_id:,
since_id, until_id, max_results, next_token; newest first; `meta.next_token`), `GET /2/tweets/search/stream`
(one JSON line per tweet matching a rule, with `matching_rules`; blank keep-alive lines),
`GET|POST /2/tweets/search/stream/rules`, and `x-rate-limit-limit/remaining/reset` headers. A bearer token
is required (401 otherwise); a query longer than `query_limit` (512, as on Basic access) is refused with 400.

Live simulation: tweets are published one by one, `rate` per second, from the first search or stream request (rate None:
all are public from the start). A connection receives the tweets published while it is open; tweets published while no
connection is open are never streamed (the client must recover them by search). `stream_faults` lists what
happens to successive connections: ("ok", n, "drop"|"truncate"|"hold") sends n tweets (or all, n=None) then
closes, cuts the next line in half (that tweet is withheld), or holds the connection; ("status", 429|503)
refuses the connection. `streamed_ids` is what was delivered in full; `withheld()` is every published tweet
the stream never delivered. `search_faults` lists statuses for the first search requests; `always` (e.g. 500,
403) answers every request with that status, as a broken or refusing server does.
"""

from __future__ import annotations

import base64
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import orjson
import yaml

EPOCH_MS = 1288834974657


def snowflake(at: datetime, seq: int) -> str:
    """An X-style id: milliseconds since the X epoch shifted left 22 bits, plus a sequence."""
    return str(((int(at.timestamp() * 1000) - EPOCH_MS) << 22) + seq)


def make_tweets(n: int, hashtag: str, start: datetime, authors: int = 7,
                reply_to: dict[int, int] | None = None) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """n tweets (documented v2 shape) carrying #hashtag, one a second from `start`, and their authors.
    `reply_to` maps a tweet index to the index it replies to; such replies carry no hashtag."""
    users = {str(1000 + a): {"id": str(1000 + a), "username": f"agency{a}", "name": f"Agency {a}",
                             "public_metrics": {"followers_count": 100 * (a + 1), "following_count": 10,
                                                "tweet_count": 50, "listed_count": 1}}
             for a in range(authors)}
    tweets: list[dict[str, Any]] = []
    for i in range(n):
        at = start + timedelta(seconds=i)
        author = str(1000 + i % authors)
        tweet = {"id": snowflake(at, i % 4096), "author_id": author,
                 "created_at": at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                 "text": f"Update {i} from the control room #{hashtag}", "lang": "en",
                 "edit_history_tweet_ids": [], "public_metrics": {"retweet_count": 0, "reply_count": 0,
                                                                  "like_count": i % 5, "quote_count": 0},
                 "entities": {"hashtags": [{"start": 33, "end": 34 + len(hashtag), "tag": hashtag}]}}
        tweet["edit_history_tweet_ids"] = [tweet["id"]]
        tweet["conversation_id"] = tweet["id"]
        if reply_to and i in reply_to:
            parent = tweets[reply_to[i]]
            tweet.update(text=f"@{users[parent['author_id']]['username']} thank you, when is it open?",
                         conversation_id=parent["conversation_id"], in_reply_to_user_id=parent["author_id"],
                         referenced_tweets=[{"type": "replied_to", "id": parent["id"]}])
            tweet.pop("entities")
        tweets.append(tweet)
    return tweets, users


def load_recorded(cassette: Path) -> list[tuple[str, int, dict[str, str], bytes]]:
    """(uri, status, headers, body) of each interaction in a vcrpy YAML cassette (gzip bodies decoded)."""
    data = yaml.safe_load(cassette.read_text())
    found = []
    for item in data["interactions"]:
        resp = item["response"]
        body = resp["body"]["string"]
        body = body if isinstance(body, bytes) else body.encode()
        headers = {k.lower(): v[0] for k, v in resp["headers"].items()}
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        found.append((item["request"]["uri"], resp["status"]["code"], headers, body))
    return found


@dataclass
class XWorld:
    """What the server holds and how it misbehaves."""

    token: str
    tweets: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    rate: float | None = None
    stream_faults: list[tuple[Any, ...]] = field(default_factory=list)
    search_faults: list[int] = field(default_factory=list)
    recorded: list[tuple[str, int, dict[str, str], bytes]] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    streamed_ids: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    started: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    connections: int = 0
    query_limit: int = 512
    always: int | None = None

    def published(self) -> int:
        """How many tweets are public now: all of them when `rate` is None, else `rate` a second from the
        first request."""
        if self.rate is None:
            return len(self.tweets)
        if self.started is None:
            return 0
        return min(len(self.tweets), int((time.monotonic() - self.started) * self.rate))

    def withheld(self) -> list[str]:
        """Published tweets matching a stream rule that the stream never delivered in full."""
        sent = set(self.streamed_ids)
        return [t["id"] for t in self.tweets[:self.published()] if t["id"] not in sent and self.ruled(t)]

    def ruled(self, tweet: dict[str, Any]) -> bool:
        """Whether a stream rule matches the tweet (the filtered stream sends only those)."""
        return any(_matches(tweet, r["value"]) for r in self.rules)

    def includes(self, tweets: list[dict[str, Any]]) -> dict[str, Any]:
        ids = dict.fromkeys(t["author_id"] for t in tweets)
        return {"users": [self.users[i] for i in ids if i in self.users]}


def _rate_headers(remaining: int = 449, reset_in: int = 900) -> dict[str, str]:
    return {"x-rate-limit-limit": "450", "x-rate-limit-remaining": str(remaining),
            "x-rate-limit-reset": str(int(time.time()) + reset_in)}


class XHandler(BaseHTTPRequestHandler):
    world: XWorld

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else orjson.dumps(body)
        self.send_response(status)
        self.send_header("content-type", "application/json; charset=utf-8")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.world.always is not None:
            self._send(self.world.always, {"title": "Error", "status": self.world.always})
            return False
        if self.headers.get("Authorization") == f"Bearer {self.world.token}":
            return True
        self._send(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
        return False

    def do_GET(self) -> None:
        url = urlparse(self.path)
        self.world.requests.append(self.path)
        if url.path in ("/2/tweets/search/recent", "/2/tweets/search/stream"):
            with self.world.lock:
                self.world.started = self.world.started or time.monotonic()
        if not self._authorised():
            return
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/2/tweets/search/recent":
            self._search(query)
        elif url.path == "/2/tweets/search/stream/rules":
            self._send(200, {"data": self.world.rules, "meta": {"result_count": len(self.world.rules)}})
        elif url.path == "/2/tweets/search/stream":
            self._stream()
        else:
            self._send(404, {"title": "Not Found Error", "detail": url.path})

    def do_POST(self) -> None:
        if not self._authorised():
            return
        body = orjson.loads(self.rfile.read(int(self.headers.get("content-length", "0"))) or b"{}")
        with self.world.lock:
            deleted = set(body.get("delete", {}).get("ids", []))
            self.world.rules = [r for r in self.world.rules if r["id"] not in deleted]
            for n, rule in enumerate(body.get("add", []), start=len(self.world.rules) + 1):
                self.world.rules.append({"id": str(n * 1000 + 7), "value": rule["value"], "tag": rule["tag"]})
        self._send(201, {"data": self.world.rules, "meta": {"summary": {"created": len(body.get("add", []))}}})

    def _search(self, q: dict[str, str]) -> None:
        if len(q.get("query", "")) > self.world.query_limit:
            self._send(400, {"errors": [{"parameters": {"query": [q["query"]]},
                                         "message": f"Query length exceeds {self.world.query_limit}"}],
                             "title": "Invalid Request"})
            return
        if self.world.search_faults:
            status = self.world.search_faults.pop(0)
            headers = _rate_headers(0, 1) if status == 429 else {}
            self._send(status, {"title": "Too Many Requests" if status == 429 else "Service Unavailable"}, headers)
            return
        for uri, status, headers, body in self.world.recorded:
            recorded_query = {k: v[0] for k, v in parse_qs(urlparse(uri).query).items()}
            if recorded_query.get("query") == q.get("query") and \
                    recorded_query.get("next_token") == q.get("next_token"):
                keep = {k: v for k, v in headers.items() if k.startswith("x-rate-limit")}
                self._send(status, body, keep)
                return
        matches = [t for t in self.world.tweets[:self.world.published()]
                   if _matches(t, q.get("query", ""))
                   and (not q.get("since_id") or int(t["id"]) > int(q["since_id"]))
                   and (not q.get("until_id") or int(t["id"]) < int(q["until_id"]))]
        matches.sort(key=lambda t: int(t["id"]), reverse=True)
        size = max(10, min(100, int(q.get("max_results", "10"))))
        offset = int(base64.b64decode(q["next_token"])) if q.get("next_token") else 0
        page = matches[offset:offset + size]
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
        if offset + size < len(matches):
            meta["next_token"] = base64.b64encode(str(offset + size).encode()).decode()
        body = {"data": page, "includes": self.world.includes(page), "meta": meta} if page else {"meta": meta}
        self._send(200, body, _rate_headers())

    def _stream(self) -> None:
        world = self.world
        with world.lock:
            fault = world.stream_faults.pop(0) if world.stream_faults else ("ok", None, "hold")
            world.connections += 1
        if fault[0] == "status":
            headers = _rate_headers(0, 1) if fault[1] == 429 else {}
            self._send(fault[1], {"title": "refused", "status": fault[1]}, headers)
            return
        self.send_response(200)
        self.send_header("content-type", "application/json; charset=utf-8")
        self.end_headers()
        try:
            self._stream_tweets(fault[1], fault[2])
        except (BrokenPipeError, ConnectionResetError):
            return

    def _stream_tweets(self, limit: int | None, ending: str) -> None:
        world = self.world
        position, sent, last_beat = world.published(), 0, time.monotonic()
        rule = world.rules[0] if world.rules else {"id": "1", "tag": ""}
        while not world.stopping.is_set():
            if limit is not None and sent >= limit:
                break
            if position < world.published():
                tweet = world.tweets[position]
                if not world.ruled(tweet):
                    position += 1
                    continue
                line = orjson.dumps({"data": tweet, "includes": world.includes([tweet]),
                                     "matching_rules": [{"id": rule["id"], "tag": rule["tag"]}]}) + b"\r\n"
                self.wfile.write(line)
                self.wfile.flush()
                world.streamed_ids.append(tweet["id"])
                position, sent = position + 1, sent + 1
                continue
            if position >= len(world.tweets) and ending != "hold":
                break
            if time.monotonic() - last_beat > 0.5:
                self.wfile.write(b"\r\n")
                self.wfile.flush()
                last_beat = time.monotonic()
            time.sleep(0.002)
        if ending == "truncate" and position < len(world.tweets):
            while position >= world.published():
                time.sleep(0.002)
            tweet = world.tweets[position]
            self.wfile.write(orjson.dumps({"data": tweet, "includes": world.includes([tweet])})[:60])
            self.wfile.flush()


def _matches(tweet: dict[str, Any], query: str) -> bool:
    tags = {h["tag"].lower() for h in tweet.get("entities", {}).get("hashtags", [])}
    for term in query.replace("(", " ").replace(")", " ").split():
        if term.startswith("#") and term[1:].lower() in tags:
            return True
        if term.startswith("conversation_id:") and tweet.get("conversation_id") == term.split(":", 1)[1]:
            return True
    return False


@contextmanager
def serve_x(world: XWorld) -> Iterator[str]:
    """Run the server for `world`; yields its base URL (http://127.0.0.1:PORT)."""
    handler = type("Handler", (XHandler,), {"world": world})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        world.stopping.set()
        server.shutdown()
        server.server_close()


def start_time() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
