"""The Store: one object over one database, SQLite or PostgreSQL. Open it, write batches, read back.

    with Store.open("tweetathon.db") as store:
        store.stats()
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.engine import make_url

from tweetathon.model import AccountSnapshot, Deletion, Event, Post, Reject
from tweetathon.store import queries
from tweetathon.store.engine import make_engine, migrate, resolve_url
from tweetathon.store.schema import events, import_runs, rejects
from tweetathon.store.writer import BatchCounts, Writer


class Store:
    """A migrated database. Each write method is its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None, *, migrate_schema: bool = True) -> Store:
        """Open (creating and migrating if needed) the database named by `db`, $TWEETATHON_DB or the default."""
        engine = make_engine(resolve_url(db))
        if migrate_schema:
            migrate(engine)
        return cls(engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def sqlite_path(self) -> str | None:
        """The SQLite file, or None for a server database."""
        url = make_url(str(self.engine.url))
        return url.database if url.get_backend_name() == "sqlite" else None

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- writing -------------------------------------------------------------------------------------------

    def write_batch(self, items: Sequence[Post], snapshots: Sequence[AccountSnapshot] = (),
                    deletes: Sequence[Deletion] = (), event_id: int | None = None,
                    run_id: int | None = None, batch_rejects: Sequence[Reject] = (),
                    run_counts: dict[str, int] | None = None) -> BatchCounts:
        """Write one batch atomically, with the run's rejects and running totals in the same transaction."""
        with self.engine.begin() as conn:
            counts = Writer(conn).write(items, snapshots, deletes, event_id)
            if run_id is not None and batch_rejects:
                conn.execute(insert(rejects), [{"run_id": run_id, "file": r.file, "line": r.line,
                                                 "reason": r.reason, "detail": r.detail} for r in batch_rejects])
            if run_id is not None and run_counts is not None:
                conn.execute(update(import_runs).where(import_runs.c.id == run_id).values(**run_counts))
        return counts

    def completed_run(self, sha256: str, fmt: str, event: str | None, tool_version: str) -> int | None:
        """The id of a finished run that read this exact content, as `fmt`, for `event`, with this version of
        tweetathon, and rejected nothing: importing it again would change nothing. (A file with rejects is read
        again, so its problems are reported again.)"""
        t = import_runs.c
        with self.engine.connect() as conn:
            found = conn.execute(select(t.id).where(
                t.sha256 == sha256, t.format == fmt, t.status == "done", t.tool_version == tool_version, t.rejects == 0,
                t.event.is_(None) if event is None else t.event == event).order_by(t.id.desc()).limit(1)).scalar()
        return None if found is None else int(found)

    def start_run(self, path: str, sha256: str, size: int, fmt: str, event: str | None,
                  tool_version: str | None = None) -> int:
        with self.engine.begin() as conn:
            conn.execute(update(import_runs).where(import_runs.c.status == "running", import_runs.c.path == path)
                         .values(status="interrupted"))
            result = conn.execute(insert(import_runs).values(
                path=path, sha256=sha256, size=size, format=fmt, event=event, status="running",
                tool_version=tool_version,
                started_at=datetime.now(UTC)))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(import_runs).where(import_runs.c.id == run_id)
                         .values(status=status, ended_at=datetime.now(UTC), **counts))

    # -- events (the minimum the importer needs; organising lives in organise/) ---------------------------

    def event_id(self, slug: str) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(events.c.id).where(events.c.slug == slug)).scalar()
        return None if found is None else int(found)

    def ensure_event(self, event: Event) -> int:
        """The id of the event `event.slug`, creating it from `event` when it does not exist yet."""
        existing = self.event_id(event.slug)
        if existing is not None:
            return existing
        with self.engine.begin() as conn:
            result = conn.execute(insert(events).values(
                slug=event.slug, name=event.name, hashtags=" ".join(event.hashtags), kind=event.kind,
                zone=event.zone, start=event.start, end=event.end, local_start=event.local_start,
                local_date=event.local_date, duration_minutes=event.duration_minutes, rrule=event.rrule,
                time=event.time, description=event.description, created_at=datetime.now(UTC),
                pseudonym_secret=secrets.token_hex(32)))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def get_event(self, slug: str) -> Event | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.slug == slug)).mappings().first()
        return None if row is None else queries.event_from_row(row)

    # -- reading -------------------------------------------------------------------------------------------

    def stats(self, event: str | None = None) -> dict[str, Any]:
        """The collected-post summary printed by `tweetathon stats` (see `queries.stats`). For one event this is
        the SQL approximation (tagged or linked posts in its fixed window; accounts and snapshots of the whole
        database); `tweetathon stats --event` uses `queries.event_stats`, which agrees with the figures."""
        ev = self.get_event(event) if event else None
        with self.engine.connect() as conn:
            return queries.stats(conn, ev, self.event_id(event) if event else None)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = select(import_runs).order_by(import_runs.c.id.desc()).limit(limit)
            return [dict(r) for r in conn.execute(query).mappings()]

    def count(self, table: Any) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
