"""Mastodon statuses as the API returns them: one object, an array, JSON Lines (one status or one page a line).

Also read: a thread context `{"ancestors": [...], "descendants": [...]}`, a search result `{"statuses": [...],
"accounts": [...]}`, and account objects (-> account snapshots only).

Rules (see docs/import-csv-mastodon-bluesky.md):
- `content` is HTML: it becomes plain text (enrich.text.html_to_text) and is never rendered raw. A content
  warning (`spoiler_text`) is kept in front of the text as `CW: <warning>` and a blank line.
- Links are the `href`s of the content's links that are not mentions or hashtags (the visible text is shortened).
- Hashtags from `tags` (lower-case); mentions from `mentions[].acct`, qualified `user@instance` (lower-case):
  an acct without a domain is local to the server that served it, taken from the mention's own `url`, else from
  the status's account `url`, else the status `uri`. Authors are handled the same way.
- `reblog` -> kind `repost` with the reblogged status stored as context (collected=False); the repost carries
  the reblogged text and hashtags (as an X retweet's `RT @user: ...` does). `in_reply_to_id` -> `reply`.
  `quote` (Mastodon 4.5 `{state, quoted_status}` or `{state, quoted_status_id}`; older servers: the quoted
  status itself, or `quote_id`) -> `quote`, the quoted status stored as context. A quote that replies is a reply.
- Edits: the status as served is its latest version (it carries `edited_at`); it replaces any earlier version
  already stored. Entries of an edit history (`/statuses/:id/history`, StatusEdit objects: `content` and
  `created_at` but no `id`) are versions, not posts: each is rejected with a clear reason.
- Deletions: a status served with its source `text` instead of `content` is the server's answer to deleting it
  (DELETE /api/v1/statuses/:id): the post is stored and marked deleted (excluded from public outputs).
- Times: a status has no retrieval time, so its observation time (`observed_at`) is its latest version time
  (`edited_at`, else `created_at`) and the author's AccountSnapshot is observed at the status `created_at`.
  A bare account is observed at its `last_status_at` day, else its `created_at`.
- post_id = the status `id` as served (ids are per server); url = `url` or `uri`; `uri` stays in the raw payload.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tweetathon.enrich.text import extract_hashtags, html_to_text, normalise_hashtag
from tweetathon.model import AccountSnapshot, Deletion, Metrics, Post, Provenance, Record, Reject
from tweetathon.sources.base import RawRecord, as_int, iter_json_values, parse_time
from tweetathon.sources.checks import guarded
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits

NAME = "mastodon"
DESCRIPTION = "Mastodon API statuses, timelines, thread contexts and accounts (object, array or JSON Lines)"
PLATFORM = "mastodon"

_SNIFF_ACCT = re.compile(r'"acct"\s*:\s*"')
_SNIFF_STATUS = re.compile(r'"(content|followers_count|ancestors|descendants)"\s*:')

Json = Mapping[str, Any]


def sniff(head: str, path: Path) -> bool:
    """Mastodon JSON names accounts by `acct`; statuses carry `content`, accounts `followers_count`."""
    return bool(_SNIFF_ACCT.search(head) and _SNIFF_STATUS.search(head))


def iter_records(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    return iter_json_values(path, NAME, limits)


@guarded
def map_record(raw: RawRecord) -> list[Record]:
    """One JSON value (a status, a page of statuses, a context, an account...) -> canonical records."""
    out: list[Record] = []
    for item in _items(raw.payload):
        out.extend(_map_item(item, raw))
    return out


def _items(payload: Any) -> Iterator[Any]:
    """The statuses and accounts inside a page, a context or a search result (or the value itself)."""
    if isinstance(payload, list):
        for value in payload:
            yield from _items(value)
    elif isinstance(payload, dict) and ("ancestors" in payload or "descendants" in payload):
        yield from payload.get("ancestors") or ()
        yield from payload.get("descendants") or ()
    elif isinstance(payload, dict) and "statuses" in payload and "content" not in payload:
        yield from payload.get("statuses") or ()
        yield from payload.get("accounts") or ()
    else:
        yield payload


def _map_item(item: Any, raw: RawRecord) -> list[Record]:
    if not isinstance(item, dict):
        kind = type(item).__name__
        return [Reject(raw.file, raw.line, "not a Mastodon object", f"expected a JSON object, got {kind}")]
    if "account" in item and "id" in item and ("content" in item or "text" in item):
        return status_records(item, raw, collected=True) + _deleted(item)
    if "content" in item and "account" in item:
        return [Reject(raw.file, raw.line, "edit history entry, not a post",
                       "a StatusEdit (one earlier version of a status, without an id) is not imported; the status "
                       "itself (GET /api/v1/statuses/:id) holds the latest version")]
    if "acct" in item and "id" in item:
        return [account_snapshot(item, None, raw.retrieved_at)]
    keys = ", ".join(sorted(item)[:8])
    return [Reject(raw.file, raw.line, "not a Mastodon status or account", f"an object with keys {keys}")]


def _deleted(status: Json) -> list[Record]:
    """A status served with its source `text` instead of `content` is the answer to deleting it."""
    if "content" in status:
        return []
    return [Deletion(PLATFORM, str(status["id"]), reason="deleted (the server's answer to DELETE)",
                     source_format=NAME)]


def status_records(status: Json, raw: RawRecord, collected: bool) -> list[Record]:
    """A status -> its Post, its author's snapshot, and the posts it reblogs or quotes (as context)."""
    host = _serving_host(status)
    reblog = status.get("reblog")
    quoted, quote_id = _quoted(status.get("quote"), status.get("quote_id"))
    out: list[Record] = []
    if isinstance(reblog, dict):
        out.extend(status_records(reblog, raw, collected=False))
    if quoted is not None:
        out.extend(status_records(quoted, raw, collected=False))
    out.insert(0, _post(status, reblog if isinstance(reblog, dict) else None, quote_id, host, raw, collected))
    account = status.get("account")
    if isinstance(account, dict):
        observed = raw.retrieved_at or _time(status.get("created_at"))
        out.insert(1, account_snapshot(account, host, observed))
    return out


