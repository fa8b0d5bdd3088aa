"""Read queries over the store that several commands share: the event filter, stats, export rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, RowMapping, and_, func, or_, select, true, type_coerce

from tweetathon.model import Event
from tweetathon.store.schema import (
    UTCDateTime,
    account_snapshots,
    accounts,
    event_posts,
    post_hashtags,
    posts,
)


def event_from_row(row: Mapping[str, Any] | RowMapping) -> Event:
    return Event(
        slug=row["slug"], name=row["name"], hashtags=tuple(row["hashtags"].split()), kind=row["kind"],
        zone=row["zone"], start=row["start"], end=row["end"], local_start=row["local_start"],
        local_date=row["local_date"], duration_minutes=row["duration_minutes"], rrule=row["rrule"],
        time=row["time"], description=row["description"] or "")

if TYPE_CHECKING:
    from tweetathon.store.event_data import PostRow


def public_posts() -> ColumnElement[bool]:
    """Collected at top level and not deleted: what every public figure counts."""
    return and_(posts.c.collected == true(), posts.c.deleted == False)  # noqa: E712


def in_event(event: Event | None, event_id: int | None) -> ColumnElement[bool]:
    """Posts linked to the event at import, or carrying one of its hashtags, inside its fixed window if any.

    Per-participant local windows are applied by the analysis layer, which knows the participants.
    """
    if event is None:
        return true()
    tagged = select(post_hashtags.c.post_id).where(
        post_hashtags.c.platform == posts.c.platform, post_hashtags.c.post_id == posts.c.post_id,
        post_hashtags.c.tag.in_([t.lower() for t in event.hashtags])).exists()
    clauses: list[ColumnElement[bool]] = [tagged]
    if event_id is not None:
        linked = select(event_posts.c.post_id).where(
            event_posts.c.event_id == event_id, event_posts.c.platform == posts.c.platform,
            event_posts.c.post_id == posts.c.post_id).exists()
        clauses.append(linked)
    condition: ColumnElement[bool] = or_(*clauses)
    if event.start is not None:
        condition = and_(condition, posts.c.created_at >= event.start)
    if event.end is not None:
        condition = and_(condition, posts.c.created_at < event.end)
    return condition


def iso(value: datetime | None) -> str | None:
    """UTC ISO 8601 with 'Z', seconds precision unless there are sub-seconds: 2013-03-22T07:00:00Z."""
    if value is None:
        return None
    return value.isoformat().replace("+00:00", "Z")


def stats(conn: Connection, event: Event | None, event_id: int | None) -> dict[str, Any]:
    """Counts over collected, non-deleted posts (optionally of one event).

    Keys: posts, originals, replies, quotes, reposts, authors (distinct posting accounts), platforms
    (posts per platform), languages_declared (posts per language tag the platform declared),
    posts_without_language, first_post_at, last_post_at (UTC ISO 8601), deleted (collected posts excluded
    because deleted or withdrawn), referenced (posts kept only as context), accounts (distinct accounts
    with a snapshot), snapshots (account observations).
    """
    scope = and_(public_posts(), in_event(event, event_id))
    kinds: dict[str, int] = dict(
        conn.execute(select(posts.c.kind, func.count()).where(scope).group_by(posts.c.kind)).all())
    platforms: dict[str, int] = dict(conn.execute(select(posts.c.platform, func.count()).where(scope)
                                  .group_by(posts.c.platform).order_by(posts.c.platform)).all())
    langs = conn.execute(select(posts.c.lang, func.count()).where(scope).group_by(posts.c.lang)).all()
    authors = select(posts.c.platform, posts.c.author_id).where(scope).distinct().subquery()
    first, last = conn.execute(select(type_coerce(func.min(posts.c.created_at), UTCDateTime),
                                      type_coerce(func.max(posts.c.created_at), UTCDateTime))
                               .where(scope)).one()
    deleted_scope = and_(posts.c.collected == true(), posts.c.deleted == True, in_event(event, event_id))  # noqa: E712
    referenced = and_(posts.c.collected == False, in_event(event, event_id))  # noqa: E712
    languages = {lang: n for lang, n in sorted(langs, key=lambda r: (-r[1], r[0] or "")) if lang}
    snapshot_accounts = select(account_snapshots.c.platform, account_snapshots.c.account_id).distinct().subquery()
    return {
        "posts": sum(kinds.values()),
        "originals": kinds.get("original", 0),
        "replies": kinds.get("reply", 0),
        "quotes": kinds.get("quote", 0),
        "reposts": kinds.get("repost", 0),
        "authors": _count(conn, select(func.count()).select_from(authors)),
        "platforms": platforms,
        "languages_declared": languages,
        "posts_without_language": sum(n for lang, n in langs if not lang),
        "first_post_at": iso(first),
        "last_post_at": iso(last),
        "deleted": _count(conn, select(func.count()).where(deleted_scope)),
        "referenced": _count(conn, select(func.count()).where(referenced)),
        "accounts": _count(conn, select(func.count()).select_from(snapshot_accounts)),
        "snapshots": _count(conn, select(func.count()).select_from(account_snapshots)),
    }


def _count(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar_one())


def iter_post_rows(conn: Connection, event: Event | None, event_id: int | None,
                   include_deleted: bool = False) -> Iterator[RowMapping]:
    """Collected posts in time order, with the author's latest account row joined (for export)."""
    scope = in_event(event, event_id)
    scope = and_(scope, posts.c.collected == true()) if include_deleted else and_(scope, public_posts())
    query = (select(posts, accounts.c.name.label("author_name"), accounts.c.followers.label("author_followers_now"),
                    accounts.c.following.label("author_following"), accounts.c.posts.label("author_posts"),
                    accounts.c.location.label("author_location"),
                    accounts.c.description.label("author_description"))
             .outerjoin(accounts, and_(accounts.c.platform == posts.c.platform,
                                       accounts.c.account_id == posts.c.author_id))
             .where(scope).order_by(posts.c.created_at, posts.c.platform, posts.c.post_id))
    yield from conn.execution_options(stream_results=True, yield_per=2000).execute(query).mappings()


