"""The X account archive: a small archive written here following X's documented `data/*.js` layout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.ingest import import_file
from tweetathon.model import AccountSnapshot, Post, Reject
from tweetathon.sources import x_archive
from tweetathon.sources.base import RawRecord, read_head
from tweetathon.store.schema import account_snapshots
from tweetathon.store.store import Store

OWNER_ID = "1402171658"


def archive_tweet(tid: str, text: str, **extra: Any) -> dict[str, Any]:
    """One element of tweets.js as X writes it: every number a string, v1.1-style fields."""
    tweet = {
        "edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2023-03-22T09:00:00.000Z",
                                  "editsRemaining": "5", "isEditEligible": True}},
        "retweeted": False, "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))], "favorite_count": "7", "id_str": tid, "truncated": False,
        "retweet_count": "3", "id": tid, "created_at": "Wed Mar 22 08:00:05 +0000 2023", "favorited": False,
        "full_text": text, "lang": "en",
    }
    tweet.update(extra)
    return {"tweet": tweet}


TWEETS = [
    archive_tweet("1638478425513213953", "Good morning from the control room #PolTwt",
                  entities={"hashtags": [{"text": "PolTwt", "indices": ["35", "42"]}], "symbols": [],
                            "user_mentions": [], "urls": []},
                  extended_entities={"media": [{"type": "photo", "id_str": "1"}]}),
    archive_tweet("1638478425513213954", "RT @gmpolice: Officers on patrol in the city centre #PolTwt",
                  entities={"hashtags": [{"text": "PolTwt", "indices": ["52", "59"]}], "symbols": [],
                            "urls": [], "user_mentions": [{"name": "GMP", "screen_name": "gmpolice",
                                                           "indices": ["3", "12"], "id_str": "22", "id": "22"}]}),
    archive_tweet("1638478425513213955", "@resident Thanks, we are on our way",
                  in_reply_to_status_id_str="1638478425513210000", in_reply_to_user_id_str="33",
                  in_reply_to_screen_name="resident",
                  entities={"hashtags": [], "symbols": [], "urls": [],
                            "user_mentions": [{"screen_name": "resident", "id_str": "33", "indices": ["0", "9"]}]}),
    archive_tweet("1638478425513213956", "Worth a read https://t.co/q",
                  entities={"hashtags": [], "symbols": [], "user_mentions": [], "urls": [
                      {"url": "https://t.co/q", "expanded_url": "https://twitter.com/gmpolice/status/1638470000000000000",
                       "display_url": "twitter.com/gmpolice/stat…", "indices": ["13", "27"]}]}),
    archive_tweet("1638478425513213957", "Edited wording",
                  edit_info={"edit": {"initialTweetId": "1638478425513213900",
                                      "editControlInitial": {"editTweetIds": ["1638478425513213900"]}}}),
]
ACCOUNT = [{"account": {"email": "press@example.org", "createdVia": "web", "username": "ExamplePolice",
                        "accountId": OWNER_ID, "createdAt": "2013-05-09T10:20:30.000Z",
                        "accountDisplayName": "Example Police"}}]
PROFILE = [{"profile": {"description": {"bio": "Official account", "website": "https://t.co/w",
                                        "location": "Manchester, UK"},
                        "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/a.jpg"}}]
MANIFEST = ('window.__THAR_CONFIG = {"userInfo": {"accountId": "1402171658", "userName": "ExamplePolice"}, '
            '"archiveInfo": {"sizeBytes": "1234", "generationDate": "2023-04-01T12:00:00.000Z", '
            '"isPartialArchive": false}}')


def js(name: str, value: Any) -> str:
    return f"window.YTD.{name}.part0 = " + orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def write_archive(root: Path, with_account: bool = True) -> Path:
    data = root / "twitter-2023-04-01-abc123" / "data"
    data.mkdir(parents=True)
    (data / "tweets.js").write_text(js("tweets", TWEETS), encoding="utf-8")
    (data / "follower.js").write_text(js("follower", [{"follower": {"accountId": "9"}}]), encoding="utf-8")
    if with_account:
        (data / "account.js").write_text(js("account", ACCOUNT), encoding="utf-8")
        (data / "profile.js").write_text(js("profile", PROFILE), encoding="utf-8")
        (data / "manifest.js").write_text(MANIFEST, encoding="utf-8")
    return data / "tweets.js"


def mapped_file(path: Path) -> list[Any]:
    out: list[Any] = []
    for raw in x_archive.iter_records(path):
        out.extend([raw] if isinstance(raw, Reject) else x_archive.map_record(raw))
    return out


def test_archive_tweets_with_owner_from_account_js(tmp_path: Path) -> None:
    records = mapped_file(write_archive(tmp_path))
    posts = {p.post_id: p for p in records if isinstance(p, Post)}
    assert len(posts) == 5
    assert {p.author_id for p in posts.values()} == {OWNER_ID}
    assert {p.author_handle for p in posts.values()} == {"ExamplePolice"}
    first = posts["1638478425513213953"]
    assert (first.kind, first.hashtags, first.media_count, first.metrics.likes, first.metrics.reposts) == (
        "original", ("poltwt",), 1, 7, 3)
    assert first.created_at == datetime(2023, 3, 22, 8, 0, 5, tzinfo=UTC)
    assert posts["1638478425513213954"].kind == "repost"
    assert posts["1638478425513213954"].mentions == ("gmpolice",)
    reply = posts["1638478425513213955"]
    assert (reply.kind, reply.in_reply_to_post_id, reply.in_reply_to_author_id) == (
        "reply", "1638478425513210000", "33")
    assert posts["1638478425513213956"].kind == "quote"
    assert posts["1638478425513213956"].quote_of_id == "1638470000000000000"
    assert posts["1638478425513213957"].edit_of_id == "1638478425513213900"
    [snap] = [s for s in records if isinstance(s, AccountSnapshot)]
    assert (snap.account_id, snap.handle, snap.name, snap.description, snap.location) == (
        OWNER_ID, "ExamplePolice", "Example Police", "Official account", "Manchester, UK")
    assert snap.observed_at == datetime(2023, 4, 1, 12, 0, tzinfo=UTC)
    assert snap.followers is None  # the archive does not say: unknown, not zero
    assert "email" not in (snap.raw or {})


def test_without_account_js_the_owner_is_a_named_placeholder(tmp_path: Path) -> None:
    records = mapped_file(write_archive(tmp_path, with_account=False))
    posts = [p for p in records if isinstance(p, Post)]
    assert {p.author_id for p in posts} == {"x-archive:twitter-2023-04-01-abc123"}
    assert {p.author_handle for p in posts} == {None}
    assert not any(isinstance(r, AccountSnapshot) for r in records)


def test_sniff_and_other_parts_import_nothing(tmp_path: Path) -> None:
    tweets = write_archive(tmp_path)
    follower = tweets.with_name("follower.js")
    assert x_archive.sniff(read_head(tweets), tweets) and x_archive.sniff(read_head(follower), follower)
    assert list(x_archive.iter_records(follower)) == []
    assert not x_archive.sniff('{"data": []}', tweets)
    assert not x_archive.sniff("var x = 1;", tweets)


def test_importing_the_archive_folder(tmp_path: Path, sqlite_store: Store) -> None:
    tweets = write_archive(tmp_path)
    for path in sorted(tweets.parent.iterdir()):
        import_file(sqlite_store, path)
    stats = sqlite_store.stats()
    assert (stats["posts"], stats["originals"], stats["reposts"], stats["replies"], stats["quotes"]) == (5, 2, 1, 1, 1)
    assert stats["authors"] == 1 and sqlite_store.count(account_snapshots) == 1
    again = import_file(sqlite_store, tweets)
    assert again.counts.posts_new == 0 and sqlite_store.stats()["posts"] == 5


def test_a_broken_archive_file_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = [ {", encoding="utf-8")
    [rej] = list(x_archive.iter_records(path))
    assert isinstance(rej, Reject) and rej.reason == "invalid archive file"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
tweet_keys = st.sampled_from(["id_str", "id", "full_text", "created_at", "entities", "extended_entities",
                              "in_reply_to_status_id_str", "edit_info", "favorite_count"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(tweet_keys | st.text(max_size=6), json_values, max_size=8),
       st.dictionaries(st.sampled_from(["accountId", "username"]), json_values))
def test_map_record_never_raises(tweet: dict[str, Any], owner: dict[str, Any]) -> None:
    for payload in ({"tweet": tweet, "owner": owner, "placeholder": "x-archive:a"},
                    {"account": owner, "observed": "2023-01-01T00:00:00Z"}, tweet):
        for record in x_archive.map_record(RawRecord(payload, "tweets.js", 1, "x-archive")):
            assert isinstance(record, Post | AccountSnapshot | Reject)
