"""The v1.1 statuses/lookup recording (tidytags) and the TAGS sample: 68 posts, 7 shared ids that agree."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.acceptance.cassettes import bodies, interactions, write_v1_file
from tests.acceptance.x_import import cli_import, cli_stats
from tests.conftest import require_fixtures


def lookup_file(tmp_path: Path) -> Path:
    return write_v1_file(require_fixtures("tags-csv", "different_tweet_types.yml"), tmp_path / "lookup.jsonl")


def posts_of(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT post_id, author_id, created_at FROM posts WHERE collected").fetchall()
    return {post_id: (author, created) for post_id, author, created in found}


def test_lookup_gives_68_distinct_posts_although_ids_are_asked_twice(tmp_path: Path) -> None:
    cassette = require_fixtures("tags-csv", "different_tweet_types.yml")
    [interaction] = interactions(cassette)
    asked = interaction["request"]["uri"].split("id=")[1].split("&")[0].split("%2C")
    assert len(asked) > len(set(asked))  # the request repeats ids
    [response] = bodies(cassette)
    cli_import(tmp_path / "t.db", lookup_file(tmp_path))
    stats = cli_stats(tmp_path / "t.db")
    assert stats["posts"] == 68 == len({s["id_str"] for s in response})


def test_tags_sample_and_lookup_share_7_posts_with_the_same_authors_and_times(tmp_path: Path) -> None:
    cli_import(tmp_path / "lookup.db", lookup_file(tmp_path))
    cli_import(tmp_path / "tags.db", require_fixtures("tags-csv", "sample-data.csv"))
    lookup, tags = posts_of(tmp_path / "lookup.db"), posts_of(tmp_path / "tags.db")
    shared = sorted(set(lookup) & set(tags))
    assert len(tags) == 10 and len(shared) == 7
    assert [lookup[i] for i in shared] == [tags[i] for i in shared]
