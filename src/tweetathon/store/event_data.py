"""Everything the figures of one event need, read from the store in a few column-limited queries.

The one place analysis reads the store: it returns plain immutable values (`EventData`), and the functions in
`tweetathon.analysis` stay pure over them. No per-post queries: posts are read in one pass over the event's time
range, account observations in one query, reply chains in a few batched rounds. The large reads (posts,
snapshots, reply chains, quoted posts) go through the driver's own cursor (`?` placeholders, see `store/sql.py`):
no per-value result processing, timestamps parsed once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from operator import itemgetter, lt
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select

from tweetathon.model import ChatSession, Event
from tweetathon.store.organise import read_sessions
from tweetathon.store.schema import capture_health, events, import_runs, participants, posts, rejects
from tweetathon.store.sql import Dialect

CHUNK = 400
FETCH_ROWS = 20_000  # rows fetched from the driver at a time
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


class PostRow(NamedTuple):
    """The columns of a collected, non-deleted post that figures use. Handles and tags are lower-case.
    (An immutable named tuple: an event holds up to millions of them, and tuples are the cheapest to build.)"""

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


TIME_ORDER = itemgetter(2, 0, 1)  # (created_at, platform, post_id) of a PostRow: the order figures read posts in
POST_KEY = itemgetter(0, 1)  # (platform, post_id) of a PostRow, as `PostRow.key` (a C-level getter, for hot loops)
AUTHOR = itemgetter(0, 3, 4)  # (platform, author_id, author_handle) of a PostRow
Author = tuple[str, str, str | None]  # what AUTHOR gives
PARENT = itemgetter(8, 3)  # (in_reply_to_post_id, author_id) of a PostRow


def is_time_ordered(rows: Sequence[PostRow]) -> bool:
    """Are `rows` strictly increasing by (created_at, platform, post_id): in time order, no post twice?"""
    order = list(map(TIME_ORDER, rows))
    return all(map(lt, order, islice(order, 1, None)))


class Observation(NamedTuple):
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
    account_locations: Mapping[tuple[str, str], str] = field(default_factory=dict)


SpanRule = Callable[[Event, tuple[ParticipantInfo, ...], tuple[ChatSession, ...]],
                    tuple[datetime, datetime] | None]


def load_event_data(conn: Connection, event: Event, span_rule: SpanRule, with_text: bool = False) -> EventData:
    """Read an event's inputs. `span_rule(event, participants, sessions)` gives the [start, end) UTC range
    covering every window (None: all time); `with_text` also reads post texts (chats need them).

    Posts are collected, non-deleted posts created in the span, plus participants' replies made after it (an
    answer may come later), distinct and in time order (created_at, platform, post_id). `parents` holds
    (in_reply_to_post_id, author_id) for every post on the reply chains above participants' replies, read
    through every stored post (collected or only referenced).
    """
    return load_event_data_staged(conn, event, span_rule, with_text)[1]()


def load_event_data_staged(conn: Connection, event: Event, span_rule: SpanRule,
                           with_text: bool = False) -> tuple[EventData, Callable[[], EventData]]:
    """`load_event_data` in two steps: the data without `observations` (empty), and a call that reads them on
    the same connection and returns the complete data (the figures that need no observations can start
    between the two)."""
    event_id = _event_id(conn, event.slug)
    people = load_participants(conn, event_id)
    sessions = load_sessions(conn, event_id)
    span = span_rule(event, people, sessions)
    handles = sorted({p.handle for p in people})
    ids = sorted({p.account_id for p in people if p.account_id})
    read = Reader(conn)
    rows, accounts = read.posts(span, handles, ids, with_text)
    account_handles = read.account_handles(accounts, handles)
    own = dict(zip(map(POST_KEY, rows), map(PARENT, rows), strict=True))  # (in_reply_to, author) per read post
    quoted = _quoted_authors(read, rows, own)
    parents = _reply_parents(read, rows, people, account_handles, own)
    health, reject_counts, runs = _health(conn, event.slug)
    locations = read.account_locations({(r.platform, r.author_id) for r in rows})
    data = EventData(event, people, sessions, tuple(rows), {}, account_handles, parents,
                     health, reject_counts, runs, quoted, locations)

    def with_observations() -> EventData:
        return replace(data, observations=read.observations(accounts, handles, ids))

    return data, with_observations


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
    """The event's chat sessions in date order (the one reader, `store.organise.read_sessions`), with the host
    lower-cased and without '@', as the analysis matches it."""
    if event_id is None:
        return ()
    return tuple(replace(s, host=(s.host or "").lstrip("@").lower() or None) for s in read_sessions(conn, event_id))


Span = tuple[datetime, datetime] | None
POST_COLUMNS = ("platform, post_id, created_at, author_id, author_handle, kind, lang, lang_detected, "
                "in_reply_to_post_id, in_reply_to_author_id, quote_of_id, hashtags, mentions, impressions")
LIVE_POSTS = "collected = TRUE AND deleted = FALSE"


def utc(value: Any) -> datetime:
    """A timestamp as a driver returns it (SQLite: 'YYYY-MM-DD HH:MM:SS.ffffff' text in UTC; PostgreSQL: an
    aware datetime) as an aware UTC datetime, as the schema's `UTCDateTime` returns it."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Shared(dict[Any, Any]):
    """`shared[value]` is the one object kept for values equal to `value` (the first one seen)."""

    def __missing__(self, value: Any) -> Any:
        self[value] = value
        return value


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class Reader:
    """Driver-level reads of one connection: `?` statements (see `store/sql.py`), rows as plain tuples, each
    distinct timestamp and handle converted once."""

    def __init__(self, conn: Connection) -> None:
        self.dialect = Dialect(conn.dialect.name)
        self.cursor = conn.connection.cursor()
        self._times: dict[Any, datetime] = {}
        self._handles: dict[str, str] = {}
        self._mentions: dict[str, tuple[str, ...]] = {}
        # One object per distinct value of the columns that repeat across posts (platform, kind, languages,
        # account ids, hashtags): less memory, and far fewer pages written when a forked worker reads the rows.
        self._shared = Shared()

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        self.cursor.execute(self.dialect.q(statement), tuple(params))
        return list(self.cursor.fetchall())

    def time(self, value: Any) -> datetime:
        found = self._times.get(value)
        if found is None:
            found = self._times[value] = utc(value)
        return found

    def handle(self, value: str | None) -> str | None:
        if not value:
            return None
        found = self._handles.get(value)
        if found is None:
            found = self._handles[value] = value.lstrip("@").lower()
        return found

    def span(self, span: Span, column: str = "created_at") -> tuple[str, list[Any]]:
        """`column` inside the span, as SQL and parameters (always true without a span)."""
        if span is None:
            return "1 = 1", []
        return f"{column} >= ? AND {column} < ?", [self.dialect.ts(span[0]), self.dialect.ts(span[1])]

    def posts(self, span: Span, handles: Sequence[str], ids: Sequence[str],
              with_text: bool) -> tuple[list[PostRow], set[tuple[str, str]]]:
        """Collected, non-deleted posts in the span and participants' later replies, in time order; and the
        accounts that wrote or were replied to by any stored post in the span (collected or not, deleted or
        not), as (platform, account id)."""
        where, params = self.span(span)
        rows, accounts = self._posts(where, params, with_text, every=True)
        if span is not None and (handles or ids):
            who = f"lower(author_handle) IN ({_marks(len(handles))})" if handles else "1 = 0"
            if ids:
                who += f" OR author_id IN ({_marks(len(ids))})"
            later = f"{LIVE_POSTS} AND created_at >= ? AND in_reply_to_post_id IS NOT NULL AND ({who})"
            rows += self._posts(later, [self.dialect.ts(span[1]), *handles, *ids], with_text, every=False)[0]
        return rows, accounts  # in time order: each query's ORDER BY, and later replies come after the span

    def _posts(self, where: str, params: Sequence[Any], with_text: bool,
               every: bool) -> tuple[list[PostRow], set[tuple[str, str]]]:
        """The live posts matching `where`, in time order; with `every`, also the accounts of every matching post
        (live or not). Read a chunk at a time: the driver's rows never all exist at once beside the `PostRow`s."""
        found = "instr(text, ?) > 0" if self.dialect.sqlite else "strpos(text, ?) > 0"
        question = "(" + " OR ".join([found] * len(QUESTION_MARKS)) + ")"
        order = ", ".join(["created_at", self.dialect.binary("platform"), self.dialect.binary("post_id")])
        text = "text" if with_text else "''"
        statement = (f"SELECT {POST_COLUMNS}, {question}, {text}, ({LIVE_POSTS}) FROM posts WHERE {where} "
                     f"ORDER BY {order}")
        self.cursor.execute(self.dialect.q(statement), (*QUESTION_MARKS, *params))
        accounts: set[tuple[str, str]] = set()
        rows: list[PostRow] = []
        times, time, handle, split, new = self._times, self.time, self.handle, self._split, PostRow
        one = self._shared  # one[value]: the one object kept for that value
        while chunk := self.cursor.fetchmany(FETCH_ROWS):
            if every:
                accounts.update(map(itemgetter(0, 3), chunk))
                accounts.update(map(itemgetter(0, 9), chunk))
            rows += [new(one[r[0]], r[1], times.get(r[2]) or time(r[2]), one[r[3]], handle(r[4]), one[r[5]], one[r[6]],
                         one[r[7]], r[8], one[r[9]], r[10], one[r[11] or " "], split(r[12]), r[13], bool(r[14]),
                         r[15] or "") for r in chunk if r[16]]
        return rows, {a for a in accounts if a[1] is not None}

    def _split(self, mentions: str | None) -> tuple[str, ...]:
        if not mentions:
            return ()
        found = self._mentions.get(mentions)
        if found is None:
            found = self._mentions[mentions] = tuple(mentions.split())
        return found

    def account_handles(self, accounts: set[tuple[str, str]],
                        handles: Sequence[str]) -> dict[tuple[str, str], str]:
        """Handles of `accounts` and of accounts whose handle is a participant's (lower-cased by the database,
        as a participant clause in SQL would)."""
        wanted = set(handles)
        statement = "SELECT platform, account_id, handle, lower(handle) FROM accounts WHERE handle IS NOT NULL"
        return {(p, a): h.lstrip("@").lower() for p, a, h, low in self.rows(statement)
                if (p, a) in accounts or low in wanted}

    def account_locations(self, accounts: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The latest profile location of each of `accounts` that has one (free text, as written)."""
        statement = "SELECT platform, account_id, location FROM accounts WHERE location IS NOT NULL AND location <> ''"
        return {(p, a): loc for p, a, loc in self.rows(statement) if (p, a) in accounts}

    def observations(self, accounts: set[tuple[str, str]], handles: Sequence[str],
                     ids: Sequence[str]) -> dict[tuple[str, str], tuple[Observation, ...]]:
        """Snapshots with a follower count, per account, in time order: of `accounts`, of snapshots carrying a
        participant's handle, of participants' account ids. (One pass over the snapshots: a handle clause
        in SQL cannot use an index either.)"""
        wanted_ids = set(ids)
        named = f"lower(handle) IN ({_marks(len(handles))})" if handles else "1 = 0"
        statement = (f"SELECT platform, account_id, ({named}), observed_at, followers FROM account_snapshots "
                     "WHERE followers IS NOT NULL")
        found: dict[tuple[str, str], list[Observation]] = {}  # accounts all of whose snapshots count
        named_only: dict[tuple[str, str], list[Observation]] = {}  # others: only snapshots with a participant's handle
        known, times, time, new = found.get, self._times, self.time, Observation
        for platform, account_id, participant, observed_at, followers in self.rows(statement, handles):
            key = (platform, account_id)
            seen = known(key)
            if seen is None:
                if key in accounts or account_id in wanted_ids:
                    seen = found[key] = []
                elif participant:
                    seen = named_only.setdefault(key, [])
                else:
                    continue
            seen.append(new(times.get(observed_at) or time(observed_at), int(followers)))
        found.update(named_only)
        return {k: tuple(sorted(v)) for k, v in sorted(found.items())}

    def by_keys(self, columns: str, keys: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
        """(platform, row) for each stored post (collected or referenced) among `keys`: the row is
        `post_id, <columns>`."""
        for platform, chunk in by_platform(sorted(keys)):
            statement = f"SELECT post_id, {columns} FROM posts WHERE platform = ? AND post_id IN ({_marks(len(chunk))})"
            for row in self.rows(statement, [platform, *chunk]):
                yield platform, row


def _reply_parents(read: Reader, rows: Sequence[PostRow], people: Sequence[ParticipantInfo],
                   account_handles: Mapping[tuple[str, str], str],
                   parents: dict[tuple[str, str], tuple[str | None, str]]) -> dict[tuple[str, str],
                                                                                   tuple[str | None, str]]:
    """(in_reply_to_post_id, author_id) of every post on the chains above participants' replies, added to
    `parents` (which holds those of `rows`)."""
    wanted = {(p.platform, p.handle) for p in people}
    wanted_ids = {(p.platform, p.account_id) for p in people if p.account_id}
    frontier = {(r.platform, r.in_reply_to_post_id) for r in rows if r.in_reply_to_post_id and (
        (r.platform, r.author_handle or account_handles.get((r.platform, r.author_id), "")) in wanted
        or (r.platform, r.author_id) in wanted_ids)}
    for _ in range(MAX_CHAIN_ROUNDS):
        frontier = {k for k in frontier if k not in parents}
        if not frontier:
            break
        fetched = {(platform, i): (parent, author)
                   for platform, (i, parent, author) in read.by_keys("in_reply_to_post_id, author_id", frontier)}
        for key in frontier:
            parents[key] = fetched.get(key, (None, ""))
        frontier = {(k[0], p) for k, (p, _) in fetched.items() if p}
    return parents


def by_platform(keys: Sequence[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """Post ids grouped by platform, in chunks small enough for one IN (...) clause: `platform = ? AND post_id
    IN (...)` finds each through the (platform, post_id) index (a row-value IN over both columns scans the
    whole table on SQLite)."""
    grouped: dict[str, list[str]] = {}
    for platform, post_id in keys:
        grouped.setdefault(platform, []).append(post_id)
    for platform, ids in grouped.items():
        for start in range(0, len(ids), CHUNK):
            yield platform, ids[start:start + CHUNK]


def _quoted_authors(read: Reader, rows: Sequence[PostRow],
                    own: Mapping[tuple[str, str], tuple[str | None, str]]) -> dict[tuple[str, str], str]:
    """Author id of each post quoted by `rows` that is stored: read from `own` ((in_reply_to, author) of each
    of `rows`) when it is among them (the same stored row), else from the store (referenced, deleted or
    out-of-span posts)."""
    wanted = {k for k in map(itemgetter(0, 10), rows) if k[1]}
    found = {k: own[k][1] for k in wanted if k in own}
    found.update({(platform, i): a for platform, (i, a) in read.by_keys("author_id", wanted - found.keys())})
    return dict(sorted(found.items()))


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


def texts_of(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The text of each given post (for language detection and chat answers)."""
    found: dict[tuple[str, str], str] = {}
    c = posts.c
    for platform, chunk in by_platform(keys):
        query = select(c.post_id, c.text).where(c.platform == platform, c.post_id.in_(chunk))
        found.update({(platform, i): t or "" for i, t in conn.execute(query)})
    return found
