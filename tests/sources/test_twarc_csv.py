"""twarc-csv output: rows written the way twarc-csv 0.7.2 writes them (escaped newlines, JSON lists, pandas
floats for counts), mapped and imported."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from tests.sources.mapping_helpers import import_detected, map_file, posts_of, rejects_of, snapshots_of, stored_posts
from tweetathon.exports import TWARC_CSV_COLUMNS
from tweetathon.sources import twarc_csv
from tweetathon.sources.base import read_head
from tweetathon.store.store import Store


def row(**values: str) -> dict[str, str]:
    base = dict.fromkeys(TWARC_CSV_COLUMNS, "")
    base.update({"id": "1520000000000000001", "conversation_id": "1520000000000000001", "author_id": "42",
                 "created_at": "2022-04-29T08:00:00.000Z", "text": "Line one\\nLine two #PolTwt",
                 "lang": "en", "public_metrics.like_count": "5", "public_metrics.retweet_count": "2.0",
                 "public_metrics.reply_count": "0", "public_metrics.quote_count": "",
                 "entities.hashtags": '["#PolTwt"]', "entities.mentions": '["@GMPolice"]',
                 "entities.urls": '["https://gmp.police.uk/"]', "attachments.media_keys": '["3_1", "3_2"]',
                 "author.id": "42", "author.username": "PC_Jones", "author.name": "PC Jones",
                 "author.public_metrics.followers_count": "1200.0", "author.public_metrics.following_count": "15",
                 "__twarc.retrieved_at": "2022-04-29T09:00:00+00:00"})
    base.update(values)
    return base


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(TWARC_CSV_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_sniffs_twarc_csv_but_not_tags(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [row()])
    tags = tmp_path / "tags.csv"
    tags.write_text("id_str,from_user,text,created_at\n1,a,b,c\n")
    assert twarc_csv.sniff(read_head(path), path)
    assert not twarc_csv.sniff(read_head(tags), tags)


def test_row_maps_ids_text_entities_metrics_and_author(tmp_path: Path) -> None:
    records = map_file(twarc_csv, write(tmp_path / "t.csv", [row()]))
    (post,) = posts_of(records)
    (snap,) = snapshots_of(records)
    assert (post.post_id, post.author_id, post.author_handle, post.kind) == (
        "1520000000000000001", "42", "PC_Jones", "original")
    assert post.text == "Line one\nLine two #PolTwt"
    assert (post.hashtags, post.mentions, post.urls, post.media_count) == (
        ("poltwt",), ("gmpolice",), ("https://gmp.police.uk/",), 2)
    assert (post.metrics.likes, post.metrics.reposts, post.metrics.quotes) == (5, 2, None)
    assert post.created_at == datetime(2022, 4, 29, 8, tzinfo=UTC)
    assert (snap.followers, snap.following, snap.observed_at) == (1200, 15, datetime(2022, 4, 29, 9, tzinfo=UTC))


def test_kinds_from_referenced_tweets(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [
        row(id="1", **{"referenced_tweets.retweeted.id": "9"}),
        row(id="2", **{"referenced_tweets.quoted.id": "8", "referenced_tweets.replied_to.id": "7"}),
        row(id="3", **{"referenced_tweets.replied_to.id": "7", "in_reply_to_user_id": "5"}),
    ])
    by_id = {p.post_id: p for p in posts_of(map_file(twarc_csv, path))}
    assert (by_id["1"].kind, by_id["1"].repost_of_id) == ("repost", "9")
    assert (by_id["2"].kind, by_id["2"].quote_of_id) == ("reply", "8")
    assert (by_id["3"].kind, by_id["3"].in_reply_to_post_id, by_id["3"].in_reply_to_author_id) == ("reply", "7", "5")


def test_bad_rows_are_rejected_with_their_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [row(id="1"), row(id="1.52E+18"), row(id="3", created_at=""), row(id="4")])
    records = map_file(twarc_csv, path)
    assert [p.post_id for p in posts_of(records)] == ["1", "4"]
    assert [(r.line, r.reason) for r in rejects_of(records)] == [(3, "invalid id"), (4, "missing required field")]


def test_detected_and_imported_through_the_pipeline(sqlite_store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [row(id="1"), row(id="2")])
    summary = import_detected(sqlite_store, path)
    assert summary.format == "twarc-csv" and summary.counts.posts_new == 2
    assert stored_posts(sqlite_store)["1"]["text"] == "Line one\nLine two #PolTwt"
