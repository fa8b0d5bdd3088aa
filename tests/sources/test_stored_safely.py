"""Records made storable on SQLite and PostgreSQL: NUL characters removed, long texts cut, negative counts
unknown, each change counted in the import summary and in `runs`; the archive's reply-before-quote rule."""

from __future__ import annotations

from pathlib import Path

import orjson
from sqlalchemy import select

from tests.hardening_data import archive_item, twarc2_tweet
from tweetathon.ingest import import_file
from tweetathon.sources import x_archive
from tweetathon.sources.checks import CUT_MARKER, NEGATIVE_COUNT, NUL_REMOVED, TEXT_CUT, TEXT_MAX
from tweetathon.sources.registry import by_name
from tweetathon.store.schema import account_snapshots, posts
from tweetathon.store.store import Store


def test_nul_long_text_and_negative_counts_are_stored_safely(tmp_path: Path, store: Store) -> None:
    nul = twarc2_tweet(1, text="before\u0000after #poltwt", lang="e\u0000n")
    long = twarc2_tweet(2, text="y" * (TEXT_MAX + 5000))
    negative = twarc2_tweet(3, public_metrics={"retweet_count": -4, "like_count": 2})
    page = {"data": [nul, long, negative, twarc2_tweet(4)],
            "includes": {"users": [{"id": "42", "username": "gm\u0000p", "name": "G\u0000MP",
                                    "public_metrics": {"followers_count": -10, "following_count": 3}}]},
            "__twarc": {"retrieved_at": "2023-03-23T00:00:00+00:00"}}
    path = tmp_path / "odd.jsonl"
    path.write_bytes(orjson.dumps(page) + b"\n")
    summary = import_file(store, path)
    assert summary.status == "done" and summary.counts.posts_new == 4 and not summary.rejects
    # the author's handle (NUL) and followers (negative) reach each of the 4 posts and the account snapshot
    assert summary.adjusted == {NUL_REMOVED: 5, TEXT_CUT: 1, NEGATIVE_COUNT: 5}
    with store.engine.connect() as conn:
        rows = {r.post_id[-1]: r for r in conn.execute(select(posts.c.post_id, posts.c.text, posts.c.lang,
                                                                posts.c.reposts, posts.c.likes,
                                                                posts.c.author_handle))}
        snap = conn.execute(select(account_snapshots.c.handle, account_snapshots.c.name,
                                   account_snapshots.c.followers, account_snapshots.c.following)).one()
    assert (rows["1"].text, rows["1"].lang, rows["1"].author_handle) == ("beforeafter #poltwt", "en", "gmp")
    assert len(rows["2"].text) == TEXT_MAX and rows["2"].text.endswith(CUT_MARKER)
    assert (rows["3"].reposts, rows["3"].likes) == (None, 2)
    assert tuple(snap) == ("gmp", "GMP", None, 3)
    assert store.runs(1)[0]["adjusted"] == 11


def test_an_archive_reply_that_links_a_tweet_is_a_reply(tmp_path: Path) -> None:
    link = {"urls": [{"url": "https://t.co/q", "expanded_url": "https://twitter.com/other/status/1500"}]}
    reply = archive_item(1, in_reply_to_status_id_str="1400", in_reply_to_user_id_str="9", entities=link)
    quote = archive_item(2, entities=link)
    folder = tmp_path / "data"
    folder.mkdir()
    tweets = folder / "tweets.js"
    tweets.write_bytes(b"window.YTD.tweets.part0 = " + orjson.dumps([reply, quote]))
    fmt = by_name("x-archive")
    mapped = [r for raw in x_archive.iter_records(tweets) for r in fmt.map_record(raw)]  # type: ignore[union-attr]
    kinds = {p.post_id[-1]: (p.kind, p.in_reply_to_post_id, p.quote_of_id) for p in mapped}
    assert kinds == {"1": ("reply", "1400", "1500"), "2": ("quote", None, "1500")}
