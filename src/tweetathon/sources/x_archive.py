"""The archive X gives an account holder: `data/tweets.js` (older archives: `tweet.js`) and its neighbours.

Each file is JavaScript: `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]` (older archives leave out the
`"tweet"` wrapper). Every number arrives as a string. Rules:
- Only tweet parts (`window.YTD.tweets.partN`, `window.YTD.tweet.partN`) give posts. Every other part of the
  archive (likes, followers, direct messages, deleted tweets, `manifest.js`, ...) is recognised and imports
  nothing, so the `.js` files of a whole `data/` folder can be imported together.
- A retweet appears only as text starting `RT @user:`; it is a repost (the original's id is not in the
  archive). `in_reply_to_status_id_str` makes a reply. A tweet whose expanded links point at another tweet
  (`twitter.com|x.com/<user>/status/<id>`) quotes it, as X itself turned a pasted tweet link into a quote: it is
  a quote, unless it also replies (docs/figures.md: a reply that also quotes is a reply; it keeps its quote link).
- The owner (the author of every tweet) comes from `account.js` beside the file (`accountId`, `username`,
  `accountDisplayName`), with `profile.js` for the bio and location when present; it is recorded as one
  AccountSnapshot observed at the archive's `generationDate` (from `manifest.js`), else at the newest
  tweet's time. Follower counts are unknown (None).
- Without `account.js` the owner is unknown: every tweet gets the placeholder author id
  `x-archive:<archive folder name>` (the folder holding `data/`, else the file's own folder) and no handle,
  so tweets of one archive stay together and never join a real account. Put `account.js` beside `tweets.js`
  to import the real account.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tweetathon.model import AccountSnapshot, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits, TooLong, iter_array_items, open_bytes
from tweetathon.sources.x_common import (
    PLATFORM,
    JSONish,
    as_dict,
    as_list,
    as_str,
    reject,
    status_url,
    v1_entities,
    v1_metrics,
)

NAME = "x-archive"
DESCRIPTION = "X account archive: data/tweets.js or tweet.js (window.YTD...), owner from account.js"
__all__ = ["DESCRIPTION", "NAME", "PLATFORM", "iter_records", "map_record", "sniff"]

_PREFIX = re.compile(r"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
_PREFIX_BYTES = re.compile(rb"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
_MANIFEST = re.compile(r"^\s*window\.__THAR_CONFIG\s*=")
_TWEET_PARTS = ("tweets", "tweet")
_RETWEET = re.compile(r"^RT @(\w{1,15}):")
_STATUS_LINK = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)")


def sniff(head: str, path: Path) -> bool:
    """Any part of an archive's `data/` folder: `window.YTD.<name>.partN = ...` or the `manifest.js` config."""
    head = head.lstrip("\ufeff")
    return bool(_PREFIX.match(head) or _MANIFEST.match(head))


