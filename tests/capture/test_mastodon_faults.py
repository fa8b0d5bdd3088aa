"""Mastodon stream faults against a server that misbehaves on purpose (servers/mastodon_server.py): the hashtag
stream drops mid-way and sends a cut-off frame; capture survives, the catch-up poll fills each gap, nothing is
lost or stored twice, and every withheld status lies in a recorded gap."""

from __future__ import annotations

import httpx

from tests.capture.helpers import add_event, collected_ids, event_post_count, parse_detail, run_until
from tests.capture.servers.mastodon_server import MastodonWorld, id_key, make_statuses, serve_mastodon, start_time
from tweetathon.capture.http import Backoff
from tweetathon.capture.mastodon_api import MastodonHashtagSource, UriDeduper
from tweetathon.store.store import Store

TOKEN = "mastodon-fault-token-91c2"
FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


def test_stream_drop_and_garbled_frame_lose_and_duplicate_nothing(sqlite_store: Store) -> None:
    statuses = make_statuses(150, "bsp24", start_time())
    world = MastodonWorld(TOKEN, "bsp24", statuses, rate=60.0,
                          stream_faults=[("ok", 20, "drop"), ("ok", 25, "garble"), ("ok", None, "hold")])
    capture = add_event(sqlite_store, "bsp24", "bsp24")
    with serve_mastodon(world) as url, httpx.Client() as client:
        source = MastodonHashtagSource(client, url, "bsp24", TOKEN, UriDeduper(), poll_seconds=30, backoff=FAST)
        run_until(capture, [source], lambda: len(collected_ids(sqlite_store, "mastodon")) >= 150, timeout=30)

    assert sorted(collected_ids(sqlite_store, "mastodon"), key=id_key) == [s["id"] for s in statuses]
    assert event_post_count(sqlite_store) == 150
    withheld = world.withheld()
    assert len(withheld) >= 2, "the drop and the cut-off frame must have withheld statuses from the stream"
    gaps = capture.health("gap", "mastodon")
    covered: set[str] = set()
    for gap in gaps:
        d = parse_detail(gap["detail"])
        held = [s["id"] for s in statuses if id_key(d["min_id"]) < id_key(s["id"]) <= id_key(d["newest"])]
        assert int(d["recovered"]) == len(held), gap["detail"]     # what the server returned to that poll
        assert gap["start"] <= gap["end"]
        covered |= set(held)
    assert set(withheld) <= covered                                 # every withheld status lies in a gap
    assert any("dropped" in g["detail"] for g in gaps)
    assert any("garbled" in g["detail"] for g in gaps)
    errors = capture.health("error", "mastodon")
    assert len(errors) == 1 and "cut off or not JSON" in errors[0]["detail"]
    assert len(capture.health("reconnect", "mastodon")) == 2
    assert sum(r.startswith("/api/v1/streaming") for r in world.requests) == 3
