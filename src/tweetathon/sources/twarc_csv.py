"""twarc-csv output (what `twarc2 csv` writes), and tweetathon's own CSV export (the same columns plus
`platform`, `kind` and `url` at the end).

Rules:
- Ids are read as text; an id a spreadsheet turned into a number (`1.25E+18`) is rejected (digits are lost).
- Kind from `referenced_tweets.retweeted.id` (repost), `referenced_tweets.quoted.id` (quote; a quote that
  replies is a reply, docs/figures.md), `referenced_tweets.replied_to.id` (reply). twarc-csv merges a
  retweet's text and metrics from the retweeted tweet; they are kept as written.
- twarc-csv writes newlines inside text as the two characters `\\n`; they become newlines again. tweetathon's
  own export (it has a `platform` column) keeps real newlines in quoted fields and is read as is.
- entities.hashtags / mentions / urls are JSON lists (`["#tag"]`, `["@user"]`, `["https://..."]`); without them
  the text is scanned. Counts written as `12.0` (pandas) are read as 12; an empty cell is unknown, not zero.
- author.* columns give an AccountSnapshot observed at `__twarc.retrieved_at`, else at the post's created_at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tweetathon.enrich.text import extract_hashtags, extract_mentions, extract_urls, normalise_hashtag
from tweetathon.model import PLATFORMS, POST_KINDS, AccountSnapshot, Metrics, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, TimeOutOfRange, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.csv_rows import header_of, iter_rows
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits

NAME = "twarc-csv"
DESCRIPTION = "twarc-csv output (`twarc2 csv`) and tweetathon's own CSV export"
PLATFORM = "x"

SIGNATURE = frozenset({"id", "created_at", "text"})
_ID = re.compile(r"^[0-9]{1,25}$")
_NUMBER = re.compile(r"^-?\d+(\.0*)?$")

Row = Mapping[str, Any]


def sniff(head: str, path: Path) -> bool:
    """A CSV header with id, created_at, text and twarc-csv's dotted columns (author.*, referenced_tweets.*)."""
    names = set(header_of(head))
    return names >= SIGNATURE and any(n.startswith(("author", "referenced_tweets.", "public_metrics.")) for n in names)


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    return iter_rows(path, NAME, limits)


def cell(row: Row, key: str) -> str | None:
    value = row.get(key)
    text = "" if value is None else str(value).strip()
    return text or None


def count(row: Row, key: str) -> int | None:
    """A count cell: '12' or '12.0' -> 12; empty -> None (unknown, not zero)."""
    text = cell(row, key)
    return int(float(text)) if text and _NUMBER.match(text) else None


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    row: Row = raw.payload
    problem = _problem(row)
    if problem:
        return [Reject(raw.file, raw.line, problem[0], problem[1], ",".join(str(v) for v in row.values())[:2000])]
    platform = cell(row, "platform") or PLATFORM
    created = parse_time(cell(row, "created_at"))
    assert created is not None
    retrieved = _opt_time(cell(row, "__twarc.retrieved_at"))
    post = _post(row, raw, platform, created, retrieved)
    snapshot = _snapshot(row, platform, post.author_id, retrieved or created)
    return [post] if snapshot is None else [post, snapshot]


def _problem(row: Row) -> tuple[str, str] | None:
    missing = [k for k in ("id", "created_at") if cell(row, k) is None]
    if missing or (cell(row, "author_id") or cell(row, "author.id")) is None:
        return "missing required field", f"no value for {', '.join(missing) or 'author_id'}"
    platform = cell(row, "platform") or PLATFORM
    if platform not in PLATFORMS:
        return "unknown platform", f"platform {platform!r}; expected one of {', '.join(PLATFORMS)}"
    if platform == "x" and not _ID.match(str(cell(row, "id"))):
        return "invalid id", (f"id {cell(row, 'id')!r} is not digits: a spreadsheet may have turned it into a "
                              "number and lost digits; export again with ids as text")
    try:
        parse_time(cell(row, "created_at"))
    except TimeOutOfRange as exc:
        return "time out of range", str(exc)
    except ValueError:
        return "invalid created_at", f"created_at {cell(row, 'created_at')!r} is not a time"
    return None


