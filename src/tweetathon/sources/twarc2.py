"""twarc2 / X API v2 JSON Lines: response pages, flattened tweets, filtered-stream lines, user pages, compliance.

What each line may be, and what it becomes:
- a **response page** (`data` list + `includes` users/tweets/media/places/polls, `errors`, `meta`, `__twarc`):
  every `data` tweet is a collected Post; every `includes.tweets` entry is a Post kept for context only
  (`collected=False`); every `includes.users` entry is an AccountSnapshot. `errors` are the API's notes about
  missing or suspended resources, not rejects.
- a **filtered-stream line** (`data` one tweet, `includes`, `matching_rules`): as a page of one tweet.
- a **flattened line** (twarc2 `flatten`: one tweet with `author`, `in_reply_to_user`, expanded mentions and
  inline `referenced_tweets[]`): the tweet is collected; inline referenced tweets are context; every inline
  user object is an AccountSnapshot. It gives exactly the rows its unflattened page gives.
- a **counts page** (`twarc2 counts`: `data` = `{start, end, tweet_count}` buckets): nothing to import.
- a **user page** (`data` = user objects) or a flattened user line: AccountSnapshots only (pinned tweets in
  `includes.tweets` are context).
- a **compliance line** (`{"id", "action": "delete", "created_at", "reason"}`): a Deletion. Compliance files do
  not say whether their ids are tweets or users; a file whose name contains "user" (as the X compliance job
  files `users_compliance.jsonl` do) is read as user compliance: the account and all its posts are excluded.
  Every other compliance file deletes tweets. Compliance-stream lines (`data.delete.tweet`,
  `data.user_delete.user`, `user_suspend`, `user_protect`, ...) say which they are.

Times: `observed_at` of posts and snapshots is `__twarc.retrieved_at`. When the retrieval time is unknown (a
bare API response), a user object is taken as observed at the newest `created_at` among the tweets of the
line that carried it (the response cannot have been made before its newest tweet); posts then have no
`observed_at`. A tweet without `created_at` takes the time encoded in its id (see `x_common`); a tweet without
`author_id` from a user's timeline (`__twarc.url` `/2/users/:id/tweets`) is by that user, else by
`x_common.UNKNOWN_AUTHOR`.
A user object without `public_metrics` has unknown counts (None), never zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tweetathon.model import AccountSnapshot, Deletion, Metrics, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, as_int, first_json_value, id_str, iter_json_values, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits
from tweetathon.sources.x_common import (
    PLATFORM,
    UNKNOWN_AUTHOR,
    JSONish,
    as_dict,
    as_list,
    as_str,
    reject,
    snowflake_time,
    status_url,
)

NAME = "twarc2"
DESCRIPTION = ("twarc2 / X API v2 JSON Lines: response pages, flattened tweets, stream lines, user pages, "
               "compliance")
__all__ = ["DESCRIPTION", "NAME", "PLATFORM", "iter_records", "map_record", "sniff"]

_PAGE_START = re.compile(r'^\s*\{\s*"(data|includes|__twarc|matching_rules)"\s*:')
_V2_KEY = re.compile(r'"(author_id|edit_history_tweet_ids|conversation_id|__twarc|username)"\s*:')
_V1_KEY = re.compile(r'"id_str"\s*:')
_EMPTY: JSONish = {}
_TIMELINE = re.compile(r"/2/users/(\d+)/tweets(?:\?|$)")
_COMPLIANCE_STREAM = ("delete", "user_delete", "user_suspend", "user_protect", "user_withheld", "tweet_drop",
                      "drop", "scrub_geo")


# -- sniffing -------------------------------------------------------------------------------------------------

def sniff(head: str, path: Path) -> bool:
    """A twarc2 line: a v2 page, a flattened v2 tweet or user, or a compliance line (never v1.1 `id_str`)."""
    value = first_json_value(head)
    if isinstance(value, dict):
        return _is_v2_object(value)
    first_line = head.lstrip().split("\n", 1)[0]
    if value is None and first_line.startswith("{") and len(first_line) >= len(head.lstrip()) - 1:
        # The first line is longer than the sniffed head (a big response page): judge by its keys.
        return bool((_PAGE_START.match(first_line) or _V2_KEY.search(first_line)) and not _V1_KEY.search(head))
    return False


def _is_v2_object(value: JSONish) -> bool:
    if "id_str" in value or "user" in value or "account" in value or "uri" in value:
        return False
    if "__twarc" in value or "matching_rules" in value:
        return True
    data = value.get("data")
    if isinstance(data, list):
        return all(isinstance(x, dict) and "id" in x for x in data[:5]) and ("includes" in value or "meta" in value
                                                                            or _is_v2_item(data[0] if data else {}))
    if isinstance(data, dict):
        return _is_v2_item(data) or any(k in data for k in _COMPLIANCE_STREAM)
    if value.get("action") == "delete" and "id" in value:
        return True
    return _is_v2_item(value)


def _is_v2_item(value: JSONish) -> bool:
    """A v2 tweet (`id`, `text` and a v2-only field) or user (`id`, `username`)."""
    if "id" not in value:
        return False
    if "text" in value:
        return "edit_history_tweet_ids" in value or "author_id" in value or "conversation_id" in value
    return "username" in value


# -- reading --------------------------------------------------------------------------------------------------

def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    return iter_json_values(path, NAME, limits)


# -- mapping --------------------------------------------------------------------------------------------------

class _Line:
    """What every record mapped from one line shares: provenance and the observation time."""

    __slots__ = ("observed", "prov", "raw", "retrieved", "timeline_of")

    def __init__(self, raw: RawRecord, meta: JSONish) -> None:
        self.raw = raw
        self.retrieved = _time_or_none(meta.get("retrieved_at")) or raw.retrieved_at
        url = as_str(meta.get("url"))
        self.prov = Provenance(NAME, raw.file, raw.line, self.retrieved, url)
        self.observed: datetime | None = self.retrieved
        timeline = _TIMELINE.search(url) if url else None
        # The author of every tweet of a user's own timeline (/2/users/:id/tweets) is that user.
        self.timeline_of = timeline.group(1) if timeline else None


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    """Map one JSON line (see the module docstring). Pure; unexpected shapes become Rejects."""
    value = raw.payload
    if not isinstance(value, dict):
        return [reject(raw, "not a twarc2 record", "expected a JSON object on this line")]
    try:
        return _map_object(raw, value)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return [reject(raw, "unmappable twarc2 record", f"{type(exc).__name__}: {exc}")]


def _map_object(raw: RawRecord, value: JSONish) -> list[Record]:
    line = _Line(raw, as_dict(value.get("__twarc")))
    data = value.get("data")
    if isinstance(data, list):
        return _map_page(data, as_dict(value.get("includes")), line)
    if isinstance(data, dict):
        if "id" in data:
            return _map_page([data], as_dict(value.get("includes")), line)
        return _map_compliance_event(data, line)
    if value.get("action") is not None and "id" in value and "text" not in value:
        return _map_compliance(value, line)
    if "id" in value and "text" in value:
        return _map_flat(value, line)
    if "id" in value and "username" in value:
        snap = _snapshot(value, line.observed or _time_or_none(value.get("created_at")))
        return [snap] if snap else []
    if "data" in value or "errors" in value or "meta" in value:
        return []  # an empty page, or an API error line: nothing to import, nothing wrong with the file
    return [reject(raw, "not a twarc2 record", "no `data`, tweet, user or compliance fields on this line")]


def _map_page(items: list[Any], includes: JSONish, line: _Line) -> list[Record]:
    users = {u["id"]: u for u in as_list(includes.get("users")) if isinstance(u, dict) and "id" in u}
    places = {p["id"]: p for p in as_list(includes.get("places")) if isinstance(p, dict) and "id" in p}
    context = as_list(includes.get("tweets"))
    tweets = [t for t in items if isinstance(t, dict) and "username" not in t and "tweet_count" not in t]
    page_users = [u for u in items if isinstance(u, dict) and "username" in u and "text" not in u]
    if line.observed is None:
        line.observed = _newest(tweets) or _newest(context)
    out: list[Record] = []
    for tweet in tweets:
        out.append(_tweet(tweet, users.get(tweet.get("author_id")), places, line, True))
    for tweet in context:
        if isinstance(tweet, dict):
            out.append(_tweet(tweet, users.get(tweet.get("author_id")), places, line, False))
    for user in [*page_users, *users.values()]:
        snap = _snapshot(user, line.observed)
        if snap is not None:
            out.append(snap)
    return out


def _map_flat(tweet: JSONish, line: _Line) -> list[Record]:
    refs = [r for r in as_list(tweet.get("referenced_tweets")) if isinstance(r, dict) and "text" in r]
    if line.observed is None:
        line.observed = _newest([tweet])
    users: dict[str, JSONish] = {}
    for t in (tweet, *refs):
        _inline_users(t, users)
    out: list[Record] = [_tweet(tweet, as_dict(tweet.get("author")) or None, {}, line, True)]
    for ref in refs:
        out.append(_tweet(ref, as_dict(ref.get("author")) or None, {}, line, False))
    for user in users.values():
        snap = _snapshot(user, line.observed)
        if snap is not None:
            out.append(snap)
    return out


def _inline_users(tweet: JSONish, found: dict[str, JSONish]) -> None:
    """User objects a flattened tweet carries: author, reply target, and mentions expanded with user fields."""
    for key in ("author", "in_reply_to_user"):
        user = tweet.get(key)
        if isinstance(user, dict) and "id" in user:
            found.setdefault(user["id"], user)
    for mention in as_list(as_dict(tweet.get("entities")).get("mentions")):
        if isinstance(mention, dict) and "id" in mention and "name" in mention:
            found.setdefault(mention["id"], {k: v for k, v in mention.items() if k not in ("start", "end")})


def _tweet(t: JSONish, author: JSONish | None, places: dict[str, JSONish], line: _Line,
           collected: bool) -> Post | Reject:
    """One v2 tweet object as a Post (raw = the object as received); a malformed one becomes a Reject."""
    try:
        return _post(t, author, places, line, collected)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return reject(line.raw, "unmappable tweet", f"{type(exc).__name__}: {exc}", t)


def _post(t: JSONish, author: JSONish | None, places: dict[str, JSONish], line: _Line,
          collected: bool) -> Post | Reject:
    post_id = _safe_id(t.get("id"))
    if not post_id or not post_id.isdigit():
        return reject(line.raw, "tweet without id", "a tweet object has no usable string `id`", t)
    created = _time_or_none(t.get("created_at")) or snowflake_time(post_id)
    if created is None:
        return reject(line.raw, "tweet without created_at", f"tweet {post_id} has no `created_at`", t)
    kind, reply_to, repost_of, quote_of = _kind(t.get("referenced_tweets"))
    author_id = (_safe_id(t.get("author_id")) or (_safe_id(author.get("id")) if author else None)
                 or line.timeline_of or UNKNOWN_AUTHOR)
    handle = _str(author.get("username")) if author else None
    note = t.get("note_tweet")
    entities = (note.get("entities") if note else None) or t.get("entities") or _EMPTY
    edits = t.get("edit_history_tweet_ids")
    attachments = t.get("attachments") or _EMPTY
    hashtags, mentions, urls = _entities(entities)
    return Post(
        platform=PLATFORM, post_id=post_id, created_at=created, author_id=author_id, author_handle=handle,
        text=_str((note.get("text") if note else None) or t.get("text")) or "", kind=kind,
        url=status_url(handle, post_id), lang=_str(t.get("lang")), in_reply_to_post_id=reply_to,
        in_reply_to_author_id=_safe_id(t.get("in_reply_to_user_id")),
        conversation_id=_safe_id(t.get("conversation_id")), repost_of_id=repost_of, quote_of_id=quote_of,
        hashtags=hashtags, mentions=mentions, urls=urls,
        media_count=len(attachments.get("media_keys") or attachments.get("media") or ()),
        metrics=_metrics(t.get("public_metrics")), author_followers=_followers(author),
        observed_at=line.retrieved, collected=collected, withheld=bool(t.get("withheld")),
        edit_of_id=edits[0] if edits and isinstance(edits[0], str) and edits[0] != post_id else None,
        place_country=_country(t.get("geo"), places), source_format=NAME, raw=t, provenance=line.prov)


def _entities(entities: JSONish) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(hashtags, mentions, expanded urls) from v2 `entities`: lower-case, no '#'/'@', distinct, in order."""
    tags = entities.get("hashtags")
    names = entities.get("mentions")
    links = entities.get("urls")
    return (tuple(dict.fromkeys(h["tag"].casefold() for h in tags)) if tags else (),
            tuple(dict.fromkeys(m["username"].casefold() for m in names)) if names else (),
            tuple(dict.fromkeys(u.get("expanded_url") or u["url"] for u in links)) if links else ())


