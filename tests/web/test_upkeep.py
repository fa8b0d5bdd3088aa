"""The server applies the events' retention periods by itself: at start-up and then daily (store.purge does the
purging and logs it; this checks the server runs it without anyone typing `tweetathon retention apply`)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.privacy.test_outputs import build, stored
from tests.web.conftest import make_app
from tweetathon.store.privacy import purges, set_privacy
from tweetathon.store.store import Store


def _wait_for_purge(store: Store, seconds: float = 30) -> list[dict[str, object]]:
    deadline = time.monotonic() + seconds
    while not (log := purges(store)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return log


def test_a_started_server_purges_the_public_once_the_retention_period_has_passed(store: Store) -> None:
    build(store)  # an event of March 2024: twelve months have long passed
    set_privacy(store, "spring", retention="12m")
    assert stored(store, "104")["104"][0]  # a post of the public, text still there
    with TestClient(make_app(store), base_url="http://127.0.0.1") as client:
        log = _wait_for_purge(store)
        assert client.get("/").status_code == 200  # the server serves while it purges
    assert [(r["kind"], r["event"]) for r in log] == [("retention", "spring")]
    assert int(str(log[0]["posts"])) > 0
    assert stored(store, "104")["104"][:3] == ("", None, None)


def test_an_event_without_retention_is_left_alone_by_the_server(store: Store) -> None:
    build(store)
    with TestClient(make_app(store), base_url="http://127.0.0.1") as client:
        assert client.get("/").status_code == 200
    assert purges(store) == []
    assert stored(store, "104")["104"][0]
