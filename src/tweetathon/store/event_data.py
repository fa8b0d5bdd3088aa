"""Everything the figures of one event need, read from the store in a few column-limited queries.

The one place analysis reads the store: it returns plain frozen values (`EventData`), and the functions in
`tweetathon.analysis` stay pure over them. No per-post queries: posts are read in one pass over the event's time
range, account observations in one query, reply chains in a few batched rounds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, true, tuple_

from tweetathon.model import Event
from tweetathon.store.schema import (
    account_snapshots,
    accounts,
    capture_health,
    chat_sessions,
    events,
    import_runs,
    participants,
    posts,
    rejects,
)

CHUNK = 400
MAX_CHAIN_ROUNDS = 200
QUESTION_MARKS = ("?", "？", "؟")


@dataclass(frozen=True, slots=True)
class ParticipantInfo:
    """An approved participant: platform, lower-case handle, and what places it (country, zone)."""

    platform: str
    handle: str
    account_id: str | None = None
    country: str = ""
    zone: str | None = None
    agency: str = ""

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.handle}"


@dataclass(frozen=True, slots=True)
class ChatSession:
    """One session of a chat series: its UTC window, host handle and planned questions (as stored)."""

    session_date: str
    starts_at: datetime
    ends_at: datetime
    host: str | None = None
    questions: tuple[Any, ...] = ()
    theme: str = ""


@dataclass(frozen=True, slots=True)
class PostRow:
    """The columns of a collected, non-deleted post that figures use. Handles and tags are lower-case."""

    platform: str
    post_id: str
    created_at: datetime
    author_id: str
    author_handle: str | None
    kind: str
    lang: str | None = None
    lang_detected: str | None = None
    in_reply_to_post_id: str | None = None
    in_reply_to_author_id: str | None = None
    quote_of_id: str | None = None
    hashtags: str = " "
    mentions: tuple[str, ...] = ()
    impressions: int | None = None
    has_question_mark: bool = False
    text: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.post_id)

    def has_tag(self, tags: Iterable[str]) -> bool:
        return any(f" {t} " in self.hashtags for t in tags)


@dataclass(frozen=True, slots=True)
class Observation:
    """One account snapshot with a known follower count."""

    observed_at: datetime
    followers: int


@dataclass(frozen=True, slots=True)
class HealthRow:
    """A capture-log entry: a gap, a rate-limit wait or another kind, per platform and source."""

    platform: str
    source: str
    kind: str
    start: datetime
    end: datetime | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class EventData:
    """The inputs of every figure of one event. Keys of mappings are (platform, id)."""

    event: Event
    participants: tuple[ParticipantInfo, ...]
    sessions: tuple[ChatSession, ...]
    posts: tuple[PostRow, ...]
    observations: Mapping[tuple[str, str], tuple[Observation, ...]]
    account_handles: Mapping[tuple[str, str], str]
    parents: Mapping[tuple[str, str], tuple[str | None, str]] = field(default_factory=dict)
    health: tuple[HealthRow, ...] = ()
    rejects: Mapping[str, int] = field(default_factory=dict)
    runs: int = 0
    quoted_authors: Mapping[tuple[str, str], str] = field(default_factory=dict)


SpanRule = Callable[[Event, tuple[ParticipantInfo, ...], tuple[ChatSession, ...]],
                    tuple[datetime, datetime] | None]


def load_event_data(conn: Connection, event: Event, span_rule: SpanRule, with_text: bool = False) -> EventData:
    """Read an event's inputs. `span_rule(event, participants, sessions)` gives the [start, end) UTC range
    covering every window (None: all time); `with_text` also reads post texts (chats need them).

    Posts are collected, non-deleted posts created in the span, plus participants' replies made after it (an
    answer may come later). `parents` holds (in_reply_to_post_id, author_id) for every post on the reply
    chains above participants' replies, read through every stored post (collected or only referenced).
    """
    event_id = _event_id(conn, event.slug)
    people = load_participants(conn, event_id)
    sessions = load_sessions(conn, event_id)
    span = span_rule(event, people, sessions)
    handles = sorted({p.handle for p in people})
    ids = sorted({p.account_id for p in people if p.account_id})
    rows = _load_posts(conn, _span_clause(span), with_text)
    if span is not None and (handles or ids):
        rows += _load_posts(conn, and_(posts.c.created_at >= span[1], posts.c.in_reply_to_post_id.is_not(None),
                                       _participant_clause(handles, ids)), with_text)
    account_handles = _account_handles(conn, span, handles)
    observations = _observations(conn, span, handles, ids)
    parents = _reply_parents(conn, rows, people, account_handles)
    health, reject_counts, runs = _health(conn, event.slug)
    quoted = quoted_authors(conn, sorted({(r.platform, r.quote_of_id) for r in rows if r.quote_of_id}))
    return EventData(event, people, sessions, tuple(rows), observations, account_handles, parents,
                     health, reject_counts, runs, quoted)


def _event_id(conn: Connection, slug: str) -> int | None:
    found = conn.execute(select(events.c.id).where(events.c.slug == slug)).scalar()
    return None if found is None else int(found)


def load_participants(conn: Connection, event_id: int | None) -> tuple[ParticipantInfo, ...]:
    """Approved participants of the event, handles lower-case, in handle order."""
    if event_id is None:
        return ()
    t = participants.c
    query = (select(t.platform, t.handle, t.account_id, t.country, t.zone, t.agency)
             .where(t.event_id == event_id, t.status == "approved").order_by(t.platform, t.handle))
    return tuple(ParticipantInfo(p, h.lstrip("@").lower(), a or None, (c or "").upper(), z or None, ag or "")
                 for p, h, a, c, z, ag in conn.execute(query))


def load_sessions(conn: Connection, event_id: int | None) -> tuple[ChatSession, ...]:
    """The event's chat sessions in date order; `questions` is the stored JSON list."""
    if event_id is None:
        return ()
    t = chat_sessions.c
    query = (select(t.session_date, t.starts_at, t.ends_at, t.host, t.questions, t.theme)
             .where(t.event_id == event_id).order_by(t.session_date))
    return tuple(ChatSession(d, s, e, (h or "").lstrip("@").lower() or None, tuple(orjson.loads(q or "[]")),
                             theme or "")
                 for d, s, e, h, q, theme in conn.execute(query))


