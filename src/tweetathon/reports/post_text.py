"""A post's text as safe segments (plain text, links, #hashtags, @mentions) and platform URLs.

Pure functions. Segments carry text only; renderers escape it (Jinja2 autoescape for HTML, `md_escape` for
Markdown). Only http(s) URLs ever become links. Bidirectional override and isolate controls (U+202A–U+202E,
U+2066–U+2069) and other invisible control characters are shown as visible `[U+202E]` markers, so a post
cannot reorder what follows it or hide text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from tweetathon.enrich.text import HASHTAG_RE, MENTION_RE, URL_RE

_TRAILING = ".,;:!?)]}'\"…"
_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200d\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a post's text: kind 'text', 'url', 'hashtag' or 'mention'; `href` is None for plain text."""

    kind: str
    text: str
    href: str | None = None


def visible_controls(text: str) -> str:
    """Replace direction overrides and invisible controls with visible markers such as '[U+202E]'."""
    return _CONTROLS_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def safe_href(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL with a host, else None (never `javascript:` or `data:`)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in "\"<> \n"):
        return None
    return url.strip()


def instance_of(url: str | None) -> str | None:
    """The host of a post's URL ('mastodon.social'), for Mastodon links relative to the viewer's instance."""
    href = safe_href(url)
    return urlsplit(href).hostname if href else None


def profile_url(platform: str, handle: str | None, post_url: str | None = None) -> str | None:
    """The public profile of `handle` on `platform` (a Mastodon handle may be 'user' or 'user@instance')."""
    name = (handle or "").lstrip("@")
    if not name:
        return None
    if platform == "x":
        return f"https://x.com/{quote(name, safe='')}"
    if platform == "bluesky":
        return f"https://bsky.app/profile/{quote(name, safe='')}"
    if platform == "mastodon":
        user, _, host = name.partition("@")
        host = host or (instance_of(post_url) or "")
        if not host or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
            return None
        return f"https://{host}/@{quote(user, safe='')}"
    return None


def hashtag_url(platform: str, tag: str, post_url: str | None = None) -> str | None:
    """Where a #hashtag's posts are listed on `platform` (Mastodon: on the post's own instance)."""
    if platform == "x":
        return f"https://x.com/hashtag/{quote(tag, safe='')}"
    if platform == "bluesky":
        return f"https://bsky.app/hashtag/{quote(tag, safe='')}"
    host = instance_of(post_url)
    if platform == "mastodon" and host:
        return f"https://{host}/tags/{quote(tag, safe='')}"
    return None


MentionName = Callable[[str], str | None]
"""Given a mentioned handle, the pseudonym to show instead (None: show the handle)."""


def segments(text: str, platform: str, post_url: str | None = None,
             pseudonym_for: MentionName | None = None) -> list[Segment]:
    """Split `text` into plain text and links: URLs (http/https), #hashtags and @mentions, left to right.

    A URL wins over a mention or hashtag inside it. A mention that `pseudonym_for` maps to a pseudonym is shown
    as that pseudonym, without a link.
    """
    text = visible_controls(text)
    spans = _entity_spans(text)
    out: list[Segment] = []
    position = 0
    for start, end, kind in spans:
        if start > position:
            out.append(Segment("text", text[position:start]))
        out.append(_entity(kind, text[start:end], platform, post_url, pseudonym_for))
        position = end
    if position < len(text):
        out.append(Segment("text", text[position:]))
    return out


def _entity_spans(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for match in URL_RE.finditer(text):
        url = match.group().rstrip(_TRAILING)
        found.append((match.start(), match.start() + len(url), "url"))
    for kind, regex in (("mention", MENTION_RE), ("hashtag", HASHTAG_RE)):
        for match in regex.finditer(text):
            found.append((match.start(), match.end(), kind))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _entity(kind: str, raw: str, platform: str, post_url: str | None,
            pseudonym_for: MentionName | None) -> Segment:
    if kind == "url":
        href = safe_href(raw)
        return Segment("url" if href else "text", raw, href)
    name = raw.lstrip("@#＃")
    if kind == "hashtag":
        return Segment("hashtag", raw, hashtag_url(platform, name, post_url))
    alias = pseudonym_for(name) if pseudonym_for else None
    if alias is not None:
        return Segment("text", alias)
    return Segment("mention", raw, profile_url(platform, name, post_url))
