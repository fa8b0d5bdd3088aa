"""TAGS archive CSV: the sheet Martin Hawksey's TAGS (Twitter Archiving Google Sheet) keeps, exported as CSV.

Columns (18 or more): id_str, from_user, text, created_at, time, geo_coordinates, user_lang,
in_reply_to_user_id_str, in_reply_to_screen_name, from_user_id_str, in_reply_to_status_id_str, source,
profile_image_url, user_followers_count, user_friends_count, user_location, status_url, entities_str.

Rules:
- `NA` (or an empty cell) means missing: counts stay unknown (None), never 0.
- The post's time comes from `created_at` (X v1.1 format, UTC). The `time` column is never used: it is the
  sheet's local rendering and is shifted (+1 h in the published TAGS sample).
- Retweets are recognised from text starting `RT @user:` (kind `repost`; TAGS does not keep the original's id).
  Replies from `in_reply_to_status_id_str`. TAGS keeps no quote information, so no row is a `quote`.
- Hashtags, mentions, URLs and media from `entities_str` (the v1.1 entities JSON) when present, else from the text.
- `user_lang` is the account's interface language, not the post's: the post's `lang` stays unknown.
- One AccountSnapshot per row (followers, following, location). TAGS does not record when it fetched a row, so
  the snapshot's `observed_at` is the row's `created_at` (TAGS searches soon after posting; the counts are
  those at capture time). The post itself gets no `observed_at`, so any capture with a known retrieval time
  takes precedence over a TAGS row for the same post.
- A row without id_str, from_user_id_str or created_at, or with an id a spreadsheet turned into a number
  (`1.25E+18`), is rejected with its CSV line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from tweetathon.enrich.text import extract_hashtags, extract_mentions, extract_urls, normalise_hashtag
from tweetathon.model import AccountSnapshot, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, TimeOutOfRange, as_int, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.csv_rows import header_of, iter_rows
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits

NAME = "tags-csv"
DESCRIPTION = "TAGS archive sheet exported as CSV (id_str, from_user, text, created_at, ..., entities_str)"
PLATFORM = "x"

SIGNATURE = frozenset({"id_str", "from_user", "text", "created_at"})
REQUIRED = ("id_str", "from_user_id_str", "created_at")
RETWEET_RE = re.compile(r"^RT @(\w{1,50}):")
DIGITS_RE = re.compile(r"^\d{1,25}$")


def sniff(head: str, path: Path) -> bool:
    """A CSV whose header holds TAGS's id_str, from_user, text and created_at columns."""
    return set(header_of(head)) >= SIGNATURE


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    return iter_rows(path, NAME, limits)


def cell(row: Mapping[str, Any], key: str) -> str | None:
    """A cell's value, or None when the column is absent, empty or `NA`."""
    value = row.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "NA") else text


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    """One TAGS row -> the Post and an AccountSnapshot of its author (or a Reject saying what is wrong)."""
    row: Mapping[str, Any] = raw.payload
    problem = _row_problem(row)
    if problem:
        return [Reject(raw.file, raw.line, *problem, raw_text=",".join(str(v) for v in row.values())[:2000])]
    created = parse_time(cell(row, "created_at"))
    assert created is not None  # checked by _row_problem
    post_id, author_id = str(cell(row, "id_str")), str(cell(row, "from_user_id_str"))
    handle, text = cell(row, "from_user"), str(row.get("text") or "")
    hashtags, mentions, urls, media = _entities(row, text)
    reply_to = cell(row, "in_reply_to_status_id_str")
    kind = "repost" if RETWEET_RE.match(text) else "reply" if reply_to else "original"
    followers = as_int(cell(row, "user_followers_count"))
    post = Post(
        platform=PLATFORM, post_id=post_id, created_at=created, author_id=author_id, author_handle=handle,
        text=text, kind=kind, url=cell(row, "status_url") or _status_url(handle, post_id),
        in_reply_to_post_id=reply_to, in_reply_to_author_id=cell(row, "in_reply_to_user_id_str"),
        hashtags=hashtags, mentions=mentions, urls=urls, media_count=media, author_followers=followers,
        source_format=NAME, raw=dict(row), provenance=Provenance(NAME, raw.file, raw.line))
    snapshot = AccountSnapshot(
        platform=PLATFORM, account_id=author_id, handle=handle, observed_at=created,
        location=cell(row, "user_location"), followers=followers,
        following=as_int(cell(row, "user_friends_count")), source_format=NAME)
    return [post, snapshot]


def _row_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(reason, detail) when the row cannot be a post, else None."""
    missing = [key for key in REQUIRED if cell(row, key) is None]
    if missing:
        return "missing required field", f"no value for {', '.join(missing)} (TAGS writes every row with them)"
    for key in ("id_str", "from_user_id_str"):
        if not DIGITS_RE.match(str(cell(row, key))):
            return "invalid id", (f"{key} is {cell(row, key)!r}, not digits: a spreadsheet may have turned it into "
                                  "a number and lost digits; export the sheet again with ids formatted as text")
    try:
        parse_time(cell(row, "created_at"))
    except TimeOutOfRange as exc:
        return "time out of range", str(exc)
    except ValueError:
        return "invalid created_at", f"created_at {cell(row, 'created_at')!r} is not a time TAGS writes"
    return None


def _entities(row: Mapping[str, Any], text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], int]:
    """(hashtags, mentions, urls, media count) from entities_str, or from the text when it is absent/unreadable."""
    entities = _entities_json(cell(row, "entities_str"))
    if entities is None:
        return extract_hashtags(text), extract_mentions(text), extract_urls(text), 0
    hashtags = tuple(dict.fromkeys(normalise_hashtag(h.get("text", "")) for h in entities.get("hashtags") or ()))
    mentions = tuple(dict.fromkeys(str(m.get("screen_name", "")).casefold()
                                   for m in entities.get("user_mentions") or ()))
    urls = tuple(dict.fromkeys(str(u.get("expanded_url") or u.get("url") or "") for u in entities.get("urls") or ()))
    media = len(entities.get("media") or ())
    return tuple(h for h in hashtags if h), tuple(m for m in mentions if m), tuple(u for u in urls if u), media


def _entities_json(value: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _status_url(handle: str | None, post_id: str) -> str:
    return f"https://twitter.com/{handle or 'i/web'}/status/{post_id}"
