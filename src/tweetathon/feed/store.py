"""The composer's tables: numbering, drafts, the outbox and the audit log. Each method is one transaction.

A draft's number is allocated in the same transaction that inserts the draft (an UPDATE of the event's
`last_number`, which locks the row on PostgreSQL and the database on SQLite), so two drafts never share a
number and a number once used is never given again, whatever crashes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from tweetathon.feed.model import DEFAULT_TEMPLATE, AuditEntry, Draft, OutboxItem, Override, Photo
from tweetathon.model import Deletion, Post
from tweetathon.privacy.pii.types import Finding
from tweetathon.store.schema import events, feed_audit, feed_drafts, feed_outbox, feed_settings, participants
from tweetathon.store.store import Store
from tweetathon.store.writer import Writer


class FeedError(Exception):
    """Something a user asked for cannot be done: the message says what and what to do."""


def _json(value: Any) -> str:
    return orjson.dumps(value, default=_default).decode()


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _overrides(raw: str) -> tuple[Override, ...]:
    return tuple(Override(o["type"], o["text"], o["reason"], o["by"], datetime.fromisoformat(o["at"]))
                 for o in orjson.loads(raw))


def draft_from_row(row: Mapping[Any, Any], slug: str) -> Draft:
    return Draft(
        id=row["id"], event=slug, number=row["number"], prefix=row["prefix"], body=row["body"],
        status=row["status"], author=row["author"], created_at=row["created_at"], appeal=row["appeal"],
        thread=row["thread"], findings=tuple(Finding(**f) for f in orjson.loads(row["findings"])),
        overrides=_overrides(row["overrides"]), approved_by=row["approved_by"], approved_at=row["approved_at"],
        targets=tuple(row["targets"].split()), photos=tuple(Photo(**p) for p in orjson.loads(row["media"])),
        publish_at=row["publish_at"])


def outbox_from_row(row: Mapping[Any, Any]) -> OutboxItem:
    return OutboxItem(
        id=row["id"], draft_id=row["draft_id"], account=row["account"], platform=row["platform"],
        part=row["part"], text=row["text"], state=row["state"], attempts=row["attempts"],
        created_at=row["created_at"], platform_id=row["platform_id"], url=row["url"],
        response=orjson.loads(row["response"]) if row["response"] else {}, published_at=row["published_at"])


def draft_values(draft: Draft) -> dict[str, Any]:
    """The columns of a draft that change after it is created."""
    return {"body": draft.body, "status": draft.status, "appeal": draft.appeal, "thread": draft.thread,
            "findings": _json([asdict(f) for f in draft.findings]),
            "overrides": _json([asdict(o) for o in draft.overrides]), "approved_by": draft.approved_by,
            "approved_at": draft.approved_at, "targets": " ".join(draft.targets),
            "media": _json([asdict(p) for p in draft.photos]), "publish_at": draft.publish_at}


def _insert_ignore(conn: Connection, table: Any, values: dict[str, Any]) -> None:
    make = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(make(table).values(**values).on_conflict_do_nothing())


class FeedStore:
    """Drafts, outbox and audit log of the events in one Store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- events and numbering ------------------------------------------------------------------------------

    def event(self, slug: str) -> tuple[int, tuple[str, ...]]:
        """The event's id and hashtags; FeedError when there is no such event."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(events.c.id, events.c.hashtags).where(events.c.slug == slug)).first()
        if row is None:
            raise FeedError(f"no event {slug!r}: create it first with `tweetathon event create`")
        return int(row[0]), tuple(row[1].split())

    def own_handles(self, slug: str) -> list[str]:
        """The handles of the event's registered participants: the force accounts its posts may name."""
        event_id, _ = self.event(slug)
        with self.store.engine.connect() as conn:
            return list(conn.execute(select(participants.c.handle).where(participants.c.event_id == event_id))
                        .scalars())

    def template(self, slug: str) -> str:
        event_id, hashtags = self.event(slug)
        with self.store.engine.connect() as conn:
            found = conn.execute(select(feed_settings.c.template)
                                 .where(feed_settings.c.event_id == event_id)).scalar()
        return str(found) if found is not None else default_template(hashtags)

    def set_template(self, slug: str, template: str) -> None:
        event_id, _ = self.event(slug)
        with self.store.begin() as conn:
            _insert_ignore(conn, feed_settings, {"event_id": event_id, "template": template, "last_number": 0})
            conn.execute(update(feed_settings).where(feed_settings.c.event_id == event_id).values(template=template))

    def create_draft(self, slug: str, body: str, author: str, values: dict[str, Any],
                     audit: Sequence[tuple[str, str, dict[str, Any]]]) -> Draft:
        """Insert a draft with the event's next number, and its first audit entries, in one transaction."""
        event_id, hashtags = self.event(slug)
        now = datetime.now(UTC)
        with self.store.begin() as conn:
            template = self._allocate_settings(conn, event_id, hashtags)
            number = self._next_number(conn, event_id)
            prefix = render_prefix(template, number)
            draft_id = conn.execute(insert(feed_drafts).values(
                event_id=event_id, number=number, prefix=prefix, body=body, author=author, created_at=now,
                updated_at=now, **values)).inserted_primary_key[0]  # type: ignore[index]
            self._audit(conn, int(draft_id), audit, now)
        return self.get(slug, number)

    def _allocate_settings(self, conn: Connection, event_id: int, hashtags: tuple[str, ...]) -> str:
        _insert_ignore(conn, feed_settings, {"event_id": event_id, "template": default_template(hashtags),
                                             "last_number": 0})
        return str(conn.execute(select(feed_settings.c.template)
                                .where(feed_settings.c.event_id == event_id)).scalar_one())

    def _next_number(self, conn: Connection, event_id: int) -> int:
        t = feed_settings.c
        conn.execute(update(feed_settings).where(t.event_id == event_id).values(last_number=t.last_number + 1))
        return int(conn.execute(select(t.last_number).where(t.event_id == event_id)).scalar_one())

    # -- drafts ----------------------------------------------------------------------------------------------

    def get(self, slug: str, number: int) -> Draft:
        event_id, _ = self.event(slug)
        with self.store.engine.connect() as conn:
            row = conn.execute(select(feed_drafts).where(feed_drafts.c.event_id == event_id,
                                                         feed_drafts.c.number == number)).mappings().first()
        if row is None:
            raise FeedError(f"event {slug!r} has no post number {number}; `tweetathon feed list {slug}` lists them")
        return draft_from_row(row, slug)

    def drafts(self, slug: str, statuses: Iterable[str] | None = None) -> list[Draft]:
        event_id, _ = self.event(slug)
        query = select(feed_drafts).where(feed_drafts.c.event_id == event_id).order_by(feed_drafts.c.number)
        if statuses is not None:
            query = query.where(feed_drafts.c.status.in_(list(statuses)))
        with self.store.engine.connect() as conn:
            return [draft_from_row(r, slug) for r in conn.execute(query).mappings()]

    def save(self, draft: Draft, actor: str, action: str, detail: dict[str, Any]) -> Draft:
        """Write the draft's changed columns and one audit entry, in one transaction."""
        now = datetime.now(UTC)
        with self.store.begin() as conn:
            conn.execute(update(feed_drafts).where(feed_drafts.c.id == draft.id)
                         .values(updated_at=now, **draft_values(draft)))
            self._audit(conn, draft.id, [(actor, action, detail)], now)
        return self.get(draft.event, draft.number)

    def audit_log(self, draft_id: int) -> list[AuditEntry]:
        t = feed_audit.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.at, t.actor, t.action, t.detail).where(t.draft_id == draft_id)
                                .order_by(t.id)).all()
        return [AuditEntry(r[0], r[1], r[2], orjson.loads(r[3])) for r in rows]

    def add_audit(self, draft_id: int, actor: str, action: str, detail: dict[str, Any]) -> None:
        with self.store.begin() as conn:
            self._audit(conn, draft_id, [(actor, action, detail)], datetime.now(UTC))

    @staticmethod
    def _audit(conn: Connection, draft_id: int, entries: Sequence[tuple[str, str, dict[str, Any]]],
               now: datetime) -> None:
        if entries:
            conn.execute(insert(feed_audit), [{"draft_id": draft_id, "at": now, "actor": actor, "action": action,
                                               "detail": _json(detail)} for actor, action, detail in entries])

    # -- outbox ----------------------------------------------------------------------------------------------

    def enqueue(self, draft: Draft, items: Sequence[tuple[str, str, int, str]], actor: str,
                publish_at: datetime | None) -> list[OutboxItem]:
        """Record the intent: one outbox row per (account, platform, part, text), the draft marked
        `publishing` (or `scheduled`), and the audit entry, in one transaction. Rows already there stay."""
        now = datetime.now(UTC)
        status = "scheduled" if publish_at and publish_at > now else "publishing"
        with self.store.begin() as conn:
            for account, platform, part, text in items:
                _insert_ignore(conn, feed_outbox, {"draft_id": draft.id, "account": account, "platform": platform,
                                                   "part": part, "text": text, "state": "pending", "attempts": 0,
                                                   "created_at": now})
            conn.execute(update(feed_drafts).where(feed_drafts.c.id == draft.id)
                         .values(status=status, publish_at=publish_at, updated_at=now))
            detail = {"accounts": sorted({i[0] for i in items}), "parts": max(i[2] for i in items),
                      "publish_at": publish_at.isoformat() if publish_at else "now"}
            self._audit(conn, draft.id, [(actor, "queued", detail)], now)
        return self.outbox(draft.id)

    def outbox(self, draft_id: int) -> list[OutboxItem]:
        t = feed_outbox.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(feed_outbox).where(t.draft_id == draft_id)
                                .order_by(t.account, t.part)).mappings()
            return [outbox_from_row(r) for r in rows]

    def due(self, slug: str, now: datetime) -> list[Draft]:
        """Drafts whose publishing was asked for and is due (their time has come) but not finished."""
        return [d for d in self.drafts(slug, ("publishing", "scheduled"))
                if d.publish_at is None or d.publish_at <= now]

    def mark_attempt(self, item: OutboxItem) -> OutboxItem:
        """Count an attempt before sending, so a restart knows the post may already exist."""
        with self.store.begin() as conn:
            conn.execute(update(feed_outbox).where(feed_outbox.c.id == item.id)
                         .values(state="sending", attempts=feed_outbox.c.attempts + 1))
        return replace(item, state="sending", attempts=item.attempts + 1)

    def record_published(self, item: OutboxItem, post: Post, response: dict[str, Any], how: str) -> None:
        """The post exists on the platform: the outbox row, the collected post (via the store writer) and the
        audit entry, in one transaction."""
        now = datetime.now(UTC)
        event_id = self._draft_event(item.draft_id)
        with self.store.begin() as conn:
            conn.execute(update(feed_outbox).where(feed_outbox.c.id == item.id).values(
                state="published", platform_id=post.post_id, url=post.url, response=_json(response),
                published_at=post.created_at))
            Writer(conn).write([post], [], [], event_id)
            detail = {"account": item.account, "platform": item.platform, "part": item.part, "how": how,
                      "platform_id": post.post_id, "url": post.url, "answer": response}
            self._audit(conn, item.draft_id, [("tweetathon", "published", detail)], now)

    def record_deleted(self, item: OutboxItem, actor: str, reason: str, response: dict[str, Any]) -> None:
        """Deleted on the platform: the outbox row, a deletion of the collected post (so public outputs leave it
        out) and the audit entry with the reason, in one transaction."""
        now = datetime.now(UTC)
        with self.store.begin() as conn:
            conn.execute(update(feed_outbox).where(feed_outbox.c.id == item.id).values(state="deleted"))
            if item.platform_id:
                gone = Deletion(item.platform, item.platform_id, reason=f"deleted by the feed: {reason}"[:64],
                                observed_at=now, source_format="feed")
                Writer(conn).write([], [], [gone], None)
            detail = {"account": item.account, "platform": item.platform, "part": item.part,
                      "platform_id": item.platform_id, "reason": reason, "answer": response}
            self._audit(conn, item.draft_id, [(actor, "deleted on platform", detail)], now)

    def record_failure(self, item: OutboxItem, message: str) -> None:
        with self.store.begin() as conn:
            conn.execute(update(feed_outbox).where(feed_outbox.c.id == item.id).values(state="failed"))
            detail = {"account": item.account, "platform": item.platform, "part": item.part, "error": message}
            self._audit(conn, item.draft_id, [("tweetathon", "failed", detail)], datetime.now(UTC))

    def set_state(self, item: OutboxItem, state: str) -> None:
        with self.store.begin() as conn:
            conn.execute(update(feed_outbox).where(feed_outbox.c.id == item.id).values(state=state))

    def _draft_event(self, draft_id: int) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(select(feed_drafts.c.event_id).where(feed_drafts.c.id == draft_id)).scalar_one())


def default_template(hashtags: Sequence[str]) -> str:
    """`#gmp24 {n}:` for an event whose first hashtag is gmp24; `{n}:` for an event without hashtags."""
    return DEFAULT_TEMPLATE.replace("{hashtag}", hashtags[0].lstrip("#")) if hashtags else "{n}:"


def render_prefix(template: str, number: int) -> str:
    return template.replace("{n}", str(number))
