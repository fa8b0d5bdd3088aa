"""Bluesky / AT Protocol: hand-written records and views for each edge case."""

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
from tweetathon.sources import bluesky
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store

DID = "did:plc:abc"
URI = f"at://{DID}/app.bsky.feed.post/3k1"


def facet(text: str, piece: str, feature: dict[str, Any]) -> dict[str, Any]:
    """A facet over the first occurrence of `piece`, with UTF-8 byte offsets as the protocol defines them."""
    start = text.encode("utf-8").index(piece.encode("utf-8"))
    return {"index": {"byteStart": start, "byteEnd": start + len(piece.encode("utf-8"))}, "features": [feature]}


def view(uri: str = URI, record: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"uri": uri, "cid": "bafy", "author": {"did": DID, "handle": "gmp.bsky.social", "displayName": "GMP"},
            "record": record or {"$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2024-05-02T08:00:00Z"},
            "likeCount": 4, "repostCount": 3, "replyCount": 2, "quoteCount": 1,
            "indexedAt": "2024-05-02T08:00:01Z"} | extra


def test_facets_with_multibyte_text_before_the_tag() -> None:
    text = "Größte Übung 🚓🚓 heute #PolTwt mit @tfgm.bsky.social https://gmp.police.uk/x"
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2024-05-02T08:00:00Z", "langs": ["de"],
              "facets": [facet(text, "#PolTwt", {"$type": "app.bsky.richtext.facet#tag", "tag": "PolTwt"}),
                         facet(text, "@tfgm.bsky.social", {"$type": "app.bsky.richtext.facet#mention",
                                                           "did": "did:plc:tfgm"}),
                         facet(text, "https://gmp.police.uk/x", {"$type": "app.bsky.richtext.facet#link",
                                                                 "uri": "https://gmp.police.uk/x"})]}
    (post,) = posts_of(map_payload(bluesky, {"uri": URI, "cid": "c", "value": record}))
    assert post.hashtags == ("poltwt",)
    assert post.mentions == ("tfgm.bsky.social",)  # the handle the text shows, found at the byte offsets
    assert post.urls == ("https://gmp.police.uk/x",)
    assert post.lang == "de"
    assert (post.post_id, post.author_id) == (URI, DID)
    assert post.url == "https://bsky.app/profile/did:plc:abc/post/3k1"


