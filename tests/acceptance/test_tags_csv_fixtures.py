"""The published TAGS sample (tidytags) imports with every figure counted straight from the raw CSV."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from tests.conftest import require_fixtures
from tests.sources.mapping_helpers import import_into, map_file, posts_of, rejects_of, snapshots_of, stored_posts
from tweetathon.sources import tags_csv
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store


def raw_rows() -> list[dict[str, str]]:
    with require_fixtures("tags-csv", "sample-data.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def lookup_statuses() -> dict[str, dict[str, object]]:
    """The v1.1 statuses/lookup bodies of the R vcr cassette, by id_str (plain json, no importer)."""
    cassette = yaml.safe_load(require_fixtures("tags-csv", "different_tweet_types.yml").read_text(encoding="utf-8"))
    found: dict[str, dict[str, object]] = {}
    for interaction in cassette["http_interactions"]:
        body = interaction["response"]["body"]["string"]
        for status in json.loads(body) if body else []:
            found[status["id_str"]] = status
    return found


def test_sample_is_sniffed_as_tags() -> None:
    path = require_fixtures("tags-csv", "sample-data.csv")
    assert tags_csv.sniff(read_head(path), path)


def test_sample_imports_every_row(sqlite_store: Store) -> None:
    path = require_fixtures("tags-csv", "sample-data.csv")
    rows = raw_rows()
    counts = import_into(sqlite_store, path, tags_csv)
    stored = stored_posts(sqlite_store)
    assert counts.posts_new == len({r["id_str"] for r in rows}) == 10
    assert set(stored) == {r["id_str"] for r in rows}
    assert not rejects_of(map_file(tags_csv, path))


def test_times_come_from_created_at_never_from_time() -> None:
    path = require_fixtures("tags-csv", "sample-data.csv")
    by_id = {p.post_id: p for p in posts_of(map_file(tags_csv, path))}
    shifted = 0
    for r in raw_rows():
        expected = datetime.strptime(r["created_at"], "%a %b %d %H:%M:%S %z %Y").astimezone(UTC)
        assert by_id[r["id_str"]].created_at == expected
        shifted += datetime.fromisoformat(r["time"].replace("Z", "+00:00")) != expected
    assert shifted > 0  # the sample's `time` column really differs, so this test can tell them apart


def test_na_stays_unknown_and_kinds_follow_the_text() -> None:
    path = require_fixtures("tags-csv", "sample-data.csv")
    records = map_file(tags_csv, path)
    snaps = {(s.account_id, s.observed_at): s for s in snapshots_of(records)}
    by_id = {p.post_id: p for p in posts_of(records)}
    for r in raw_rows():
        post = by_id[r["id_str"]]
        snap = snaps[(r["from_user_id_str"], post.created_at)]
        assert snap.followers == (None if r["user_followers_count"] == "NA" else int(r["user_followers_count"]))
        assert snap.location == (None if r["user_location"] == "NA" else r["user_location"])
        assert post.kind == ("repost" if r["text"].startswith("RT @") else
                             "reply" if r["in_reply_to_status_id_str"] != "NA" else "original")
        tags = [h["text"].lower() for h in json.loads(r["entities_str"])["hashtags"]]
        assert list(post.hashtags) == tags
    assert any(r["user_followers_count"] == "NA" for r in raw_rows())


def test_sample_joins_the_v11_lookup_on_shared_ids() -> None:
    """7 TAGS ids are among the 68 looked-up statuses: same authors and times (follower counts differ)."""
    path = require_fixtures("tags-csv", "sample-data.csv")
    lookup = lookup_statuses()
    by_id = {p.post_id: p for p in posts_of(map_file(tags_csv, path))}
    shared = set(by_id) & set(lookup)
    assert len(lookup) == 68 and len(shared) == 7
    for post_id in shared:
        status = lookup[post_id]
        user = status["user"]
        assert isinstance(user, dict)
        assert by_id[post_id].author_id == user["id_str"]
        assert by_id[post_id].author_handle == user["screen_name"]
        assert by_id[post_id].created_at == datetime.strptime(
            str(status["created_at"]), "%a %b %d %H:%M:%S %z %Y").astimezone(UTC)


def test_reimport_adds_nothing(sqlite_store: Store) -> None:
    path: Path = require_fixtures("tags-csv", "sample-data.csv")
    import_into(sqlite_store, path, tags_csv)
    again = import_into(sqlite_store, path, tags_csv)
    assert (again.posts_new, again.posts_updated, again.snapshots_new) == (0, 0, 0)


def test_detected_among_all_formats_and_imported(sqlite_store: Store) -> None:
    from tests.sources.mapping_helpers import import_detected

    summary = import_detected(sqlite_store, require_fixtures("tags-csv", "sample-data.csv"))
    assert summary.format == "tags-csv" and summary.counts.posts_new == len(raw_rows())
