"""Removing personal data from the store: deleted and withheld posts' text and payload (`purge_deleted`), and the
public's posts and account details once an event's retention period has passed (`apply_retention`).

A purged post keeps its row (platform, id, author id, time, kind, counts, hashtags, language, deleted and
withheld marks): the figures that count posts, accounts and reach do not change. What goes: the text, the raw
payload, and for the public also the handle, the URL and mentions of anyone but participants; their account
snapshots and account rows lose handle, name, description, location and payload but keep follower counts.
Every purge is written to `purge_log` (when, what, how many), shown by `tweetathon purge --log`. Translations of
purged posts go, and the reasons kept beside their themes and sentiment are blanked (`store/derived.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, and_, bindparam, exists, or_, select, true, update

from tweetathon.model import Event
from tweetathon.organise.windows import event_window
from tweetathon.privacy import retention
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.store.derived import forget_purged
from tweetathon.store.privacy import log_purge, read_participant_accounts, read_privacy
from tweetathon.store.queries import event_from_row, in_event
from tweetathon.store.schema import account_snapshots, accounts, events, participants, posts
from tweetathon.store.store import Store


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What one purge did: `kind` 'deleted' or 'retention', the event (retention), counts, the cut-off."""

    kind: str
    event: str | None
    posts: int
    snapshots: int = 0
    accounts: int = 0
    cutoff: datetime | None = None


def purge_deleted(store: Store, now: datetime | None = None) -> PurgeResult:
    """Remove the text and raw payload of every deleted or withheld post not purged yet; logged."""
    moment = now or datetime.now(UTC)
    with store.engine.begin() as conn:
        result = conn.execute(update(posts).where(
            or_(posts.c.deleted == true(), posts.c.withheld == true()), posts.c.purged_at.is_(None))
            .values(text="", raw=None, purged_at=moment))
        purged = int(result.rowcount or 0)
        forget_purged(conn)
        log_purge(conn, "deleted", None, {"posts": purged}, "text and raw payload of deleted and withheld posts")
    return PurgeResult("deleted", None, purged)


def apply_retention(store: Store, now: datetime | None = None) -> list[PurgeResult]:
    """For every event with a retention period that has passed, purge the public's posts created before the
    cut-off, and the details of public accounts left with no unpurged post; one log row per event purged.
    Run daily (the server will); running it again purges nothing new."""
    moment = now or datetime.now(UTC)
    with store.engine.connect() as conn:
        rows = conn.execute(select(events).where(events.c.retention.is_not(None))).mappings().all()
    done = []
    for row in rows:
        event = event_from_row(row)
        with store.engine.begin() as conn:
            limit = retention.cutoff(moment, row["retention"], _event_end(conn, event, row["id"]))
            if limit is not None:
                done.append(_purge_public(conn, event, row["id"], limit, moment))
    return done


def _event_end(conn: Connection, event: Event, event_id: int) -> datetime | None:
    zones = conn.execute(select(participants.c.zone).where(
        participants.c.event_id == event_id, participants.c.status == "approved",
        participants.c.zone.is_not(None))).scalars().all()
    window = event_window(event, zones)
    return window.end if window else None


def _purge_public(conn: Connection, event: Event, event_id: int, limit: datetime, now: datetime) -> PurgeResult:
    names = Pseudonymiser.for_event(read_privacy(conn, event.slug), read_participant_accounts(conn, event.slug))
    found = conn.execute(select(posts.c.id, posts.c.platform, posts.c.author_id, posts.c.author_handle,
                                posts.c.mentions).where(
        in_event(event, event_id), posts.c.created_at < limit, posts.c.purged_at.is_(None))).all()
    public = [r for r in found if names.is_public(r.platform, r.author_id, r.author_handle)]
    if public:
        conn.execute(update(posts).where(posts.c.id == bindparam("row_id")).values(
            text="", raw=None, url=None, author_handle=None, mentions=bindparam("kept"), purged_at=now),
            [{"row_id": r.id, "kept": _participant_mentions(names, r.platform, r.mentions)} for r in public])
    snapshots, people = _purge_accounts(conn, {(r.platform, r.author_id) for r in public})
    forget_purged(conn)
    counts = {"posts": len(public), "snapshots": snapshots, "accounts": people}
    log_purge(conn, "retention", event.slug, counts, f"the public's posts created before {limit.isoformat()}")
    return PurgeResult("retention", event.slug, len(public), snapshots, people, limit)


def _participant_mentions(names: Pseudonymiser, platform: str, stored: str | None) -> str:
    kept = [m for m in (stored or "").split() if not names.is_public(platform, None, m)]
    return f" {' '.join(kept)} " if kept else " "


def _purge_accounts(conn: Connection, authors: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Blank the details of `authors` that have no unpurged post left; (snapshots, accounts) changed."""
    gone = [a for a in sorted(authors) if not _has_unpurged(conn, *a)]
    if not gone:
        return 0, 0
    blank = {"handle": None, "name": None, "description": None, "location": None}
    snapshots = _update_each(conn, account_snapshots, gone, {**blank, "raw": None})
    people = _update_each(conn, accounts, gone, {**blank, "url": None})
    return snapshots, people


def _has_unpurged(conn: Connection, platform: str, account_id: str) -> bool:
    query = select(exists().where(posts.c.platform == platform, posts.c.author_id == account_id,
                                  posts.c.purged_at.is_(None)))
    return bool(conn.execute(query).scalar())


def _update_each(conn: Connection, table: Table, keys: Sequence[tuple[str, str]], values: dict[str, object]) -> int:
    changed = 0
    for platform, account_id in keys:
        result = conn.execute(update(table).where(
            and_(table.c.platform == platform, table.c.account_id == account_id)).values(**values))
        changed += int(result.rowcount or 0)
    return changed
