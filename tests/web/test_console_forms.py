"""The console's forms over HTTP (TestClient, SQLite and PostgreSQL): signing in with throttling, the three
time rules of the event form, mistakes answered next to the form, roles, sessions ended by a password change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import make_app
from tweetathon import audit
from tweetathon.auth.users import add_user, set_password
from tweetathon.store.store import Store

PASSWORD = "a long organiser password"


@pytest.fixture
def console(store: Store) -> Iterator[TestClient]:
    add_user(store, "olivia", PASSWORD, "organiser", actor="test")
    add_user(store, "eddie", PASSWORD, "editor", actor="test")
    with TestClient(make_app(store), base_url="http://127.0.0.1", follow_redirects=False) as client:
        yield client


def token_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, name: str = "olivia", password: str = PASSWORD) -> int:
    token = token_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token,
                                       "next": "/admin"}).status_code


def post_form(client: TestClient, path: str, data: dict[str, str]) -> tuple[int, str]:
    token = token_of(client.get(path).text)
    response = client.post(path, data={**data, "csrf_token": token})
    return response.status_code, response.text


def test_wrong_passwords_are_throttled(console: TestClient) -> None:
    codes = [sign_in(console, password="wrong password!") for _ in range(5)]
    assert codes == [401] * 5
    locked = sign_in(console)  # even the right password waits now
    assert locked == 429
    assert console.get("/admin").status_code == 303


def test_sign_in_then_a_password_change_ends_the_session(console: TestClient, store: Store) -> None:
    assert sign_in(console) == 303
    assert console.get("/admin").status_code == 200
    set_password(store, "olivia", "another long password", actor="test")
    assert console.get("/admin").headers["location"].startswith("/login?next=/admin")


def test_the_three_time_rules_from_the_event_form(console: TestClient, store: Store) -> None:
    sign_in(console)
    base = {"name": "Test", "hashtags": "#testtag", "kind": "tweetathon", "zone": "Europe/London"}
    status, _ = post_form(console, "/admin/events/new", {**base, "slug": "fixed-one", "rule": "fixed",
                                                         "start": "2030-06-01T09:00", "end": "2030-06-01T17:00"})
    assert status == 303
    fixed = store.get_event("fixed-one")
    assert fixed is not None and fixed.start == datetime(2030, 6, 1, 8, 0, tzinfo=UTC)  # 09:00 BST
    status, _ = post_form(console, "/admin/events/new", {**base, "slug": "chat-one", "kind": "chat",
                                                         "rule": "series", "rrule": "FREQ=WEEKLY;BYDAY=TH",
                                                         "time": "13:00", "duration": "1h",
                                                         "local_date": "2030-01-03"})
    assert status == 303
    series = store.get_event("chat-one")
    assert series is not None and series.rrule == "FREQ=WEEKLY;BYDAY=TH" and series.time == "13:00"
    status, _ = post_form(console, "/admin/events/fixed-one/edit", {**base, "rule": "local", "local_start": "08:00",
                                                                    "local_date": "2030-06-02", "duration": "24h"})
    edited = store.get_event("fixed-one")
    assert status == 303 and edited is not None and edited.local_start == "08:00" and edited.start is None
    actions = [(e.actor, e.action) for e in audit.entries(store, event="fixed-one")]
    assert ("olivia", "event.edit") in actions and ("olivia", "event.create") in actions


def test_mistakes_are_shown_on_the_form(console: TestClient, store: Store) -> None:
    sign_in(console)
    status, page = post_form(console, "/admin/events/new", {"slug": "bad", "name": "x", "hashtags": "#a",
                                                            "kind": "tweetathon", "zone": "Europe/Lodnon",
                                                            "rule": "local", "local_start": "08:00",
                                                            "local_date": "2030-01-01", "duration": "24h"})
    assert status == 422
    assert "unknown time zone &#39;Europe/Lodnon&#39;" in page and "Europe/London" in page
    assert store.get_event("bad") is None


def test_an_editor_cannot_create_events(console: TestClient) -> None:
    sign_in(console, "eddie")
    assert console.get("/admin/events/new").status_code == 403
    assert console.get("/admin").status_code == 200


def test_the_description_written_in_the_console_is_on_the_public_page_and_api_inert(console: TestClient,
                                                                                     store: Store) -> None:
    sign_in(console)
    text = "Police forces worldwide post for 24 hours.\n\nAsk us anything <script>alert('x')</script>"
    status, _ = post_form(console, "/admin/events/new", {"slug": "described", "name": "Described", "hashtags": "#d",
                                                         "kind": "tweetathon", "zone": "UTC", "rule": "fixed",
                                                         "description": text, "start": "2030-06-01T09:00",
                                                         "end": "2030-06-01T17:00"})
    assert status == 303
    page = console.get("/events/described").text
    assert '<p class="description">Police forces worldwide post for 24 hours.</p>' in page
    assert "Ask us anything &lt;script&gt;" in page and "<script>alert" not in page
    assert console.get("/api/v1/events/described").json()["description"] == text
    assert 'Police forces worldwide' in console.get("/admin/events/described/edit").text  # the form keeps it
    status, _ = post_form(console, "/admin/events/described/edit", {
        "name": "Described", "hashtags": "#d", "kind": "tweetathon", "zone": "UTC", "rule": "fixed",
        "description": "", "start": "2030-06-01T09:00", "end": "2030-06-01T17:00"})
    assert status == 303 and 'class="description"' not in console.get("/events/described").text
