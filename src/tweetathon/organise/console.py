"""Organiser actions on events and chat plans that the console (and any other caller) makes: each change is
validated here and written with its audit entry (`tweetathon.audit`), who/what/when/before/after.

    save_event(store, event, *, actor, create) -> Event          event.create / event.edit
    plan_session(store, slug, day, theme, questions, host, *, actor, moved=False) -> Session   chat.plan
Raises EventError (message + hint) for what a user typed wrong, store.organise.UnknownEvent for a bad slug.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tweetathon import audit
from tweetathon.model import Event
from tweetathon.organise import series
from tweetathon.organise.events import EventError, describe_rule, parse_day
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store


def event_fields(event: Event | None) -> dict[str, Any] | None:
    """What the audit log keeps of an event."""
    if event is None:
        return None
    return {"slug": event.slug, "name": event.name, "hashtags": list(event.hashtags), "kind": event.kind,
            "zone": event.zone, "rule": describe_rule(event)}


def save_event(store: Store, event: Event, *, actor: str, create: bool) -> Event:
    """Create `event` (EventError when the slug is taken) or replace the rule of the existing one."""
    before = store.get_event(event.slug)
    if create and before is not None:
        raise EventError(f"there is already an event {event.slug!r}", "Choose another slug, or edit that event.")
    if not create and before is None:
        raise ostore.UnknownEvent(event.slug)
    ostore.replace_event(store, event)
    audit.record(store, actor, "event.create" if create else "event.edit", f"event:{event.slug}",
                 event_fields(before), event_fields(event), event=event.slug)
    return event


def _session_day(event: Event, day: str, moved: bool) -> date:
    when = parse_day(day)
    if not moved and not series.is_occurrence(event, when):
        upcoming = ", ".join(d.isoformat() for d in series.occurrences(event, after=when, limit=3))
        raise EventError(f"{day} is not a session of {event.slug} ({event.rrule})",
                         f"Next sessions: {upcoming or 'none'}. Tick 'moved session' to plan it on that date.")
    return when


def plan_session(store: Store, slug: str, day: str, theme: str, questions: Sequence[str], host: str | None, *,
                 actor: str, moved: bool = False) -> series.Session:
    """Plan (or re-plan) the session of `day` of the series `slug`: theme, questions Q1..Qn, host."""
    event = store.get_event(slug)
    if event is None:
        raise ostore.UnknownEvent(slug)
    if not event.rrule:
        raise EventError(f"event {slug!r} is not a chat series", "Give it a recurring rule first.")
    item = series.session(event, _session_day(event, day, moved), theme.strip(),
                          [q.strip() for q in questions if q.strip()], host or None, planned=True)
    before = next((s for s in ostore.get_sessions(store, slug) if s.session_date == item.date.isoformat()), None)
    ostore.save_session(store, slug, series.to_stored(item))
    audit.record(store, actor, "chat.plan", f"session:{slug}:{item.date.isoformat()}",
                 None if before is None else {"theme": before.theme, "questions": list(before.questions)},
                 {"theme": item.theme, "questions": list(item.questions), "host": item.host}, event=slug)
    return item
