"""Store reads for a chat transcript: a session's plan, its posts and their conversation, who came before.

- `list_sessions` / `find_session`: the planned sessions of a chat series (table `chat_sessions`).
- `session_posts`: collected, non-deleted posts of the event inside [start, end), plus every post inside the
  same interval that replies to, quotes or reposts one of them (followed down the chain), whether or not it
  carries the hashtag: the conversation context that answers and side threads live in.
- `earlier_authors`: accounts with an event post before a given instant (for first-timers).
- `approved_participants`: the event's approved registered accounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, or_, select

from tweetathon.model import ChatSession, Event, Metrics, Post
from tweetathon.store.organise import read_sessions
from tweetathon.store.queries import in_event, public_posts
from tweetathon.store.schema import participants, posts
from tweetathon.store.store import Store

CHUNK = 400
MAX_DEPTH = 200


def list_sessions(store: Store, event_id: int) -> list[ChatSession]:
    """Every planned session of the event, in date order."""
    with store.engine.connect() as conn:
        return list(read_sessions(conn, event_id))


def find_session(store: Store, event_id: int, session_date: str) -> ChatSession | None:
    """The session held on `session_date` (YYYY-MM-DD, the chat's local date), or None."""
    with store.engine.connect() as conn:
        found = read_sessions(conn, event_id, session_date)
    return found[0] if found else None


def approved_participants(store: Store, event_id: int | None) -> frozenset[tuple[str, str]]:
    """(platform, lower-case handle without '@') of the event's approved registered accounts."""
    if event_id is None:
        return frozenset()
    query = select(participants.c.platform, participants.c.handle).where(
        participants.c.event_id == event_id, participants.c.status == "approved")
    with store.engine.connect() as conn:
        return frozenset((p, h.lstrip("@").casefold()) for p, h in conn.execute(query))


def earlier_authors(store: Store, event: Event, event_id: int | None, before: datetime) -> frozenset[tuple[str, str]]:
    """(platform, author_id) of every account with an event post created before `before`."""
    query = select(posts.c.platform, posts.c.author_id).where(
        public_posts(), in_event(event, event_id), posts.c.created_at < before).distinct()
    with store.engine.connect() as conn:
        return frozenset((p, a) for p, a in conn.execute(query))


def session_posts(store: Store, event: Event, event_id: int | None, start: datetime, end: datetime) -> list[Post]:
    """The event's posts in [start, end) and the conversation linked to them, in time order."""
    inside = and_(public_posts(), posts.c.created_at >= start, posts.c.created_at < end)
    found: dict[tuple[str, str], Post] = {}
    with store.engine.connect() as conn:
        frontier = _add(found, conn.execute(select(posts).where(inside, in_event(event, event_id))).mappings())
        for _ in range(MAX_DEPTH):
            if not frontier:
                break
            frontier = _add(found, _linked_to(conn, frontier, inside))
    return sorted(found.values(), key=lambda p: (p.created_at, p.platform, p.post_id))


def _linked_to(conn: Connection, keys: list[tuple[str, str]], inside: Any) -> Iterable[RowMapping]:
    by_platform: dict[str, list[str]] = {}
    for platform, post_id in keys:
        by_platform.setdefault(platform, []).append(post_id)
    for platform, ids in by_platform.items():
        for at in range(0, len(ids), CHUNK):
            chunk = ids[at:at + CHUNK]
            link = or_(posts.c.in_reply_to_post_id.in_(chunk), posts.c.quote_of_id.in_(chunk),
                       posts.c.repost_of_id.in_(chunk))
            yield from conn.execute(select(posts).where(inside, posts.c.platform == platform, link)).mappings()


def _add(found: dict[tuple[str, str], Post], rows: Iterable[RowMapping]) -> list[tuple[str, str]]:
    """Add rows not seen yet; return their keys (the next frontier)."""
    new: list[tuple[str, str]] = []
    for row in rows:
        key = (row["platform"], row["post_id"])
        if key not in found:
            found[key] = post_from_row(row)
            new.append(key)
    return new


def post_from_row(row: RowMapping) -> Post:
    """A stored post row as a canonical Post (without its raw payload)."""
    return Post(
        platform=row["platform"], post_id=row["post_id"], created_at=row["created_at"],
        author_id=row["author_id"], author_handle=row["author_handle"], text=row["text"] or "",
        kind=row["kind"], url=row["url"], lang=row["lang"], in_reply_to_post_id=row["in_reply_to_post_id"],
        in_reply_to_author_id=row["in_reply_to_author_id"], conversation_id=row["conversation_id"],
        repost_of_id=row["repost_of_id"], quote_of_id=row["quote_of_id"], hashtags=tuple(row["hashtags"].split()),
        mentions=tuple(row["mentions"].split()), urls=tuple((row["urls"] or "").split()),
        media_count=row["media_count"] or 0,
        metrics=Metrics(likes=row["likes"], reposts=row["reposts"], replies=row["replies"], quotes=row["quotes"],
                        impressions=row["impressions"], bookmarks=row["bookmarks"]),
        author_followers=row["author_followers"], observed_at=row["observed_at"], collected=bool(row["collected"]),
        withheld=bool(row["withheld"]), edit_of_id=row["edit_of_id"], place_country=row["place_country"],
        source_format=row["source_format"])
