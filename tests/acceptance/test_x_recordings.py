"""Recorded X API exchanges (tweepy's cassettes): the bodies are unwrapped into files and imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.acceptance.cassettes import bodies, interactions, write_twarc2_file, write_v1_file
from tests.acceptance.x_import import cli_import, cli_stats
from tests.conftest import require_fixtures


def recording(name: str) -> Path:
    return require_fixtures("x-api-recordings", name)


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_v1_search_imports_15_posts_and_keeps_retweeted_originals_as_context(tmp_path: Path) -> None:
    cassette = recording("testsearchtweets.json")
    [response] = bodies(cassette)
    retweets = sum("retweeted_status" in s for s in response["statuses"])
    path = write_v1_file(cassette, tmp_path / "search.jsonl")
    summary = cli_import(tmp_path / "t.db", path)
    assert summary["files"][0]["format"] == "x-v1"
    stats = cli_stats(tmp_path / "t.db")
    assert stats["posts"] == 15 and stats["reposts"] == retweets > 0
    assert stats["referenced"] == len({s["retweeted_status"]["id_str"] for s in response["statuses"]
                                       if "retweeted_status" in s} | {s["quoted_status"]["id_str"]
                                       for s in response["statuses"] if "quoted_status" in s})


def test_v1_user_timeline_two_requests_give_24_posts(tmp_path: Path) -> None:
    cassette = recording("testusertimeline.json")
    assert [len(b) for b in bodies(cassette)] == [4, 20]
    cli_import(tmp_path / "t.db", write_v1_file(cassette, tmp_path / "timeline.jsonl"))
    stats = cli_stats(tmp_path / "t.db")
    assert stats["posts"] == 24
    assert stats["authors"] == len({s["user"]["id_str"] for b in bodies(cassette) for s in b})


def test_v2_recent_search_gives_10_posts(tmp_path: Path) -> None:
    path = write_twarc2_file(recording("test_client_search_recent_tweets.yaml"), tmp_path / "search.jsonl")
    summary = cli_import(tmp_path / "t.db", path)
    assert summary["files"][0]["format"] == "twarc2"
    stats = cli_stats(tmp_path / "t.db")
    assert stats["posts"] == 10 and stats["originals"] == 10
    # the response carried no created_at: times come from the ids, and lie inside the minutes the test ran
    assert stats["first_post_at"] >= "2022-10-07T22:" and stats["last_post_at"] < "2022-10-07T22:44"


def test_v2_users_and_user_tweets_import(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    users = write_twarc2_file(recording("test_client_get_users.yaml"), tmp_path / "users.jsonl")
    tweets = write_twarc2_file(recording("test_client_get_users_tweets.yaml"), tmp_path / "user_tweets.jsonl")
    cli_import(db, users, tweets)
    [users_page] = bodies(recording("test_client_get_users.yaml"))
    [tweets_page] = bodies(recording("test_client_get_users_tweets.yaml"))
    assert sorted(query(db, "SELECT account_id, handle, followers FROM account_snapshots")) == sorted(
        (u["id"], u["username"], None) for u in users_page["data"])
    [interaction] = interactions(recording("test_client_get_users_tweets.yaml"))
    owner = interaction["request"]["uri"].split("/users/")[1].split("/")[0]
    assert sorted(query(db, "SELECT post_id, author_id FROM posts WHERE collected")) == sorted(
        (t["id"], owner) for t in tweets_page["data"])
    assert cli_stats(db)["posts"] == len(tweets_page["data"])


def test_v2_counts_page_imports_nothing_and_rejects_nothing(tmp_path: Path) -> None:
    path = write_twarc2_file(recording("test_client_get_recent_tweets_count.yaml"), tmp_path / "counts.jsonl")
    summary = cli_import(tmp_path / "t.db", path, fmt="twarc2")
    assert summary["files"][0]["rejects"] == {} and cli_stats(tmp_path / "t.db")["posts"] == 0
