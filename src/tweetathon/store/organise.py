"""Store reads and writes for organising: events, participants and chat sessions.

Functions over a `Store` (each is its own transaction). The tables are `events`, `participants` and
`chat_sessions` in `store/schema.py`; events are created through `Store.ensure_event` and read with
`Store.get_event`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from tweetathon.model import ChatSession, Event, Participant
from tweetathon.store import queries
from tweetathon.store.schema import chat_sessions, events, participants
from tweetathon.store.store import Store


class UnknownEvent(LookupError):
    """No event with that slug."""


def create_event(store: Store, event: Event) -> int:
    """Create `event`; raises ValueError when the slug is taken (use `replace_event` to overwrite a rule)."""
    if store.event_id(event.slug) is not None:
        raise ValueError(f"event {event.slug!r} already exists")
    return store.ensure_event(event)


def replace_event(store: Store, event: Event) -> int:
    """Create `event`, or overwrite the name, hashtags, kind, time rule and description of the existing one (keeps
    its rows)."""
    event_id = store.event_id(event.slug)
    if event_id is None:
        return store.ensure_event(event)
    with store.engine.begin() as conn:
        conn.execute(update(events).where(events.c.id == event_id).values(
            name=event.name, hashtags=" ".join(event.hashtags), kind=event.kind, zone=event.zone,
            start=event.start, end=event.end, local_start=event.local_start, local_date=event.local_date,
            duration_minutes=event.duration_minutes, rrule=event.rrule, time=event.time,
            description=event.description))
    return event_id


def list_events(store: Store) -> list[Event]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(events).order_by(events.c.slug)).mappings().all()
    return [queries.event_from_row(dict(r)) for r in rows]


def _event_id(store: Store, slug: str) -> int:
    event_id = store.event_id(slug)
    if event_id is None:
        raise UnknownEvent(slug)
    return event_id


def _participant_values(p: Participant, note: str) -> dict[str, Any]:
    return {"platform": p.platform, "handle": p.handle, "account_id": p.account_id, "agency": p.agency,
            "role": p.role, "address": p.address, "city": p.city, "country": p.country, "latitude": p.latitude,
            "longitude": p.longitude, "zone": p.zone, "geocode_note": note, "status": p.status}


@dataclass(frozen=True, slots=True)
class SaveCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def save_participants(store: Store, slug: str, items: Iterable[tuple[Participant, str]]) -> SaveCounts:
    """Insert or update participants (keyed by platform + handle) with their geocoding notes, atomically."""
    event_id = _event_id(store, slug)
    added = updated = unchanged = 0
    with store.engine.begin() as conn:
        existing = {(r.platform, r.handle): r for r in conn.execute(
            select(participants).where(participants.c.event_id == event_id)).mappings()}
        for participant, note in items:
            values = _participant_values(participant, note)
            old = existing.get((participant.platform, participant.handle))
            if old is None:
                conn.execute(insert(participants).values(event_id=event_id, created_at=datetime.now(UTC), **values))
                added += 1
            elif any(old[k] != v for k, v in values.items()):
                conn.execute(update(participants).where(participants.c.id == old["id"]).values(**values))
                updated += 1
            else:
                unchanged += 1
    return SaveCounts(added, updated, unchanged)


def participant_from_row(slug: str, row: Mapping[str, Any]) -> Participant:
    return Participant(
        event=slug, platform=row["platform"], handle=row["handle"], agency=row["agency"], role=row["role"],
        address=row["address"], city=row["city"], country=row["country"], latitude=row["latitude"],
        longitude=row["longitude"], zone=row["zone"], status=row["status"], account_id=row["account_id"])


def get_participants(store: Store, slug: str, status: str | None = None) -> list[Participant]:
    """Participants of an event ordered by platform and handle; only `status` ones when given."""
    event_id = _event_id(store, slug)
    query = select(participants).where(participants.c.event_id == event_id)
    if status:
        query = query.where(participants.c.status == status)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(participants.c.platform, participants.c.handle)).mappings().all()
    return [participant_from_row(slug, dict(r)) for r in rows]


def geocode_notes(store: Store, slug: str) -> dict[tuple[str, str], str]:
    event_id = _event_id(store, slug)
    with store.engine.connect() as conn:
        rows = conn.execute(select(participants.c.platform, participants.c.handle, participants.c.geocode_note)
                            .where(participants.c.event_id == event_id)).all()
    return {(r[0], r[1]): r[2] for r in rows if r[2]}


def set_status(store: Store, slug: str, platform: str, handle: str, status: str) -> bool:
    """Set one participant's status; False when there is no such participant."""
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        result = conn.execute(update(participants).where(
            participants.c.event_id == event_id, participants.c.platform == platform,
            participants.c.handle == handle).values(status=status))
    return bool(result.rowcount)


def remove_participant(store: Store, slug: str, platform: str, handle: str) -> bool:
    event_id = _event_id(store, slug)
    with store.engine.begin() as conn:
        result = conn.execute(delete(participants).where(
            participants.c.event_id == event_id, participants.c.platform == platform,
            participants.c.handle == handle))
    return bool(result.rowcount)


def save_session(store: Store, slug: str, session: ChatSession) -> bool:
    """Insert or replace the session of that date; True when it was new."""
    event_id = _event_id(store, slug)
    values = {"starts_at": session.starts_at, "ends_at": session.ends_at, "theme": session.theme,
              "host": session.host, "questions": json.dumps(list(session.questions), ensure_ascii=False)}
    with store.engine.begin() as conn:
        found = conn.execute(select(chat_sessions.c.id).where(
            chat_sessions.c.event_id == event_id, chat_sessions.c.session_date == session.session_date)).scalar()
        if found is None:
            conn.execute(insert(chat_sessions).values(event_id=event_id, session_date=session.session_date,
                                                      **values))
            return True
        conn.execute(update(chat_sessions).where(chat_sessions.c.id == found).values(**values))
    return False


def get_sessions(store: Store, slug: str) -> list[ChatSession]:
    """The planned sessions of the event `slug`, in date order."""
    with store.engine.connect() as conn:
        return list(read_sessions(conn, _event_id(store, slug)))


def read_sessions(conn: Connection, event_id: int, session_date: str | None = None) -> tuple[ChatSession, ...]:
    """The one reader of planned chat sessions: all of an event's, in date order, or the one on `session_date`."""
    t = chat_sessions.c
    query = select(t.session_date, t.starts_at, t.ends_at, t.theme, t.host, t.questions).where(t.event_id == event_id)
    if session_date is not None:
        query = query.where(t.session_date == session_date)
    return tuple(ChatSession(d, start, end, theme or "", host or None, question_texts(q))
                 for d, start, end, theme, host, q in conn.execute(query.order_by(t.session_date)))


def question_texts(stored: str | None) -> tuple[str, ...]:
    """The planned questions from the stored JSON: a list of strings, or of objects with a `text` (or
    `question`) field. Anything else is ignored rather than guessed."""
    try:
        value = json.loads(stored or "[]")
    except json.JSONDecodeError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(item if isinstance(item, str) else str(item.get("text") or item.get("question") or "")
                 for item in value if isinstance(item, str | dict))