def _post(row: Row, raw: RawRecord, platform: str, created: datetime, retrieved: datetime | None) -> Post:
    ours = "platform" in row
    text = str(row.get("text") or "")
    if not ours:
        text = text.replace("\\n", "\n")
    replied, quoted, reposted = (cell(row, f"referenced_tweets.{t}.id") for t in ("replied_to", "quoted", "retweeted"))
    kind = "repost" if reposted else "reply" if replied else "quote" if quoted else "original"
    if cell(row, "kind") in POST_KINDS:
        kind = str(cell(row, "kind"))
    handle = cell(row, "author.username")
    post_id = str(cell(row, "id"))
    history = _json_list(cell(row, "edit_history_tweet_ids"))
    return Post(
        platform=platform, post_id=post_id, created_at=created,
        author_id=str(cell(row, "author_id") or cell(row, "author.id")), author_handle=handle, text=text, kind=kind,
        url=cell(row, "url") or (f"https://twitter.com/{handle or 'i/web'}/status/{post_id}" if platform == "x"
                                  else None),
        lang=cell(row, "lang"), in_reply_to_post_id=replied, in_reply_to_author_id=cell(row, "in_reply_to_user_id"),
        conversation_id=cell(row, "conversation_id"), repost_of_id=reposted, quote_of_id=quoted,
        hashtags=_hashtags(row, text), mentions=_mentions(row, text), urls=_urls(row, text),
        media_count=len(_json_list(cell(row, "attachments.media_keys"))), metrics=_metrics(row),
        author_followers=count(row, "author.public_metrics.followers_count"), observed_at=retrieved,
        withheld=bool(cell(row, "withheld.scope") or cell(row, "withheld.country_codes")),
        edit_of_id=str(history[0]) if len(history) > 1 and str(history[0]) != post_id else None,
        place_country=cell(row, "geo.country_code"), source_format=NAME,
        raw={k: v for k, v in row.items() if v not in ("", None)},
        provenance=Provenance(NAME, raw.file, raw.line, retrieved))


def _metrics(row: Row) -> Metrics:
    def m(name: str) -> int | None:
        return count(row, f"public_metrics.{name}_count")

    return Metrics(likes=m("like"), reposts=m("retweet"), replies=m("reply"), quotes=m("quote"),
                   impressions=m("impression"), bookmarks=m("bookmark"))


def _snapshot(row: Row, platform: str, author_id: str, observed: datetime) -> AccountSnapshot | None:
    if cell(row, "author.id") is None and cell(row, "author.username") is None:
        return None
    return AccountSnapshot(
        platform=platform, account_id=author_id, handle=cell(row, "author.username"), observed_at=observed,
        name=cell(row, "author.name"), description=cell(row, "author.description"),
        location=cell(row, "author.location"), followers=count(row, "author.public_metrics.followers_count"),
        following=count(row, "author.public_metrics.following_count"),
        posts=count(row, "author.public_metrics.tweet_count"), created_at=_opt_time(cell(row, "author.created_at")),
        url=cell(row, "author.url"), source_format=NAME)


def _hashtags(row: Row, text: str) -> tuple[str, ...]:
    listed = _json_list(cell(row, "entities.hashtags"))
    if cell(row, "entities.hashtags") is None:
        return extract_hashtags(text)
    return tuple(dict.fromkeys(normalise_hashtag(str(h)) for h in listed if str(h).strip("#")))


def _mentions(row: Row, text: str) -> tuple[str, ...]:
    if cell(row, "entities.mentions") is None:
        return extract_mentions(text)
    return tuple(dict.fromkeys(str(m).lstrip("@").casefold() for m in _json_list(cell(row, "entities.mentions"))))


def _urls(row: Row, text: str) -> tuple[str, ...]:
    if cell(row, "entities.urls") is None:
        return extract_urls(text)
    return tuple(dict.fromkeys(str(u) for u in _json_list(cell(row, "entities.urls")) if u))


def _json_list(value: str | None) -> list[Any]:
    if not value:
        return []
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return [part for part in value.split() if part]
    return parsed if isinstance(parsed, list) else [parsed]


def _opt_time(value: str | None) -> datetime | None:
    try:
        return parse_time(value)
    except ValueError:
        return None
