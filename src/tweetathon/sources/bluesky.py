"""Bluesky (AT Protocol): post records, listRecords pages, post views, feeds, search results, threads, profiles.

Shapes read (one object, an array, or JSON Lines of any of them):
- a record with its address `{uri, cid, value}` (getRecord; the items of listRecords `{records: [...]}`);
- post views `{uri, cid, author, record, embed?, likeCount...}`: searchPosts/getPosts `{posts: [...]}`,
  feeds `{feed: [{post, reply?, reason?}]}`, threads `{thread: {post, parent?, replies: [...]}}`;
- Jetstream commit events `{did, kind: "commit", commit: {collection, rkey, record}}`;
- profiles: getFollows/getFollowers `{follows|followers: [...], subject}`, getProfiles `{profiles}`, one profile.

Rules (see docs/import-csv-mastodon-bluesky.md):
- post_id = the post's at:// uri; author_id = its DID; url = its bsky.app address.
- A bare post record (`{"$type": "app.bsky.feed.post", text, createdAt}`) without its uri cannot be identified
  (the uri is the post's only id): it is rejected with that reason. Records that are not posts or reposts
  (feed generators, likes, follows, ...) are rejected as "not a post".
- Hashtags, mentions and links come from facets (`#tag`, `#mention`, `#link`; byte offsets into the UTF-8 text),
  plus the record's `tags`; without facets, from the text. A mention is the handle the text shows (`@handle`),
  else the DID. lang = langs[0]. createdAt with or without a zone (none = UTC); unknown keys are ignored.
- reply -> `reply` (in_reply_to_post_id = parent uri, in_reply_to_author_id = the parent's DID, conversation_id =
  root uri; an original is its own conversation). An embedded record that is a post (embed.record or
  recordWithMedia) -> `quote`; the embedded post view is stored as context (collected=False).
- A feed item with a repost reason -> `repost` by the reposter, at the reason's time. Its id is the reason's uri
  when present, else `<post uri>#repost-by-<reposter DID>` (deterministic: re-importing adds nothing). The repost
  carries the reposted words and hashtags; the reposted post is context. A repost record
  (app.bsky.feed.repost) -> `repost` with the record's uri.
- Threads: every post in the thread (parents and replies, recursively) is collected.
- Profiles -> AccountSnapshots (counts None when absent), observed at the profile's `indexedAt`, else its
  `createdAt`. Authors of post views -> snapshots observed at the post's createdAt (no retrieval time is known).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tweetathon.enrich.text import extract_hashtags, extract_urls, normalise_hashtag
from tweetathon.model import AccountSnapshot, Metrics, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, as_int, iter_json_values, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits

NAME = "bluesky"
DESCRIPTION = "Bluesky / AT Protocol post records, feeds, search results, threads and profiles (JSON)"
PLATFORM = "bluesky"

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
_SNIFF = re.compile(r'"did:(plc|web):|"\$type"\s*:\s*"app\.bsky\.|"at://did:')
_FRACTION = re.compile(r"(\.\d{6})\d+")
# Bluesky handles are domain names (enrich.text's mention pattern stops at the first dot).
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+)")

Json = Mapping[str, Any]


def sniff(head: str, path: Path) -> bool:
    """AT Protocol JSON: DIDs, at:// uris or app.bsky lexicon types."""
    return bool(_SNIFF.search(head))


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    return iter_json_values(path, NAME, limits)


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    payload = raw.payload
    if isinstance(payload, list):
        return [rec for item in payload for rec in map_record(_child(raw, item))]
    if not isinstance(payload, dict):
        return [_reject(raw, "not a Bluesky object", f"expected a JSON object, got {type(payload).__name__}")]
    for keys, mapper in _CONTAINERS:
        if any(k in payload for k in keys):
            return mapper(payload, raw)
    return _single(payload, raw)


def _single(obj: Json, raw: RawRecord) -> list[Record]:
    if isinstance(obj.get("author"), dict) and isinstance(obj.get("record"), dict):
        return post_view_records(obj, raw, collected=True)
    if isinstance(obj.get("value"), dict) and obj.get("uri"):
        return record_records(str(obj["uri"]), obj["value"], raw)
    if obj.get("kind") == "commit" and isinstance(obj.get("commit"), dict):
        return _jetstream(obj, raw)
    if obj.get("did") and obj.get("handle"):
        return [profile_snapshot(obj, None)]
    if obj.get("$type") == POST:
        return [_reject(raw, "post record without its uri",
                        "a bare app.bsky.feed.post record has no at:// uri, the post's only id; import it as "
                        "getRecord/listRecords give it ({uri, cid, value})")]
    return [_reject(raw, "not a Bluesky post or profile", f"an object with keys {', '.join(sorted(obj)[:8])}")]


