"""X API v2 capture against a real local HTTP server: stream faults, gap filling, search pagination, 429/503."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from tests.capture.helpers import add_event, collected_ids, event_post_count, parse_detail, run_until
from tests.capture.servers.x_server import XWorld, load_recorded, make_tweets, serve_x, start_time
from tests.conftest import require_fixtures
from tweetathon.capture.http import Backoff
from tweetathon.capture.x_api import XSearchSource, XStreamSource
from tweetathon.store.schema import accounts
from tweetathon.store.store import Store

TOKEN = "AAAAtest-bearer-0123456789abcdef"
FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


def test_stream_survives_drop_429_truncated_line_and_503_losing_and_duplicating_nothing(
        sqlite_store: Store) -> None:
    tweets, users = make_tweets(200, "poltwt", start_time())
    world = XWorld(TOKEN, tweets, users, rate=40.0, stream_faults=[
        ("ok", 20, "drop"), ("status", 429), ("ok", 25, "truncate"), ("status", 503), ("ok", None, "hold")])
    capture = add_event(sqlite_store, "poltwt24", "poltwt")
    with serve_x(world) as url, httpx.Client() as client:
        source = XStreamSource(client, url, TOKEN, ("poltwt",), "tweetathon:poltwt24", FAST)
        run_until(capture, [source], lambda: len(collected_ids(sqlite_store, "x")) >= 200, timeout=40)

    ids = collected_ids(sqlite_store, "x")
    assert sorted(ids) == sorted(t["id"] for t in tweets)          # nothing lost
    assert event_post_count(sqlite_store) == 200                    # nothing counted twice
    withheld = world.withheld()
    assert withheld, "the faults must have withheld posts from the stream"
    gaps = capture.health("gap", "x")
    recovered: set[str] = set()
    for gap in gaps:
        d = parse_detail(gap["detail"])
        expected = {w for w in withheld if int(d["since_id"]) < int(w) < int(d["until_id"])}
        assert int(d["recovered"]) == len(expected), gap["detail"]
        assert gap["start"] <= gap["end"]
        recovered |= expected
    assert recovered == set(withheld)                               # the gap records match what was withheld
    assert any("truncated" in g["detail"] for g in gaps)
    waits = capture.health("ratelimit", "x")
    assert waits and all(w["end"] >= w["start"] for w in waits)
    assert any("503" in r["detail"] for r in capture.health("reconnect", "x"))
    assert world.rules == [{"id": world.rules[0]["id"], "value": "#poltwt", "tag": "tweetathon:poltwt24"}]


def test_authors_arrive_with_follower_counts(sqlite_store: Store) -> None:
    tweets, users = make_tweets(30, "polchat", start_time())
    world = XWorld(TOKEN, tweets, users)
    capture = add_event(sqlite_store, "polchat", "polchat")
    with serve_x(world) as url, httpx.Client() as client:
        run_until(capture, [XSearchSource(client, url, TOKEN, ("polchat",), backoff=FAST)], lambda: False,
                  once=True)
    with sqlite_store.engine.connect() as conn:
        followers = dict(conn.execute(select(accounts.c.account_id, accounts.c.followers)).all())
    assert followers == {u["id"]: u["public_metrics"]["followers_count"] for u in users.values()}
    assert any("user.fields=" in r and "public_metrics" in r for r in world.requests)


def test_search_pages_through_next_token_waits_out_429_and_503_then_resumes_from_since_id(
        sqlite_store: Store) -> None:
    tweets, users = make_tweets(280, "gmp24", start_time())
    world = XWorld(TOKEN, tweets[:250], users, search_faults=[429, 503])
    capture = add_event(sqlite_store, "gmp24", "gmp24")
    with serve_x(world) as url, httpx.Client() as client:
        source = XSearchSource(client, url, TOKEN, ("gmp24",), backoff=FAST)
        run_until(capture, [source], lambda: False, once=True)
        assert len(collected_ids(sqlite_store, "x")) == 250
        cursor = capture.cursor("x", "search")
        assert cursor == max((t["id"] for t in tweets[:250]), key=int)
        pages = [r for r in world.requests if "search/recent" in r]
        assert sum("next_token=" in r for r in pages) == 2          # 100 + 100 + 50
        world.tweets.extend(tweets[250:])
        world.requests.clear()
        run_until(capture, [source], lambda: False, once=True)
    assert sorted(collected_ids(sqlite_store, "x")) == sorted(t["id"] for t in tweets)
    assert all(f"since_id={cursor}" in r for r in world.requests if "search/recent" in r)
    assert [w["detail"].split(";")[0] for w in capture.health("ratelimit", "x")] == \
        ["429 on /2/tweets/search/recent"]
    assert any("503" in r["detail"] for r in capture.health("reconnect", "x"))


def test_recorded_real_search_response_is_captured(sqlite_store: Store) -> None:
    cassette = require_fixtures("x-api-recordings", "test_client_search_recent_tweets.yaml")
    world = XWorld(TOKEN, recorded=load_recorded(cassette))
    capture = add_event(sqlite_store, "tweepy", "tweepy")
    with serve_x(world) as url, httpx.Client() as client:
        source = XSearchSource(client, url, TOKEN, ("tweepy",), backoff=FAST, query="Tweepy")
        run_until(capture, [source], lambda: False, once=True)
    assert len(collected_ids(sqlite_store, "x")) == 10             # fixtures README: 10 posts


def test_a_wrong_token_is_an_error_not_a_retry_loop(sqlite_store: Store) -> None:
    world = XWorld(TOKEN, *make_tweets(5, "x", start_time()))
    capture = add_event(sqlite_store, "wrong", "x")
    with serve_x(world) as url, httpx.Client() as client:
        source = XSearchSource(client, url, "not-the-token", ("x",), backoff=FAST)
        run_until(capture, [source], lambda: False, once=True, timeout=10)
    failed = capture.health("failed", "x")
    assert len(failed) == 1 and "credentials refused" in failed[0]["detail"] and "401" in failed[0]["detail"]
    assert len(world.requests) == 1
    assert collected_ids(sqlite_store, "x") == []
