"""`export --format parquet --out FOLDER`: the exported posts and what goes with them as Parquet, for pyarrow,
pandas, polars, DuckDB or Spark. The schema is documented in docs/parquet.md (keep both in step).

    FOLDER/posts/platform=x/day=2013-03-22/part-0.parquet   posts, partitioned by platform and UTC day
    FOLDER/accounts.parquet      the latest observation of each account that wrote an exported post
    FOLDER/snapshots.parquet     every observation of those accounts
    FOLDER/hashtags.parquet      (platform, post_id, tag) of each exported post
    FOLDER/event_posts.parquet   (event, platform, post_id): which events each exported post was linked to

Ids are strings. Times are UTC timestamps (microseconds). The same posts as the CSV export, pseudonymised the
same way: the public's ids, handles and mentions replaced, their names, descriptions and locations left out.
The folder is written beside the target and renamed into place whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from sqlalchemy import RowMapping

from tweetathon import atomic
from tweetathon.exports.posts import ExportScope, ExportSummary, exported_rows
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.store import export_data
from tweetathon.store.store import Store

TIME = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())
POSTS = pa.schema([
    ("post_id", pa.string()), ("created_at", TIME), ("kind", pa.string()), ("author_id", pa.string()),
    ("author_handle", pa.string()), ("text", pa.string()), ("lang", pa.string()),
    ("conversation_id", pa.string()), ("in_reply_to_post_id", pa.string()), ("in_reply_to_author_id", pa.string()),
    ("repost_of_id", pa.string()), ("quote_of_id", pa.string()), ("hashtags", STRINGS), ("mentions", STRINGS),
    ("urls", STRINGS), ("likes", pa.int64()), ("reposts", pa.int64()), ("replies", pa.int64()),
    ("quotes", pa.int64()), ("impressions", pa.int64()), ("author_followers", pa.int64()),
    ("place_country", pa.string()), ("url", pa.string()), ("event_post", pa.string()),
    ("platform", pa.string()), ("day", pa.string()),
])
ACCOUNTS = pa.schema([
    ("platform", pa.string()), ("account_id", pa.string()), ("handle", pa.string()), ("name", pa.string()),
    ("description", pa.string()), ("location", pa.string()), ("followers", pa.int64()),
    ("following", pa.int64()), ("posts", pa.int64()), ("created_at", TIME), ("verified", pa.bool_()),
    ("url", pa.string()), ("observed_at", TIME),
])
SNAPSHOTS = pa.schema([
    ("platform", pa.string()), ("account_id", pa.string()), ("handle", pa.string()), ("name", pa.string()),
    ("followers", pa.int64()), ("following", pa.int64()), ("posts", pa.int64()), ("observed_at", TIME),
    ("source_format", pa.string()),
])
HASHTAGS = pa.schema([("platform", pa.string()), ("post_id", pa.string()), ("tag", pa.string())])
EVENT_POSTS = pa.schema([("event", pa.string()), ("platform", pa.string()), ("post_id", pa.string())])
BATCH_ROWS = 20_000
PRIVATE_ACCOUNT_FIELDS = ("name", "description", "location", "url")


def _mentions(shown: str | None) -> list[str]:
    """The (pseudonymised) mentions of the CSV's JSON list, without '@'."""
    return [m.lstrip("@") for m in orjson.loads(shown)] if shown else []


def post_record(row: RowMapping, values: Mapping[str, Any]) -> dict[str, Any]:
    """One post's Parquet columns from its stored row and its exported (pseudonymised) CSV values. Pure."""
    return {
        "post_id": values["id"], "created_at": row["created_at"], "kind": row["kind"],
        "author_id": values["author_id"], "author_handle": values["author.username"], "text": values["text"],
        "lang": row["lang"], "conversation_id": values["conversation_id"],
        "in_reply_to_post_id": values["referenced_tweets.replied_to.id"],
        "in_reply_to_author_id": values["in_reply_to_user_id"],
        "repost_of_id": values["referenced_tweets.retweeted.id"], "quote_of_id": values["referenced_tweets.quoted.id"],
        "hashtags": (row["hashtags"] or "").split(), "mentions": _mentions(values["entities.mentions"]),
        "urls": (row["urls"] or "").split(), "likes": row["likes"], "reposts": row["reposts"],
        "replies": row["replies"], "quotes": row["quotes"], "impressions": row["impressions"],
        "author_followers": values["author.public_metrics.followers_count"], "place_country": row["place_country"],
        "url": values["url"], "event_post": values.get("event_post") or None, "platform": row["platform"],
        "day": row["created_at"].date().isoformat(),
    }