def _span_clause(span: tuple[datetime, datetime] | None) -> ColumnElement[bool]:
    if span is None:
        return true()
    return and_(posts.c.created_at >= span[0], posts.c.created_at < span[1])


def _participant_clause(handles: Sequence[str], ids: Sequence[str]) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = [func.lower(posts.c.author_handle).in_(handles)]
    if ids:
        clauses.append(posts.c.author_id.in_(ids))
    return or_(*clauses)


def _load_posts(conn: Connection, scope: ColumnElement[bool], with_text: bool) -> list[PostRow]:
    c = posts.c
    question = or_(*(c.text.contains(mark, autoescape=True) for mark in QUESTION_MARKS)).label("q")
    cols = [c.platform, c.post_id, c.created_at, c.author_id, c.author_handle, c.kind, c.lang, c.lang_detected,
            c.in_reply_to_post_id, c.in_reply_to_author_id, c.quote_of_id, c.hashtags, c.mentions, c.impressions,
            question]
    if with_text:
        cols.append(c.text)
    query = select(*cols).where(c.collected == true(), c.deleted == False, scope)  # noqa: E712
    out: list[PostRow] = []
    for r in conn.execute(query):
        handle = r[4].lstrip("@").lower() if r[4] else None
        out.append(PostRow(r[0], r[1], r[2], r[3], handle, r[5], r[6], r[7], r[8], r[9], r[10], r[11] or " ",
                           tuple(r[12].split()) if r[12] else (), r[13], bool(r[14]),
                           r[15] if with_text else ""))
    return out


def _account_filter(table: Any, span: tuple[datetime, datetime] | None, handles: Sequence[str],
                    ids: Sequence[str] = ()) -> ColumnElement[bool]:
    """Accounts that posted in the span, replied-to accounts, or the participants' accounts."""
    authors = select(posts.c.platform, posts.c.author_id).where(_span_clause(span))
    targets = select(posts.c.platform, posts.c.in_reply_to_author_id).where(
        _span_clause(span), posts.c.in_reply_to_author_id.is_not(None))
    key = tuple_(table.c.platform, table.c.account_id)
    clauses: list[ColumnElement[bool]] = [key.in_(authors), key.in_(targets)]
    if handles:
        clauses.append(func.lower(table.c.handle).in_(handles))
    if ids:
        clauses.append(table.c.account_id.in_(ids))
    return or_(*clauses)


def _account_handles(conn: Connection, span: tuple[datetime, datetime] | None,
                     handles: Sequence[str]) -> dict[tuple[str, str], str]:
    t = accounts.c
    query = select(t.platform, t.account_id, t.handle).where(t.handle.is_not(None),
                                                             _account_filter(accounts, span, handles))
    return {(p, a): h.lstrip("@").lower() for p, a, h in conn.execute(query)}


