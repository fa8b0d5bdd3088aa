"""The store's write path on SQLite and PostgreSQL: dedupe, re-observation, snapshots, deletions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tweetathon.model import AccountSnapshot, Deletion, Metrics, Post
from tweetathon.store.schema import account_snapshots, accounts, post_hashtags, posts
from tweetathon.store.store import Store

T0 = datetime(2013, 3, 22, 8, 0, tzinfo=UTC)


def make_post(post_id: str, **kw: object) -> Post:
    base = Post(platform="x", post_id=post_id, created_at=T0, author_id="1", author_handle="gmpolice",
                text="Patrol in the city centre #poltwt", hashtags=("poltwt",), source_format="test",
                observed_at=T0 + timedelta(hours=1), metrics=Metrics(likes=1), raw={"id": post_id})
    return replace(base, **kw)  # type: ignore[arg-type]


def test_same_post_twice_is_stored_once(store: Store) -> None:
    first = store.write_batch([make_post("9007199254740993")])
    again = store.write_batch([make_post("9007199254740993")])
    assert (first.posts_new, again.posts_new, again.posts_unchanged) == (1, 0, 1)
    assert store.count(posts) == 1
    assert store.stats()["posts"] == 1


def test_large_ids_keep_every_digit(store: Store) -> None:
    store.write_batch([make_post("1234567890123456789")])
    with store.engine.connect() as conn:
        assert conn.execute(posts.select()).mappings().one()["post_id"] == "1234567890123456789"


def test_newer_observation_updates_metrics_older_does_not(store: Store) -> None:
    store.write_batch([make_post("1", metrics=Metrics(likes=5))])
    later = make_post("1", metrics=Metrics(likes=9), observed_at=T0 + timedelta(hours=5))
    older = make_post("1", metrics=Metrics(likes=2), observed_at=T0)
    assert store.write_batch([later]).posts_updated == 1
    assert store.write_batch([older]).posts_updated == 0
    with store.engine.connect() as conn:
        assert conn.execute(posts.select()).mappings().one()["likes"] == 9


def test_reference_becomes_collected_but_never_back(store: Store) -> None:
    store.write_batch([make_post("7", collected=False)])
    assert store.stats()["posts"] == 0 and store.stats()["referenced"] == 1
    store.write_batch([make_post("7")])
    store.write_batch([make_post("7", collected=False, observed_at=T0 + timedelta(days=1))])
    assert store.stats()["posts"] == 1 and store.stats()["referenced"] == 0


def test_snapshots_once_per_observation_and_latest_account(store: Store) -> None:
    snaps = [AccountSnapshot("x", "1", "gmpolice", T0 + timedelta(hours=h), followers=70 + 100 * h,
                             source_format="test") for h in range(3)]
    assert store.write_batch([], snaps).snapshots_new == 3
    assert store.write_batch([], snaps).snapshots_new == 0
    store.write_batch([], [snaps[0]])
    assert store.count(account_snapshots) == 3
    with store.engine.connect() as conn:
        assert conn.execute(accounts.select()).mappings().one()["followers"] == 270


def test_deletion_before_or_after_the_post_is_honoured(store: Store) -> None:
    store.write_batch([make_post("1"), make_post("2")])
    store.write_batch([], [], [Deletion("x", "2"), Deletion("x", "3")])
    store.write_batch([make_post("3")])
    result = store.stats()
    assert (result["posts"], result["deleted"]) == (1, 2)


def test_hashtags_indexed(store: Store) -> None:
    store.write_batch([make_post("1", hashtags=("poltwt", "police"))])
    assert store.count(post_hashtags) == 2


def test_a_bluesky_post_whose_id_is_a_long_at_uri_is_stored_on_both_databases(store: Store) -> None:
    """at:// uris are about 70 characters (PostgreSQL refused them when ids were VARCHAR(64))."""
    did = "did:plc:2ioxz4dbu7dhwwmqetci66an"
    uri = f"at://{did}/app.bsky.feed.post/3n2ucj6lhc22i"
    post = Post(platform="bluesky", post_id=uri, created_at=datetime(2026, 11, 30, tzinfo=UTC), author_id=did,
                author_handle="gmp.test", text="#gmp24 1: hello", hashtags=("gmp24",), in_reply_to_post_id=uri,
                conversation_id=uri, source_format="test")
    store.write_batch([post])
    with store.engine.connect() as conn:
        assert conn.execute(posts.select().with_only_columns(posts.c.post_id)).scalars().all() == [uri]
