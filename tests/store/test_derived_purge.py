"""A purged post's translation goes and the reasons beside its themes and sentiment are blanked; labels stay."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from tweetathon.model import Post
from tweetathon.store.purge import purge_deleted
from tweetathon.store.schema import post_sentiment, post_themes, post_translations, posts
from tweetathon.store.store import Store

T0 = datetime(2013, 3, 22, 9, tzinfo=UTC)


def test_purge_forgets_what_was_derived_from_the_words(store: Store) -> None:
    store.write_batch([Post("x", i, T0, "1", "a", f"Buscamos testigos, llame a Juan Pérez {i}", lang="es",
                            source_format="test") for i in ("1", "2")])
    with store.engine.begin() as conn:
        for i in ("1", "2"):
            conn.execute(insert(post_translations).values(platform="x", post_id=i, target="en", source_lang="es",
                                                          text=f"We look for witnesses, call Juan Pérez {i}",
                                                          backend="machine translation (Apertium es→en)",
                                                          translated_at=T0))
            conn.execute(insert(post_sentiment).values(platform="x", post_id=i, label="negative", score=-0.5,
                                                       method="m", abusive=True, abusive_why="idiot", scored_at=T0))
            conn.execute(insert(post_themes).values(platform="x", post_id=i, purpose="appeal",
                                                    purpose_why="model: terms juan, pérez",
                                                    themes=json.dumps([{"theme": "appeal", "why": "keyword"}]),
                                                    model="shipped", classified_at=T0))
        conn.execute(update(posts).where(posts.c.post_id == "1").values(deleted=True))
    purge_deleted(store)
    with store.engine.connect() as conn:
        translated = [r.post_id for r in conn.execute(select(post_translations))]
        sentiment = {r.post_id: (r.label, r.abusive, r.abusive_why) for r in conn.execute(select(post_sentiment))}
        themes = {r.post_id: (r.purpose, r.purpose_why, json.loads(r.themes))
                  for r in conn.execute(select(post_themes))}
    assert translated == ["2"]
    assert sentiment == {"1": ("negative", True, ""), "2": ("negative", True, "idiot")}
    assert themes["1"] == ("appeal", "", [{"theme": "appeal", "why": ""}])
    assert themes["2"][1] == "model: terms juan, pérez"