def _observations(conn: Connection, span: tuple[datetime, datetime] | None, handles: Sequence[str],
                  ids: Sequence[str]) -> dict[tuple[str, str], tuple[Observation, ...]]:
    """Snapshots with a follower count, per account, in time order."""
    t = account_snapshots.c
    query = (select(t.platform, t.account_id, t.observed_at, t.followers)
             .where(t.followers.is_not(None), _account_filter(account_snapshots, span, handles, ids))
             .order_by(t.platform, t.account_id, t.observed_at))
    found: dict[tuple[str, str], list[Observation]] = {}
    for platform, account_id, observed_at, followers in conn.execute(query):
        found.setdefault((platform, account_id), []).append(Observation(observed_at, int(followers)))
    return {k: tuple(v) for k, v in found.items()}


def _reply_parents(conn: Connection, rows: Sequence[PostRow], people: Sequence[ParticipantInfo],
                   account_handles: Mapping[tuple[str, str], str]) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(in_reply_to_post_id, author_id) of every post on the chains above participants' replies."""
    parents: dict[tuple[str, str], tuple[str | None, str]] = {
        r.key: (r.in_reply_to_post_id, r.author_id) for r in rows}
    wanted = {(p.platform, p.handle) for p in people}
    wanted_ids = {(p.platform, p.account_id) for p in people if p.account_id}
    frontier = {(r.platform, r.in_reply_to_post_id) for r in rows if r.in_reply_to_post_id and (
        (r.platform, r.author_handle or account_handles.get((r.platform, r.author_id), "")) in wanted
        or (r.platform, r.author_id) in wanted_ids)}
    for _ in range(MAX_CHAIN_ROUNDS):
        frontier = {k for k in frontier if k not in parents}
        if not frontier:
            break
        fetched = _fetch_parents(conn, sorted(frontier))
        for key in frontier:
            parents[key] = fetched.get(key, (None, ""))
        frontier = {(k[0], p) for k, (p, _) in fetched.items() if p}
    return parents


def _by_platform(keys: Sequence[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """Post ids grouped by platform, in chunks small enough for one IN (...) clause."""
    grouped: dict[str, list[str]] = {}
    for platform, post_id in keys:
        grouped.setdefault(platform, []).append(post_id)
    for platform, ids in grouped.items():
        for start in range(0, len(ids), CHUNK):
            yield platform, ids[start:start + CHUNK]


def _fetch_parents(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str],
                                                                                 tuple[str | None, str]]:
    found: dict[tuple[str, str], tuple[str | None, str]] = {}
    c = posts.c
    for platform, chunk in _by_platform(keys):
        query = select(c.post_id, c.in_reply_to_post_id, c.author_id).where(c.platform == platform,
                                                                           c.post_id.in_(chunk))
        found.update({(platform, i): (parent, author) for i, parent, author in conn.execute(query)})
    return found


def _health(conn: Connection, slug: str) -> tuple[tuple[HealthRow, ...], dict[str, int], int]:
    """Capture-log rows of the event, rejected records by reason, and the number of import runs."""
    h = capture_health.c
    rows = tuple(HealthRow(*r) for r in conn.execute(
        select(h.platform, h.source, h.kind, h.start, h.end, h.detail).where(h.event == slug).order_by(h.start)))
    run_ids = select(import_runs.c.id).where(import_runs.c.event == slug)
    reasons = conn.execute(select(rejects.c.reason, func.count()).where(rejects.c.run_id.in_(run_ids))
                           .group_by(rejects.c.reason).order_by(rejects.c.reason)).all()
    runs = int(conn.execute(select(func.count()).select_from(import_runs).where(import_runs.c.event == slug))
               .scalar_one())
    return rows, {str(r): int(n) for r, n in reasons}, runs


def quoted_authors(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Author id of each quoted post that is stored (collected or referenced)."""
    found: dict[tuple[str, str], str] = {}
    c = posts.c
    for platform, chunk in _by_platform(keys):
        query = select(c.post_id, c.author_id).where(c.platform == platform, c.post_id.in_(chunk))
        found.update({(platform, i): a for i, a in conn.execute(query)})
    return found


def texts_of(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The text of each given post (for language detection and chat answers)."""
    found: dict[tuple[str, str], str] = {}
    c = posts.c
    for platform, chunk in _by_platform(keys):
        query = select(c.post_id, c.text).where(c.platform == platform, c.post_id.in_(chunk))
        found.update({(platform, i): t or "" for i, t in conn.execute(query)})
    return found