def _feed(page: Json, raw: RawRecord) -> list[Record]:
    return [rec for item in page.get("feed") or () for rec in feed_item_records(item, raw)]


def _posts(page: Json, raw: RawRecord) -> list[Record]:
    return [rec for view in page.get("posts") or () for rec in post_view_records(view, raw, collected=True)]


def _records(page: Json, raw: RawRecord) -> list[Record]:
    return [rec for item in page.get("records") or () for rec in map_record(_child(raw, item))]


def _thread(page: Json, raw: RawRecord) -> list[Record]:
    return thread_records(page.get("thread"), raw)


def _profiles(page: Json, raw: RawRecord) -> list[Record]:
    found: list[Any] = []
    for key in ("follows", "followers", "profiles", "actors"):
        found.extend(page.get(key) or ())
    if isinstance(page.get("subject"), dict):
        found.append(page["subject"])
    return [profile_snapshot(p, None) for p in found if isinstance(p, dict) and p.get("did")]


_CONTAINERS = ((("feed",), _feed), (("posts",), _posts), (("records",), _records), (("thread",), _thread),
               (("follows", "followers", "profiles", "actors"), _profiles))


def thread_records(node: Any, raw: RawRecord) -> list[Record]:
    """Every post of a thread view, its parents and all its replies, as collected posts."""
    out: list[Record] = []
    while isinstance(node, dict):
        if isinstance(node.get("post"), dict):
            out.extend(post_view_records(node["post"], raw, collected=True))
        for reply in node.get("replies") or ():
            out.extend(_replies(reply, raw))
        node = node.get("parent")
    return out


def _replies(node: Any, raw: RawRecord) -> list[Record]:
    if not isinstance(node, dict):
        return []
    out = post_view_records(node["post"], raw, collected=True) if isinstance(node.get("post"), dict) else []
    for reply in node.get("replies") or ():
        out.extend(_replies(reply, raw))
    return out


def feed_item_records(item: Json, raw: RawRecord) -> list[Record]:
    """A feed item: the post (collected, or context when it appears because someone reposted it)."""
    reason = item.get("reason") or {}
    reposted = "reasonRepost" in str(reason.get("$type", "")) and isinstance(reason.get("by"), dict)
    out = post_view_records(item["post"], raw, collected=not reposted)
    if reposted:
        out[:0] = _repost_by(reason, item["post"], raw)
    for key in ("root", "parent"):
        context = (item.get("reply") or {}).get(key)
        if isinstance(context, dict) and isinstance(context.get("record"), dict):
            out.extend(post_view_records(context, raw, collected=False))
    return out


def _repost_by(reason: Json, view: Json, raw: RawRecord) -> list[Record]:
    by: Json = reason["by"]
    post_uri = str(view["uri"])
    own_id = str(reason.get("uri") or repost_id(post_uri, str(by["did"])))
    when = bsky_time(reason.get("indexedAt") or view.get("indexedAt"))
    original = _post_from(post_uri, view.get("record") or {}, raw, view.get("author"), collected=False)
    post = Post(
        platform=PLATFORM, post_id=own_id, created_at=when, author_id=str(by["did"]),
        author_handle=by.get("handle"), text=original.text, kind="repost", lang=original.lang,
        url=_web_url(post_uri, None), repost_of_id=post_uri, hashtags=original.hashtags,
        mentions=original.mentions, urls=original.urls, source_format=NAME, raw=dict(reason),
        provenance=_provenance(raw))
    return [post, profile_snapshot(by, when)]


def post_view_records(view: Json, raw: RawRecord, collected: bool) -> list[Record]:
    """A post view: its Post (with metrics), its author's snapshot, and an embedded post as context."""
    if not isinstance(view.get("record") or view.get("value"), dict):
        return []  # notFoundPost / blockedPost: nothing to keep
    record = view.get("record") or view.get("value") or {}
    post = _post_from(str(view["uri"]), record, raw, view.get("author"), collected, view)
    out: list[Record] = [post]
    if isinstance(view.get("author"), dict):
        out.append(profile_snapshot(view["author"], post.created_at))
    for embedded in _embedded_views(view):
        out.extend(post_view_records(embedded, raw, collected=False))
    return out


