"""What every mapped record must satisfy before it is stored, whatever its format. Pure functions.

- `guarded` wraps a format's `map_record`: any exception while mapping one record (a malformed value, a time no
  calendar holds, a payload nested too deep) becomes a Reject for that record (file:line, the exception's kind
  and a short message, never a traceback), and the import goes on.
- Times outside what the platforms can have written are rejects with a reason: a post created, or a post or
  account observed, before `TIME_FLOOR` (2006-01-01, before X existed) or after now plus a day.
- A payload that cannot be stored as JSON (nested deeper than the JSON writer allows) is a reject.
- `sanitise` makes a record storable in any database, and says what it changed (counted per import):
  NUL characters are removed from every text (PostgreSQL refuses them); a post's text longer than `TEXT_MAX`
  characters, and any other text field longer than `FIELD_MAX`, is cut and ends with `CUT_MARKER`; a negative
  count (metrics, followers, following, posts) is impossible and becomes unknown (None), never zero.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import orjson

from tweetathon.model import AccountSnapshot, Metrics, Post, Record, Reject
from tweetathon.sources.base import RawRecord, TimeOutOfRange

TIME_FLOOR = datetime(2006, 1, 1, tzinfo=UTC)
TIME_MARGIN = timedelta(days=1)
TEXT_MAX = 100_000
FIELD_MAX = 10_000
CUT_MARKER = " [… cut by tweetathon]"
NUL_REMOVED = "NUL characters removed"
TEXT_CUT = "text cut to the length limit"
NEGATIVE_COUNT = "negative count made unknown"
R = TypeVar("R", Post, AccountSnapshot)

Mapper = Callable[[RawRecord], list[Record]]


def guarded(map_record: Mapper) -> Mapper:
    """`map_record` that never raises and never lets an impossible time or unstorable payload through."""

    @functools.wraps(map_record)
    def safe(raw: RawRecord) -> list[Record]:
        try:
            records = map_record(raw)
            return [_checked(record, raw) for record in records]
        except Exception as exc:
            return [unmappable(raw, exc)]

    return safe


def unmappable(raw: RawRecord, exc: BaseException) -> Reject:
    """The reject for a record whose mapping failed: the exception's kind and first words, and the record."""
    message = str(exc).splitlines()[0][:200] if str(exc) else ""
    if isinstance(exc, TimeOutOfRange):
        return Reject(raw.file, raw.line, "time out of range", message, shown(raw.payload))
    return Reject(raw.file, raw.line, "unmappable record", f"{type(exc).__name__}: {message}",
                  shown(raw.payload))


def shown(value: Any) -> str:
    """A record as JSON for the rejects file, at most 2,000 characters; never raises (deep nesting included)."""
    try:
        return orjson.dumps(value, default=str)[:2000].decode("utf-8", "replace")
    except Exception:
        return f"(a {type(value).__name__} that cannot be shown as JSON: nested too deep)"


def _checked(record: Record, raw: RawRecord) -> Record:
    if isinstance(record, Post):
        problem = (_time_problem("created_at", record.created_at) or _time_problem("observed_at", record.observed_at)
                   or _unstorable(record.raw))
    elif isinstance(record, AccountSnapshot):
        problem = _time_problem("observed_at", record.observed_at) or _unstorable(record.raw)
    else:
        return record
    if problem is None:
        return record
    return Reject(raw.file, raw.line, problem[0], problem[1], shown(record.raw or raw.payload))


def time_in_range(value: datetime, now: datetime | None = None) -> bool:
    """Could a platform have written this time? From 2006 to now plus a day."""
    return TIME_FLOOR <= value <= (now or datetime.now(UTC)) + TIME_MARGIN


def _time_problem(name: str, value: datetime | None) -> tuple[str, str] | None:
    if value is None or time_in_range(value):
        return None
    return "time out of range", (f"{name} {value.isoformat()} is before 2006 or in the future: no platform "
                                 "wrote it; check the file's time column")


def _unstorable(payload: Any) -> tuple[str, str] | None:
    if payload is None:
        return None
    try:
        orjson.dumps(payload)
    except orjson.JSONEncodeError as exc:
        return "payload cannot be stored", f"{exc} (nested too deep or not JSON)"
    return None


def clean_reject(reject: Reject) -> Reject:
    """A reject storable in any database: no NUL characters, a reason of at most 128 characters."""
    if "\x00" not in reject.reason + reject.detail and len(reject.reason) <= 128 and len(reject.detail) <= FIELD_MAX:
        return reject
    return replace(reject, reason=reject.reason.replace("\x00", "")[:128],
                   detail=reject.detail.replace("\x00", "")[:FIELD_MAX])


def sanitise(record: R) -> tuple[R, list[str]]:
    """`record` made storable (see the module docstring) and the list of what was changed (empty: unchanged)."""
    changes: dict[str, Any] = {}
    notes: list[str] = []
    for name in _TEXT_FIELDS[type(record)]:
        value = getattr(record, name)
        if value and ("\x00" in value or len(value) > FIELD_MAX):
            changes[name] = _clean(value, TEXT_MAX if name == "text" else FIELD_MAX, notes)
    for name in _TUPLE_FIELDS[type(record)]:
        items = getattr(record, name)
        if any("\x00" in item or len(item) > FIELD_MAX for item in items):
            changes[name] = tuple(_clean(item, FIELD_MAX, notes) for item in items)
    _clear_negatives(record, changes, notes)
    if not changes:
        return record, []
    return replace(record, **changes), sorted(set(notes))


def _clean(value: str, limit: int, notes: list[str]) -> str:
    if "\x00" in value:
        value = value.replace("\x00", "")
        notes.append(NUL_REMOVED)
    if len(value) > limit:
        value = value[:limit - len(CUT_MARKER)] + CUT_MARKER
        notes.append(TEXT_CUT)
    return value


def _clear_negatives(record: Post | AccountSnapshot, changes: dict[str, Any], notes: list[str]) -> None:
    if isinstance(record, Post):
        m = record.metrics
        values = (m.likes, m.reposts, m.replies, m.quotes, m.impressions, m.bookmarks)
        if any(v is not None and v < 0 for v in values):
            changes["metrics"] = Metrics(*(None if v is not None and v < 0 else v for v in values))
            notes.append(NEGATIVE_COUNT)
        names: tuple[str, ...] = ("author_followers",)
    else:
        names = ("followers", "following", "posts")
    for name in names:
        value = getattr(record, name)
        if value is not None and value < 0:
            changes[name] = None
            notes.append(NEGATIVE_COUNT)
    if isinstance(record, Post) and record.media_count < 0:
        changes["media_count"] = 0
        notes.append(NEGATIVE_COUNT)


def _names(cls: type, wanted: Any) -> tuple[str, ...]:
    hints = {Post: Post.__annotations__, AccountSnapshot: AccountSnapshot.__annotations__}[cls]
    return tuple(f.name for f in fields(cls) if hints[f.name] in wanted)


_TEXT_FIELDS = {cls: _names(cls, ("str", "str | None")) for cls in (Post, AccountSnapshot)}
_TUPLE_FIELDS = {cls: _names(cls, ("tuple[str, ...]",)) for cls in (Post, AccountSnapshot)}
