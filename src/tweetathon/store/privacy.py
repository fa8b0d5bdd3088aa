"""Store reads and writes for privacy: an event's setting and secret, its participants' accounts, the purge log.

The pure side is `privacy/pseudonyms.py` (Pseudonymiser) and `privacy/retention.py` (periods); this module only
reads and writes the `events`, `participants`, `accounts` and `purge_log` tables.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tweetathon.privacy.pseudonyms import EventPrivacy, ParticipantAccount, Pseudonymiser
from tweetathon.store.schema import accounts, events, participants, posts, purge_log
from tweetathon.store.store import Store


class UnknownEvent(LookupError):
    """No event with that slug."""


def read_privacy(conn: Connection, slug: str) -> EventPrivacy:
    """The event's privacy setting; an event without a secret (made by an older version) gets one now."""
    row = conn.execute(select(events.c.id, events.c.pseudonymise_public, events.c.pseudonym_secret,
                              events.c.retention).where(events.c.slug == slug)).first()
    if row is None:
        raise UnknownEvent(slug)
    secret = row.pseudonym_secret
    if not secret:
        secret = secrets.token_hex(32)
        conn.execute(update(events).where(events.c.id == row.id).values(pseudonym_secret=secret))
    return EventPrivacy(slug, bytes.fromhex(secret), bool(row.pseudonymise_public), row.retention)


def event_privacy(store: Store, slug: str) -> EventPrivacy:
    """The privacy setting of event `slug` (raises UnknownEvent)."""
    with store.engine.begin() as conn:
        return read_privacy(conn, slug)


def set_privacy(store: Store, slug: str, *, pseudonymise_public: bool | None = None,
                retention: str | None = None, clear_retention: bool = False) -> EventPrivacy:
    """Change what is given; returns the new setting. `retention` is a normalised period ('12m')."""
    values: dict[str, Any] = {}
    if pseudonymise_public is not None:
        values["pseudonymise_public"] = pseudonymise_public
    if retention is not None or clear_retention:
        values["retention"] = retention
    with store.engine.begin() as conn:
        read_privacy(conn, slug)
        if values:
            conn.execute(update(events).where(events.c.slug == slug).values(**values))
        return read_privacy(conn, slug)


def read_participant_accounts(conn: Connection, slug: str) -> list[ParticipantAccount]:
    """The event's approved participants, each with the account ids known for it (registered, or found in the
    accounts table under its handle). The figures' own rule (`privacy/scope.py`) also binds ids from posts."""
    event_id = conn.execute(select(events.c.id).where(events.c.slug == slug)).scalar()
    if event_id is None:
        raise UnknownEvent(slug)
    rows = conn.execute(select(participants.c.platform, participants.c.handle, participants.c.account_id)
                        .where(participants.c.event_id == event_id, participants.c.status == "approved")).all()
    known = _ids_by_handle(conn, {(r.platform, r.handle.lower()) for r in rows})
    return [ParticipantAccount(r.platform, r.handle.lower(), tuple(sorted(
        {*known.get((r.platform, r.handle.lower()), set()), *([r.account_id] if r.account_id else [])})))
        for r in rows]


def _ids_by_handle(conn: Connection, wanted: set[tuple[str, str]]) -> Mapping[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for platform in {p for p, _ in wanted}:
        handles = [h for p, h in wanted if p == platform]
        query = select(accounts.c.account_id, func.lower(accounts.c.handle)).where(
            accounts.c.platform == platform, func.lower(accounts.c.handle).in_(handles))
        for account_id, handle in conn.execute(query):
            found.setdefault((platform, handle), set()).add(account_id)
    return found


def pseudonymiser(store: Store, slug: str) -> Pseudonymiser:
    """The event's Pseudonymiser: its setting and secret, and its approved participants."""
    with store.engine.begin() as conn:
        return Pseudonymiser.for_event(read_privacy(conn, slug), read_participant_accounts(conn, slug))


def participant_post_ids(store: Store, names: Pseudonymiser) -> frozenset[tuple[str, str]]:
    """(platform, post id) of every stored post written by one of `names`' participants (by account id)."""
    found: set[tuple[str, str]] = set()
    with store.engine.connect() as conn:
        for platform in sorted({p for p, _ in names.ids}):
            ids = sorted(i for p, i in names.ids if p == platform)
            query = select(posts.c.post_id).where(posts.c.platform == platform, posts.c.author_id.in_(ids))
            found.update((platform, post_id) for (post_id,) in conn.execute(query))
    return frozenset(found)


def log_purge(conn: Connection, kind: str, event: str | None, counts: Mapping[str, int], detail: str = "") -> None:
    conn.execute(insert(purge_log).values(at=datetime.now(UTC), kind=kind, event=event,
                                          posts=counts.get("posts", 0), snapshots=counts.get("snapshots", 0),
                                          accounts=counts.get("accounts", 0), detail=detail))


def purges(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """The latest purges, newest first: when, what (kind, event), how many posts, snapshots and accounts."""
    with store.engine.connect() as conn:
        query = select(purge_log).order_by(purge_log.c.id.desc()).limit(limit)
        return [dict(r) for r in conn.execute(query).mappings()]
