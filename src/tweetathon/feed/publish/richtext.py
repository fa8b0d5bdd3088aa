"""Bluesky rich text: facets for #hashtags, @mentions and links, with byte offsets into the UTF-8 text (as the
`app.bsky.richtext.facet` lexicon requires), and the record key (TID) an outbox row always maps to."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tweetathon.enrich.text import HASHTAG_RE, URL_RE

_MENTION_RE = re.compile(r"(?:(?<=^)|(?<=[^\w@.]))@([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+)")
_TRAILING = ".,;:!?)]}'\"…"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _byte_span(text: str, start: int, end: int) -> dict[str, int]:
    return {"byteStart": len(text[:start].encode()), "byteEnd": len(text[:end].encode())}


def _facet(text: str, start: int, end: int, feature: dict[str, Any]) -> dict[str, Any]:
    return {"index": _byte_span(text, start, end), "features": [feature]}


def facets(text: str, resolve: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """Facets in order of position. `resolve` turns a handle into its DID (None: not a Bluesky account, no
    facet)."""
    found = []
    for m in URL_RE.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        found.append(_facet(text, m.start(), m.start() + len(url), {"$type": "app.bsky.richtext.facet#link",
                                                                     "uri": url}))
    for m in HASHTAG_RE.finditer(text):
        found.append(_facet(text, m.start(), m.end(), {"$type": "app.bsky.richtext.facet#tag", "tag": m.group(1)}))
    for m in _MENTION_RE.finditer(text):
        did = resolve(m.group(1).lower())
        if did:
            found.append(_facet(text, m.start(), m.end(), {"$type": "app.bsky.richtext.facet#mention", "did": did}))
    found.sort(key=lambda f: f["index"]["byteStart"])
    return _without_overlaps(found)


def _without_overlaps(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for item in items:
        if not kept or item["index"]["byteStart"] >= kept[-1]["index"]["byteEnd"]:
            kept.append(item)
    return kept


def tid(created_at: datetime, clock_id: int) -> str:
    """A TID (timestamp identifier, 13 characters of base32-sortable) from a time and a 10-bit clock id: the
    record key of an outbox row is tid(its creation time, its id), so a retry names the same record."""
    micros = (created_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    value = (micros << 10) | (clock_id % 1024)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))