def event_stats(conn: Connection, event: Event, event_id: int | None,
                counted: Sequence[PostRow]) -> dict[str, Any]:
    """`stats` of one event, every count scoped to the event. Posts are `counted`: the event posts its figures
    count (collected, not deleted, tagged, inside the window that applies to the author), so `posts` equals
    `figures`' posts.total. `context` counts the other collected posts of the event (linked to it at import
    without its hashtags, or outside a participant's own window); `deleted` and `referenced` are the event's
    (tagged or linked); `accounts` and `snapshots` are those of the accounts that wrote a counted post."""
    kinds = Counter(row.kind for row in counted)
    authors = sorted({(row.platform, row.author_id) for row in counted})
    langs = Counter(row.lang or "" for row in counted)
    in_scope = _count(conn, select(func.count()).where(public_posts(), in_event(event, event_id)))
    snapshot_accounts, snapshot_rows = _snapshots_of(conn, authors)
    return {
        "posts": len(counted), "originals": kinds.get("original", 0), "replies": kinds.get("reply", 0),
        "quotes": kinds.get("quote", 0), "reposts": kinds.get("repost", 0), "authors": len(authors),
        "platforms": dict(sorted(Counter(row.platform for row in counted).items())),
        "languages_declared": {k: n for k, n in sorted(langs.items(), key=lambda r: (-r[1], r[0])) if k},
        "posts_without_language": langs.get("", 0),
        "first_post_at": iso(min((r.created_at for r in counted), default=None)),
        "last_post_at": iso(max((r.created_at for r in counted), default=None)),
        "context": max(in_scope - len(counted), 0),
        "deleted": _count(conn, select(func.count()).where(
            posts.c.collected == true(), posts.c.deleted == True, in_event(event, event_id))),  # noqa: E712
        "referenced": _count(conn, select(func.count()).where(
            posts.c.collected == False, in_event(event, event_id))),  # noqa: E712
        "accounts": snapshot_accounts, "snapshots": snapshot_rows,
    }


def _snapshots_of(conn: Connection, authors: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """How many of `authors` have a snapshot, and how many snapshots they have."""
    from tweetathon.store.event_data import by_platform  # event_data imports this module's importers

    seen: set[tuple[str, str]] = set()
    rows = 0
    for platform, chunk in by_platform(authors):
        query = (select(account_snapshots.c.account_id, func.count()).where(
            account_snapshots.c.platform == platform, account_snapshots.c.account_id.in_(chunk))
            .group_by(account_snapshots.c.account_id))
        for account_id, n in conn.execute(query):
            seen.add((platform, account_id))
            rows += int(n)
    return len(seen), rows