def _kind(refs: Any) -> tuple[str, str | None, str | None, str | None]:
    """(kind, in_reply_to_post_id, repost_of_id, quote_of_id); a reply that also quotes is a reply."""
    if not refs:
        return "original", None, None, None
    reply_to = repost_of = quote_of = None
    for ref in refs:
        kind, ref_id = ref["type"], _safe_id(ref["id"])
        if kind == "retweeted":
            repost_of = ref_id
        elif kind == "quoted":
            quote_of = ref_id
        elif kind == "replied_to":
            reply_to = ref_id
    if repost_of:
        return "repost", reply_to, repost_of, quote_of
    if reply_to:
        return "reply", reply_to, None, quote_of
    return ("quote" if quote_of else "original"), None, None, quote_of


def _metrics(pm: Any) -> Metrics:
    if not pm:
        return Metrics()
    return Metrics(likes=_int(pm.get("like_count")), reposts=_int(pm.get("retweet_count")),
                   replies=_int(pm.get("reply_count")), quotes=_int(pm.get("quote_count")),
                   impressions=_int(pm.get("impression_count")), bookmarks=_int(pm.get("bookmark_count")))


def _int(value: Any) -> int | None:
    return value if type(value) is int else as_int(value)


def _str(value: Any) -> str | None:
    return value if type(value) is str else None