def _embedded_views(view: Json) -> Iterator[Json]:
    """Post views embedded in a view (`embed` of a post view, `embeds` of an embedded viewRecord)."""
    embeds = [view.get("embed"), *(view.get("embeds") or ())]
    for embed in embeds:
        if not isinstance(embed, dict):
            continue
        inner = embed.get("record")
        if isinstance(inner, dict) and isinstance(inner.get("record"), dict):
            inner = inner["record"]  # recordWithMedia#view wraps a record#view
        if isinstance(inner, dict) and isinstance(inner.get("value"), dict) and f"/{POST}/" in str(inner.get("uri")):
            yield inner


def record_records(uri: str, value: Json, raw: RawRecord) -> list[Record]:
    """A record with its uri: a post, or a repost record; anything else is not a post."""
    kind = value.get("$type")
    if kind == POST or (kind is None and "text" in value and "createdAt" in value):
        return [_post_from(uri, value, raw, None, collected=True)]
    if kind == REPOST and isinstance(value.get("subject"), dict):
        subject = str(value["subject"].get("uri"))
        return [Post(platform=PLATFORM, post_id=uri, created_at=bsky_time(value.get("createdAt")),
                     author_id=did_of(uri), author_handle=None, text="", kind="repost", url=_web_url(subject, None),
                     repost_of_id=subject, source_format=NAME, raw={"uri": uri, "value": dict(value)},
                     provenance=_provenance(raw))]
    return [_reject(raw, "not a post", f"the record {uri} is of type {kind or 'unknown'}, not a post")]


def _jetstream(event: Json, raw: RawRecord) -> list[Record]:
    commit: Json = event["commit"]
    if commit.get("operation") != "create" or not isinstance(commit.get("record"), dict):
        return [_reject(raw, "not a post", f"a Jetstream {commit.get('operation')} of {commit.get('collection')}")]
    uri = f"at://{event['did']}/{commit['collection']}/{commit['rkey']}"
    return record_records(uri, commit["record"], raw)


def _post_from(uri: str, record: Json, raw: RawRecord, author: Any, collected: bool,
               view: Json | None = None) -> Post:
    text = str(record.get("text") or "")
    hashtags, mentions, urls = facet_entities(text, record)
    reply = record.get("reply") or {}
    parent = str((reply.get("parent") or {}).get("uri") or "") or None
    root = str((reply.get("root") or {}).get("uri") or "") or None
    quote = quoted_uri(record.get("embed"))
    kind = "reply" if parent else "quote" if quote else "original"
    view = view or {}
    author = author if isinstance(author, dict) else {}
    return Post(
        platform=PLATFORM, post_id=uri, created_at=bsky_time(record.get("createdAt") or view.get("indexedAt")),
        author_id=str(author.get("did") or did_of(uri)), author_handle=author.get("handle"), text=text, kind=kind,
        url=_web_url(uri, author.get("handle")), lang=(record.get("langs") or [None])[0],
        in_reply_to_post_id=parent, in_reply_to_author_id=did_of(parent) if parent else None,
        conversation_id=root or (None if parent else uri), quote_of_id=quote, hashtags=hashtags,
        mentions=mentions, urls=urls, media_count=media_count(record.get("embed")),
        metrics=Metrics(likes=as_int(view.get("likeCount")), reposts=as_int(view.get("repostCount")),
                        replies=as_int(view.get("replyCount")), quotes=as_int(view.get("quoteCount"))),
        author_followers=as_int(author.get("followersCount")),
        collected=collected, source_format=NAME, raw=dict(view) if view else {"uri": uri, "value": dict(record)},
        provenance=_provenance(raw))


