"""Store reads and writes for self-service registration: the private contact row beside a pending participant,
and the per-event counters of discarded submissions. SQL only; the rules are in `organise/registration.py` and
`organise/moderation.py`.

Tables: `registrations` (participant_id -> contact e-mail, consent, submitted and confirmed times; deleted with
the participant) and `registration_counters` (event, reason -> count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update
from sqlalchemy.exc import IntegrityError

from tweetathon.model import Participant
from tweetathon.store.organise import participant_from_row
from tweetathon.store.schema import events, participants, registration_counters, registrations
from tweetathon.store.store import Store


@dataclass(frozen=True, slots=True)
class Registration:
    """A participant who registered through the form, with their private contact details."""

    participant: Participant
    email: str
    submitted_at: datetime
    confirmed_at: datetime | None
    geocode_note: str = ""

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


def participant_values(p: Participant) -> dict[str, Any]:
    return {"platform": p.platform, "handle": p.handle, "account_id": p.account_id, "agency": p.agency,
            "role": p.role, "address": p.address, "city": p.city, "country": p.country, "latitude": p.latitude,
            "longitude": p.longitude, "zone": p.zone, "status": p.status}


def insert_registration(conn: Connection, event_id: int, participant: Participant, note: str, email: str,
                        now: datetime) -> int:
    """Insert the pending participant and its contact row; IntegrityError when the handle is taken."""
    new_id = conn.execute(insert(participants).values(
        event_id=event_id, created_at=now, geocode_note=note, **participant_values(participant)
    )).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(insert(registrations).values(participant_id=new_id, email=email, consent_at=now,
                                              submitted_at=now))
    return int(new_id)


def find_participant(conn: Connection, event_id: int, platform: str, handle: str) -> RowMapping | None:
    return conn.execute(select(participants).where(
        participants.c.event_id == event_id, participants.c.platform == platform,
        participants.c.handle == handle)).mappings().first()


def participant_by_id(conn: Connection, participant_id: int) -> RowMapping | None:
    return conn.execute(select(participants).where(participants.c.id == participant_id)).mappings().first()


def contact_of(conn: Connection, participant_id: int) -> RowMapping | None:
    return conn.execute(select(registrations).where(
        registrations.c.participant_id == participant_id)).mappings().first()


def mark_confirmed(conn: Connection, participant_id: int, now: datetime) -> None:
    conn.execute(update(registrations).where(registrations.c.participant_id == participant_id)
                 .values(confirmed_at=now))


def list_registrations(store: Store, slug: str, status: str | None = "pending") -> list[Registration]:
    """Participants of `slug` who registered through the form (only `status` ones when given), oldest first."""
    p, r = participants.c, registrations.c
    query = (select(participants, r.email, r.submitted_at, r.confirmed_at)
             .join(registrations, r.participant_id == p.id).join(events, events.c.id == p.event_id)
             .where(events.c.slug == slug).order_by(r.submitted_at, p.id))
    if status is not None:
        query = query.where(p.status == status)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [Registration(participant_from_row(slug, dict(row)), row["email"], row["submitted_at"], row["confirmed_at"],
                         row["geocode_note"]) for row in rows]


def bump_counter(conn: Connection, event_id: int, reason: str) -> None:
    """Add one to the event's count of submissions discarded for `reason`."""
    c = registration_counters.c
    done = conn.execute(update(registration_counters).where(c.event_id == event_id, c.reason == reason)
                        .values(count=c.count + 1)).rowcount
    if done:
        return
    try:
        with conn.begin_nested():
            conn.execute(insert(registration_counters).values(event_id=event_id, reason=reason, count=1))
    except IntegrityError:  # another request created the row first
        conn.execute(update(registration_counters).where(c.event_id == event_id, c.reason == reason)
                     .values(count=c.count + 1))


def counters(store: Store, slug: str) -> dict[str, int]:
    c = registration_counters.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(c.reason, c.count).join(events, events.c.id == c.event_id)
                            .where(events.c.slug == slug)).all()
    return {reason: int(count) for reason, count in rows}


def unconfirmed_before(conn: Connection, cutoff: datetime) -> list[tuple[int, int]]:
    """(participant id, event id) of form registrations never confirmed and submitted before `cutoff`."""
    p, r = participants.c, registrations.c
    rows = conn.execute(select(p.id, p.event_id).join(registrations, r.participant_id == p.id).where(
        r.confirmed_at.is_(None), r.submitted_at < cutoff, p.status == "pending")).all()
    return [(int(a), int(b)) for a, b in rows]