def _followers(user: JSONish | None) -> int | None:
    if not user:
        return None
    pm = user.get("public_metrics")
    return _int(pm.get("followers_count")) if pm else None


def _country(geo: Any, places: dict[str, JSONish]) -> str | None:
    """The country of a tweet's place: from `includes.places`, or inline (flattened lines)."""
    if not geo:
        return None
    place = places.get(geo.get("place_id")) or geo
    code = _str(place.get("country_code"))
    return code.upper()[:2] if code else None


def _snapshot(user: JSONish, observed: datetime | None) -> AccountSnapshot | None:
    """A v2 user object as an AccountSnapshot; None when it has no id or no observation time is known."""
    account_id = id_str(user.get("id"))
    if not account_id or observed is None:
        return None
    pm = as_dict(user.get("public_metrics"))
    handle = as_str(user.get("username"))
    verified = user.get("verified")
    return AccountSnapshot(
        platform=PLATFORM, account_id=account_id, handle=handle, observed_at=observed,
        name=as_str(user.get("name")), description=as_str(user.get("description")),
        location=as_str(user.get("location")), followers=as_int(pm.get("followers_count")),
        following=as_int(pm.get("following_count")), posts=as_int(pm.get("tweet_count")),
        created_at=_time_or_none(user.get("created_at")),
        verified=verified if isinstance(verified, bool) else None,
        url=f"https://twitter.com/{handle}" if handle else None, source_format=NAME, raw=user)


