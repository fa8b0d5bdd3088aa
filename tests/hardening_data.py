"""Small valid records of every import format, and files made of good records around one bad one.

Used by the import-hardening tests (reproducers of issue 17 and fuzzing): each writer puts `good` valid records
before and after the bad one, so a test can count that every good record still arrives.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

FAR_FUTURE = "2999-01-01T00:00:00.000Z"
TOO_EARLY = "1999-01-01T00:00:00.000Z"


def twarc2_tweet(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": str(1_600_000_000_000_000_000 + n), "author_id": "42", "text": f"tweet {n} #poltwt",
            "created_at": f"2023-03-22T08:{n % 60:02d}:00.000Z", "conversation_id": "1", "lang": "en"} | extra


def twarc2_line(tweet: dict[str, Any]) -> bytes:
    return orjson.dumps({"data": [tweet], "includes": {"users": [{"id": "42", "username": "gmp"}]},
                         "__twarc": {"retrieved_at": "2023-03-23T00:00:00+00:00"}}) + b"\n"


def v1_status(n: int, **extra: Any) -> dict[str, Any]:
    return {"id_str": str(1_610_000_000_000_000_000 + n), "full_text": f"status {n}",
            "created_at": "Wed Mar 22 08:00:05 +0000 2023",
            "user": {"id_str": "42", "screen_name": "gmp", "followers_count": 10}} | extra


def archive_item(n: int, **extra: Any) -> dict[str, Any]:
    return {"tweet": {"id_str": str(1_620_000_000_000_000_000 + n), "full_text": f"archive {n}",
                      "created_at": "Wed Mar 22 08:00:05 +0000 2023", "entities": {}} | extra}


def mastodon_status(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": str(110_000_000_000_000_000 + n), "created_at": "2024-05-02T08:00:00.000Z",
            "content": f"<p>status {n}</p>", "url": f"https://police.social/@gmp/{n}",
            "account": {"id": "7", "acct": "gmp", "url": "https://police.social/@gmp",
                        "followers_count": 10}} | extra


def bluesky_record(n: int, created: str = "2024-05-02T08:00:00Z") -> dict[str, Any]:
    return {"uri": f"at://did:plc:abc/app.bsky.feed.post/{n}", "cid": "bafy",
            "value": {"$type": "app.bsky.feed.post", "text": f"post {n}", "createdAt": created}}


TAGS_HEADER = ["id_str", "from_user", "text", "created_at", "from_user_id_str", "user_followers_count"]
TWARC_CSV_HEADER = ["id", "conversation_id", "author_id", "created_at", "text", "author.username",
                    "public_metrics.like_count"]


def tags_row(n: int, created: str = "Sun Apr 19 19:22:23 +0000 2020") -> list[str]:
    return [str(1_250_000_000_000_000_000 + n), "gmp", f"row {n}", created, "42", "70"]


def twarc_csv_row(n: int, created: str = "2023-03-22T08:00:00.000Z") -> list[str]:
    return [str(1_630_000_000_000_000_000 + n), "1", "42", created, f"row {n}", "gmp", "3"]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def jsonl(values: list[Any]) -> bytes:
    return b"".join(orjson.dumps(v) + b"\n" for v in values)


def around(bad: Any, make: Callable[[int], Any], good: int = 2) -> list[Any]:
    """`good` valid records, the bad one, `good` more."""
    return [make(n) for n in range(good)] + [bad] + [make(n) for n in range(good, 2 * good)]


def write_bad_time_files(folder: Path, good: int = 2) -> dict[str, Path]:
    """One file per format, each with a time out of range between `good` + `good` valid records."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "twarc2": (folder / "twarc2.jsonl", b"".join(twarc2_line(t) for t in around(
            twarc2_tweet(99, created_at=TOO_EARLY), twarc2_tweet, good))),
        "x-v1": (folder / "v1.json", orjson.dumps(around(
            v1_status(99, created_at="Wed Mar 22 08:00:05 +0000 2999"), v1_status, good))),
        "mastodon": (folder / "mastodon.jsonl", jsonl(around(
            mastodon_status(99, created_at="99999999999999999999"), mastodon_status, good))),
        "bluesky": (folder / "bluesky.jsonl", jsonl(around(
            bluesky_record(99, "1970-01-01T00:00:00Z"), bluesky_record, good))),
        "tags-csv": (folder / "tags.csv", csv_text(TAGS_HEADER, around(
            tags_row(99, "Sun Apr 19 19:22:23 +0000 1999"), tags_row, good)).encode()),
        "twarc-csv": (folder / "twarc.csv", csv_text(TWARC_CSV_HEADER, around(
            twarc_csv_row(99, "99999999999999999999"), twarc_csv_row, good)).encode()),
    }
    archive = folder / "archive" / "data"
    archive.mkdir(parents=True, exist_ok=True)
    items = around(archive_item(99, created_at="Wed Mar 22 08:00:05 +0000 2999"), archive_item, good)
    files["x-archive"] = (archive / "tweets.js", b"window.YTD.tweets.part0 = " + orjson.dumps(items))
    for path, data in files.values():
        path.write_bytes(data)
    return {name: path for name, (path, _) in files.items()}
