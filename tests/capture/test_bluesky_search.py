"""Bluesky catch-up through an AppView's app.bsky.feed.searchPosts, against a local HTTP server that answers
with the lexicon's shape (posts newest first, a `cursor` for the next page): pages are followed, a pass stops
at the newest post already seen, a 429 with a reset is waited out, and nothing is captured twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.capture.helpers import add_event, collected_ids, run_until
from tweetathon.capture.bluesky_api import BlueskySearchSource
from tweetathon.capture.http import Backoff
from tweetathon.store.store import Store

FAST = Backoff(base=0.05, cap=0.2, floor=0.02)
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
PAGE = 3


def post_view(n: int) -> dict[str, Any]:
    """A post view as searchPosts returns it, tagged #poltwt with a tag facet (UTF-8 byte offsets)."""
    text = f"Shift update {n}: all quiet in the city centre #poltwt"
    start = len(text.encode()) - len("#poltwt")
    at = (T0 + timedelta(minutes=n)).isoformat().replace("+00:00", "Z")
    return {"uri": f"at://did:plc:force/app.bsky.feed.post/{n:013d}", "cid": f"bafy{n}",
            "author": {"did": "did:plc:force", "handle": "police.test", "displayName": "Police"},
            "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": at, "langs": ["en"],
                       "facets": [{"index": {"byteStart": start, "byteEnd": start + 7},
                                   "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "poltwt"}]}]},
            "replyCount": 0, "repostCount": 0, "likeCount": n, "quoteCount": 0, "indexedAt": at}


class AppView:
    """searchPosts over a growing list of posts, newest first, PAGE per page; optionally one 429 first."""

    def __init__(self, posts: int) -> None:
        self.posts = [post_view(n) for n in range(posts)]
        self.requests: list[dict[str, str]] = []
        self.throttle_next = False

    def __call__(self, request: Request) -> Response:
        self.requests.append(dict(request.args))
        if self.throttle_next:
            self.throttle_next = False
            reset = int((datetime.now(UTC) + timedelta(seconds=1)).timestamp())
            return Response("rate limited", status=429, headers={"ratelimit-reset": str(reset)})
        assert request.args["tag"] == "poltwt"
        newest_first = sorted(self.posts, key=lambda p: p["indexedAt"], reverse=True)
        start = int(request.args.get("cursor", "0"))
        page = newest_first[start:start + PAGE]
        body: dict[str, Any] = {"posts": page}
        if start + PAGE < len(newest_first):
            body["cursor"] = str(start + PAGE)
        return Response(orjson.dumps(body), content_type="application/json")


def test_search_catches_up_page_by_page_then_only_takes_what_is_new(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "poltwt", "poltwt")
    appview = AppView(posts=8)
    with HTTPServer(host="127.0.0.1", port=0) as server, httpx.Client() as client:
        server.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(appview)
        source = BlueskySearchSource(client, server.url_for("/"), "poltwt", poll_seconds=0.1, backoff=FAST)
        run_until(capture, [source], lambda: False, once=True)
        assert sorted(collected_ids(sqlite_store, "bluesky")) == sorted(p["uri"] for p in appview.posts)
        assert [r.get("cursor") for r in appview.requests] == [None, "3", "6"]

        appview.posts += [post_view(n) for n in (8, 9)]
        appview.throttle_next = True
        appview.requests.clear()
        run_until(capture, [source], lambda: False, once=True)
    assert sorted(collected_ids(sqlite_store, "bluesky")) == sorted(p["uri"] for p in appview.posts)
    assert len(appview.requests) == 2, "one 429, then one page that reaches posts already seen"
    assert capture.cursor("bluesky", source.name) == appview.posts[-1]["indexedAt"]
    assert capture.health("ratelimit", "bluesky"), "the wait is recorded as capture health"
