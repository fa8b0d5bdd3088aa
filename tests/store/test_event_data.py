"""Reading an event's inputs (store/event_data.py): posts in time order with ties broken as Python orders
strings, on SQLite and PostgreSQL; accounts of posts that are only referenced or deleted still get their
snapshots read."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tweetathon.analysis import _span
from tweetathon.model import AccountSnapshot, Deletion, Event, Post
from tweetathon.store.event_data import TIME_ORDER, load_event_data
from tweetathon.store.store import Store

NOON = datetime(2024, 5, 2, 12, tzinfo=UTC)
EVENT = Event(slug="gmp24", name="GMP 24", hashtags=("gmp24",), zone="Europe/London",
              start=NOON - timedelta(hours=12), end=NOON + timedelta(hours=12))


def post(post_id: str, author: str, when: datetime, **kw: object) -> Post:
    base = Post(platform="x", post_id=post_id, created_at=when, author_id=author, author_handle=f"user{author}",
                text=f"post {post_id} #gmp24", hashtags=("gmp24",), source_format="test", observed_at=when)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_ties_in_time_are_ordered_by_code_point(store: Store) -> None:
    # Four posts in the same microsecond: a locale collation would put "a1" before "B1" and "é" after "z";
    # the figures' order (created_at, platform, post id) compares code points, as Python does.
    ids = ["a1", "B1", "z9", "é0", "10"]
    store.ensure_event(EVENT)
    store.write_batch([post(i, "1", NOON) for i in ids] + [post("0", "1", NOON - timedelta(seconds=1))], [], [])
    with store.engine.connect() as conn:
        data = load_event_data(conn, EVENT, _span)
    assert [r.post_id for r in data.posts] == ["0", "10", "B1", "a1", "z9", "é0"]
    assert list(data.posts) == sorted(data.posts, key=TIME_ORDER)


def test_authors_of_deleted_and_referenced_posts_keep_their_snapshots(store: Store) -> None:
    store.ensure_event(EVENT)
    live, gone, referenced = post("1", "10", NOON), post("2", "20", NOON), post("3", "30", NOON, collected=False)
    snaps = [AccountSnapshot("x", author, f"user{author}", NOON, followers=n, source_format="test")
             for author, n in (("10", 1), ("20", 2), ("30", 3), ("40", 4))]
    store.write_batch([live, gone, referenced], snaps, [Deletion("x", "2", observed_at=NOON)])
    with store.engine.connect() as conn:
        data = load_event_data(conn, EVENT, _span)
    assert [r.post_id for r in data.posts] == ["1"]  # only the live post is an event post
    assert {key[1]: obs[0].followers for key, obs in data.observations.items()} == {"10": 1, "20": 2, "30": 3}