def _post(status: Json, reblog: Json | None, quote_id: str | None, host: str | None, raw: RawRecord,
          collected: bool) -> Post:
    body = reblog or status  # a reblog carries the reblogged status's words, like an X retweet
    account: Json = status.get("account") or {}
    created = _time(status.get("created_at"))
    kind = "repost" if reblog else "reply" if status.get("in_reply_to_id") else "quote" if quote_id else "original"
    return Post(
        platform=PLATFORM, post_id=str(status["id"]), created_at=created, author_id=str(account["id"]),
        author_handle=qualified(account.get("acct"), account.get("url"), host), text=plain_text(body),
        kind=kind, url=status.get("url") or status.get("uri"), lang=body.get("language") or None,
        in_reply_to_post_id=_opt_str(status.get("in_reply_to_id")),
        in_reply_to_author_id=_opt_str(status.get("in_reply_to_account_id")),
        repost_of_id=str(reblog["id"]) if reblog else None, quote_of_id=quote_id,
        hashtags=_hashtags(body), mentions=_mentions(body, _serving_host(body) or host),
        urls=content_links(body.get("content")), media_count=len(body.get("media_attachments") or ()),
        metrics=Metrics(likes=as_int(status.get("favourites_count")), reposts=as_int(status.get("reblogs_count")),
                        replies=as_int(status.get("replies_count")), quotes=as_int(status.get("quotes_count"))),
        author_followers=as_int(account.get("followers_count")),
        observed_at=raw.retrieved_at or _time(status.get("edited_at") or status.get("created_at")),
        collected=collected, source_format=NAME, raw=dict(status),
        provenance=Provenance(NAME, raw.file, raw.line, raw.retrieved_at))


def plain_text(status: Json) -> str:
    """The status's words as plain text, its content warning first."""
    content = status.get("content")
    text = html_to_text(content) if content is not None else str(status.get("text") or "").strip()
    warning = (status.get("spoiler_text") or "").strip()
    return f"CW: {warning}\n\n{text}" if warning else text


def account_snapshot(account: Json, host: str | None, observed: datetime | None) -> AccountSnapshot:
    """What an account object says about the account, observed at `observed` (see the module rules)."""
    when = observed or _time(account.get("last_status_at") or account.get("created_at"))
    return AccountSnapshot(
        platform=PLATFORM, account_id=str(account["id"]),
        handle=qualified(account.get("acct"), account.get("url"), host), observed_at=when,
        name=account.get("display_name") or None, description=html_to_text(account.get("note")) or None,
        followers=as_int(account.get("followers_count")), following=as_int(account.get("following_count")),
        posts=as_int(account.get("statuses_count")), created_at=_opt_time(account.get("created_at")),
        url=account.get("url"), source_format=NAME, raw=dict(account))


def qualified(acct: Any, own_url: Any, fallback_host: str | None) -> str | None:
    """`user@instance`, lower-case. An acct without a domain is local to the serving instance."""
    if not acct:
        return None
    name = str(acct).lstrip("@").casefold()
    if "@" in name:
        return name
    host = _host(own_url) or fallback_host
    return f"{name}@{host}" if host else name


def _serving_host(status: Json) -> str | None:
    """The instance that served `status`, as far as the status shows it (its account is local if unqualified)."""
    account = status.get("account") or {}
    acct = str(account.get("acct") or "")
    if acct and "@" not in acct:
        return _host(account.get("url")) or _host(status.get("uri"))
    return None


def _host(url: Any) -> str | None:
    if not url:
        return None
    netloc = urlsplit(str(url)).netloc.casefold()
    return netloc or None


def _quoted(quote: Any, quote_id: Any) -> tuple[Json | None, str | None]:
    """(the quoted status when included, its id) from any of the quote shapes servers have used."""
    if isinstance(quote, dict):
        inner = quote.get("quoted_status")
        if isinstance(inner, dict):
            return inner, str(inner["id"])
        if quote.get("quoted_status_id"):
            return None, str(quote["quoted_status_id"])
        if "content" in quote and "id" in quote:  # older servers: the quoted status itself
            return quote, str(quote["id"])
    return None, _opt_str(quote_id)


def _hashtags(status: Json) -> tuple[str, ...]:
    tags = status.get("tags")
    if tags is None:
        return extract_hashtags(html_to_text(status.get("content")))
    return tuple(dict.fromkeys(normalise_hashtag(str(t.get("name", ""))) for t in tags if t.get("name")))


def _mentions(status: Json, host: str | None) -> tuple[str, ...]:
    found = (qualified(m.get("acct"), m.get("url"), host) for m in status.get("mentions") or ())
    return tuple(dict.fromkeys(m for m in found if m))


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        href = found.get("href")
        if href and href.startswith(("http://", "https://")) and not {"mention", "hashtag"} & set(classes):
            self.links.setdefault(href, None)


def content_links(markup: str | None) -> tuple[str, ...]:
    """The full URLs a status links to (not its mentions or hashtags), in order, distinct."""
    if not markup:
        return ()
    collector = _LinkCollector()
    collector.feed(markup)
    collector.close()
    return tuple(collector.links)


def _time(value: Any) -> datetime:
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError("status has no created_at")
    return parsed


def _opt_time(value: Any) -> datetime | None:
    try:
        return parse_time(value)
    except ValueError:
        return None


def _opt_str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
