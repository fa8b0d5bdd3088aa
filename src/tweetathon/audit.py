"""The audit log: who did what, to what, when, with the state before and after. Every organiser action records
its own entry, inside the same transaction as the change, so no caller (web page, CLI) can forget it.

API (stable):
    record(store, actor, action, target, before=None, after=None, *, event=None) -> None
    record_in(conn, actor, action, target, before=None, after=None, *, event=None) -> None   (inside a transaction)
    entries(store, *, event=None, actor=None, action=None, since=None, until=None, limit=200) -> list[AuditEntry]
    AuditEntry: id, at (aware UTC), actor, action, event, target, before, after (JSON values), as_dict()

`before`/`after` are any JSON-serialisable values (datetimes become ISO strings); None when there was no state
(a creation has no `before`, a removal no `after`). Actions are dotted slugs: `user.add`, `user.remove`,
`user.passwd`, `token.add`, `token.revoke`, `registration.submit`, `registration.confirm`,
`registration.approve`, `registration.reject`, `participant.edit`, `participant.remove`, `report.publish`,
`report.unpublish`, `transcripts.publish`, `transcripts.unpublish`, `import.start`. Secrets, password hashes and
registrants' contact e-mail addresses are never put in an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select

from tweetathon.store.schema import audit_log
from tweetathon.store.store import Store


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    event: str | None
    target: str
    before: Any
    after: Any

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "actor": self.actor, "action": self.action,
                "event": self.event, "target": self.target, "before": self.before, "after": self.after}


def _dump(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, default=str).decode()


def _load(text: str | None) -> Any:
    return None if text is None else orjson.loads(text)


def record_in(conn: Connection, actor: str, action: str, target: str, before: Any = None, after: Any = None,
              *, event: str | None = None) -> None:
    """Add an entry through `conn`, so it commits (or rolls back) with the change it describes."""
    conn.execute(insert(audit_log).values(at=datetime.now(UTC), actor=actor, action=action, event=event,
                                          target=target, before=_dump(before), after=_dump(after)))


def record(store: Store, actor: str, action: str, target: str, before: Any = None, after: Any = None,
           *, event: str | None = None) -> None:
    """Add an entry in a transaction of its own."""
    with store.engine.begin() as conn:
        record_in(conn, actor, action, target, before, after, event=event)


def entries(store: Store, *, event: str | None = None, actor: str | None = None, action: str | None = None,
            since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest entries first, filtered by event slug, actor, action (exact, or a prefix ending in `.`: `user.`)
    and time [since, until)."""
    t = audit_log.c
    query = select(audit_log).order_by(t.id.desc()).limit(limit)
    if event is not None:
        query = query.where(t.event == event)
    if actor is not None:
        query = query.where(t.actor == actor)
    if action is not None:
        query = query.where(t.action.startswith(action) if action.endswith(".") else t.action == action)
    if since is not None:
        query = query.where(t.at >= since)
    if until is not None:
        query = query.where(t.at < until)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [AuditEntry(r["id"], r["at"], r["actor"], r["action"], r["event"], r["target"], _load(r["before"]),
                       _load(r["after"])) for r in rows]
