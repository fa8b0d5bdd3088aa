"""X API v1.1 statuses: text variants, retweets, quotes, replies, ids only from id_str, users as snapshots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.model import AccountSnapshot, Deletion, Post, Reject
from tweetathon.sources import x_v1
from tweetathon.sources.base import RawRecord

USER = {"id": 100, "id_str": "100", "screen_name": "GMPolice", "name": "GMP", "followers_count": 1040,
        "friends_count": 70, "statuses_count": 5000, "location": "Manchester", "description": "Police",
        "created_at": "Wed Oct 10 20:19:24 +0000 2012", "verified": True}
RESIDENT = {"id_str": "200", "screen_name": "resident", "followers_count": 12, "friends_count": 3,
            "statuses_count": 40}
BIG_ID = "1225122317849657345"  # > 2**53: its numeric `id` has already lost digits in most tools


def status(sid: str, user: dict[str, Any] = USER, **extra: Any) -> dict[str, Any]:
    base = {"created_at": "Fri Mar 22 08:00:05 +0000 2013", "id": float(sid), "id_str": sid,
            "full_text": "On patrol #PolTwt with @resident https://t.co/a", "lang": "en", "user": user,
            "entities": {"hashtags": [{"text": "PolTwt", "indices": [10, 17]}],
                         "user_mentions": [{"screen_name": "resident", "id_str": "200"}],
                         "urls": [{"url": "https://t.co/a", "expanded_url": "https://gmp.police.uk/"}]},
            "extended_entities": {"media": [{"type": "photo"}, {"type": "photo"}]},
            "favorite_count": 4, "retweet_count": 2}
    base.update(extra)
    return base


def mapped(payload: Any) -> list[Any]:
    return x_v1.map_record(RawRecord(payload, "lookup.json", 3, "x-v1"))


def posts(records: list[Any]) -> dict[str, Post]:
    return {r.post_id: r for r in records if isinstance(r, Post)}


def test_status_maps_text_entities_metrics_and_user() -> None:
    records = mapped(status(BIG_ID))
    post = posts(records)[BIG_ID]
    assert post.post_id == BIG_ID and post.author_id == "100" and post.author_handle == "GMPolice"
    assert (post.kind, post.hashtags, post.mentions, post.urls, post.media_count) == (
        "original", ("poltwt",), ("resident",), ("https://gmp.police.uk/",), 2)
    assert post.text.startswith("On patrol") and post.created_at == datetime(2013, 3, 22, 8, 0, 5, tzinfo=UTC)
    assert (post.metrics.likes, post.metrics.reposts, post.author_followers) == (4, 2, 1040)
    [snap] = [r for r in records if isinstance(r, AccountSnapshot)]
    assert (snap.followers, snap.following, snap.posts, snap.location, snap.description) == (
        1040, 70, 5000, "Manchester", "Police")
    assert snap.observed_at == post.created_at


def test_text_variants() -> None:
    legacy = {k: v for k, v in status("1").items() if k != "full_text"}
    streamed = {**legacy, "text": "short…", "truncated": True,
                "extended_tweet": {"full_text": "the whole long text #Long",
                                   "entities": {"hashtags": [{"text": "Long"}]}}}
    assert posts(mapped({**legacy, "text": "plain"}))["1"].text == "plain"
    extended = posts(mapped(streamed))["1"]
    assert extended.text == "the whole long text #Long" and extended.hashtags == ("long",)


def test_retweet_is_a_repost_and_the_original_is_context() -> None:
    original = status("1000000000000000001", user=RESIDENT)
    retweet = status("1000000000000000002", retweeted_status=original, full_text="RT @resident: On patrol")
    found = posts(mapped(retweet))
    assert found["1000000000000000002"].kind == "repost"
    assert found["1000000000000000002"].repost_of_id == "1000000000000000001"
    assert found["1000000000000000001"].collected is False and found["1000000000000000002"].collected
    assert found["1000000000000000001"].author_id == "200"


def test_quote_and_reply() -> None:
    quoted = status("1000000000000000001", user=RESIDENT)
    quote_reply = status("1000000000000000003", quoted_status=quoted, quoted_status_id_str="1000000000000000001",
                         is_quote_status=True, in_reply_to_status_id_str="1000000000000000001",
                         in_reply_to_user_id_str="200")
    found = posts(mapped(quote_reply))
    post = found["1000000000000000003"]
    assert (post.kind, post.quote_of_id, post.in_reply_to_post_id, post.in_reply_to_author_id) == (
        "reply", "1000000000000000001", "1000000000000000001", "200")
    assert found["1000000000000000001"].collected is False
    reply = posts(mapped(status("1000000000000000004", in_reply_to_status_id_str="1000000000000000001")))
    assert reply["1000000000000000004"].kind == "reply"


def test_numeric_id_only_is_rejected_with_a_clear_reason() -> None:
    bad = {k: v for k, v in status(BIG_ID).items() if k != "id_str"}
    [rej] = mapped(bad)
    assert isinstance(rej, Reject) and rej.reason == "status without id_str"
    assert (rej.file, rej.line) == ("lookup.json", 3) and "lost digits" in rej.detail
    no_user_id = status(BIG_ID, user={"id": 100, "screen_name": "GMPolice"})
    assert [r.reason for r in mapped(no_user_id)] == ["status without user.id_str"]


def test_search_response_array_and_delete_notice() -> None:
    found = mapped({"statuses": [status("1"), status("2")], "search_metadata": {}})
    assert sorted(posts(found)) == ["1", "2"]
    assert sorted(posts(mapped([status("3"), status("4")]))) == ["3", "4"]
    [deletion] = mapped({"delete": {"status": {"id": 5, "id_str": "5", "user_id_str": "100"},
                                    "timestamp_ms": "1363939200000"}})
    assert isinstance(deletion, Deletion) and deletion.target_id == "5"
    assert mapped({"limit": {"track": 12}}) == []


def test_json_lines_of_arrays_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "timeline.jsonl"
    path.write_bytes(orjson.dumps([status("1"), status("2")]) + b"\n" + orjson.dumps([status("3")]) + b"\n")
    records = [r for raw in x_v1.iter_records(path) for r in x_v1.map_record(raw)]  # type: ignore[arg-type]
    assert sorted(posts(records)) == ["1", "2", "3"]


def test_sniff(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    assert x_v1.sniff(orjson.dumps([status("1")]).decode(), path)
    assert x_v1.sniff(orjson.dumps({"statuses": [status("1")]}).decode(), path)
    assert x_v1.sniff(orjson.dumps(status("1")).decode() + "\n", path)
    assert x_v1.sniff(orjson.dumps([status("1")] * 50, option=orjson.OPT_INDENT_2).decode()[:3000], path)
    mastodon = {"id": "1", "content": "<p>hi</p>", "account": {"id": "2"}, "created_at": "2024-01-01T00:00:00Z"}
    v2 = {"data": [{"id": "1", "text": "x", "author_id": "2"}], "includes": {}}
    for other in (mastodon, v2, {"uri": "at://did:plc:x/app.bsky.feed.post/1"}):
        assert not x_v1.sniff(orjson.dumps(other).decode() + "\n", path)
    assert not x_v1.sniff("id_str,text,user\n1,2,3\n", path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
status_keys = st.sampled_from(["id_str", "id", "text", "full_text", "created_at", "user", "entities",
                               "extended_tweet", "retweeted_status", "quoted_status", "quoted_status_id_str",
                               "in_reply_to_status_id_str", "statuses", "delete", "place", "favorite_count"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(status_keys | st.text(max_size=6), json_values, max_size=8))
def test_map_record_never_raises_on_json_like_dicts(payload: dict[str, Any]) -> None:
    for record in mapped(payload):
        assert isinstance(record, Post | AccountSnapshot | Deletion | Reject)