class _Collected:
    """What the posts pass leaves for the other tables: authors, hashtags, post keys as stored and exported."""

    def __init__(self) -> None:
        self.authors: set[tuple[str, str]] = set()
        self.hashtags: list[dict[str, str]] = []
        self.keys: dict[tuple[str, str], str] = {}  # stored (platform, post id) -> exported post id

    def add(self, row: RowMapping, record: Mapping[str, Any]) -> None:
        platform = row["platform"]
        self.authors.add((platform, row["author_id"]))
        self.keys[(platform, row["post_id"])] = record["post_id"]
        self.hashtags.extend({"platform": platform, "post_id": record["post_id"], "tag": t}
                             for t in record["hashtags"])


def _post_batches(store: Store, scope: ExportScope, summary: ExportSummary,
                  collected: _Collected) -> Iterator[pa.RecordBatch]:
    batch: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for row, values in exported_rows(store, conn, scope, summary):
            record = post_record(row, values)
            collected.add(row, record)
            batch.append(record)
            if len(batch) >= BATCH_ROWS:
                yield pa.RecordBatch.from_pylist(batch, schema=POSTS)
                batch = []
    if batch:
        yield pa.RecordBatch.from_pylist(batch, schema=POSTS)


def account_record(row: RowMapping, names: Pseudonymiser, fields: tuple[str, ...]) -> dict[str, Any]:
    """An account row (latest or a snapshot) as exported: the public's id and handle replaced, their name,
    description, location and URL left out when the event pseudonymises them. Pure."""
    record = {name: row[name] for name in fields}
    platform, account_id, handle = row["platform"], row["account_id"], row["handle"]
    if names.hides(platform, account_id, handle):
        record.update({name: None for name in PRIVATE_ACCOUNT_FIELDS if name in record})
        record.update(account_id=names.account_id(platform, account_id, handle),
                      handle=names.label(platform, account_id, handle))
    return record


def _write_accounts(store: Store, scope: ExportScope, collected: _Collected, folder: Path) -> None:
    with store.engine.connect() as conn:
        latest = [account_record(r, scope.names, tuple(ACCOUNTS.names))
                  for r in export_data.accounts_of(conn, collected.authors)]
        snapshots = [account_record(r, scope.names, tuple(SNAPSHOTS.names))
                     for r in export_data.snapshots_of(conn, collected.authors)]
        linked = export_data.memberships(conn)
    pq.write_table(pa.Table.from_pylist(latest, schema=ACCOUNTS), folder / "accounts.parquet")
    pq.write_table(pa.Table.from_pylist(snapshots, schema=SNAPSHOTS), folder / "snapshots.parquet")
    membership = [{"event": slug, "platform": platform, "post_id": shown}
                  for (platform, post_id), shown in collected.keys.items()
                  for slug in linked.get((platform, post_id), ())]
    pq.write_table(pa.Table.from_pylist(membership, schema=EVENT_POSTS), folder / "event_posts.parquet")
    pq.write_table(pa.Table.from_pylist(collected.hashtags, schema=HASHTAGS), folder / "hashtags.parquet")


def write_parquet(store: Store, scope: ExportScope, out: Path) -> ExportSummary:
    """The Parquet folder `out` (see the module docstring), replaced whole."""
    summary, collected = ExportSummary(), _Collected()
    with atomic.folder_atomic(out) as folder:
        batches = _post_batches(store, scope, summary, collected)
        ds.write_dataset(batches, folder / "posts", schema=POSTS, format="parquet",
                         partitioning=["platform", "day"], partitioning_flavor="hive",
                         basename_template="part-{i}.parquet")
        _write_accounts(store, scope, collected, folder)
    summary.notes.append(f"{len(collected.authors):,} accounts, {len(collected.hashtags):,} hashtag uses")
    return summary
