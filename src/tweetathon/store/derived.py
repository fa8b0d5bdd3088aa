"""What tweetathon derived from a post's words (translation, the reasons beside its themes and sentiment) goes
when the post's text is purged: the translation row is deleted, and the `why` texts (which may quote the post's
words) are blanked. The labels stay, so the figures that count them do not change."""

from __future__ import annotations

import json

from sqlalchemy import Connection, Exists, Table, and_, delete, exists, select, update

from tweetathon.store.schema import post_sentiment, post_themes, post_translations, posts


def _purged(table: Table) -> Exists:
    c = table.c
    return exists().where(and_(posts.c.platform == c.platform, posts.c.post_id == c.post_id,
                               posts.c.purged_at.is_not(None)))


def forget_purged(conn: Connection) -> int:
    """Remove translations and blank the reasons of every purged post; returns the translations deleted."""
    deleted = conn.execute(delete(post_translations).where(_purged(post_translations)))
    conn.execute(update(post_sentiment).where(_purged(post_sentiment), post_sentiment.c.abusive_why != "")
                 .values(abusive_why=""))
    rows = conn.execute(select(post_themes.c.platform, post_themes.c.post_id, post_themes.c.themes).where(
        _purged(post_themes), post_themes.c.purpose_why != "")).all()
    for platform, post_id, themes in rows:
        kept = json.dumps([{"theme": t["theme"], "why": ""} for t in json.loads(themes)])
        conn.execute(update(post_themes).where(post_themes.c.platform == platform, post_themes.c.post_id == post_id)
                     .values(purpose_why="", themes=kept))
    return int(deleted.rowcount or 0)
