"""X API v1.1 statuses: a JSON array, one object, JSON Lines (also of arrays), and search responses.

- Text: `full_text` (extended mode), else `extended_tweet.full_text` (streaming), else `text`.
- A retweet (`retweeted_status`) is a repost; the original is kept as a context post (`collected=False`).
  Likewise a quote (`quoted_status`, or just `quoted_status_id_str`) is a quote and its original context.
  `in_reply_to_status_id_str` makes a reply. A reply that also quotes is a reply (it keeps its quote link).
- Ids come only from `id_str` and `*_id_str`: a numeric `id` has already passed through a float somewhere and
  may have lost digits, so a status without `id_str` (or whose user has no `id_str`) is rejected, not guessed.
- `user` becomes an AccountSnapshot (followers, following, statuses, location, description). v1.1 responses
  carry no retrieval time: a user is taken as observed at the `created_at` of the top-level status that
  carried it (the response cannot be older than that).
- Streaming `delete` notices become Deletions; `limit` and other notices are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tweetathon.model import AccountSnapshot, Deletion, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, as_int, first_json_value, iter_json_values, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits
from tweetathon.sources.x_common import (
    PLATFORM,
    JSONish,
    as_dict,
    as_str,
    looks_like_v1_status,
    reject,
    status_url,
    v1_entities,
    v1_metrics,
)

NAME = "x-v1"
DESCRIPTION = "X API v1.1 statuses (JSON array, object or JSON Lines; search responses with `statuses`)"
__all__ = ["DESCRIPTION", "NAME", "PLATFORM", "iter_records", "map_record", "sniff"]

_ID_STR = re.compile(r'"id_str"\s*:')
_TEXT = re.compile(r'"(full_text|text)"\s*:')
_USER = re.compile(r'"user"\s*:\s*\{')
_NOTICES = ("limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning", "friends")


def sniff(head: str, path: Path) -> bool:
    """v1.1 statuses: `id_str` + text + `user`, alone, in an array, per line, or in a search response."""
    value = first_json_value(head)
    if value is None:
        try:
            value = orjson.loads(head)
        except orjson.JSONDecodeError:
            value = None
    if value is not None:
        return _is_v1(value)
    start = head.lstrip()[:1]
    # A long array or pretty-printed document cut off by the sniffed head: judge by its keys.
    return start in ("[", "{") and bool(_ID_STR.search(head) and _TEXT.search(head) and _USER.search(head))


def _is_v1(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and _is_v1(value[0])
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("statuses"), list):
        return True
    if isinstance(value.get("delete"), dict) and "status" in value["delete"]:
        return True
    return looks_like_v1_status(value) and isinstance(value.get("user"), dict)


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    """Every JSON value: items of an array, lines of JSON Lines (also one array per line), or one document."""
    return iter_json_values(path, NAME, limits)


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    """Statuses (one, a list, or a search response) to Posts, context Posts and AccountSnapshots. Pure."""
    value = raw.payload
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):
        value = value["statuses"]
    items = value if isinstance(value, list) else [value]
    out: list[Record] = []
    for item in items:
        out.extend(_map_item(raw, item))
    return out


def _map_item(raw: RawRecord, item: Any) -> list[Record]:
    if not isinstance(item, dict):
        return [reject(raw, "not a v1.1 status", "expected a JSON object", item)]
    try:
        if "delete" in item and isinstance(item["delete"], dict):
            return _deletion(raw, item)
        if any(k in item for k in _NOTICES) and "text" not in item:
            return []
        return _status(raw, item, None, collected=True)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return [reject(raw, "unmappable v1.1 status", f"{type(exc).__name__}: {exc}", item)]


def _status(raw: RawRecord, s: JSONish, carried_at: datetime | None, collected: bool) -> list[Record]:
    """One status and what it embeds. `carried_at`: creation of the top-level status (for snapshots)."""
    post_id, user = as_str(s.get("id_str")), as_dict(s.get("user"))
    author_id = as_str(user.get("id_str"))
    if not post_id or not post_id.isdigit():
        detail = "numeric `id` only: it may have lost digits" if "id" in s else "no `id_str`"
        return [reject(raw, "status without id_str", f"{detail}; export statuses with their `id_str` fields", s)]
    if not author_id:
        return [reject(raw, "status without user.id_str", f"status {post_id}: its user has no `id_str`", s)]
    created = parse_time(s.get("created_at"))
    if created is None:
        return [reject(raw, "status without created_at", f"status {post_id} has no `created_at`", s)]
    observed = carried_at or created
    out: list[Record] = []
    embedded = _embedded(raw, s, observed, out)
    out.insert(0, _post(raw, s, post_id, author_id, created, user, embedded, collected))
    snap = snapshot(user, observed, NAME)
    if snap is not None:
        out.append(snap)
    return out


def _embedded(raw: RawRecord, s: JSONish, observed: datetime, out: list[Record]) -> dict[str, str | None]:
    """Map the retweeted and quoted statuses as context; return their ids."""
    found: dict[str, str | None] = {"repost": None, "quote": as_str(s.get("quoted_status_id_str"))}
    for key, field in (("repost", "retweeted_status"), ("quote", "quoted_status")):
        inner = s.get(field)
        if isinstance(inner, dict):
            found[key] = as_str(inner.get("id_str")) or found[key]
            out.extend(_status(raw, inner, observed, collected=False))
    return found


def _post(raw: RawRecord, s: JSONish, post_id: str, author_id: str, created: datetime, user: JSONish,
          embedded: dict[str, str | None], collected: bool) -> Post:
    ext = as_dict(s.get("extended_tweet"))
    text = as_str(s.get("full_text")) or as_str(ext.get("full_text")) or as_str(s.get("text")) or ""
    entities = as_dict(ext.get("entities")) or as_dict(s.get("entities"))
    extended = as_dict(ext.get("extended_entities")) or as_dict(s.get("extended_entities"))
    hashtags, mentions, urls, media = v1_entities(entities, extended)
    reply_to = as_str(s.get("in_reply_to_status_id_str"))
    repost_of, quote_of = embedded["repost"], embedded["quote"]
    kind = "repost" if repost_of else "reply" if reply_to else "quote" if quote_of else "original"
    handle = as_str(user.get("screen_name"))
    place = as_dict(s.get("place"))
    country = as_str(place.get("country_code"))
    return Post(
        platform=PLATFORM, post_id=post_id, created_at=created, author_id=author_id, author_handle=handle,
        text=text, kind=kind, url=status_url(handle, post_id), lang=as_str(s.get("lang")),
        in_reply_to_post_id=reply_to, in_reply_to_author_id=as_str(s.get("in_reply_to_user_id_str")),
        repost_of_id=repost_of, quote_of_id=None if repost_of else quote_of, hashtags=hashtags,
        mentions=mentions, urls=urls, media_count=media, metrics=v1_metrics(s),
        author_followers=as_int(user.get("followers_count")), collected=collected,
        withheld=bool(s.get("withheld_in_countries") or s.get("withheld_copyright")),
        place_country=country.upper()[:2] if country else None, source_format=NAME, raw=s,
        provenance=Provenance(NAME, raw.file, raw.line, raw.retrieved_at))


def snapshot(user: JSONish, observed: datetime, fmt: str) -> AccountSnapshot | None:
    """A v1.1 user object as an AccountSnapshot (None without `id_str`)."""
    account_id = as_str(user.get("id_str"))
    if not account_id:
        return None
    handle = as_str(user.get("screen_name"))
    verified = user.get("verified")
    try:
        created = parse_time(user.get("created_at"))
    except ValueError:
        created = None
    return AccountSnapshot(
        platform=PLATFORM, account_id=account_id, handle=handle, observed_at=observed,
        name=as_str(user.get("name")), description=as_str(user.get("description")),
        location=as_str(user.get("location")) or None, followers=as_int(user.get("followers_count")),
        following=as_int(user.get("friends_count")), posts=as_int(user.get("statuses_count")),
        created_at=created, verified=verified if isinstance(verified, bool) else None,
        url=f"https://twitter.com/{handle}" if handle else None, source_format=fmt, raw=user)


def _deletion(raw: RawRecord, item: JSONish) -> list[Record]:
    status = as_dict(as_dict(item["delete"]).get("status"))
    target = as_str(status.get("id_str"))
    if not target:
        return [reject(raw, "delete notice without id_str", "a v1.1 delete notice needs `status.id_str`")]
    ms = as_int(as_dict(item["delete"]).get("timestamp_ms"))
    return [Deletion(PLATFORM, target, "post", "delete", parse_time(ms) if ms else None, NAME)]
