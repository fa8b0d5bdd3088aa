"""Organiser actions on events and chat plans, audited: the console and the CLI call these rather than the store
functions directly, so every change leaves an audit entry.

API (stable):
    create_event(store, event, *, actor) -> int           raises ValueError when the slug is taken
    update_event(store, event, *, actor) -> int           name, hashtags, kind and time rule of an existing slug
    save_session(store, slug, session, *, actor) -> bool  plan or replace one chat session (True when new)
Audit actions: `event.create`, `event.edit` (before/after: the event's fields), `chat.session` (before/after: the
session's fields).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from tweetathon.audit import record
from tweetathon.model import ChatSession, Event
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store


def _fields(value: Event | ChatSession | None) -> dict[str, Any] | None:
    return None if value is None else asdict(value)


def create_event(store: Store, event: Event, *, actor: str) -> int:
    event_id = ostore.create_event(store, event)
    record(store, actor, "event.create", f"event:{event.slug}", None, _fields(event), event=event.slug)
    return event_id


def update_event(store: Store, event: Event, *, actor: str) -> int:
    before = store.get_event(event.slug)
    if before is None:
        raise ostore.UnknownEvent(event.slug)
    event_id = ostore.replace_event(store, event)
    record(store, actor, "event.edit", f"event:{event.slug}", _fields(before), _fields(store.get_event(event.slug)),
           event=event.slug)
    return event_id


def save_session(store: Store, slug: str, session: ChatSession, *, actor: str) -> bool:
    before = next((s for s in ostore.get_sessions(store, slug) if s.session_date == session.session_date), None)
    new = ostore.save_session(store, slug, session)
    record(store, actor, "chat.session", f"event:{slug}:session:{session.session_date}", _fields(before),
           _fields(session), event=slug)
    return new
