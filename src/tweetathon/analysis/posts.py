"""Posts by kind (docs/figures.md#posts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tweetathon.store.event_data import POST_KEY, PostRow

KIND_KEYS = {"original": "originals", "reply": "replies", "quote": "quotes", "repost": "reposts"}


def kind_of(row: PostRow) -> str:
    """The counted kind, as the importers set it (a reply that also quotes counts as a reply)."""
    return row.kind


def post_counts(event_posts: Iterable[PostRow]) -> dict[str, int]:
    """Distinct event posts by (platform, post id): `total`, `originals`, `replies`, `quotes`, `reposts`."""
    counts = {"total": 0, "originals": 0, "replies": 0, "quotes": 0, "reposts": 0}
    rows = tuple(event_posts)
    if len(set(map(POST_KEY, rows))) == len(rows):  # distinct already (event posts always are)
        kinds = Counter(kind_of(row) for row in rows)
    else:
        first: dict[tuple[str, str], str] = {}
        for row in rows:
            first.setdefault((row.platform, row.post_id), kind_of(row))
        kinds = Counter(first.values())
    for kind, n in kinds.items():
        counts["total"] += n
        key = KIND_KEYS.get(kind)
        if key:
            counts[key] += n
    return counts
