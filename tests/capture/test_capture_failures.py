"""Capture against servers that keep failing, on real loopback servers: every request answered 500, 401 or 403,
nothing listening, a server that never answers. Each source is marked failed in capture health with its reason
and counts, the period without a working connection is a gap, --once ends within its time limit, credentials
refused are not retried, and the runner's exit code says which failure it was."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.capture.helpers import add_event, collected_ids, parse_detail, run_until
from tests.capture.servers.dead import closed_port, serve_silent
from tests.capture.servers.mastodon_server import MastodonWorld, make_statuses, serve_mastodon
from tests.capture.servers.mastodon_server import start_time as mastodon_start
from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time
from tweetathon.capture.bluesky_api import BlueskyFirehoseSource
from tweetathon.capture.http import Backoff
from tweetathon.capture.mastodon_api import MastodonHashtagSource, UriDeduper
from tweetathon.capture.runner import (
    EXIT_CREDENTIALS,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_TIME_LIMIT,
    STOP_GRACE,
    Runner,
    Source,
)
from tweetathon.capture.x_api import XSearchSource, XStreamSource
from tweetathon.store.capture import CaptureStore
from tweetathon.store.store import Store

TOKEN = "failure-test-token-5e1d"
FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


def once(capture: CaptureStore, sources: list[Source], max_failures: int = 4,
         time_limit: float = 30.0) -> tuple[Runner, float]:
    """A --once pass; (the runner, seconds it took)."""
    runner = Runner(capture, sources, once=True, time_limit=time_limit, max_failures=max_failures)
    began = time.monotonic()
    runner.run()
    return runner, time.monotonic() - began


def only(records: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(records) == 1, records
    return records[0]


def test_every_request_answered_500_fails_the_source_with_a_gap_and_its_counts(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "e500", "gmp24")
    world = XWorld(TOKEN, *make_tweets(5, "gmp24", start_time()), always=500)
    with serve_x(world) as url, httpx.Client() as client:
        runner, took = once(capture, [XSearchSource(client, url, TOKEN, ("gmp24",), backoff=FAST)])

    assert took < 10
    assert runner.exit_code == EXIT_FAILED
    status = runner.status[("x", "search")]
    assert status.state == "failed" and "4 failed attempts in a row" in status.failure
    assert len(world.requests) == 4                              # gave up after max_failures, not retried forever
    failed = only(capture.health("failed", "x"))
    assert "500 on /2/tweets/search/recent" in failed["detail"]
    assert parse_detail(failed["detail"])["failed_attempts"] == "4"
    gap = only(capture.health("gap", "x"))
    assert gap["start"] < gap["end"] and "not recovered" in gap["detail"]
    assert len(capture.health("reconnect", "x")) == 3           # the backoff waits between the four attempts


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_fail_at_once_without_retrying(sqlite_store: Store, status: int) -> None:
    capture = add_event(sqlite_store, f"e{status}", "gmp24")
    world = XWorld(TOKEN, *make_tweets(5, "gmp24", start_time()), always=status)
    with serve_x(world) as url, httpx.Client() as client:
        runner, took = once(capture, [XSearchSource(client, url, TOKEN, ("gmp24",), backoff=FAST)], max_failures=50)

    assert took < 5
    assert runner.exit_code == EXIT_CREDENTIALS
    assert len(world.requests) == 1
    assert runner.status[("x", "search")].failure.startswith(f"credentials refused: the server answered {status}")
    assert parse_detail(only(capture.health("failed", "x"))["detail"])["failed_attempts"] == "1"


def test_a_stream_refusing_the_token_fails_in_live_capture_too(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "e401s", "gmp24")
    world = XWorld("another-token", *make_tweets(5, "gmp24", start_time()))
    with serve_x(world) as url, httpx.Client() as client:
        stream = XStreamSource(client, url, TOKEN, ("gmp24",), "tweetathon:e401s", FAST)
        runner = run_until(capture, [stream], lambda: False, timeout=5)

    assert runner.exit_code == EXIT_CREDENTIALS
    assert len(world.requests) == 1                             # the rules request; never retried
    assert "credentials refused" in only(capture.health("failed", "x"))["detail"]


def test_mastodon_answering_403_everywhere_is_refused_credentials(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "m403", "bsp24")
    world = MastodonWorld(TOKEN, "bsp24", make_statuses(5, "bsp24", mastodon_start()), always=403)
    with serve_mastodon(world) as url, httpx.Client() as client:
        source = MastodonHashtagSource(client, url, "bsp24", TOKEN, UriDeduper(), backoff=FAST)
        runner = run_until(capture, [source], lambda: False, timeout=5)

    assert runner.exit_code == EXIT_CREDENTIALS
    assert [r.split("?")[0] for r in world.requests] == ["/api/v1/streaming", "/api/v1/timelines/tag/bsp24"]
    assert "403 on /api/v1/timelines/tag/bsp24" in only(capture.health("failed", "mastodon"))["detail"]


def test_mastodon_answering_500_everywhere_fails_under_once(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "m500", "bsp24")
    world = MastodonWorld(TOKEN, "bsp24", make_statuses(5, "bsp24", mastodon_start()), always=500)
    with serve_mastodon(world) as url, httpx.Client() as client:
        source = MastodonHashtagSource(client, url, "bsp24", TOKEN, UriDeduper(), backoff=FAST)
        runner, took = once(capture, [source], max_failures=3)

    assert took < 10 and runner.exit_code == EXIT_FAILED
    assert len(world.requests) == 3
    assert "500 on /api/v1/timelines/tag/bsp24" in only(capture.health("failed", "mastodon"))["detail"]
    assert len(capture.health("gap", "mastodon")) == 1


def test_a_bluesky_relay_that_cannot_be_reached_fails_once_quickly(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "bdead", "bsp")
    relay = f"ws://127.0.0.1:{closed_port()}"
    runner, took = once(capture, [BlueskyFirehoseSource(relay, ("bsp",), backoff=FAST)], max_failures=5)

    assert took < 10 and runner.exit_code == EXIT_FAILED
    failed = only(capture.health("failed", "bluesky"))
    assert "firehose unreachable" in failed["detail"] and parse_detail(failed["detail"])["failed_attempts"] == "5"
    gap = only(capture.health("gap", "bluesky"))
    assert "5 failed attempts" in gap["detail"] and "not recovered" in gap["detail"]


def test_sixteen_failed_reconnects_in_live_capture_are_a_gap_not_nothing(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "blive", "bsp")
    relay = f"ws://127.0.0.1:{closed_port()}"
    source = BlueskyFirehoseSource(relay, ("bsp",), backoff=FAST)
    runner = run_until(capture, [source], lambda: len(capture.health("reconnect", "bluesky")) >= 16, timeout=30)

    assert len(capture.health("reconnect", "bluesky")) >= 16
    assert runner.exit_code == EXIT_FAILED                      # still no working connection when it was stopped
    gap = only(capture.health("gap", "bluesky"))
    attempts = int(gap["detail"].split("(")[1].split(" failed")[0])
    assert attempts >= 16 and gap["start"] < gap["end"]
    assert "when the capture ended" in only(capture.health("failed", "bluesky"))["detail"]


def test_once_ends_within_its_time_limit_when_the_server_never_answers(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "hung", "gmp24")
    with serve_silent() as url, httpx.Client(timeout=60) as client:
        runner, took = once(capture, [XSearchSource(client, url, TOKEN, ("gmp24",), backoff=FAST)], time_limit=1.5)

    assert took < 1.5 + STOP_GRACE + 1
    assert runner.exit_code == EXIT_TIME_LIMIT
    failed = only(capture.health("failed", "x"))
    assert "did not finish within the time limit (1.5 s)" in failed["detail"]
    assert "left waiting for an answer" in failed["detail"]
    assert [s["detail"] for s in capture.health("stop", "x")] == ["time limit"]


def test_a_server_that_recovers_leaves_a_closed_gap_and_a_clean_exit(sqlite_store: Store) -> None:
    capture = add_event(sqlite_store, "back", "gmp24")
    tweets, users = make_tweets(30, "gmp24", start_time())
    world = XWorld(TOKEN, tweets, users, search_faults=[503, 503])
    with serve_x(world) as url, httpx.Client() as client:
        runner, _ = once(capture, [XSearchSource(client, url, TOKEN, ("gmp24",), backoff=FAST)])

    assert runner.exit_code == EXIT_OK and runner.status[("x", "search")].state == "done"
    assert sorted(collected_ids(sqlite_store, "x")) == sorted(t["id"] for t in tweets)
    gap = only(capture.health("gap", "x"))
    assert "2 failed attempts; last: 503 on /2/tweets/search/recent" in gap["detail"]
    assert gap["start"] < gap["end"]
    assert capture.health("failed") == []