def facet_entities(text: str, record: Json) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(hashtags, mentions, links) from facets, whose byteStart/byteEnd index the UTF-8 bytes of the text."""
    facets = record.get("facets")
    extra_tags = [normalise_hashtag(str(t)) for t in record.get("tags") or ()]
    if not facets:
        return _distinct([*extract_hashtags(text), *extra_tags]), text_mentions(text), extract_urls(text)
    data = text.encode("utf-8")
    tags: list[str] = []
    mentions: list[str] = []
    links: list[str] = []
    for facet in facets:
        index = facet.get("index") or {}
        shown = data[as_int(index.get("byteStart")) or 0: as_int(index.get("byteEnd")) or 0].decode("utf-8", "replace")
        for feature in facet.get("features") or ():
            ftype = str(feature.get("$type", ""))
            if ftype.endswith("#tag") and feature.get("tag"):
                tags.append(normalise_hashtag(str(feature["tag"])))
            elif ftype.endswith("#mention") and feature.get("did"):
                mentions.append(shown[1:].casefold() if shown.startswith("@") else str(feature["did"]))
            elif ftype.endswith("#link") and feature.get("uri"):
                links.append(str(feature["uri"]))
    return _distinct(tags + extra_tags), _distinct(mentions), _distinct(links)


def text_mentions(text: str) -> tuple[str, ...]:
    """@handles written in a text without facets, lower-case, without '@'."""
    return _distinct([m.rstrip(".-").casefold() for m in _HANDLE.findall(text)])


def quoted_uri(embed: Any) -> str | None:
    """The uri of the post a record embeds (app.bsky.embed.record or recordWithMedia), if it embeds a post."""
    if not isinstance(embed, dict):
        return None
    inner = embed.get("record")
    if isinstance(inner, dict) and isinstance(inner.get("record"), dict):
        inner = inner["record"]
    uri = str(inner.get("uri") or "") if isinstance(inner, dict) else ""
    return uri if f"/{POST}/" in uri else None


def media_count(embed: Any) -> int:
    if not isinstance(embed, dict):
        return 0
    if isinstance(embed.get("media"), dict):
        return media_count(embed["media"])
    if isinstance(embed.get("images"), list):
        return len(embed["images"])
    return 1 if "video" in str(embed.get("$type", "")) else 0


def profile_snapshot(profile: Json, observed: datetime | None) -> AccountSnapshot:
    """A profile (basic or detailed) as an AccountSnapshot; counts None when the view does not carry them."""
    when = observed or bsky_time(profile.get("indexedAt") or profile.get("createdAt"))
    return AccountSnapshot(
        platform=PLATFORM, account_id=str(profile["did"]), handle=profile.get("handle"), observed_at=when,
        name=profile.get("displayName") or None, description=profile.get("description") or None,
        followers=as_int(profile.get("followersCount")), following=as_int(profile.get("followsCount")),
        posts=as_int(profile.get("postsCount")), created_at=_opt_time(profile.get("createdAt")),
        url=f"https://bsky.app/profile/{profile.get('handle') or profile['did']}", source_format=NAME,
        raw=dict(profile))


def bsky_time(value: Any) -> datetime:
    """createdAt/indexedAt: ISO 8601 with or without a zone (none = UTC), any number of fractional digits."""
    if not value:
        raise ValueError("no createdAt")
    parsed = parse_time(_FRACTION.sub(r"\1", str(value)))
    if parsed is None:
        raise ValueError(f"unrecognised time {value!r}")
    return parsed


def did_of(uri: str) -> str:
    """The DID (repository) part of an at:// uri."""
    if not uri.startswith("at://"):
        raise ValueError(f"{uri!r} is not an at:// uri")
    return uri[5:].split("/", 1)[0]


def _web_url(uri: str, handle: Any) -> str | None:
    parts = uri[5:].split("/") if uri.startswith("at://") else []
    if len(parts) < 3 or parts[1] != POST:
        return None
    return f"https://bsky.app/profile/{handle or parts[0]}/post/{parts[2]}"


def repost_id(post_uri: str, reposter_did: str) -> str:
    """The deterministic id of a repost seen only as a feed reason without its own uri."""
    return f"{post_uri}#repost-by-{reposter_did}"


def _opt_time(value: Any) -> datetime | None:
    try:
        return bsky_time(value)
    except ValueError:
        return None


def _distinct(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _child(raw: RawRecord, payload: Any) -> RawRecord:
    return RawRecord(payload, raw.file, raw.line, raw.format, raw.retrieved_at)


def _provenance(raw: RawRecord) -> Provenance:
    return Provenance(NAME, raw.file, raw.line, raw.retrieved_at)


def _reject(raw: RawRecord, reason: str, detail: str) -> Reject:
    return Reject(raw.file, raw.line, reason, detail)