def test_mention_facet_over_text_without_a_handle_keeps_the_did() -> None:
    text = "thanks team"
    record = {"text": text, "createdAt": "2024-05-02T08:00:00Z",
              "facets": [facet(text, "team", {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:t"})]}
    (post,) = posts_of(map_payload(bluesky, {"uri": URI, "value": record}))
    assert post.mentions == ("did:plc:t",)


def test_without_facets_entities_come_from_the_text_and_tags() -> None:
    record = {"text": "Out now #BSP24 with @gmp.bsky.social see https://a.example/b.",
              "createdAt": "2024-05-02T08:00:00Z", "tags": ["Extra"]}
    (post,) = posts_of(map_payload(bluesky, {"uri": URI, "value": record}))
    assert post.hashtags == ("bsp24", "extra")
    assert post.mentions == ("gmp.bsky.social",)
    assert post.urls == ("https://a.example/b",)


def test_dates_with_and_without_a_zone() -> None:
    def created(value: str) -> datetime:
        (post,) = posts_of(map_payload(bluesky, {"uri": URI, "value": {"text": "", "createdAt": value}}))
        return post.created_at

    naive, zoned, nanos = (created("2023-07-21T01:33:51.481951"), created("2023-07-21T03:33:51+02:00"),
                           created("2023-07-21T01:33:51.123456789Z"))
    assert naive == datetime(2023, 7, 21, 1, 33, 51, 481951, tzinfo=UTC)
    assert zoned == datetime(2023, 7, 21, 1, 33, 51, tzinfo=UTC)
    assert nanos == datetime(2023, 7, 21, 1, 33, 51, 123456, tzinfo=UTC)


def test_reply_and_unknown_keys() -> None:
    parent, root = "at://did:plc:p/app.bsky.feed.post/2", "at://did:plc:r/app.bsky.feed.post/1"
    record = {"text": "yes", "createdAt": "2024-05-02T08:00:00Z", "futureField": {"x": 1},
              "reply": {"root": {"uri": root, "cid": "a"}, "parent": {"uri": parent, "cid": "b"}}}
    (post,) = posts_of(map_payload(bluesky, {"uri": URI, "value": record}))
    assert (post.kind, post.in_reply_to_post_id, post.in_reply_to_author_id, post.conversation_id) == (
        "reply", parent, "did:plc:p", root)


def test_quote_embed_keeps_the_quoted_view_as_context() -> None:
    quoted_uri = "at://did:plc:q/app.bsky.feed.post/9"
    record = {"text": "look", "createdAt": "2024-05-02T08:00:00Z",
              "embed": {"$type": "app.bsky.embed.record", "record": {"uri": quoted_uri, "cid": "x"}}}
    embed = {"$type": "app.bsky.embed.record#view", "record": {
        "$type": "app.bsky.embed.record#viewRecord", "uri": quoted_uri, "cid": "x",
        "author": {"did": "did:plc:q", "handle": "q.bsky.social"},
        "value": {"text": "original #tag", "createdAt": "2024-05-01T00:00:00Z"}, "indexedAt": "2024-05-01T00:00:00Z"}}
    records = map_payload(bluesky, {"posts": [view(record=record, embed=embed)]})
    (post,) = posts_of(records, collected=True)
    (context,) = posts_of(records, collected=False)
    assert (post.kind, post.quote_of_id) == ("quote", quoted_uri)
    assert (context.post_id, context.author_handle, context.hashtags) == (quoted_uri, "q.bsky.social", ("tag",))
    m = post.metrics
    assert (m.likes, m.reposts, m.replies, m.quotes) == (4, 3, 2, 1)


def test_embedded_feed_generator_is_not_a_quote() -> None:
    record = {"text": "my feed", "createdAt": "2024-05-02T08:00:00Z", "embed": {
        "$type": "app.bsky.embed.record", "record": {"uri": "at://did:plc:q/app.bsky.feed.generator/f"}}}
    (post,) = posts_of(map_payload(bluesky, {"uri": URI, "value": record}))
    assert post.kind == "original" and post.quote_of_id is None


def test_feed_repost_reason_with_and_without_its_uri() -> None:
    by = {"did": "did:plc:fan", "handle": "fan.bsky.social"}
    reason = {"$type": "app.bsky.feed.defs#reasonRepost", "by": by, "indexedAt": "2024-05-03T00:00:00Z"}
    page = {"feed": [{"post": view(), "reason": reason},
                     {"post": view(), "reason": reason | {"uri": "at://did:plc:fan/app.bsky.feed.repost/r1"}}]}
    records = map_payload(bluesky, page)
    reposts = posts_of(records, collected=True)
    assert [p.post_id for p in reposts] == [f"{URI}#repost-by-did:plc:fan", "at://did:plc:fan/app.bsky.feed.repost/r1"]
    assert all((p.kind, p.repost_of_id, p.author_id) == ("repost", URI, "did:plc:fan") for p in reposts)
    assert reposts[0].created_at == datetime(2024, 5, 3, tzinfo=UTC)
    assert {p.post_id for p in posts_of(records, collected=False)} == {URI}
    again = posts_of(map_payload(bluesky, page), collected=True)
    assert [p.post_id for p in again] == [p.post_id for p in reposts]  # deterministic


def test_thread_collects_parents_and_nested_replies() -> None:
    def node(n: int, parent: str | None = None, replies: list[Any] | None = None) -> dict[str, Any]:
        rec: dict[str, Any] = {"text": f"p{n}", "createdAt": "2024-05-02T08:00:00Z"}
        if parent:
            rec["reply"] = {"root": {"uri": uri(1)}, "parent": {"uri": parent}}
        return {"post": view(uri=uri(n), record=rec), "replies": replies or []}

    def uri(n: int) -> str:
        return f"at://{DID}/app.bsky.feed.post/{n}"

    thread = node(2, uri(1), [node(3, uri(2), [node(4, uri(3))]), {"$type": "x#notFoundPost", "uri": uri(9)}])
    thread["parent"] = node(1)
    posts = {p.post_id: p for p in posts_of(map_payload(bluesky, {"thread": thread}), collected=True)}
    assert set(posts) == {uri(1), uri(2), uri(3), uri(4)}
    assert posts[uri(4)].in_reply_to_post_id == uri(3) and posts[uri(4)].conversation_id == uri(1)


def test_bare_record_without_uri_is_rejected_clearly() -> None:
    records = map_payload(bluesky, {"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2024-05-02T08:00:00Z"})
    (reject,) = rejects_of(records)
    assert reject.reason == "post record without its uri" and "uri" in reject.detail


def test_profiles_become_snapshots_with_unknown_counts() -> None:
    page = {"follows": [{"did": "did:plc:a", "handle": "a.test", "indexedAt": "2024-01-01T00:00:00Z"}],
            "subject": {"did": "did:plc:b", "handle": "b.test", "followersCount": 10, "followsCount": 2,
                        "postsCount": 5, "createdAt": "2023-01-01T00:00:00Z"}}
    snaps = {s.account_id: s for s in snapshots_of(map_payload(bluesky, page))}
    assert snaps["did:plc:a"].followers is None and snaps["did:plc:a"].observed_at == datetime(2024, 1, 1, tzinfo=UTC)
    assert (snaps["did:plc:b"].followers, snaps["did:plc:b"].following, snaps["did:plc:b"].posts) == (10, 2, 5)


def test_jetstream_and_list_records_and_repost_records(sqlite_store: Store, tmp_path: Path) -> None:
    repost = {"uri": "at://did:plc:z/app.bsky.feed.repost/r", "value": {
        "$type": "app.bsky.feed.repost", "subject": {"uri": URI}, "createdAt": "2024-05-02T09:00:00Z"}}
    like = {"uri": "at://did:plc:z/app.bsky.feed.like/l", "value": {"$type": "app.bsky.feed.like"}}
    event = {"did": DID, "time_us": 1, "kind": "commit", "commit": {
        "operation": "create", "collection": "app.bsky.feed.post", "rkey": "3k1",
        "record": {"$type": "app.bsky.feed.post", "text": "#gmp24 live", "createdAt": "2024-05-02T08:00:00Z"}}}
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(orjson.dumps({"records": [repost, like]}) + b"\n" + orjson.dumps(event) + b"\n")
    assert bluesky.sniff(read_head(path), path)
    records = map_file(bluesky, path)
    assert [(r.line, r.reason) for r in rejects_of(records)] == [(1, "not a post")]
    import_into(sqlite_store, path, bluesky)
    stored = stored_posts(sqlite_store)
    assert stored[URI]["hashtags"].split() == ["gmp24"]
    assert stored["at://did:plc:z/app.bsky.feed.repost/r"]["kind"] == "repost"
    again = import_into(sqlite_store, path, bluesky)
    assert again.posts_new == 0


def test_mastodon_or_x_json_is_not_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id_str": "1", "full_text": "hi", "user": {"screen_name": "a"}}\n')
    assert not bluesky.sniff(read_head(path), path)
