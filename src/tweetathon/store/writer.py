"""Writing canonical records into the store, one atomic batch at a time.

Every batch is one transaction, and every write is idempotent (keyed on (platform, post_id), on
(platform, account_id, observed_at) for snapshots), so an import killed at any point leaves a consistent
database and running it again ends with exactly the right rows. Rows whose observation has not changed are
not rewritten, which is why re-importing a file is much faster than importing it the first time.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from tweetathon.model import AccountSnapshot, Deletion, Post
from tweetathon.store.schema import (
    account_snapshots,
    accounts,
    deletions,
    event_posts,
    post_hashtags,
    posts,
)

CHUNK = 400  # keys per IN (...) clause: well under SQLite's variable limit


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
    """Raw payloads are kept as zlib-compressed JSON."""
    if payload is None:
        return None
    return zlib.compress(orjson.dumps(payload), 1)


def decompress(blob: bytes | None) -> Any:
    return None if blob is None else orjson.loads(zlib.decompress(blob))


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


def post_row(post: Post, obs_hash: str) -> dict[str, Any]:
    m = post.metrics
    prov = post.provenance
    return {
        "platform": post.platform, "post_id": post.post_id, "url": post.url, "created_at": post.created_at,
        "author_id": post.author_id, "author_handle": post.author_handle, "text": post.text, "kind": post.kind,
        "lang": post.lang, "in_reply_to_post_id": post.in_reply_to_post_id,
        "in_reply_to_author_id": post.in_reply_to_author_id, "conversation_id": post.conversation_id,
        "repost_of_id": post.repost_of_id, "quote_of_id": post.quote_of_id, "edit_of_id": post.edit_of_id,
        "hashtags": _pad(post.hashtags), "mentions": _pad(post.mentions),
        "urls": " ".join(post.urls), "media_count": post.media_count,
        "likes": m.likes, "reposts": m.reposts, "replies": m.replies, "quotes": m.quotes,
        "impressions": m.impressions, "bookmarks": m.bookmarks, "author_followers": post.author_followers,
        "place_country": post.place_country, "observed_at": post.observed_at, "collected": post.collected,
        "withheld": post.withheld, "source_format": post.source_format,
        "source_file": prov.file if prov else None, "source_line": prov.line if prov else None,
        "retrieved_at": prov.retrieved_at if prov else None, "obs_hash": obs_hash, "raw": compress(post.raw),
    }


def _newer_or_equal(a: datetime | None, b: datetime | None) -> bool:
    """Is observation time `a` at least as recent as `b`? Unknown times count as oldest."""
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
            continue
        if old.collected and not post.collected:
            winner = old if not _newer_or_equal(post.observed_at, old.observed_at) else replace(
                old, metrics=post.metrics, observed_at=post.observed_at, author_followers=post.author_followers)
        elif post.collected and not old.collected:
            winner = post
        else:
            winner = post if _newer_or_equal(post.observed_at, old.observed_at) else old
        merged[key] = winner
    return merged


class Writer:
    """Writes batches through one connection; the caller owns the transaction (one per batch)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self._insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert

    def write(self, items: Sequence[Post], snapshots: Sequence[AccountSnapshot],
              deletes: Sequence[Deletion], event_id: int | None = None) -> BatchCounts:
        counts = BatchCounts()
        merged = merge_in_batch(items)
        new_keys = self._write_posts(merged, counts)
        self._write_snapshots(snapshots, counts)
        self._write_deletions(deletes, new_keys, counts)
        if event_id is not None:
            keys = [k for k, p in merged.items() if p.collected]
            self._link_event(event_id, keys)
        return counts

    def _existing(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, bool, Any]]:
        found: dict[tuple[str, str], tuple[str, bool, Any]] = {}
        by_platform: dict[str, list[str]] = {}
        for platform, post_id in keys:
            by_platform.setdefault(platform, []).append(post_id)
        cols = (posts.c.post_id, posts.c.obs_hash, posts.c.collected, posts.c.observed_at)
        for platform, ids in by_platform.items():
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                query = select(*cols).where(posts.c.platform == platform, posts.c.post_id.in_(chunk))
                for post_id, obs_hash, collected, observed_at in self.conn.execute(query):
                    found[(platform, post_id)] = (obs_hash, bool(collected), observed_at)
        return found

    def _write_posts(self, merged: dict[tuple[str, str], Post], counts: BatchCounts) -> list[tuple[str, str]]:
        existing = self._existing(list(merged))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for key, post in merged.items():
            old = existing.get(key)
            if old is None:
                inserts.append(post_row(post, observation_hash(post)))
                if post.collected:
                    counts.posts_new += 1
                else:
                    counts.referenced_new += 1
                continue
            old_hash, old_collected, old_observed = old
            if old_collected and not post.collected:
                counts.posts_unchanged += 1
                continue
            digest = observation_hash(post)
            upgrade = post.collected and not old_collected
            if digest == old_hash or not (upgrade or _newer_or_equal(post.observed_at, old_observed)):
                counts.posts_unchanged += 1
                continue
            updates.append(post_row(post, digest))
            counts.posts_updated += 1
        if inserts:
            stmt = self._insert(posts).on_conflict_do_nothing(index_elements=["platform", "post_id"])
            self.conn.execute(stmt, inserts)
        if updates:
            self._update_posts(updates)
        tag_rows = [{"platform": r["platform"], "post_id": r["post_id"], "tag": t}
                    for r in inserts + updates for t in r["hashtags"].split()]
        if tag_rows:
            self.conn.execute(self._insert(post_hashtags).on_conflict_do_nothing(), tag_rows)
        return [(r["platform"], r["post_id"]) for r in inserts]

    def _update_posts(self, rows: list[dict[str, Any]]) -> None:
        names = [name for name in rows[0] if name not in ("platform", "post_id")]
        stmt = (update(posts)
                .where(posts.c.platform == bindparam("k_platform"), posts.c.post_id == bindparam("k_post_id"))
                .values({name: bindparam(name) for name in names}))
        params = [{**{n: r[n] for n in names}, "k_platform": r["platform"], "k_post_id": r["post_id"]}
                  for r in rows]
        self.conn.execute(stmt, params)

    def _write_snapshots(self, snapshots: Sequence[AccountSnapshot], counts: BatchCounts) -> None:
        unique: dict[tuple[str, str, datetime], AccountSnapshot] = {}
        for snap in snapshots:
            unique[(snap.platform, snap.account_id, snap.observed_at)] = snap
        if not unique:
            return
        seen = self._existing_snapshots(list(unique))
        rows = [_snapshot_row(s) for k, s in unique.items() if k not in seen]
        if rows:
            stmt = self._insert(account_snapshots).on_conflict_do_nothing(
                index_elements=["platform", "account_id", "observed_at"])
            self.conn.execute(stmt, rows)
            counts.snapshots_new += len(rows)
        self._upsert_accounts(unique.values())

    def _existing_snapshots(self, keys: list[tuple[str, str, datetime]]) -> set[tuple[str, str, datetime]]:
        found: set[tuple[str, str, datetime]] = set()
        by_platform: dict[str, set[str]] = {}
        for platform, account_id, _ in keys:
            by_platform.setdefault(platform, set()).add(account_id)
        t = account_snapshots.c
        for platform, ids in by_platform.items():
            id_list = sorted(ids)
            for start in range(0, len(id_list), CHUNK):
                query = select(t.account_id, t.observed_at).where(
                    t.platform == platform, t.account_id.in_(id_list[start:start + CHUNK]))
                found.update((platform, a, o) for a, o in self.conn.execute(query))
        return found

    def _upsert_accounts(self, snapshots: Iterable[AccountSnapshot]) -> None:
        latest: dict[tuple[str, str], AccountSnapshot] = {}
        for snap in snapshots:
            key = (snap.platform, snap.account_id)
            if key not in latest or snap.observed_at >= latest[key].observed_at:
                latest[key] = snap
        rows = [_account_row(s) for s in latest.values()]
        stmt = self._insert(accounts)
        cols = {k: stmt.excluded[k] for k in rows[0] if k not in ("platform", "account_id", "deleted")}
        stmt = stmt.on_conflict_do_update(index_elements=["platform", "account_id"], set_=cols,
                                          where=accounts.c.observed_at <= stmt.excluded.observed_at)
        self.conn.execute(stmt, rows)

    def _write_deletions(self, deletes: Sequence[Deletion], new_keys: list[tuple[str, str]],
                         counts: BatchCounts) -> None:
        if deletes:
            rows = [{"platform": d.platform, "target": d.target, "target_id": d.target_id, "reason": d.reason,
                     "observed_at": d.observed_at, "source_format": d.source_format} for d in deletes]
            self.conn.execute(self._insert(deletions).on_conflict_do_nothing(), rows)
            counts.deletions += len({(d.platform, d.target, d.target_id) for d in deletes})
            self._mark_deleted([(d.platform, d.target_id) for d in deletes if d.target == "post"],
                               [(d.platform, d.target_id) for d in deletes if d.target == "account"])
        if new_keys:
            self._mark_new_posts_deleted(new_keys)

    def _mark_deleted(self, post_keys: list[tuple[str, str]], account_keys: list[tuple[str, str]]) -> None:
        for start in range(0, len(post_keys), CHUNK):
            chunk = post_keys[start:start + CHUNK]
            self.conn.execute(update(posts).where(tuple_(posts.c.platform, posts.c.post_id).in_(chunk))
                              .values(deleted=True))
        for start in range(0, len(account_keys), CHUNK):
            chunk = account_keys[start:start + CHUNK]
            self.conn.execute(update(posts).where(tuple_(posts.c.platform, posts.c.author_id).in_(chunk))
                              .values(deleted=True))
            self.conn.execute(update(accounts).where(tuple_(accounts.c.platform, accounts.c.account_id).in_(chunk))
                              .values(deleted=True))

    def _mark_new_posts_deleted(self, keys: list[tuple[str, str]]) -> None:
        """A deletion may arrive before its post: posts inserted now are checked against deletions already kept."""
        d = deletions.c
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            ids = [k[1] for k in chunk]
            doomed_posts = select(d.platform, d.target_id).where(d.target == "post", d.target_id.in_(ids))
            found = [(p, i) for p, i in self.conn.execute(doomed_posts) if (p, i) in set(chunk)]
            if found:
                self._mark_deleted(found, [])
        self._mark_posts_of_deleted_accounts(keys)

    def _mark_posts_of_deleted_accounts(self, keys: list[tuple[str, str]]) -> None:
        has_account_deletions = self.conn.execute(
            select(deletions.c.target_id).where(deletions.c.target == "account").limit(1)).first()
        if has_account_deletions is None:
            return
        d = deletions.c
        doomed = select(d.target_id).where(d.target == "account", d.platform == posts.c.platform,
                                           d.target_id == posts.c.author_id).exists()
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            self.conn.execute(update(posts).where(and_(tuple_(posts.c.platform, posts.c.post_id).in_(chunk), doomed))
                              .values(deleted=True))

    def _link_event(self, event_id: int, keys: list[tuple[str, str]]) -> None:
        if keys:
            rows = [{"event_id": event_id, "platform": p, "post_id": i} for p, i in keys]
            self.conn.execute(self._insert(event_posts).on_conflict_do_nothing(), rows)


def _snapshot_row(s: AccountSnapshot) -> dict[str, Any]:
    return {"platform": s.platform, "account_id": s.account_id, "handle": s.handle, "name": s.name,
            "description": s.description, "location": s.location, "followers": s.followers,
            "following": s.following, "posts": s.posts, "observed_at": s.observed_at,
            "source_format": s.source_format, "raw": compress(s.raw)}


def _account_row(s: AccountSnapshot) -> dict[str, Any]:
    return {"platform": s.platform, "account_id": s.account_id, "handle": s.handle, "name": s.name,
            "description": s.description, "location": s.location, "followers": s.followers,
            "following": s.following, "posts": s.posts, "created_at": s.created_at, "verified": s.verified,
            "url": s.url, "observed_at": s.observed_at, "deleted": False}
