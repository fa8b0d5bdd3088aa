"""The reads the impact report needs beyond the figures: the top posts of an event, with their text and links.

Figures come from `tweetathon.analysis` (which reads through `store/event_data.py`); this module only adds the
columns figures never need (text, URL, engagement counts, the author's display name). Deleted posts and posts
only seen as references are never returned, nor withheld posts (their text may be purged).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, func, select, true

from tweetathon.store.event_data import by_platform
from tweetathon.store.schema import accounts, posts


@dataclass(frozen=True, slots=True)
class TopPost:
    """One post as the report shows it. Counts are None when the platform did not say."""

    platform: str
    post_id: str
    created_at: datetime
    author_id: str
    author_handle: str | None
    author_name: str | None
    text: str
    kind: str
    url: str | None
    likes: int | None
    reposts: int | None
    replies: int | None
    quotes: int | None
    impressions: int | None

    @property
    def engagement(self) -> int:
        """Likes + reposts + replies + quotes (unknown counts add nothing)."""
        return sum(n or 0 for n in (self.likes, self.reposts, self.replies, self.quotes))


def top_posts(conn: Connection, event_keys: Collection[tuple[str, str]], start: datetime, end: datetime,
              limit: int = 10) -> list[TopPost]:
    """The `limit` event posts (among `event_keys`, created in [start, end)) with the most engagement
    (likes + reposts + replies + quotes), then the most impressions, then the earliest. Reposts are left out:
    their counts belong to the post they repeat."""
    if limit <= 0 or not event_keys:
        return []
    c = posts.c
    engagement = (func.coalesce(c.likes, 0) + func.coalesce(c.reposts, 0) + func.coalesce(c.replies, 0)
                  + func.coalesce(c.quotes, 0))
    ranked = (select(c.platform, c.post_id)
              .where(c.collected == true(), c.deleted == False, c.withheld == False,  # noqa: E712
                     c.kind != "repost",
                     c.created_at >= start, c.created_at < end)
              .order_by(engagement.desc(), func.coalesce(c.impressions, -1).desc(), c.created_at, c.platform,
                        c.post_id))
    chosen: list[tuple[str, str]] = []
    result = conn.execution_options(stream_results=True, yield_per=1000).execute(ranked)
    try:
        for platform, post_id in result:
            if (platform, post_id) in event_keys:
                chosen.append((platform, post_id))
                if len(chosen) >= limit:
                    break
    finally:
        result.close()
    return _details(conn, chosen)


def _details(conn: Connection, keys: list[tuple[str, str]]) -> list[TopPost]:
    """The shown columns of the chosen posts, in the order given."""
    if not keys:
        return []
    c = posts.c
    shown = (select(c.platform, c.post_id, c.created_at, c.author_id, c.author_handle, accounts.c.name, c.text,
                    c.kind, c.url, c.likes, c.reposts, c.replies, c.quotes, c.impressions)
             .outerjoin(accounts, and_(accounts.c.platform == c.platform, accounts.c.account_id == c.author_id)))
    found: dict[tuple[str, str], TopPost] = {}
    for platform, chunk in by_platform(keys):
        rows = conn.execute(shown.where(c.platform == platform, c.post_id.in_(chunk)))
        found.update({(row[0], row[1]): TopPost(*tuple(row)) for row in rows})
    return [found[k] for k in keys if k in found]
