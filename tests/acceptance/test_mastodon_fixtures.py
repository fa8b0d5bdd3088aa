"""Every recorded Mastodon API exchange (Mastodon.py's vcr cassettes) imports; figures counted from raw JSON."""

from __future__ import annotations

import base64
import binascii
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import require_fixtures
from tests.sources.mapping_helpers import (
    import_into,
    map_file,
    posts_of,
    rejects_of,
    stored_posts,
    stored_snapshots,
)
from tweetathon.sources import mastodon
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store

CASSETTES = ["test_account.yaml", "test_entity_quote.yaml", "test_entity_status.yaml",
             "test_entity_statusedit.yaml", "test_hashtag_tl.yaml", "test_status_context.yaml"]


def body_text(body: Any) -> str:
    """A recorded response body as text: plain, bytes, gzip or base64."""
    value = body.get("string", "") if isinstance(body, dict) else body
    if isinstance(value, str):
        try:
            value = base64.b64decode(value, validate=True) if value and value[0] not in "{[" else value
        except binascii.Error:
            return value
    if isinstance(value, bytes):
        value = gzip.decompress(value) if value[:2] == b"\x1f\x8b" else value
        return value.decode("utf-8")
    return str(value)


def bodies(name: str) -> list[Any]:
    cassette = yaml.safe_load(require_fixtures("mastodon", name).read_text(encoding="utf-8"))
    return [json.loads(text) for i in cassette["interactions"] if (text := body_text(i["response"]["body"]))]


def unwrap(name: str, tmp_path: Path) -> Path:
    """The cassette's response bodies as JSON Lines, one body per line, as a capture would keep them."""
    path = tmp_path / (Path(name).stem + ".jsonl")
    path.write_text("".join(json.dumps(b) + "\n" for b in bodies(name)), encoding="utf-8")
    return path


def raw_statuses(value: Any) -> list[dict[str, Any]]:
    """Top-level statuses in a body, counted by hand: an object with id, content and account."""
    if isinstance(value, list):
        return [s for v in value for s in raw_statuses(v)]
    if isinstance(value, dict) and ("ancestors" in value or "descendants" in value):
        return raw_statuses(value.get("ancestors", []) + value.get("descendants", []))
    if isinstance(value, dict) and {"id", "content", "account"} <= value.keys():
        return [value]
    return []


@pytest.mark.parametrize("name", CASSETTES)
def test_every_cassette_imports_its_statuses(name: str, sqlite_store: Store, tmp_path: Path) -> None:
    path = unwrap(name, tmp_path)
    expected = {s["id"] for b in bodies(name) for s in raw_statuses(b)}
    assert mastodon.sniff(read_head(path), path)
    import_into(sqlite_store, path, mastodon)
    assert set(stored_posts(sqlite_store)) == expected
    for b in bodies(name):
        for s in raw_statuses(b):
            row = stored_posts(sqlite_store)[s["id"]]
            assert row["in_reply_to_post_id"] == s["in_reply_to_id"]  # threads can be nested from these links
            assert row["created_at"].isoformat()[:19] == s["created_at"][:19]
            assert "<p>" not in row["text"] and "</a>" not in row["text"]


def test_status_with_edit_warning_media_and_hashtag(tmp_path: Path) -> None:
    (first, polled) = bodies("test_entity_status.yaml")
    records = map_file(mastodon, _one(first, tmp_path))
    (post,) = posts_of(records, collected=True)
    assert post.text.startswith(f"CW: {first['spoiler_text']}\n\n@halcy you're a doo-doo head")
    assert "edit: editing this" in post.text  # the latest version (edited_at set) is the one kept
    assert post.hashtags == tuple(t["name"].lower() for t in first["tags"])
    assert post.mentions == tuple(m["acct"].lower() for m in first["mentions"])
    assert post.media_count == len(first["media_attachments"])
    assert post.lang == first["language"]
    assert post.metrics.likes == first["favourites_count"]
    (poll_post,) = posts_of(map_file(mastodon, _one(polled, tmp_path)))
    assert poll_post.text == "test?" and poll_post.post_id == polled["id"]


def test_quote_and_its_quoted_status_as_context(tmp_path: Path) -> None:
    (body,) = bodies("test_entity_quote.yaml")
    records = map_file(mastodon, _one(body, tmp_path))
    (post,) = posts_of(records, collected=True)
    (context,) = posts_of(records, collected=False)
    quoted = body["quote"]["quoted_status"]
    expected_kind = "reply" if body["in_reply_to_id"] else "quote"  # a reply that also quotes is a reply
    assert (post.kind, post.quote_of_id, post.in_reply_to_post_id) == (expected_kind, quoted["id"],
                                                                       body["in_reply_to_id"])
    assert (context.post_id, context.kind) == (quoted["id"], "reply" if quoted["in_reply_to_id"] else "quote")
    assert context.quote_of_id == quoted["quote"]["quoted_status_id"]  # the older, shallow quote shape
    assert post.author_handle == body["account"]["acct"].lower()


def test_edit_history_entries_are_rejected_not_counted(tmp_path: Path) -> None:
    path = unwrap("test_entity_statusedit.yaml", tmp_path)
    records = map_file(mastodon, path)
    versions = sum(len(b) for b in bodies("test_entity_statusedit.yaml"))
    assert not posts_of(records)
    assert [r.reason for r in rejects_of(records)] == ["edit history entry, not a post"] * versions


def test_hashtag_timeline_and_local_handles(sqlite_store: Store, tmp_path: Path) -> None:
    path = unwrap("test_hashtag_tl.yaml", tmp_path)
    import_into(sqlite_store, path, mastodon)
    ((post_id, row),) = stored_posts(sqlite_store).items()
    timeline = next(b for b in bodies("test_hashtag_tl.yaml") if isinstance(b, list))
    assert post_id == timeline[0]["id"]
    assert row["hashtags"].split() == [t["name"] for t in timeline[0]["tags"]]
    assert row["author_handle"] == timeline[0]["account"]["acct"] + "@localhost:3000"
    assert row["deleted"]  # the recording ends by deleting the status: the server's answer is honoured
    # the instance description in the same recording is not a status: a clear reject, the rest imports
    assert [r.reason for r in rejects_of(map_file(mastodon, path))] == ["not a Mastodon status or account"]


def test_account_gives_a_snapshot(sqlite_store: Store, tmp_path: Path) -> None:
    path = unwrap("test_account.yaml", tmp_path)
    import_into(sqlite_store, path, mastodon)
    accounts = bodies("test_account.yaml")
    snaps = stored_snapshots(sqlite_store)
    assert {s["account_id"] for s in snaps} == {a["id"] for a in accounts}
    assert all(s["followers"] == accounts[0]["followers_count"] for s in snaps)
    assert not stored_posts(sqlite_store)


def test_context_keeps_reply_links(tmp_path: Path) -> None:
    bodies_ = bodies("test_status_context.yaml")
    context = next(b for b in bodies_ if "descendants" in b)
    records = map_file(mastodon, unwrap("test_status_context.yaml", tmp_path))
    posts = {p.post_id: p for p in posts_of(records)}
    for s in context["ancestors"] + context["descendants"]:
        assert posts[s["id"]].in_reply_to_post_id == s["in_reply_to_id"]
    assert not rejects_of(records)


def _one(value: Any, tmp_path: Path) -> Path:
    path = tmp_path / f"{value['id']}.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", CASSETTES)
def test_detected_among_all_formats(name: str, tmp_path: Path) -> None:
    from tweetathon.sources.detect import detect

    found = detect(unwrap(name, tmp_path))
    assert found is not None and found.NAME == "mastodon"
