"""The reads the baseline comparison needs (analysis/baseline.py): the baseline period the organiser set, the
participants' accounts, their own posts and the replies to them, and their follower observations, over a span.
Account ids are written `platform|id` so that two platforms' ids never meet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, or_, select, update

from tweetathon.analysis.baseline import Account, ActivityPost, Period
from tweetathon.store.privacy import UnknownEvent, read_participant_accounts
from tweetathon.store.schema import account_snapshots, event_evaluation, events, posts
from tweetathon.store.store import Store


def _event_id(conn: Connection, slug: str) -> int:
    found = conn.execute(select(events.c.id).where(events.c.slug == slug)).scalar()
    if found is None:
        raise UnknownEvent(slug)
    return int(found)


def set_baseline(store: Store, slug: str, period: Period | None) -> None:
    """Set (or clear, with None) the event's baseline period."""
    start, end = period if period else (None, None)
    values = {"baseline_start": start, "baseline_end": end, "updated_at": datetime.now(UTC)}
    with store.engine.begin() as conn:
        event_id = _event_id(conn, slug)
        done = conn.execute(update(event_evaluation).where(event_evaluation.c.event_id == event_id).values(**values))
        if not done.rowcount:
            conn.execute(insert(event_evaluation).values(event_id=event_id, inputs="", learning="", **values))


def read_baseline(store: Store, slug: str) -> Period | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(event_evaluation.c.baseline_start, event_evaluation.c.baseline_end)
                           .where(event_evaluation.c.event_id == _event_id(conn, slug))).first()
    return (row.baseline_start, row.baseline_end) if row and row.baseline_start and row.baseline_end else None


def participant_accounts(store: Store, slug: str, periods: Mapping[str, Period]) -> list[Account]:
    """Approved participants with known account ids and an event period (`periods`, by key)."""
    with store.engine.begin() as conn:
        people = read_participant_accounts(conn, slug)
    return [Account(f"{p.platform}:{p.handle}", frozenset(f"{p.platform}|{i}" for i in p.account_ids),
                    periods[f"{p.platform}:{p.handle}"])
            for p in people if p.account_ids and f"{p.platform}:{p.handle}" in periods]


def _ids(accounts: Sequence[Account]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in {i for a in accounts for i in a.ids}:
        platform, account_id = key.split("|", 1)
        out.setdefault(platform, []).append(account_id)
    return out


def _engagement(row: object) -> int | None:
    counts = [getattr(row, c) for c in ("likes", "reposts", "replies", "quotes")]
    known = [int(c) for c in counts if c is not None]
    return sum(known) if known else None


def activity_posts(store: Store, accounts: Sequence[Account], span: Period) -> list[ActivityPost]:
    """The accounts' own posts and the replies to them, created inside `span`, deleted posts left out."""
    out: list[ActivityPost] = []
    with store.engine.connect() as conn:
        for platform, ids in _ids(accounts).items():
            query = select(posts.c.author_id, posts.c.created_at, posts.c.kind, posts.c.in_reply_to_author_id,
                           posts.c.likes, posts.c.reposts, posts.c.replies, posts.c.quotes).where(
                posts.c.platform == platform, posts.c.created_at >= span[0], posts.c.created_at < span[1],
                posts.c.deleted.is_(False), posts.c.collected.is_(True),
                or_(posts.c.author_id.in_(ids), posts.c.in_reply_to_author_id.in_(ids)))
            out += [ActivityPost(f"{platform}|{r.author_id}", _utc(r.created_at), r.kind,
                                 f"{platform}|{r.in_reply_to_author_id}" if r.in_reply_to_author_id else None,
                                 _engagement(r)) for r in conn.execute(query)]
    return out


def follower_snapshots(store: Store, accounts: Sequence[Account], span: Period) -> dict[str, list[tuple[datetime,
                                                                                                          int]]]:
    """Each account id's (observed_at, followers) inside `span`."""
    out: dict[str, list[tuple[datetime, int]]] = {}
    with store.engine.connect() as conn:
        for platform, ids in _ids(accounts).items():
            query = select(account_snapshots.c.account_id, account_snapshots.c.observed_at,
                           account_snapshots.c.followers).where(
                account_snapshots.c.platform == platform, account_snapshots.c.account_id.in_(ids),
                account_snapshots.c.observed_at >= span[0], account_snapshots.c.observed_at < span[1],
                account_snapshots.c.followers.is_not(None))
            for r in conn.execute(query):
                out.setdefault(f"{platform}|{r.account_id}", []).append((_utc(r.observed_at), int(r.followers)))
    return out


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
