"""Helpers for importer tests: read a file through a source module, and read back what the store holds."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import select

from tweetathon.ingest import batches, import_file
from tweetathon.model import AccountSnapshot, Post, Record, Reject
from tweetathon.sources.base import RawRecord
from tweetathon.store.schema import account_snapshots, posts
from tweetathon.store.store import Store
from tweetathon.store.writer import BatchCounts


def map_file(module: ModuleType, path: Path) -> list[Record]:
    """Every record the module makes of `path`: read with iter_records, mapped with map_record."""
    out: list[Record] = []
    for raw in module.iter_records(path):
        out.extend([raw] if isinstance(raw, Reject) else module.map_record(raw))
    return out


def map_payload(module: ModuleType, payload: Any, line: int = 1) -> list[Record]:
    """map_record on one hand-written payload."""
    return module.map_record(RawRecord(payload, "test.json", line, module.NAME))


def posts_of(records: list[Record], collected: bool | None = None) -> list[Post]:
    return [r for r in records if isinstance(r, Post) and (collected is None or r.collected == collected)]


def snapshots_of(records: list[Record]) -> list[AccountSnapshot]:
    return [r for r in records if isinstance(r, AccountSnapshot)]


def rejects_of(records: list[Record]) -> list[Reject]:
    return [r for r in records if isinstance(r, Reject)]


def import_into(store: Store, path: Path, module: ModuleType) -> BatchCounts:
    """Import `path` with `module` into `store` through the real batching and writer (no format detection)."""
    counts = BatchCounts()
    for batch in batches(module.iter_records(path), module):
        counts.add(store.write_batch(batch.posts, batch.snapshots, batch.deletions))
    return counts


def import_detected(store: Store, path: Path) -> Any:
    """Import `path` through the whole pipeline, its format detected among all registered formats."""
    return import_file(store, path)


def stored_posts(store: Store, collected: bool | None = True) -> dict[str, dict[str, Any]]:
    """Rows of the posts table keyed by post_id (collected ones by default; None for all)."""
    query = select(posts)
    if collected is not None:
        query = query.where(posts.c.collected == collected)
    with store.engine.connect() as conn:
        return {r["post_id"]: dict(r) for r in conn.execute(query).mappings()}


def stored_snapshots(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(account_snapshots)).mappings()]
