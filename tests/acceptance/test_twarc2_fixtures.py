"""Real twarc2 output (twarc-csv's test-data) imports with exactly the figures counted in the fixtures README."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.acceptance.x_import import cli_import, cli_stats
from tests.conftest import require_fixtures

# From ../shared/fixtures/README.md (counted from the raw JSON, independently of any importer):
# posts, originals, replies, quotes, reposts, languages as tagged by X, distinct authors.
README: dict[str, tuple[int, int, int, int, int, dict[str, int], int]] = {
    "2sets.jsonl": (200, 34, 10, 11, 145, {"en": 151, "ko": 26, "es": 5, "in": 5, "de": 4, "und": 3, "pt": 2,
                                             "fr": 1, "ja": 1, "sv": 1, "tl": 1}, 185),
    "flat.jsonl": (100, 14, 31, 8, 47, {"en": 86, "es": 10, "tl": 2, "und": 1, "sv": 1}, 96),
    "noflat.jsonl": (100, 14, 31, 8, 47, {"en": 86, "es": 10, "tl": 2, "und": 1, "sv": 1}, 96),
    "withheld.jsonl": (215, 62, 62, 8, 83, {"en": 200, "und": 4, "ta": 4, "in": 3, "ru": 1, "fr": 1, "ar": 1,
                                            "tl": 1}, 107),
    "entities_test.jsonl": (474, 66, 84, 10, 314, {}, 425),
    "streaming_output_with_error.jsonl": (7, 3, 3, 1, 0, {"en": 7}, 7),
}
COMPLIANCE_TWEETS = ("1170025343920402432", "1170147183095664640")  # the ids in tweets_compliance.jsonl
COMPLIANCE_USER = "1482680858"  # the id in users_compliance.jsonl


def fixture(name: str) -> Path:
    return require_fixtures("twarc2", name)


def quote_replies(path: Path) -> int:
    """Top-level tweets that both quote and reply, counted from the raw JSON (the README counts them as
    replies, and so does docs/figures.md#posts)."""
    count = 0
    for line in path.read_bytes().splitlines():
        try:
            page = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue  # the cut-off line of streaming_output_with_error.jsonl
        for tweet in page["data"] if isinstance(page.get("data"), list) else [page.get("data", page)]:
            types = {r["type"] for r in tweet.get("referenced_tweets", [])}
            count += {"quoted", "replied_to"} <= types
    return count


@pytest.mark.parametrize("name", sorted(README))
def test_file_imports_with_the_readme_figures(name: str, tmp_path: Path) -> None:
    path = fixture(name)
    cli_import(tmp_path / "t.db", path)
    stats = cli_stats(tmp_path / "t.db")
    posts, originals, replies, quotes, reposts, languages, authors = README[name]
    assert (stats["posts"], stats["originals"], stats["replies"], stats["quotes"],
            stats["reposts"]) == (posts, originals, replies, quotes, reposts)
    assert stats["languages_declared"] == languages
    assert stats["authors"] == authors
    assert stats["platforms"] == {"x": posts}


def test_replies_that_quote_count_as_replies_as_the_readme_does(tmp_path: Path) -> None:
    path = fixture("entities_test.jsonl")
    assert quote_replies(path) == 2
    cli_import(tmp_path / "t.db", path)
    with sqlite3.connect(tmp_path / "t.db") as db:
        rows = db.execute("SELECT kind FROM posts WHERE collected AND quote_of_id IS NOT NULL "
                          "AND in_reply_to_post_id IS NOT NULL").fetchall()
    assert rows == [("reply",), ("reply",)]


def rows(db: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(query).fetchall(), key=repr)


def test_flat_and_noflat_give_identical_rows(tmp_path: Path) -> None:
    cli_import(tmp_path / "flat.db", fixture("flat.jsonl"))
    cli_import(tmp_path / "noflat.db", fixture("noflat.jsonl"))
    with sqlite3.connect(tmp_path / "flat.db") as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(posts)")]
    skip = {"id", "raw", "source_file", "source_line", "retrieved_at", "source_format", "obs_hash"}
    post_query = f"SELECT {', '.join(c for c in columns if c not in skip)} FROM posts"
    snap_query = ("SELECT account_id, handle, name, description, location, followers, following, posts, "
                  "observed_at FROM account_snapshots")
    flat_posts, noflat_posts = rows(tmp_path / "flat.db", post_query), rows(tmp_path / "noflat.db", post_query)
    assert len(flat_posts) > 100 and flat_posts == noflat_posts  # 100 collected + the tweets they reference
    flat_snaps = rows(tmp_path / "flat.db", snap_query)
    assert flat_snaps and flat_snaps == rows(tmp_path / "noflat.db", snap_query)


def test_flat_potential_reach_is_205622(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cli_import(db, fixture("flat.jsonl"))
    [(total, authors)] = rows(db, """
        SELECT SUM(best), COUNT(*) FROM (
            SELECT MAX(s.followers) AS best FROM (SELECT DISTINCT author_id FROM posts WHERE collected) AS a
            JOIN account_snapshots AS s ON s.account_id = a.author_id GROUP BY a.author_id)""")
    assert (total, authors) == (205_622, 96)


def test_cut_off_stream_line_is_a_reject_and_the_rest_imports(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    path = fixture("streaming_output_with_error.jsonl")
    summary = cli_import(db, path)
    assert summary["files"][0]["rejects"] == {"invalid JSON": 1}
    assert rows(db, "SELECT file, line, reason FROM rejects") == [(str(path), 8, "invalid JSON")]
    set_aside = [orjson.loads(x) for x in (tmp_path / "t.rejects.jsonl").read_bytes().splitlines()]
    assert [(r["file"], r["line"]) for r in set_aside] == [(str(path), 8)]
    assert cli_stats(db)["posts"] == 7


def compliance_target(tmp_path: Path) -> tuple[Path, int]:
    """flat.jsonl with two tweets given the compliance files' tweet ids and one author given the compliance
    file's user id. Returns the file and how many of its posts compliance must remove (by construction)."""
    lines = [orjson.loads(x) for x in fixture("flat.jsonl").read_bytes().splitlines()]
    lines[0]["id"], lines[1]["id"] = COMPLIANCE_TWEETS
    victim = lines[5]["author_id"]
    for line in lines[2:]:
        if line["author_id"] == victim:
            line["author_id"] = line["author"]["id"] = COMPLIANCE_USER
    removed = 2 + sum(line["author_id"] == COMPLIANCE_USER for line in lines[2:])
    out = tmp_path / "capture.jsonl"
    out.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return out, removed


@pytest.mark.parametrize("compliance_first", [False, True])
def test_compliance_records_are_honoured_in_either_order(tmp_path: Path, compliance_first: bool) -> None:
    data, removed = compliance_target(tmp_path)
    compliance = [fixture("tweets_compliance.jsonl"), fixture("users_compliance.jsonl")]
    db = tmp_path / "t.db"
    for paths in ([*compliance, data] if compliance_first else [data, *compliance]):
        cli_import(db, paths)
    stats = cli_stats(db)
    assert stats["posts"] == 100 - removed and stats["deleted"] == removed
    assert rows(db, f"SELECT COUNT(*) FROM posts WHERE collected AND NOT deleted AND (author_id = '{COMPLIANCE_USER}'"
                    f" OR post_id IN {COMPLIANCE_TWEETS})") == [(0,)]


def test_compliance_files_alone_and_the_empty_file(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    summary = cli_import(db, fixture("tweets_compliance.jsonl"), fixture("users_compliance.jsonl"),
                         fixture("empty.json"))
    assert [f["deletions"] for f in summary["files"]] == [2, 1, 0]
    assert rows(db, "SELECT target, target_id FROM deletions") == [
        ("account", COMPLIANCE_USER), *sorted(("post", t) for t in COMPLIANCE_TWEETS)]
    assert cli_stats(db)["posts"] == 0


def test_users_page_gives_91_snapshots_and_no_posts(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cli_import(db, fixture("users.jsonl"))
    stats = cli_stats(db)
    assert (stats["posts"], stats["snapshots"], stats["accounts"]) == (0, 91, 91)


def test_entities_test_follower_counts_are_unknown_not_zero(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cli_import(db, fixture("entities_test.jsonl"))
    assert rows(db, "SELECT COUNT(*), COUNT(author_followers) FROM posts WHERE collected") == [(474, 0)]
    [(snapshots, with_followers)] = rows(db, "SELECT COUNT(*), COUNT(followers) FROM account_snapshots")
    assert snapshots > 0 and with_followers == 0


def test_withheld_tweets_are_marked_and_still_counted(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cli_import(db, fixture("withheld.jsonl"))
    assert rows(db, "SELECT COUNT(*) FROM posts WHERE collected AND withheld") == [(13,)]
    assert cli_stats(db)["posts"] == 215


@pytest.mark.parametrize("name", ["edited.jsonl", "edited_after.jsonl", "edited_before.jsonl", "quoted_edit.jsonl"])
def test_edited_tweets(name: str, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    path = fixture(name)
    cli_import(db, path)
    [tweet] = orjson.loads(path.read_bytes())["data"]
    history = tweet["edit_history_tweet_ids"]
    assert cli_stats(db)["posts"] == 1
    expected = history[0] if history[0] != tweet["id"] else None
    assert rows(db, "SELECT post_id, edit_of_id FROM posts WHERE collected") == [(tweet["id"], expected)]


def test_geo_tweets_carry_their_place_country(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    path = fixture("geo_tweets.jsonl")
    cli_import(db, path)
    stats = cli_stats(db)
    assert (stats["posts"], stats["authors"], stats["languages_declared"]) == (2, 2, {"pl": 1, "en": 1})
    places = [p for line in path.read_bytes().splitlines() for p in orjson.loads(line)["includes"].get("places", [])]
    assert rows(db, "SELECT place_country FROM posts WHERE collected AND place_country IS NOT NULL") == [
        (p["country_code"],) for p in places]
