"""`tweetathon export`: CSV in twarc-csv's column order that imports back to the same posts; JSONL that gives
back every raw payload exactly."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from tests.conftest import require_fixtures
from tweetathon.cli import app
from tweetathon.exports import EXTRA_CSV_COLUMNS, TWARC_CSV_COLUMNS
from tweetathon.model import Metrics, Post
from tweetathon.store.store import Store

# twarc-csv 0.7.2, dataframe_converter.py, DEFAULT_TWEET_COLUMNS, verbatim (read from its source distribution).
PUBLISHED_TWARC_COLUMNS = [
    "id", "conversation_id", "referenced_tweets.replied_to.id", "referenced_tweets.retweeted.id",
    "referenced_tweets.quoted.id", "author_id", "in_reply_to_user_id", "in_reply_to_username",
    "retweeted_user_id", "retweeted_username", "quoted_user_id", "quoted_username", "created_at", "text",
    "lang", "source", "public_metrics.impression_count", "public_metrics.reply_count",
    "public_metrics.retweet_count", "public_metrics.quote_count", "public_metrics.like_count",
    "public_metrics.bookmark_count", "reply_settings", "edit_history_tweet_ids",
    "edit_controls.edits_remaining", "edit_controls.editable_until", "edit_controls.is_edit_eligible",
    "possibly_sensitive", "withheld.scope", "withheld.copyright", "withheld.country_codes",
    "entities.annotations", "entities.cashtags", "entities.hashtags", "entities.mentions", "entities.urls",
    "context_annotations", "attachments.media", "attachments.media_keys", "attachments.poll.duration_minutes",
    "attachments.poll.end_datetime", "attachments.poll.id", "attachments.poll.options",
    "attachments.poll.voting_status", "attachments.poll_ids", "author.id", "author.created_at",
    "author.username", "author.name", "author.description", "author.entities.description.cashtags",
    "author.entities.description.hashtags", "author.entities.description.mentions",
    "author.entities.description.urls", "author.entities.url.urls", "author.url", "author.location",
    "author.pinned_tweet_id", "author.profile_image_url", "author.protected",
    "author.public_metrics.followers_count", "author.public_metrics.following_count",
    "author.public_metrics.listed_count", "author.public_metrics.tweet_count", "author.verified",
    "author.verified_type", "author.withheld.scope", "author.withheld.copyright",
    "author.withheld.country_codes", "geo.coordinates.coordinates", "geo.coordinates.type", "geo.country",
    "geo.country_code", "geo.full_name", "geo.geo.bbox", "geo.geo.type", "geo.id", "geo.name", "geo.place_id",
    "geo.place_type", "matching_rules", "__twarc.retrieved_at", "__twarc.url", "__twarc.version",
]
KEYS = ("platform", "post_id", "kind", "text", "created_at", "hashtags", "author_id", "in_reply_to_post_id",
        "quote_of_id", "repost_of_id", "lang")


def post(post_id: str, kind: str = "original", platform: str = "x", **extra: Any) -> Post:
    base: dict[str, Any] = {
        "platform": platform, "post_id": post_id, "created_at": datetime(2024, 5, 2, 8, 0, 0, 123000, tzinfo=UTC),
        "author_id": "42", "author_handle": "pc_jones", "text": f"post {post_id} #PolTwt", "kind": kind,
        "lang": "en", "hashtags": ("poltwt",), "metrics": Metrics(likes=3, reposts=1),
        "raw": {"z_last": 1, "id": post_id, "a_first": [1, 2], "nested": {"b": None, "a": "é"}}}
    base.update(extra)
    return Post(**base)


def sample_posts() -> list[Post]:
    return [
        post("1520000000000000001", text="First line\nsecond line, with \"quotes\" and commas\r\nthird 🚓"),
        post("1520000000000000002", "reply", in_reply_to_post_id="1520000000000000001", in_reply_to_author_id="42"),
        post("1520000000000000003", "quote", quote_of_id="1520000000000000001", hashtags=("poltwt", "gmp24")),
        post("1520000000000000004", "repost", repost_of_id="1520000000000000001"),
        post("112233", "reply", "mastodon", author_handle="gmp@police.social", in_reply_to_post_id="112200",
             url="https://police.social/@gmp/112233"),
        post("at://did:plc:abc/app.bsky.feed.post/3k1", "original", "bluesky", author_id="did:plc:abc",
             created_at=datetime(2023, 7, 21, 1, 33, 51, 481951, tzinfo=UTC), lang=None),
    ]


def rows_of(store: Store) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from tweetathon.store.schema import posts

    with store.engine.connect() as conn:
        result = conn.execute(select(*(posts.c[k] for k in KEYS)).where(posts.c.collected.is_(True)))
        return sorted(tuple(r) for r in result)


def export(db: str, fmt: str, out: Path, *options: str) -> None:
    result = CliRunner().invoke(app, ["export", "--format", fmt, "--db", db, "--out", str(out), *options])
    assert result.exit_code == 0, result.output


def test_csv_header_is_twarc_csvs_default_columns_then_ours(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.write_batch(sample_posts())
    out = tmp_path / "out.csv"
    export(sqlite_store.url, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [*PUBLISHED_TWARC_COLUMNS, *EXTRA_CSV_COLUMNS]
    assert list(TWARC_CSV_COLUMNS) == PUBLISHED_TWARC_COLUMNS and len(PUBLISHED_TWARC_COLUMNS) == 84


def test_csv_keeps_ids_as_text_and_multiline_text_in_one_field(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.write_batch(sample_posts())
    out = tmp_path / "out.csv"
    export(sqlite_store.url, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(sample_posts())
    first = next(r for r in rows if r["id"] == "1520000000000000001")
    assert first["text"] == sample_posts()[0].text
    assert first["entities.hashtags"] == '["#poltwt"]'
    assert first["created_at"] == "2024-05-02T08:00:00.123Z"


def test_csv_round_trip_gives_the_same_posts(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as source:
        source.write_batch(sample_posts())
        expected = rows_of(source)
        export(db_url, "csv", tmp_path / "out.csv", "--raw-cells")
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = CliRunner().invoke(app, ["import", str(tmp_path / "out.csv"), "--db", fresh, "--strict"])
    assert result.exit_code == 0, result.output
    with Store.open(fresh) as target:
        assert rows_of(target) == expected


def test_jsonl_gives_back_each_raw_payload_exactly(sqlite_store: Store, tmp_path: Path) -> None:
    sample = sample_posts()
    sqlite_store.write_batch(sample)
    out = tmp_path / "out.jsonl"
    export(sqlite_store.url, "jsonl", out)
    lines = sorted(out.read_bytes().splitlines())
    assert lines == sorted(orjson.dumps(p.raw) for p in sample)  # same keys, same order, same values


def test_twarc2_fixture_round_trips_through_csv(tmp_path: Path) -> None:
    """Real twarc2 output: import, export CSV, import that CSV into a fresh database, same posts."""
    source_file = require_fixtures("twarc2", "flat.jsonl")
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(source_file), "--db", first]).exit_code == 0
    export(first, "csv", tmp_path / "flat.csv", "--raw-cells")
    result = runner.invoke(app, ["import", str(tmp_path / "flat.csv"), "--db", second, "--strict"])
    assert result.exit_code == 0, result.output
    with Store.open(first) as a, Store.open(second) as b:
        before, after = rows_of(a), rows_of(b)
        assert len(before) == 100
        assert after == before
        assert a.stats()["posts"] == b.stats()["posts"]