def _map_compliance(value: JSONish, line: _Line) -> list[Record]:
    """A compliance-job line. Tweet or user: see the module docstring (decided by the file name)."""
    target_id = id_str(value.get("id"))
    if value.get("action") != "delete":
        return [reject(line.raw, "unsupported compliance action",
                       f"action {value.get('action')!r}; only 'delete' is known")]
    if not target_id:
        return [reject(line.raw, "compliance record without id", "a compliance line needs the `id` it concerns")]
    target = "account" if "user" in Path(line.raw.file).name.lower() else "post"
    return [Deletion(PLATFORM, target_id, target, str(value.get("reason") or "delete"),  # type: ignore[arg-type]
                     _time_or_none(value.get("created_at")), NAME)]


def _map_compliance_event(data: JSONish, line: _Line) -> list[Record]:
    """A compliance-stream event: `{"delete": {"tweet": {"id": ...}, "event_at": ...}}` and the user events."""
    for event, body in data.items():
        body = as_dict(body)
        at = _time_or_none(body.get("event_at"))
        tweet, user = as_dict(body.get("tweet")), as_dict(body.get("user"))
        if event in ("delete", "drop", "tweet_drop") and tweet.get("id"):
            return [Deletion(PLATFORM, str(tweet["id"]), "post", event, at, NAME)]
        if event.startswith("user_") and user.get("id") and event != "user_withheld":
            return [Deletion(PLATFORM, str(user["id"]), "account", event, at, NAME)]
        if event in _COMPLIANCE_STREAM:
            return []
    return [reject(line.raw, "not a twarc2 record", "`data` is neither a tweet, a user nor a compliance event")]


def _safe_id(value: Any) -> str | None:
    """An id as a string, or None when absent or unusable (a float has lost precision; an object is no id)."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _newest(tweets: list[Any]) -> datetime | None:
    times = [t for t in (_time_or_none(as_dict(x).get("created_at")) for x in tweets) if t is not None]
    return max(times) if times else None


def _time_or_none(value: Any) -> datetime | None:
    """parse_time, but a malformed or non-text time is unknown rather than an error."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    try:
        return parse_time(value)
    except (ValueError, OverflowError, OSError):
        return None
