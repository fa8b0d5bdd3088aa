"""The archive X gives an account holder: `data/tweets.js` (older archives: `tweet.js`) and its neighbours.

Each file is JavaScript: `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]` (older archives leave out the
`"tweet"` wrapper). Every number arrives as a string. Rules:
- Only tweet parts (`window.YTD.tweets.partN`, `window.YTD.tweet.partN`) give posts. Every other part of the
  archive (likes, followers, direct messages, deleted tweets, `manifest.js`, ...) is recognised and imports
  nothing, so the `.js` files of a whole `data/` folder can be imported together.
- A retweet appears only as text starting `RT @user:`; it is a repost (the original's id is not in the
  archive). A tweet whose expanded links point at another tweet (`twitter.com|x.com/<user>/status/<id>`) is a
  quote of it, as X itself turned a pasted tweet link into a quote. `in_reply_to_status_id_str` makes a reply.
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
from tweetathon.sources.base import RawRecord, open_text, parse_time, read_head
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
    with open_text(path) as fh:
        text = fh.read()
    match = _PREFIX.match(text.lstrip("\ufeff"))
    if not match:
        raise ValueError(f"{path}: not an X archive part (expected `window.YTD.<name>.part0 = [...]`)")
    return match.group(1), orjson.loads(text.lstrip("\ufeff")[match.end():])


def iter_records(path: Path) -> Iterator[RawRecord | Reject]:
    """Each tweet (with the owner attached), then the owner's snapshot. Non-tweet parts yield nothing."""
    if _MANIFEST.match(read_head(path, 200).lstrip("\ufeff")):
        return
    try:
        part, items = read_part(path)
    except (ValueError, orjson.JSONDecodeError) as exc:
        yield Reject(str(path), None, "invalid archive file", str(exc))
        return
    if part not in _TWEET_PARTS or not isinstance(items, list):
        return
    owner = _owner(path.parent)
    generated = owner.pop("generated", None)
    placeholder = "x-archive:" + _archive_name(path)
    newest: datetime | None = None
    for number, item in enumerate(items, start=1):
        tweet = as_dict(item).get("tweet", item)
        newest = _later(newest, as_dict(tweet).get("created_at"))
        payload = {"tweet": tweet, "owner": owner or None, "placeholder": placeholder, "observed": generated}
        yield RawRecord(payload, str(path), number, NAME)
    if owner.get("accountId"):
        observed = generated or (newest.isoformat() if newest else None)
        account_file = path.parent / "account.js"
        yield RawRecord({"account": owner, "observed": observed}, str(account_file), 1, NAME)


def _owner(folder: Path) -> dict[str, Any]:
    """account.js (+ profile.js bio/location, manifest.js generationDate) beside the tweets file, if present."""
    owner: dict[str, Any] = {}
    for name, key in (("account.js", "account"), ("profile.js", "profile")):
        part = _optional_part(folder / name)
        if part:
            owner.update(as_dict(as_dict(part[0]).get(key)))
    manifest = folder / "manifest.js"
    if manifest.exists():
        text = manifest.read_text(encoding="utf-8", errors="replace")
        found = re.search(r'"generationDate"\s*:\s*"([^"]+)"', text)
        if found:
            owner["generated"] = found.group(1)
    return owner


def _optional_part(path: Path) -> list[Any] | None:
    if not path.exists():
        return None
    try:
        _, value = read_part(path)
    except (ValueError, orjson.JSONDecodeError):
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
    kind = "repost" if _RETWEET.match(text) else "quote" if quote_of else "reply" if reply_to else "original"
    handle = as_str(owner.get("username"))
    return Post(
        platform=PLATFORM, post_id=post_id, created_at=created, author_id=as_str(owner.get("accountId")) or placeholder,
        author_handle=handle, text=text, kind=kind, url=status_url(handle, post_id), lang=as_str(t.get("lang")),
        in_reply_to_post_id=reply_to, in_reply_to_author_id=as_str(t.get("in_reply_to_user_id_str")),
        quote_of_id=quote_of if kind == "quote" else None, hashtags=hashtags, mentions=mentions, urls=urls,
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
