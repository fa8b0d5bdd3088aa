"""Store reads of the live dashboard beyond the analysis reader: the shown columns of a few posts (text, URL,
withheld) and the cheap change token.

`change_token` is `web_reads.state_token`: a few indexed aggregates (max post row id, snapshots, deletions,
import runs, capture-log entries, events and participants), so polling it every tick costs milliseconds even on
a store of a million posts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select

from tweetathon.store.schema import posts
from tweetathon.store.store import Store
from tweetathon.store.web_reads import state_token

change_token = state_token
CHUNK = 400


@dataclass(frozen=True, slots=True)
class ShownPost:
    """What the dashboard may show of a post besides its figures' columns."""

    text: str
    url: str | None
    withheld: bool
    deleted: bool


def _keyed(keys: Iterable[tuple[str, str]]) -> Any:
    by_platform: dict[str, list[str]] = {}
    for platform, post_id in keys:
        by_platform.setdefault(platform, []).append(post_id)
    return or_(*(and_(posts.c.platform == p, posts.c.post_id.in_(ids)) for p, ids in by_platform.items()))


def detected_languages(store: Store, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """`lang_detected` of the posts `keys` (platform, post id), read in chunks."""
    found: dict[tuple[str, str], str | None] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(keys), CHUNK):
            query = select(posts.c.platform, posts.c.post_id, posts.c.lang_detected).where(
                _keyed(keys[start:start + CHUNK]))
            found.update({(r.platform, r.post_id): r.lang_detected for r in conn.execute(query)})
    return found


def shown_posts(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], ShownPost]:
    """The text, URL and withheld/deleted flags of the collected posts `keys` (platform, post id)."""
    wanted = list(keys)
    if not wanted:
        return {}
    query = select(posts.c.platform, posts.c.post_id, posts.c.text, posts.c.url, posts.c.withheld,
                   posts.c.deleted).where(_keyed(wanted), posts.c.collected.is_(True))
    with store.engine.connect() as conn:
        return {(r.platform, r.post_id): ShownPost(r.text or "", r.url, bool(r.withheld), bool(r.deleted))
                for r in conn.execute(query)}
