"""Mastodon statuses: hand-written API payloads for each edge case."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from tests.sources.mapping_helpers import (
    import_into,
    map_file,
    map_payload,
    posts_of,
    rejects_of,
    snapshots_of,
    stored_posts,
)
from tweetathon.sources import mastodon
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store


def account(**extra: Any) -> dict[str, Any]:
    base = {"id": "7", "username": "gmp", "acct": "gmp", "display_name": "GMP", "url": "https://police.social/@gmp",
            "note": "<p>Greater Manchester Police.<br>Not monitored 24/7 &amp; no emergencies</p>",
            "followers_count": 1000, "following_count": 20, "statuses_count": 300,
            "created_at": "2022-11-01T00:00:00.000Z", "last_status_at": "2024-05-01"}
    return base | extra


def status(**extra: Any) -> dict[str, Any]:
    base = {"id": "111", "created_at": "2024-05-02T08:00:00.000Z", "in_reply_to_id": None,
            "in_reply_to_account_id": None, "spoiler_text": "", "language": "en",
            "uri": "https://police.social/users/gmp/statuses/111", "url": "https://police.social/@gmp/111",
            "replies_count": 2, "reblogs_count": 3, "favourites_count": 4, "quotes_count": 1, "edited_at": None,
            "content": "<p>Hello</p>", "reblog": None, "account": account(), "media_attachments": [],
            "mentions": [], "tags": [], "quote": None, "poll": None}
    return base | extra


def test_html_content_becomes_plain_text_with_links_whole() -> None:
    content = ('<p>Road closed &amp; diverted<br>near <a href="https://police.social/tags/GMP24" '
               'class="mention hashtag" rel="tag">#<span>GMP24</span></a> '
               '<span class="h-card"><a href="https://other.example/@tfgm" class="u-url mention">@<span>tfgm'
               '</span></a></span></p><p>Details: <a href="https://www.gmp.police.uk/news/closure-123" '
               'rel="nofollow"><span class="invisible">https://www.</span><span class="ellipsis">gmp.police.uk/'
               'news/clo</span><span class="invisible">sure-123</span></a></p>')
    records = map_payload(mastodon, status(content=content, tags=[{"name": "GMP24"}],
                                           mentions=[{"acct": "tfgm", "url": "https://other.example/@tfgm"}]))
    (post,) = posts_of(records)
    assert post.text.startswith("Road closed & diverted\nnear #GMP24 @tfgm")
    assert "<" not in post.text and "&amp;" not in post.text
    assert post.urls == ("https://www.gmp.police.uk/news/closure-123",)
    assert post.hashtags == ("gmp24",)
    assert post.mentions == ("tfgm@other.example",)


def test_ids_handles_metrics_and_media() -> None:
    records = map_payload(mastodon, status(media_attachments=[{"id": "1"}, {"id": "2"}],
                                           mentions=[{"acct": "Someone@Elsewhere.Example", "url": "x"}]))
    (post,) = posts_of(records)
    assert (post.platform, post.post_id, post.author_id, post.author_handle) == (
        "mastodon", "111", "7", "gmp@police.social")
    assert post.url == "https://police.social/@gmp/111"
    assert post.raw is not None and post.raw["uri"] == "https://police.social/users/gmp/statuses/111"
    assert post.media_count == 2
    assert post.mentions == ("someone@elsewhere.example",)
    m = post.metrics
    assert (m.replies, m.reposts, m.likes, m.quotes) == (2, 3, 4, 1)
    assert post.created_at == datetime(2024, 5, 2, 8, tzinfo=UTC)


def test_account_becomes_a_snapshot_observed_at_the_status_time() -> None:
    (snap,) = snapshots_of(map_payload(mastodon, status()))
    assert (snap.account_id, snap.handle, snap.followers, snap.following, snap.posts) == (
        "7", "gmp@police.social", 1000, 20, 300)
    assert snap.description == "Greater Manchester Police.\nNot monitored 24/7 & no emergencies"
    assert snap.observed_at == datetime(2024, 5, 2, 8, tzinfo=UTC)


def test_null_language_and_content_warning() -> None:
    (post,) = posts_of(map_payload(mastodon, status(language=None, spoiler_text="violence",
                                                    content="<p>Incident on Oxford Rd</p>")))
    assert post.lang is None
    assert post.text == "CW: violence\n\nIncident on Oxford Rd"


def test_reblog_is_a_repost_with_the_original_as_context() -> None:
    original = status(id="900", content="<p>Stay safe <a class=\"mention hashtag\" href=\"h\">#poltwt</a></p>",
                      tags=[{"name": "PolTwt"}], account=account(id="8", acct="bob@far.example"))
    outer = status(id="901", content="", reblog=original, tags=[], favourites_count=0)
    records = map_payload(mastodon, outer)
    (repost,) = posts_of(records, collected=True)
    (context,) = posts_of(records, collected=False)
    assert (repost.post_id, repost.kind, repost.repost_of_id) == ("901", "repost", "900")
    assert repost.text == "Stay safe #poltwt" and repost.hashtags == ("poltwt",)
    assert (context.post_id, context.kind, context.author_handle) == ("900", "original", "bob@far.example")
    assert {s.account_id for s in snapshots_of(records)} == {"7", "8"}


def test_reply_keeps_its_links() -> None:
    (post,) = posts_of(map_payload(mastodon, status(in_reply_to_id="100", in_reply_to_account_id="9")))
    assert (post.kind, post.in_reply_to_post_id, post.in_reply_to_author_id) == ("reply", "100", "9")


def test_quote_shapes() -> None:
    """Each shape of quote keeps its link; a quote that is also a reply counts as a reply."""
    quoted = status(id="500", content="<p>quoted</p>")
    full = posts_of(map_payload(mastodon, status(quote={"state": "accepted", "quoted_status": quoted},
                                                 in_reply_to_id="1")))
    assert [(p.post_id, p.kind, p.quote_of_id, p.collected) for p in full] == [
        ("111", "reply", "500", True), ("500", "original", None, False)]
    shallow = posts_of(map_payload(mastodon, status(quote={"state": "accepted", "quoted_status_id": "501"})))
    assert [(p.kind, p.quote_of_id) for p in shallow] == [("quote", "501")]
    legacy = posts_of(map_payload(mastodon, status(quote=status(id="502"))))
    assert [(p.post_id, p.collected) for p in legacy] == [("111", True), ("502", False)]
    pleroma = posts_of(map_payload(mastodon, status(quote_id="503")))
    assert [(p.kind, p.quote_of_id) for p in pleroma] == [("quote", "503")]


def test_edited_status_replaces_the_earlier_version(sqlite_store: Store, tmp_path: Path) -> None:
    before = status(content="<p>first</p>")
    after = status(content="<p>second #edit</p>", tags=[{"name": "edit"}], edited_at="2024-05-02T08:05:00.000Z")
    late = tmp_path / "late.json"
    late.write_bytes(orjson.dumps(after))
    early = tmp_path / "early.json"
    early.write_bytes(orjson.dumps(before))
    import_into(sqlite_store, late, mastodon)
    import_into(sqlite_store, early, mastodon)  # an older capture imported later must not win
    assert stored_posts(sqlite_store)["111"]["text"] == "second #edit"


def test_edit_history_entries_are_not_posts() -> None:
    history = [{"content": "<p>v1</p>", "spoiler_text": "", "created_at": "2024-05-02T08:00:00Z",
                "account": account(), "media_attachments": []}]
    records = map_payload(mastodon, history)
    assert not posts_of(records)
    assert [r.reason for r in rejects_of(records)] == ["edit history entry, not a post"]


def test_context_array_jsonl_and_accounts(tmp_path: Path) -> None:
    context = {"ancestors": [status(id="1")], "descendants": [status(id="2", in_reply_to_id="1"),
                                                              status(id="3", in_reply_to_id="2")]}
    path = tmp_path / "mixed.jsonl"
    lines = [context, [status(id="4"), status(id="5")], status(id="6"), account(id="99"), {"domain": "x"}]
    path.write_bytes(b"\n".join(orjson.dumps(v) for v in lines) + b"\n")
    assert mastodon.sniff(read_head(path), path)
    records = map_file(mastodon, path)
    posts = {p.post_id: p for p in posts_of(records)}
    assert set(posts) == {"1", "2", "3", "4", "5", "6"}
    assert (posts["3"].in_reply_to_post_id, posts["2"].in_reply_to_post_id) == ("2", "1")
    (bare,) = [s for s in snapshots_of(records) if s.account_id == "99"]
    assert bare.observed_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert [(r.line, r.reason) for r in rejects_of(records)] == [(5, "not a Mastodon status or account")]


def test_pretty_printed_single_status(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(orjson.dumps(status(), option=orjson.OPT_INDENT_2))
    assert mastodon.sniff(read_head(path), path)
    assert [p.post_id for p in posts_of(map_file(mastodon, path))] == ["111"]


def test_not_mastodon_is_not_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id_str": "1", "full_text": "hi", "user": {"screen_name": "a"}}\n')
    assert not mastodon.sniff(read_head(path), path)


def test_delete_response_marks_the_post_deleted(sqlite_store: Store, tmp_path: Path) -> None:
    deleted = {k: v for k, v in status().items() if k != "content"} | {"text": "Hello #gmp24"}
    path = tmp_path / "d.jsonl"
    path.write_bytes(orjson.dumps(status()) + b"\n" + orjson.dumps(deleted) + b"\n")
    import_into(sqlite_store, path, mastodon)
    row = stored_posts(sqlite_store)["111"]
    assert row["deleted"] and row["text"] == "Hello #gmp24"
    assert sqlite_store.stats()["posts"] == 0
