"""Every AT Protocol file from the atproto SDK's test data imports or gives a clear, documented reject."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import require_fixtures
from tests.sources.mapping_helpers import (
    import_into,
    map_file,
    posts_of,
    rejects_of,
    snapshots_of,
    stored_posts,
    stored_snapshots,
)
from tweetathon.sources import bluesky
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store

FILES = ["extended_post_record.json", "feed_record.json", "get_follows.json", "post_record.json",
         "thread_view_post_with_embed_media.json"]


def raw(name: str) -> Any:
    return json.loads(require_fixtures("bluesky", name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_every_file_is_sniffed_and_imports_or_rejects_clearly(name: str) -> None:
    path = require_fixtures("bluesky", name)
    assert bluesky.sniff(read_head(path), path)
    records = map_file(bluesky, path)
    assert records
    for reject in rejects_of(records):
        assert reject.line == 1 and reject.reason and reject.detail


def test_post_record_with_a_zone() -> None:
    data = raw("post_record.json")
    (post,) = posts_of(map_file(bluesky, require_fixtures("bluesky", "post_record.json")))
    assert (post.post_id, post.text) == (data["uri"], data["value"]["text"])
    assert post.author_id == data["uri"].split("/")[2]
    assert post.created_at == datetime.fromisoformat(data["value"]["createdAt"])


def test_record_with_an_unknown_key_and_no_zone_is_utc() -> None:
    data = raw("extended_post_record.json")
    assert "lol" in data["value"]  # the unknown key is really there
    (post,) = posts_of(map_file(bluesky, require_fixtures("bluesky", "extended_post_record.json")))
    assert post.created_at == datetime.fromisoformat(data["value"]["createdAt"]).replace(tzinfo=UTC)
    assert post.lang == data["value"]["langs"][0]
    assert not rejects_of(map_file(bluesky, require_fixtures("bluesky", "extended_post_record.json")))


def test_feed_generator_record_is_rejected_as_not_a_post() -> None:
    records = map_file(bluesky, require_fixtures("bluesky", "feed_record.json"))
    (reject,) = rejects_of(records)
    assert reject.reason == "not a post" and raw("feed_record.json")["value"]["$type"] in reject.detail
    assert not posts_of(records)


def test_follows_page_gives_a_snapshot_per_profile(sqlite_store: Store) -> None:
    data = raw("get_follows.json")
    path = require_fixtures("bluesky", "get_follows.json")
    import_into(sqlite_store, path, bluesky)
    dids = {p["did"] for p in data["follows"]} | {data["subject"]["did"]}
    snaps = stored_snapshots(sqlite_store)
    assert {s["account_id"] for s in snaps} == dids
    assert all(s["followers"] is None for s in snaps)  # the page carries no counts: unknown, not zero
    assert not stored_posts(sqlite_store, collected=None)
    handles = {s.account_id: s.handle for s in snapshots_of(map_file(bluesky, path))}
    assert handles == {p["did"]: p["handle"] for p in [*data["follows"], data["subject"]]}


def test_thread_with_embed_is_a_quote_with_its_quoted_post_as_context(sqlite_store: Store) -> None:
    data = raw("thread_view_post_with_embed_media.json")
    root = data["thread"]["post"]
    quoted = root["embed"]["record"]["record"]
    import_into(sqlite_store, require_fixtures("bluesky", "thread_view_post_with_embed_media.json"), bluesky)
    collected = stored_posts(sqlite_store)
    context = stored_posts(sqlite_store, collected=False)
    thread_uris = {root["uri"]} | {r["post"]["uri"] for r in data["thread"]["replies"]}
    assert set(collected) == thread_uris
    row = collected[root["uri"]]
    assert (row["kind"], row["quote_of_id"]) == ("quote", root["record"]["embed"]["record"]["record"]["uri"])
    assert row["media_count"] == len(root["record"]["embed"]["media"]["images"])
    assert row["author_handle"] == root["author"]["handle"]
    assert set(context) == {quoted["uri"]} and context[quoted["uri"]]["text"] == quoted["value"]["text"]


def test_reimport_adds_nothing(sqlite_store: Store) -> None:
    for name in FILES:
        import_into(sqlite_store, require_fixtures("bluesky", name), bluesky)
    for name in FILES:
        again = import_into(sqlite_store, require_fixtures("bluesky", name), bluesky)
        assert (again.posts_new, again.referenced_new, again.snapshots_new) == (0, 0, 0)




@pytest.mark.parametrize("name", FILES)
def test_detected_among_all_formats(name: str) -> None:
    from tweetathon.sources.detect import detect

    found = detect(require_fixtures("bluesky", name))
    assert found is not None and found.NAME == "bluesky"
