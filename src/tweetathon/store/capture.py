"""Capture state in the store: cursors (where each live source has got to) and capture health.

A captured batch, the cursor that follows it and the health records it produced are written in ONE transaction,
so a capture killed at any instant resumes from a cursor that matches exactly what the database holds: nothing
is skipped (no gap) and nothing is counted twice (posts are keyed on (platform, post_id) anyway).

Health kinds: `gap` (a period whose posts the source did not deliver; `detail` says how many were recovered
and how), `ratelimit` (a wait imposed by the platform), `reconnect` (a dropped or failed connection and the
backoff before the next attempt), `error` (a record or response that could not be used), `failed` (a source that
gave up or was cut short: the reason and its counts; docs/capture.md#when-a-source-fails), `start` and `stop`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from tweetathon.model import AccountSnapshot, Deletion, Post
from tweetathon.store.schema import capture_cursors, capture_health, event_posts, posts
from tweetathon.store.store import Store
from tweetathon.store.timeline import approved_participants
from tweetathon.store.writer import BatchCounts, Writer

HEALTH_KINDS: tuple[str, ...] = ("gap", "ratelimit", "reconnect", "error", "failed", "start", "stop")


@dataclass(frozen=True, slots=True)
class HealthRecord:
    """One entry of capture health: what happened to a source, from `start` to `end` (UTC)."""

    platform: str
    source: str
    kind: str
    start: datetime
    end: datetime | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CaptureBatch:
    """What one source delivered in one step: posts and snapshots, the cursor after them, health records."""

    platform: str
    source: str
    posts: Sequence[Post] = ()
    snapshots: Sequence[AccountSnapshot] = ()
    deletions: Sequence[Deletion] = ()
    cursor: str | None = None
    health: Sequence[HealthRecord] = ()


@dataclass(frozen=True, slots=True)
class ParticipantPost:
    """A participant's event post: its id, its conversation (X: `conversation_id`; else the post itself)."""

    post_id: str
    conversation_id: str
    created_at: datetime


class CaptureStore:
    """Cursors and health of one event's capture, over a Store."""

    def __init__(self, store: Store, event: str) -> None:
        self.store = store
        self.event = event
        self.event_id = store.event_id(event)

    def commit(self, batch: CaptureBatch) -> BatchCounts:
        """Write the batch's records, its cursor and its health records atomically."""
        with self.store.begin() as conn:
            counts = Writer(conn).write(batch.posts, batch.snapshots, batch.deletions, self.event_id)
            if batch.cursor is not None:
                self._put_cursor(conn, batch.platform, batch.source, batch.cursor)
            if batch.health:
                conn.execute(capture_health.insert(), [self._health_row(h) for h in batch.health])
        return counts

    def cursor(self, platform: str, source: str) -> str | None:
        t = capture_cursors.c
        with self.store.engine.connect() as conn:
            found = conn.execute(select(t.cursor).where(
                t.event == self.event, t.platform == platform, t.source == source)).scalar()
        return None if found is None else str(found)

    def cursors(self) -> dict[tuple[str, str], str]:
        t = capture_cursors.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.platform, t.source, t.cursor).where(t.event == self.event))
            return {(p, s): c for p, s, c in rows}

    def event_post_ids(self, platform: str) -> list[str]:
        """Ids of the posts captured for this event on `platform` (to follow the conversations around them)."""
        t = event_posts.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.post_id).where(t.event_id == self.event_id, t.platform == platform))
            return [r[0] for r in rows]

    def participant_handles(self, platform: str) -> frozenset[str]:
        """Lower-case handles (no '@') of the event's approved participants on `platform`."""
        return frozenset(h for p, h in approved_participants(self.store, self.event_id) if p == platform)

    def participant_posts(self, platform: str, since: datetime, hashtags: Sequence[str] = (),
                          source_prefixes: Sequence[str] = ()) -> list[ParticipantPost]:
        """The event's posts on `platform` by its approved participants (matched on lower-case handle), created
        at or after `since`, oldest first. `hashtags`: only posts carrying one of them (the event posts proper,
        not the replies captured around them); `source_prefixes`: only those fetched from one server (Mastodon
        ids are local to the instance that served them)."""
        handles = sorted(self.participant_handles(platform))
        if not handles:
            return []
        p, e = posts.c, event_posts.c
        query = (select(p.post_id, p.conversation_id, p.created_at)
                 .join(event_posts, (e.platform == p.platform) & (e.post_id == p.post_id))
                 .where(e.event_id == self.event_id, p.platform == platform, p.created_at >= since,
                        p.collected.is_(True), func.lower(p.author_handle).in_(handles))
                 .order_by(p.created_at))
        if hashtags:
            query = query.where(or_(*[p.hashtags.contains(f" {t.lstrip('#').lower()} ", autoescape=True)
                                      for t in hashtags]))
        if source_prefixes:
            query = query.where(or_(*[p.source_file.startswith(x, autoescape=True) for x in source_prefixes]))
        with self.store.engine.connect() as conn:
            return [ParticipantPost(i, c or i, t) for i, c, t in conn.execute(query)]

    def roots(self, platform: str, hashtags: Sequence[str],
              source_prefixes: Sequence[str] = ()) -> Callable[[datetime], list[ParticipantPost]]:
        """`participant_posts` of the event posts proper, as a function of `since` (for conversation sources)."""
        return lambda since: self.participant_posts(platform, since, hashtags, source_prefixes)

    def record(self, *health: HealthRecord) -> None:
        if health:
            with self.store.begin() as conn:
                conn.execute(capture_health.insert(), [self._health_row(h) for h in health])

    def health(self, kind: str | None = None, platform: str | None = None) -> list[dict[str, Any]]:
        """Health records of this event, oldest first, optionally of one kind and platform."""
        t = capture_health.c
        query = select(capture_health).where(t.event == self.event)
        if kind:
            query = query.where(t.kind == kind)
        if platform:
            query = query.where(t.platform == platform)
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query.order_by(t.id)).mappings()]

    def _health_row(self, h: HealthRecord) -> dict[str, Any]:
        return {"event": self.event, "platform": h.platform, "source": h.source[:512], "kind": h.kind,
                "start": h.start, "end": h.end, "detail": h.detail}

    def _put_cursor(self, conn: Connection, platform: str, source: str, cursor: str) -> None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        stmt = insert(capture_cursors).values(event=self.event, platform=platform, source=source[:512],
                                              cursor=cursor, updated_at=datetime.now(UTC))
        stmt = stmt.on_conflict_do_update(index_elements=["event", "platform", "source"],
                                          set_={"cursor": stmt.excluded.cursor,
                                                "updated_at": stmt.excluded.updated_at})
        conn.execute(stmt)
