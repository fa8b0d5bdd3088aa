"""What the console pages show, gathered from the library (no SQL, no HTML): counts per event, a
registration's row, the forms' choices."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from tweetathon.model import EVENT_KINDS, PLATFORMS, ROLES, Event, Participant
from tweetathon.store import organise as ostore
from tweetathon.store.registrations import Registration, counters, list_registrations
from tweetathon.store.store import Store

RULES = (("local", "Local start in each participant's zone (follow the sun)"),
         ("fixed", "Fixed window (start and end)"), ("series", "Recurring series (chat)"))


@dataclass(frozen=True, slots=True)
class EventRow:
    event: Event
    pending: int
    approved: int
    refused: dict[str, int]


def dashboard(store: Store) -> list[EventRow]:
    rows = []
    for event in ostore.list_events(store):
        people = ostore.get_participants(store, event.slug)
        rows.append(EventRow(event, sum(p.status == "pending" for p in people),
                             sum(p.status == "approved" for p in people), counters(store, event.slug)))
    return rows


def pending(store: Store, slug: str) -> list[Registration]:
    """The event's pending registrations (from the form), confirmed ones first."""
    found = list_registrations(store, slug, status="pending")
    return sorted(found, key=lambda r: (not r.confirmed, r.submitted_at))


def rule_of(event: Event | None) -> str:
    if event is None or event.local_start:
        return "local"
    return "series" if event.rrule else "fixed"


CHOICES = {"kinds": EVENT_KINDS, "platforms": PLATFORMS, "roles": ROLES, "rules": RULES}


PARTICIPANT_COLUMNS = ("platform", "handle", "agency", "role", "status", "address", "city", "country", "zone",
                       "latitude", "longitude")


def participants_csv(people: Iterable[Participant]) -> str:
    """Every participant of an event, pending ones too, with the address (for organisers, not the public)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PARTICIPANT_COLUMNS)
    for p in people:
        writer.writerow(["" if getattr(p, c) is None else getattr(p, c) for c in PARTICIPANT_COLUMNS])
    return out.getvalue()
