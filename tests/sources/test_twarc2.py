"""twarc2 / X API v2: pages, flattened lines, stream lines, user pages, compliance — mapped by hand-made records."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.model import AccountSnapshot, Deletion, Post, Reject
from tweetathon.sources import twarc2
from tweetathon.sources.base import RawRecord

RETRIEVED = "2024-03-22T09:00:00+00:00"
AUTHOR = {"id": "100", "username": "GMPolice", "name": "GMP", "location": "Manchester",
          "description": "Greater Manchester Police",
          "public_metrics": {"followers_count": 1040, "following_count": 70, "tweet_count": 5000}}
OTHER = {"id": "200", "username": "resident", "name": "A Resident"}  # no public_metrics: counts unknown


def tweet(tid: str, **extra: Any) -> dict[str, Any]:
    base = {"id": tid, "author_id": "100", "created_at": "2024-03-22T08:00:05.000Z", "lang": "en",
            "conversation_id": tid, "text": f"tweet {tid} #PolTwt @Resident https://t.co/x",
            "edit_history_tweet_ids": [tid],
            "entities": {"hashtags": [{"start": 10, "end": 17, "tag": "PolTwt"}],
                         "mentions": [{"start": 18, "end": 27, "username": "Resident", "id": "200"}],
                         "urls": [{"url": "https://t.co/x", "expanded_url": "https://gmp.police.uk/news"}]},
            "public_metrics": {"retweet_count": 2, "reply_count": 3, "like_count": 4, "quote_count": 1,
                               "impression_count": 900}}
    base.update(extra)
    return base


QUOTED = tweet("1770000000000000001", author_id="200", text="the original")
PAGE = {
    "data": [
        tweet("1770000000000000010", attachments={"media_keys": ["3_1", "3_2"]}, geo={"place_id": "pl1"}),
        tweet("1770000000000000011", referenced_tweets=[{"type": "retweeted", "id": "1770000000000000001"}]),
        tweet("1770000000000000012", in_reply_to_user_id="200",
              referenced_tweets=[{"type": "quoted", "id": "1770000000000000001"},
                                 {"type": "replied_to", "id": "1770000000000000001"}]),
        tweet("1770000000000000013", in_reply_to_user_id="200",
              referenced_tweets=[{"type": "replied_to", "id": "1770000000000000001"}],
              withheld={"copyright": False, "country_codes": ["IN"]},
              edit_history_tweet_ids=["1770000000000000009", "1770000000000000013"]),
    ],
    "includes": {"users": [AUTHOR, OTHER], "tweets": [QUOTED],
                 "places": [{"id": "pl1", "full_name": "Manchester, England", "country_code": "GB"}]},
    "errors": [{"resource_id": "1", "title": "Not Found Error", "type": "https://api.twitter.com/2/problems/x"}],
    "meta": {"result_count": 4},
    "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent?query=%23poltwt", "version": "2.14.0",
                "retrieved_at": RETRIEVED},
}


def mapped(payload: Any, file: str = "capture.jsonl", line: int = 1) -> list[Any]:
    return twarc2.map_record(RawRecord(payload, file, line, "twarc2"))


def by_id(records: list[Any]) -> dict[str, Post]:
    return {r.post_id: r for r in records if isinstance(r, Post)}


def test_page_maps_every_tweet_with_its_kind_entities_and_metrics() -> None:
    records = mapped(PAGE)
    posts = by_id(records)
    first = posts["1770000000000000010"]
    assert (first.kind, first.hashtags, first.mentions, first.urls) == (
        "original", ("poltwt",), ("resident",), ("https://gmp.police.uk/news",))
    assert (first.media_count, first.place_country, first.lang, first.author_handle) == (2, "GB", "en", "GMPolice")
    assert (first.metrics.likes, first.metrics.reposts, first.metrics.impressions) == (4, 2, 900)
    assert first.author_followers == 1040
    assert first.url == "https://twitter.com/GMPolice/status/1770000000000000010"
    assert first.created_at == datetime(2024, 3, 22, 8, 0, 5, tzinfo=UTC)
    assert first.observed_at == datetime(2024, 3, 22, 9, 0, tzinfo=UTC)
    assert first.provenance is not None and first.provenance.url == PAGE["__twarc"]["url"]  # type: ignore[index]
    assert first.raw is PAGE["data"][0]  # type: ignore[index]
    assert posts["1770000000000000011"].kind == "repost"
    assert posts["1770000000000000011"].repost_of_id == "1770000000000000001"
    quote_reply = posts["1770000000000000012"]
    assert (quote_reply.kind, quote_reply.quote_of_id, quote_reply.in_reply_to_post_id,
            quote_reply.in_reply_to_author_id) == ("reply", "1770000000000000001", "1770000000000000001", "200")
    reply = posts["1770000000000000013"]
    assert (reply.kind, reply.withheld, reply.edit_of_id) == ("reply", True, "1770000000000000009")
    assert not any(isinstance(r, Reject) for r in records)  # `errors` are API notes, not rejects


def test_included_tweets_are_context_and_users_are_snapshots() -> None:
    records = mapped(PAGE)
    posts = by_id(records)
    assert posts["1770000000000000001"].collected is False
    assert all(p.collected for pid, p in posts.items() if pid != "1770000000000000001")
    snaps = {s.account_id: s for s in records if isinstance(s, AccountSnapshot)}
    assert snaps["100"].followers == 1040 and snaps["100"].following == 70 and snaps["100"].posts == 5000
    assert snaps["100"].location == "Manchester"
    assert snaps["200"].followers is None  # unknown, not zero
    assert posts["1770000000000000001"].author_followers is None
    assert {s.observed_at for s in snaps.values()} == {datetime(2024, 3, 22, 9, 0, tzinfo=UTC)}


def test_without_retrieval_time_users_are_observed_at_the_newest_tweet() -> None:
    page = {k: v for k, v in PAGE.items() if k != "__twarc"}
    page["data"] = [tweet("1770000000000000010"), tweet("1770000000000000011", created_at="2024-03-22T08:30:00Z")]
    records = mapped(page)
    snaps = [r for r in records if isinstance(r, AccountSnapshot)]
    assert snaps and {s.observed_at for s in snaps} == {datetime(2024, 3, 22, 8, 30, tzinfo=UTC)}
    assert all(p.observed_at is None for p in by_id(records).values())


def test_flattened_line_gives_the_same_post_as_its_page() -> None:
    original = PAGE["data"][2]  # type: ignore[index]
    flat = {**original, "author": AUTHOR, "in_reply_to_user": OTHER, "__twarc": PAGE["__twarc"],
            "referenced_tweets": [{"type": "quoted", **QUOTED, "author": OTHER},
                                  {"type": "replied_to", **QUOTED, "author": OTHER}]}
    flat["entities"] = {**original["entities"], "mentions": [{"start": 18, "end": 27, **OTHER}]}
    from_flat = mapped(flat)
    from_page = by_id(mapped(PAGE))
    post = by_id(from_flat)["1770000000000000012"]
    expected = from_page["1770000000000000012"]
    assert (post.kind, post.quote_of_id, post.in_reply_to_post_id, post.hashtags, post.mentions,
            post.author_followers, post.observed_at) == (
        expected.kind, expected.quote_of_id, expected.in_reply_to_post_id, expected.hashtags, expected.mentions,
        expected.author_followers, expected.observed_at)
    assert by_id(from_flat)["1770000000000000001"].collected is False
    assert {s.account_id for s in from_flat if isinstance(s, AccountSnapshot)} == {"100", "200"}


def test_stream_line_with_matching_rules_is_one_collected_tweet() -> None:
    line = {"data": tweet("1770000000000000020"), "includes": {"users": [AUTHOR]},
            "matching_rules": [{"id": "1", "tag": "poltwt"}],
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/stream", "retrieved_at": RETRIEVED}}
    records = mapped(line)
    assert [p.post_id for p in by_id(records).values() if p.collected] == ["1770000000000000020"]
    assert [s.account_id for s in records if isinstance(s, AccountSnapshot)] == ["100"]


def test_user_page_gives_snapshots_only() -> None:
    page = {"data": [AUTHOR, OTHER], "includes": {"tweets": [QUOTED]}, "__twarc": {"retrieved_at": RETRIEVED}}
    records = mapped(page)
    assert sorted(s.account_id for s in records if isinstance(s, AccountSnapshot)) == ["100", "200"]
    assert all(not p.collected for p in by_id(records).values())


def test_compliance_lines_delete_posts_or_accounts_by_file_name() -> None:
    line = {"id": "1170025343920402432", "action": "delete", "created_at": "2019-09-06T17:25:54.667Z",
            "reason": "protected"}
    [tweet_del] = mapped(line, "tweets_compliance.jsonl")
    [user_del] = mapped(line, "/data/users_compliance.jsonl")
    assert isinstance(tweet_del, Deletion) and tweet_del.target == "post" and tweet_del.reason == "protected"
    assert isinstance(user_del, Deletion) and user_del.target == "account"
    assert user_del.target_id == "1170025343920402432"


def test_compliance_stream_events() -> None:
    [gone] = mapped({"data": {"delete": {"tweet": {"id": "5", "author_id": "6"}, "event_at": RETRIEVED}}})
    [suspended] = mapped({"data": {"user_suspend": {"user": {"id": "6"}, "event_at": RETRIEVED}}})
    assert (gone.target, gone.target_id, suspended.target, suspended.target_id) == ("post", "5", "account", "6")


def test_tweet_without_created_at_takes_the_time_in_its_id_and_unknown_author() -> None:
    # A real tweet from tweepy's recordings; its text is the client's clock when it posted.
    [post] = mapped({"data": [{"id": "1578516068309794817", "text": "2022-10-07 22:42:12.637103 tweepy",
                               "edit_history_tweet_ids": ["1578516068309794817"]}]})
    assert isinstance(post, Post)
    posted = datetime(2022, 10, 7, 22, 42, 12, 637103, tzinfo=UTC)
    assert abs((post.created_at - posted).total_seconds()) < 1
    assert post.author_id == "unknown" and post.collected


def test_bad_tweet_is_a_reject_and_the_rest_of_the_page_imports() -> None:
    page = {"data": [tweet("1770000000000000010"), {"id": 1.77e18, "text": "float id"},
                     tweet("1770000000000000011", entities={"hashtags": [{"tag": 5}]})]}
    records = mapped(page, "p.jsonl", 7)
    rejects = [r for r in records if isinstance(r, Reject)]
    assert [p.post_id for p in by_id(records).values()] == ["1770000000000000010"]
    assert len(rejects) == 2 and all((r.file, r.line) == ("p.jsonl", 7) for r in rejects)


def test_error_only_and_empty_lines_are_not_rejects() -> None:
    assert mapped({"errors": [{"title": "operational-disconnect"}]}) == []
    assert mapped({"meta": {"result_count": 0}}) == []


def test_sniff_recognises_v2_and_refuses_other_platforms(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    assert twarc2.sniff(orjson.dumps(PAGE).decode() + "\n", path)
    big_first_line = orjson.dumps(PAGE).decode()[:500]  # a page longer than the sniffed head
    assert twarc2.sniff(big_first_line, path)
    assert twarc2.sniff(orjson.dumps({**PAGE["data"][0], "author": AUTHOR}).decode(), path)  # type: ignore[index]
    assert twarc2.sniff("\n" + '{"id":"1","action":"delete","created_at":"2019-09-06T17:25:54Z"}\n', path)
    v1 = {"id": 1, "id_str": "1", "text": "hi", "user": {"id_str": "2"}, "created_at": "x"}
    mastodon = {"id": "1", "content": "<p>hi</p>", "account": {"id": "2"}, "created_at": "2024-01-01T00:00:00Z"}
    bluesky = {"uri": "at://did:plc:x/app.bsky.feed.post/1", "cid": "c", "author": {"did": "d"}, "record": {}}
    for other in (v1, mastodon, bluesky, [v1], {"statuses": [v1]}):
        assert not twarc2.sniff(orjson.dumps(other).decode() + "\n", path)
    assert not twarc2.sniff('{"id_str": "1", "text": "' + "x" * 600, path)
    assert not twarc2.sniff("id,text\n1,hello\n", path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
tweet_keys = st.sampled_from(["id", "text", "created_at", "author_id", "referenced_tweets", "entities", "data",
                              "includes", "public_metrics", "attachments", "geo", "edit_history_tweet_ids",
                              "action", "username", "__twarc", "note_tweet", "withheld", "author"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(tweet_keys | st.text(max_size=6), json_values, max_size=8))
def test_map_record_never_raises_on_json_like_dicts(payload: dict[str, Any]) -> None:
    for record in mapped(payload):
        assert isinstance(record, Post | AccountSnapshot | Deletion | Reject)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"data": st.lists(st.dictionaries(tweet_keys, json_values, max_size=8), max_size=3),
                              "includes": st.dictionaries(st.sampled_from(["users", "tweets", "places"]),
                                                          st.lists(json_values, max_size=3))}))
def test_map_record_never_raises_on_odd_pages(payload: dict[str, Any]) -> None:
    for record in mapped(payload):
        assert isinstance(record, Post | AccountSnapshot | Deletion | Reject)