def read_part(path: Path) -> tuple[str, Any]:
    """(part name, parsed JSON value) of one archive file."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    match = _PREFIX.match(text.lstrip("\ufeff"))
    if not match:
        raise ValueError(f"{path}: not an X archive part (expected `window.YTD.<name>.part0 = [...]`)")
    return match.group(1), orjson.loads(text.lstrip("\ufeff")[match.end():])


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    """Each tweet (with the owner attached), then the owner's snapshot. Non-tweet parts yield nothing.
    The tweets are read one at a time (a whole archive is never held in memory)."""
    with open_bytes(path, limits) as fh:
        start = fh.read(4096)
        match = _PREFIX_BYTES.match(start)
        if match is None or match.group(1).decode() not in _TWEET_PARTS:
            if match is None and not _MANIFEST.match(start.decode("utf-8", "replace")):
                yield Reject(str(path), None, "invalid archive file",
                             f"{path}: not an X archive part (expected `window.YTD.<name>.part0 = [...]`)")
            return
        yield from _tweets(path, iter_array_items(fh, limits, start[match.end():]), limits)


def _tweets(path: Path, items: Iterator[bytes | TooLong], limits: Limits) -> Iterator[RawRecord | Reject]:
    owner = _owner(path.parent)
    generated = owner.pop("generated", None)
    placeholder = "x-archive:" + _archive_name(path)
    newest: datetime | None = None
    number = 0
    try:
        for number, item in enumerate(items, start=1):
            if isinstance(item, TooLong):
                yield Reject(str(path), number, "record too long", item.detail(limits))
                continue
            tweet = _item_tweet(item)
            newest = _later(newest, as_dict(tweet).get("created_at"))
            payload = {"tweet": tweet, "owner": owner or None, "placeholder": placeholder, "observed": generated}
            yield RawRecord(payload, str(path), number, NAME, size=len(item))
    except ValueError as exc:
        yield Reject(str(path), None, "invalid archive file", f"after tweet {number}: {exc}")
    if owner.get("accountId"):
        observed = generated or (newest.isoformat() if newest else None)
        yield RawRecord({"account": owner, "observed": observed}, str(path.parent / "account.js"), 1, NAME)


def _item_tweet(item: bytes) -> Any:
    """The tweet of one archive item (`{"tweet": {...}}`, or the tweet itself in older archives); the item's
    text when it is not JSON (its mapping then rejects it)."""
    try:
        value = orjson.loads(item)
    except orjson.JSONDecodeError:
        return item[:2000].decode("utf-8", "replace")
    return as_dict(value).get("tweet", value)


def _owner(folder: Path) -> dict[str, Any]:
    """account.js (+ profile.js bio/location, manifest.js generationDate) beside the tweets file, if present."""
    owner: dict[str, Any] = {}
    for name, key in (("account.js", "account"), ("profile.js", "profile")):
        part = _optional_part(folder / name)
        if part:
            owner.update(as_dict(as_dict(part[0]).get(key)))
    manifest = folder / "manifest.js"
    if _small_file(manifest):
        text = manifest.read_text(encoding="utf-8", errors="replace")
        found = re.search(r'"generationDate"\s*:\s*"([^"]+)"', text)
        if found:
            owner["generated"] = found.group(1)
    return owner


def _small_file(path: Path) -> bool:
    """A file beside the tweets that exists and is small enough to read whole (the record limit's default)."""
    return path.is_file() and path.stat().st_size <= DEFAULT_LIMITS.max_record_bytes


def _optional_part(path: Path) -> list[Any] | None:
    if not _small_file(path):
        return None
    try:
        _, value = read_part(path)
    except (ValueError, OSError, RecursionError):  # orjson.JSONDecodeError is a ValueError
        return None
    return value if isinstance(value, list) and value else None


def _archive_name(path: Path) -> str:
    folder = path.parent
    return folder.parent.name if folder.name == "data" and folder.parent.name else folder.name or "archive"


def _later(current: datetime | None, value: Any) -> datetime | None:
    try:
        parsed = parse_time(value)
    except ValueError:
        return current
    if parsed is None:
        return current
    return parsed if current is None or parsed > current else current


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    """One archive tweet to a Post (or the owner record to an AccountSnapshot). Pure."""
    payload = as_dict(raw.payload)
    try:
        if "account" in payload:
            snap = _owner_snapshot(as_dict(payload["account"]), payload.get("observed"))
            return [snap] if snap else []
        tweet = payload.get("tweet")
        if not isinstance(tweet, dict):
            return [reject(raw, "not an archive tweet", "expected a tweet object")]
        return [_post(raw, tweet, as_dict(payload.get("owner")), str(payload.get("placeholder") or "x-archive"),
                      payload.get("observed"))]
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return [reject(raw, "unmappable archive tweet", f"{type(exc).__name__}: {exc}")]


def _post(raw: RawRecord, t: JSONish, owner: JSONish, placeholder: str, observed: Any) -> Post | Reject:
    post_id = as_str(t.get("id_str")) or as_str(t.get("id"))
    if not post_id or not post_id.isdigit():
        return reject(raw, "archive tweet without id", "no `id_str`", t)
    created = parse_time(t.get("created_at"))
    if created is None:
        return reject(raw, "archive tweet without created_at", f"tweet {post_id} has no `created_at`", t)
    text = as_str(t.get("full_text")) or as_str(t.get("text")) or ""
    hashtags, mentions, urls, media = v1_entities(as_dict(t.get("entities")), as_dict(t.get("extended_entities")))
    reply_to = as_str(t.get("in_reply_to_status_id_str"))
    quote_of = _quoted(urls)
    kind = "repost" if _RETWEET.match(text) else "reply" if reply_to else "quote" if quote_of else "original"
    handle = as_str(owner.get("username"))
    return Post(
        platform=PLATFORM, post_id=post_id, created_at=created, author_id=as_str(owner.get("accountId")) or placeholder,
        author_handle=handle, text=text, kind=kind, url=status_url(handle, post_id), lang=as_str(t.get("lang")),
        in_reply_to_post_id=reply_to, in_reply_to_author_id=as_str(t.get("in_reply_to_user_id_str")),
        quote_of_id=quote_of if kind != "repost" else None, hashtags=hashtags, mentions=mentions, urls=urls,
        media_count=media, metrics=v1_metrics(t), observed_at=_time(observed), edit_of_id=_edit_of(t, post_id),
        source_format=NAME, raw=t, provenance=Provenance(NAME, raw.file, raw.line, _time(observed)))


def _quoted(urls: tuple[str, ...]) -> str | None:
    for url in urls:
        found = _STATUS_LINK.match(url)
        if found:
            return found.group(1)
    return None


def _edit_of(t: JSONish, post_id: str) -> str | None:
    """The first version of an edited tweet (`edit_info.edit.initialTweetId`, or the first of editTweetIds)."""
    info = as_dict(t.get("edit_info"))
    initial = as_str(as_dict(info.get("edit")).get("initialTweetId"))
    if not initial:
        ids = as_list(as_dict(info.get("initial")).get("editTweetIds"))
        initial = as_str(ids[0]) if ids else None
    return initial if initial and initial != post_id else None


def _owner_snapshot(account: JSONish, observed: Any) -> AccountSnapshot | None:
    account_id, at = as_str(account.get("accountId")), _time(observed)
    if not account_id or at is None:
        return None
    handle = as_str(account.get("username"))
    bio = as_dict(account.get("description"))
    return AccountSnapshot(
        platform=PLATFORM, account_id=account_id, handle=handle, observed_at=at,
        name=as_str(account.get("accountDisplayName")), description=as_str(bio.get("bio")),
        location=as_str(bio.get("location")) or None, created_at=_time(account.get("createdAt")),
        url=f"https://twitter.com/{handle}" if handle else None, source_format=NAME,
        raw={k: v for k, v in account.items() if k not in ("email", "phoneNumber")})


def _time(value: Any) -> datetime | None:
    try:
        return parse_time(value) if isinstance(value, str) else None
    except ValueError:
        return None
