"""Capture state in the store, on SQLite and PostgreSQL: a batch, its cursor and its health are one transaction;
cursors are upserted; health reads back in order, by kind and platform; participants' event posts are found by
lower-case handle, hashtag and server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from tests.capture.helpers import add_event, add_participants, collected_ids, event_post_count
from tweetathon.model import Post, Provenance
from tweetathon.store.capture import CaptureBatch, HealthRecord
from tweetathon.store.store import Store

T0 = datetime(2025, 5, 1, 8, tzinfo=UTC)


def _post(post_id: str, handle: str, tags: tuple[str, ...], at: datetime, source: str = "https://a.example/x",
          conversation: str | None = None) -> Post:
    return Post(platform="mastodon", post_id=post_id, created_at=at, author_id=f"id-{handle}", author_handle=handle,
                text="words", kind="original", hashtags=tags, conversation_id=conversation, observed_at=at,
                source_format="mastodon", provenance=Provenance("mastodon", source, 1, at))


def test_a_batch_its_cursor_and_its_health_commit_together(store: Store) -> None:
    capture = add_event(store, "poltwt", "poltwt")
    gap = HealthRecord("mastodon", "inst/tags/poltwt", "gap", T0, T0 + timedelta(minutes=2), "recovered=1")
    counts = capture.commit(CaptureBatch("mastodon", "inst/tags/poltwt", [_post("1", "a@x", ("poltwt",), T0)],
                                         cursor="1", health=[gap]))
    assert counts.posts_new == 1
    capture.commit(CaptureBatch("mastodon", "inst/tags/poltwt", [_post("2", "a@x", ("poltwt",), T0)], cursor="2"))
    assert capture.cursors() == {("mastodon", "inst/tags/poltwt"): "2"}          # upserted, not added
    assert capture.cursor("mastodon", "inst/tags/poltwt") == "2"
    bad = _post("3", "a@x", ("poltwt",), T0)
    broken = HealthRecord("mastodon", "inst/tags/poltwt", "gap", T0, None, None)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):   # detail may not be NULL: the whole batch is refused
        capture.commit(CaptureBatch("mastodon", "inst/tags/poltwt", [bad], cursor="3", health=[broken]))
    assert capture.cursor("mastodon", "inst/tags/poltwt") == "2"
    assert sorted(collected_ids(store, "mastodon")) == ["1", "2"]
    assert event_post_count(store) == 2
    capture.record(HealthRecord("x", "stream", "ratelimit", T0, T0 + timedelta(seconds=9), "429"))
    assert [h["kind"] for h in capture.health()] == ["gap", "ratelimit"]
    assert [h["detail"] for h in capture.health("gap", "mastodon")] == ["recovered=1"]
    assert capture.health("gap", "x") == []
    assert capture.health("ratelimit")[0]["end"] - capture.health("ratelimit")[0]["start"] == timedelta(seconds=9)


def test_participants_event_posts_by_handle_hashtag_and_server(store: Store) -> None:
    capture = add_event(store, "chat", "polchat")
    add_participants(store, "chat", "mastodon", approved=["@Unit@Police.Example"], pending=["pend@police.example"])
    capture.commit(CaptureBatch("mastodon", "s", [
        _post("10", "unit@police.example", ("polchat",), T0),
        _post("11", "unit@police.example", (), T0 + timedelta(minutes=1)),                # a reply in a thread
        _post("12", "unit@police.example", ("polchat",), T0 - timedelta(days=3)),         # too old
        _post("13", "pend@police.example", ("polchat",), T0),                             # not approved
        _post("14", "unit@police.example", ("polchat",), T0, source="wss://b.example/api/v1/streaming"),
        _post("15", "other@police.example", ("polchat",), T0)]))
    since = T0 - timedelta(days=1)
    assert [p.post_id for p in capture.participant_posts("mastodon", since)] == ["10", "14", "11"]
    assert [p.post_id for p in capture.roots("mastodon", ("#PolChat",))(since)] == ["10", "14"]
    assert [p.post_id for p in capture.roots("mastodon", ("polchat",), ("https://a.example/",))(since)] == ["10"]
    assert capture.participant_posts("x", since) == []
