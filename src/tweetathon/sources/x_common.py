"""Helpers shared by the X importers (twarc2 / API v2, API v1.1, the account archive). Pure functions.

Rules that apply to every X format:
- Ids are strings, taken only from string fields (`id` in v2, `id_str` / `*_id_str` in v1.1).
- When a tweet carries no `created_at` (the v2 API only sends it when asked), the time is read from the id
  itself: X ids since November 2010 are "snowflakes" whose top bits are milliseconds since 2010-11-04.
- When a tweet carries no author id (v2 without `author_id` in `tweet.fields`), the author is recorded as
  `UNKNOWN_AUTHOR`, so the post still counts; it never joins any account.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tweetathon.model import Metrics, Reject
from tweetathon.sources.base import RawRecord, as_int
from tweetathon.sources.checks import shown

PLATFORM = "x"
UNKNOWN_AUTHOR = "unknown"
TWEPOCH_MS = 1288834974657
# Ids below this are pre-snowflake (sequential) and carry no time.
FIRST_SNOWFLAKE = 1 << 42
MAX_ID_DIGITS = 19
JSONish = dict[str, Any]


def snowflake_time(post_id: str | None) -> datetime | None:
    """The creation time encoded in an X snowflake id, or None for a non-snowflake id. ValueError for an id too
    large to be an X id (which would encode a time no calendar holds)."""
    if not post_id or not post_id.isdigit():
        return None
    if len(post_id) > MAX_ID_DIGITS or int(post_id) >= 1 << 63:
        raise ValueError(f"id {post_id[:40]} is too large to be an X id (X ids are 64-bit numbers)")
    value = int(post_id)
    if value < FIRST_SNOWFLAKE:
        return None
    return datetime.fromtimestamp(((value >> 22) + TWEPOCH_MS) / 1000, tz=UTC)


def status_url(handle: str | None, post_id: str) -> str:
    """The public web address of a tweet."""
    if handle:
        return f"https://twitter.com/{handle}/status/{post_id}"
    return f"https://twitter.com/i/web/status/{post_id}"


def as_dict(value: Any) -> JSONish:
    """`value` if it is a JSON object, else an empty one (fields of unexpected type are treated as absent)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    """A string field, or None when absent or of another type."""
    return value if isinstance(value, str) else None


def distinct_lower(values: Iterable[Any]) -> tuple[str, ...]:
    """Distinct non-empty strings, lower-cased, without a leading '#'/'@', in order of first appearance."""
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value:
            seen.setdefault(value.lstrip("#@＃").casefold(), None)
    seen.pop("", None)
    return tuple(seen)


def distinct(values: Iterable[Any]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value:
            seen.setdefault(value, None)
    return tuple(seen)


def v1_entities(entities: JSONish, extended: JSONish) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                                               int]:
    """(hashtags, mentions, expanded urls, media count) from v1.1 / archive `entities` + `extended_entities`."""
    hashtags = distinct_lower(as_dict(h).get("text") for h in as_list(entities.get("hashtags")))
    mentions = distinct_lower(as_dict(m).get("screen_name") for m in as_list(entities.get("user_mentions")))
    urls = distinct(as_dict(u).get("expanded_url") or as_dict(u).get("url") for u in as_list(entities.get("urls")))
    media = as_list(extended.get("media")) or as_list(entities.get("media"))
    return hashtags, mentions, urls, len(media)


def v1_metrics(status: JSONish) -> Metrics:
    """Public metrics of a v1.1 or archive status (archive numbers arrive as strings)."""
    return Metrics(likes=as_int(status.get("favorite_count")), reposts=as_int(status.get("retweet_count")),
                   replies=as_int(status.get("reply_count")), quotes=as_int(status.get("quote_count")))


def reject(raw: RawRecord, reason: str, detail: str, value: Any = None) -> Reject:
    """A Reject naming the file and line of `raw`, with (a prefix of) the offending value as JSON."""
    return Reject(raw.file, raw.line, reason, detail, shown(raw.payload if value is None else value))


def looks_like_v1_status(value: Any) -> bool:
    """A v1.1 status (or archive tweet): string id in `id_str` and a text field."""
    return isinstance(value, dict) and "id_str" in value and ("full_text" in value or "text" in value)
