"""Writing canonical records into the store, one atomic batch at a time.

Every batch is one transaction, and every write is idempotent (keyed on (platform, post_id), on
(platform, account_id, observed_at) for snapshots), so an import killed at any point leaves a consistent
database and running it again ends with exactly the right rows. Rows whose observation has not changed are
not rewritten, which is why re-importing a file is much faster than importing it the first time.

This is the import hot path: rows go to the driver as tuples, with SQL written once per dialect (see
`store/sql.py`), instead of through SQLAlchemy's per-row parameter processing (which cost ~6x): `executemany`
on SQLite, COPY into a staging table and one statement per kind of row on PostgreSQL (`store/bulk.py`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import orjson
import zstandard
from sqlalchemy import Connection

from tweetathon.model import AccountSnapshot, Deletion, Post
from tweetathon.store import bulk, sql
from tweetathon.store.sql import CHUNK, Dialect

_local = threading.local()


@dataclass(slots=True)
class BatchCounts:
    """What one batch changed. `unchanged` posts were seen again with nothing new."""

    posts_new: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    referenced_new: int = 0
    snapshots_new: int = 0
    deletions: int = 0

    def add(self, other: BatchCounts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def compress(payload: Any) -> bytes | None:
    """Raw payloads are kept as zstd-compressed JSON (one reusable compressor per thread)."""
    if payload is None:
        return None
    compressor = getattr(_local, "compressor", None)
    if compressor is None:
        compressor = _local.compressor = zstandard.ZstdCompressor(level=1)
    return compressor.compress(orjson.dumps(payload))


def decompress(blob: bytes | None) -> Any:
    if blob is None:
        return None
    decompressor = getattr(_local, "decompressor", None)
    if decompressor is None:
        decompressor = _local.decompressor = zstandard.ZstdDecompressor()
    return orjson.loads(decompressor.decompress(bytes(blob)))


def _pad(items: Iterable[str]) -> str:
    """Space-delimited and padded (' a b '), so `LIKE '% a %'` finds a whole item."""
    return " " + " ".join(items) + " "


def observation_hash(post: Post) -> str:
    """Digest of everything in an observation that may change between two sightings of the same post."""
    m = post.metrics
    key = (post.text, post.kind, post.lang, post.hashtags, post.withheld, post.collected, post.author_followers,
           m.likes, m.reposts, m.replies, m.quotes, m.impressions, m.bookmarks, post.author_handle,
           post.edit_of_id)
    return hashlib.blake2b(orjson.dumps(key), digest_size=16).hexdigest()


def post_values(post: Post, obs_hash: str, d: Dialect) -> tuple[Any, ...]:
    """One row of `sql.POST_COLUMNS`, in order, converted for the driver."""
    m = post.metrics
    prov = post.provenance
    return (
        post.platform, post.post_id, post.url, d.ts(post.created_at), post.author_id, post.author_handle,
        post.text, post.kind, post.lang, post.in_reply_to_post_id, post.in_reply_to_author_id,
        post.conversation_id, post.repost_of_id, post.quote_of_id, post.edit_of_id, _pad(post.hashtags),
        _pad(post.mentions), " ".join(post.urls), post.media_count, m.likes, m.reposts, m.replies, m.quotes,
        m.impressions, m.bookmarks, post.author_followers, post.place_country, d.ts(post.observed_at),
        post.collected, post.withheld, post.source_format, prov.file if prov else None,
        prov.line if prov else None, d.ts(prov.retrieved_at if prov else None), obs_hash, compress(post.raw),
    )


def _newer_or_equal(a: Any, b: Any) -> bool:
    """Is observation time `a` at least as recent as `b`? Unknown (None) counts as oldest."""
    if a is None:
        return b is None
    return b is None or a >= b


def merge_in_batch(items: Sequence[Post]) -> dict[tuple[str, str], Post]:
    """One Post per key: the latest observation wins; once collected at top level a post stays collected."""
    merged: dict[tuple[str, str], Post] = {}
    for post in items:
        key = (post.platform, post.post_id)
        old = merged.get(key)
        if old is None:
            merged[key] = post
        elif old.collected and not post.collected:
            if post.observed_at is not None and (old.observed_at is None or post.observed_at > old.observed_at):
                merged[key] = replace(old, metrics=post.metrics, observed_at=post.observed_at,
                                      author_followers=post.author_followers)
        elif (post.collected and not old.collected) or _newer_or_equal(post.observed_at, old.observed_at):
            merged[key] = post
    return merged


class Writer:
    """Writes batches through one connection; the caller owns the transaction (one per batch)."""

    def __init__(self, conn: Connection) -> None:
        self.d = Dialect(conn.dialect.name)
        self.cursor = conn.connection.cursor()

    def write(self, items: Sequence[Post], snapshots: Sequence[AccountSnapshot],
              deletes: Sequence[Deletion], event_id: int | None = None) -> BatchCounts:
        counts = BatchCounts()
        merged = merge_in_batch(items)
        new_keys = self._write_posts(merged, counts)
        self._write_snapshots(snapshots, counts)
        self._write_deletions(deletes, new_keys, counts)
        if event_id is not None:
            rows = [(event_id, p, i) for (p, i), post in merged.items() if post.collected]
            bulk.write(self.cursor, self.d, sql.LINK_EVENT, rows)
        return counts

    def _existing(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, bool, Any]]:
        found: dict[tuple[str, str], tuple[str, bool, Any]] = {}
        by_platform: dict[str, list[str]] = {}
        for platform, post_id in keys:
            by_platform.setdefault(platform, []).append(post_id)
        for platform, ids in by_platform.items():
            for post_id, obs_hash, collected, observed_at in self._existing_of(platform, ids):
                found[(platform, post_id)] = (obs_hash, bool(collected), observed_at)
        return found

    def _existing_of(self, platform: str, ids: list[str]) -> list[tuple[Any, ...]]:
        """(post_id, obs_hash, collected, observed_at) of the posts of `ids` already stored."""
        if not self.d.sqlite:
            self.cursor.execute(sql.EXISTING_POSTS_PG, [ids, platform])
            return list(self.cursor.fetchall())
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            self.cursor.execute(sql.existing_posts(len(chunk)), [platform, *chunk])
            rows.extend(self.cursor.fetchall())
        return rows

    def _write_posts(self, merged: dict[tuple[str, str], Post], counts: BatchCounts) -> list[tuple[str, str]]:
        existing = self._existing(list(merged))
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        tags: list[tuple[str, str, str]] = []
        for key, post in merged.items():
            old = existing.get(key)
            digest = observation_hash(post)
            if old is None:
                inserts.append(post_values(post, digest, self.d))
                counts.posts_new += post.collected
                counts.referenced_new += not post.collected
            elif self._needs_update(post, digest, old):
                row = post_values(post, digest, self.d)
                updates.append((*row[2:], post.platform, post.post_id))
                counts.posts_updated += 1
            else:
                counts.posts_unchanged += 1
                continue
            tags.extend((post.platform, post.post_id, tag) for tag in post.hashtags)
        bulk.write(self.cursor, self.d, sql.INSERT_POST, inserts)
        bulk.write(self.cursor, self.d, sql.UPDATE_POST, updates)
        bulk.write(self.cursor, self.d, sql.INSERT_TAG, tags)
        return [(row[0], row[1]) for row in inserts]

    def _needs_update(self, post: Post, digest: str, old: tuple[str, bool, Any]) -> bool:
        """A reference never overwrites a collected post; otherwise a changed, not older observation does
        (a post first seen as a reference is always upgraded when it arrives at top level)."""
        old_hash, old_collected, old_observed = old
        if old_collected and not post.collected:
            return False
        if digest == old_hash:
            return False
        upgrade = post.collected and not old_collected
        return upgrade or _newer_or_equal(self.d.ts(post.observed_at), old_observed)

    def _write_snapshots(self, snapshots: Sequence[AccountSnapshot], counts: BatchCounts) -> None:
        unique: dict[tuple[str, str, datetime], AccountSnapshot] = {}
        for snap in snapshots:
            unique[(snap.platform, snap.account_id, snap.observed_at)] = snap
        if not unique:
            return
        d = self.d
        rows = [(s.platform, s.account_id, s.handle, s.name, s.description, s.location, s.followers, s.following,
                 s.posts, d.ts(s.observed_at), s.source_format, compress(s.raw)) for s in unique.values()]
        counts.snapshots_new += max(bulk.write(self.cursor, d, sql.INSERT_SNAPSHOT, rows), 0)
        latest: dict[tuple[str, str], AccountSnapshot] = {}
        for snap in unique.values():
            key = (snap.platform, snap.account_id)
            if key not in latest or snap.observed_at >= latest[key].observed_at:
                latest[key] = snap
        bulk.write(self.cursor, d, sql.UPSERT_ACCOUNT, [
            (s.platform, s.account_id, s.handle, s.name, s.description, s.location, s.followers, s.following,
             s.posts, d.ts(s.created_at), s.verified, s.url, d.ts(s.observed_at)) for s in latest.values()])

    def _write_deletions(self, deletes: Sequence[Deletion], new_keys: list[tuple[str, str]],
                         counts: BatchCounts) -> None:
        if deletes:
            rows = {(x.platform, x.target, x.target_id): (x.platform, x.target, x.target_id, x.reason,
                                                           self.d.ts(x.observed_at), x.source_format)
                    for x in deletes}
            self.cursor.executemany(self.d.q(sql.INSERT_DELETION), list(rows.values()))
            counts.deletions += len(rows)
            posts = [(p, i) for p, t, i in rows if t == "post"]
            accounts = [(p, i) for p, t, i in rows if t == "account"]
            self.cursor.executemany(self.d.q(sql.DELETE_POST), posts)
            self.cursor.executemany(self.d.q(sql.DELETE_POSTS_OF_ACCOUNT), accounts)
            self.cursor.executemany(self.d.q(sql.DELETE_ACCOUNT), accounts)
        if new_keys:
            self.cursor.execute(sql.ANY_DELETION)
            if self.cursor.fetchone() is not None:
                self.cursor.executemany(self.d.q(sql.DELETE_NEW_POST_IF_KNOWN), new_keys)
