"""Mastodon capture: the protocol against mastodon_mock (a real HTTP + WebSocket server), and contract tests on
recorded real Mastodon responses for what the mock gets wrong (hashtag links in `content`, the `stream` field)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import yaml
from mastodon_mock.testing import MockServer
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from tests.capture.helpers import add_event, collected_ids, run_until
from tests.conftest import require_fixtures
from tweetathon.capture.http import Backoff
from tweetathon.capture.mastodon_api import MastodonHashtagSource, UriDeduper, parse_frame
from tweetathon.store.schema import posts
from tweetathon.store.store import Store

FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


def _post(server: MockServer, text: str, token: str = "alice_token") -> dict[str, Any]:
    r = httpx.post(server.base_url + "/api/v1/statuses", headers={"Authorization": f"Bearer {token}"},
                   data={"status": text})
    r.raise_for_status()
    return dict(r.json())


def _fault(server: MockServer, effect: dict[str, Any]) -> None:
    httpx.post(server.base_url + "/api/v1/_mock/faults", json={
        "match": {"path": "/api/v1/timelines/tag/*"}, "path": "/api/v1/timelines/tag/*",
        "effect": effect, "count": 1}).raise_for_status()


def test_polls_with_min_id_through_429_and_503_then_follows_the_stream(mastodon: MockServer,
                                                                         sqlite_store: Store) -> None:
    posted = [_post(mastodon, f"Neighbourhood update {i} #polchat", "alice_token" if i % 2 else "bob_token")
              for i in range(45)]
    reset = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    _fault(mastodon, {"type": "ratelimit", "headers": {"X-RateLimit-Reset": reset, "Retry-After": "1"}})
    _fault(mastodon, {"type": "status", "status": 503})
    capture = add_event(sqlite_store, "polchat", "polchat")
    with httpx.Client() as client:
        source = MastodonHashtagSource(client, mastodon.base_url, "polchat", "alice_token", UriDeduper(),
                                       backoff=FAST)
        later: list[dict[str, Any]] = []

        def done() -> bool:
            have = len(collected_ids(sqlite_store, "mastodon"))
            if have >= 45 and not later:  # the stream was opened before the catch-up poll: it sees these
                later.extend(_post(mastodon, f"Live answer {i} #polchat") for i in range(5))
            return have >= 50

        run_until(capture, [source], done, timeout=30)
    expected = {s["id"] for s in posted + later}
    assert set(collected_ids(sqlite_store, "mastodon")) == expected
    assert len(collected_ids(sqlite_store, "mastodon")) == 50
    waits = capture.health("ratelimit", "mastodon")
    assert len(waits) == 1 and 0 <= (waits[0]["end"] - waits[0]["start"]).total_seconds() <= 2
    assert any("503" in r["detail"] for r in capture.health("reconnect", "mastodon"))
    assert capture.cursor("mastodon", source.name) == max((s["id"] for s in posted + later), key=lambda i: (len(i), i))


def test_once_resumes_from_the_cursor_without_refetching(mastodon: MockServer, sqlite_store: Store) -> None:
    first = [_post(mastodon, f"Morning briefing {i} #bsp24") for i in range(3)]
    capture = add_event(sqlite_store, "bsp24", "bsp24")
    with httpx.Client() as client:
        source = MastodonHashtagSource(client, mastodon.base_url, "bsp24", None, UriDeduper(), backoff=FAST)
        run_until(capture, [source], lambda: False, once=True)
        cursor = capture.cursor("mastodon", source.name)
        second = [_post(mastodon, f"Afternoon briefing {i} #bsp24") for i in range(2)]
        run_until(capture, [source], lambda: False, once=True)
    assert cursor == first[-1]["id"]
    assert sorted(collected_ids(sqlite_store, "mastodon")) == sorted(s["id"] for s in first + second)


def _recorded_timeline() -> list[dict[str, Any]]:
    cassette = require_fixtures("mastodon", "test_hashtag_tl.yaml")
    for item in yaml.safe_load(cassette.read_text())["interactions"]:
        if "/timelines/tag/" in item["request"]["uri"]:
            return list(orjson.loads(item["response"]["body"]["string"]))
    raise AssertionError("no hashtag timeline in the cassette")


def _serve_timeline(server: HTTPServer, statuses: list[dict[str, Any]]) -> None:
    newest = max(s["id"] for s in statuses)

    def handler(request: Request) -> Response:
        min_id = request.args.get("min_id")
        body = [] if min_id and (len(min_id), min_id) >= (len(newest), newest) else statuses
        return Response(orjson.dumps(body), content_type="application/json")

    server.expect_request("/api/v1/timelines/tag/hoot").respond_with_handler(handler)


def test_recorded_real_statuses_seen_on_two_instances_are_stored_once(sqlite_store: Store) -> None:
    statuses = _recorded_timeline()
    assert 'rel="tag"' in statuses[0]["content"]  # real Mastodon links hashtags in content; the mock does not
    elsewhere = [{**s, "id": str(int(s["id"]) + 7)} for s in statuses]  # another instance's local ids
    capture = add_event(sqlite_store, "hoot", "hoot")
    dedupe = UriDeduper()
    with HTTPServer(host="127.0.0.1", port=0) as a, HTTPServer(host="127.0.0.1", port=0) as b, \
            httpx.Client() as client:
        _serve_timeline(a, statuses)
        _serve_timeline(b, elsewhere)
        sources = [MastodonHashtagSource(client, srv.url_for("").rstrip("/"), "hoot", None, dedupe, backoff=FAST)
                   for srv in (a, b)]
        run_until(capture, sources, lambda: False, once=True)
    with sqlite_store.engine.connect() as conn:
        rows = conn.execute(select(posts.c.post_id, posts.c.hashtags).where(posts.c.collected.is_(True))).all()
    assert len(rows) == len({s["uri"] for s in statuses})
    assert all(" hoot " in tags for _, tags in rows)


def test_stream_frames_of_real_mastodon_and_of_the_mock_are_both_understood() -> None:
    status = _recorded_timeline()[0]
    payload = orjson.dumps(status).decode()
    real = orjson.dumps({"stream": ["hashtag", "hoot"], "event": "update", "payload": payload}).decode()
    mock = orjson.dumps({"stream": ["hashtag"], "event": "update", "payload": payload}).decode()
    other_tag = orjson.dumps({"stream": ["hashtag", "other"], "event": "update", "payload": payload}).decode()
    deletion = orjson.dumps({"stream": ["hashtag", "hoot"], "event": "delete", "payload": status["id"]}).decode()
    assert parse_frame(real, "Hoot") == status
    assert parse_frame(mock, "hoot") == status
    assert parse_frame(other_tag, "hoot") is None
    assert parse_frame(deletion, "hoot") is None
