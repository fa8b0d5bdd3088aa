"""Store reads the web app needs beyond the organising and analysis readers: the store's state (to know when a
cached page is stale) and one page of an event's posts for the API, with filters and a cursor.

`state_token` changes whenever anything a public page shows can have changed: a post, snapshot or deletion
added, an import or capture run, an event or participant changed. It is a few indexed aggregate reads.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from tweetathon.model import Event
from tweetathon.store.queries import in_event, iso, public_posts
from tweetathon.store.schema import (
    account_snapshots,
    capture_health,
    chat_sessions,
    deletions,
    events,
    import_runs,
    participants,
    posts,
)
from tweetathon.store.store import Store


def _aggregates(conn: Connection) -> list[Any]:
    return [
        conn.execute(select(func.max(posts.c.id), func.count(posts.c.id))).one(),
        conn.execute(select(func.max(account_snapshots.c.id))).scalar(),
        conn.execute(select(func.count()).select_from(deletions)).scalar(),
        conn.execute(select(func.max(import_runs.c.id), func.count(import_runs.c.ended_at))).one(),
        conn.execute(select(func.max(capture_health.c.id), func.count(capture_health.c.end))).one(),
        conn.execute(select(events)).all(),
        conn.execute(select(chat_sessions)).all(),
        conn.execute(select(participants.c.id, participants.c.status, participants.c.handle, participants.c.agency,
                            participants.c.country, participants.c.city, participants.c.latitude,
                            participants.c.longitude, participants.c.role, participants.c.zone)).all(),
    ]


def state_token(store: Store) -> str:
    """A short digest of the store's state: equal tokens mean every public page would read the same data."""
    with store.engine.connect() as conn:
        values = _aggregates(conn)
    return hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class PostFilter:
    """What the API's posts list may be narrowed to (None: no filter). Times are aware UTC."""

    kind: str | None = None
    language: str | None = None
    author: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def encode_cursor(created_at: datetime, row_id: int) -> str:
    return base64.urlsafe_b64encode(f"{iso(created_at)}|{row_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """(created_at, row id) from a cursor; ValueError when it was not made by `encode_cursor`."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, row_id = text.split("|")
        parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"bad cursor {cursor[:40]!r}") from exc
    if parsed.tzinfo is None:
        raise ValueError(f"bad cursor {cursor[:40]!r}")
    return parsed, int(row_id)


def _filters(flt: PostFilter) -> list[ColumnElement[bool]]:
    c = posts.c
    found: list[ColumnElement[bool]] = []
    if flt.kind:
        found.append(c.kind == flt.kind)
    if flt.language:
        found.append(or_(c.lang_detected == flt.language, and_(c.lang_detected.is_(None), c.lang == flt.language)))
    if flt.author:
        found.append(func.lower(c.author_handle) == flt.author.lstrip("@").lower())
    if flt.since:
        found.append(c.created_at >= flt.since)
    if flt.until:
        found.append(c.created_at < flt.until)
    return found


def _after(cursor: tuple[datetime, int] | None) -> list[ColumnElement[bool]]:
    if cursor is None:
        return []
    moment, row_id = cursor
    return [or_(posts.c.created_at > moment, and_(posts.c.created_at == moment, posts.c.id > row_id))]


POST_COLUMNS = ("platform", "post_id", "url", "created_at", "author_id", "author_handle", "text", "kind", "lang",
                "lang_detected", "in_reply_to_post_id", "conversation_id", "hashtags", "likes", "reposts", "replies",
                "quotes", "id")


def post_page(store: Store, event: Event, flt: PostFilter, cursor: str | None,
              limit: int) -> tuple[list[dict[str, Any]], str | None]:
    """Up to `limit` collected, non-deleted posts of `event` in time order after `cursor`, and the cursor of the
    next page (None at the end). Raises ValueError for a cursor this function did not make."""
    after = decode_cursor(cursor) if cursor else None
    event_id = store.event_id(event.slug)
    columns: Sequence[Any] = [posts.c[name] for name in POST_COLUMNS]
    query = (select(*columns).where(public_posts(), in_event(event, event_id), *_filters(flt), *_after(after))
             .order_by(posts.c.created_at, posts.c.id).limit(limit + 1))
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    following = encode_cursor(rows[limit - 1]["created_at"], rows[limit - 1]["id"]) if len(rows) > limit else None
    return rows[:limit], following
