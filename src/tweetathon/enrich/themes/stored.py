"""Purposes and themes stored per post (`post_themes`): written by `tweetathon themes apply`, read by figures."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from tweetathon.enrich.themes.catalog import Theme
from tweetathon.enrich.themes.classify import Classification, ThemeLabel, classify
from tweetathon.enrich.themes.model import ThemesModel
from tweetathon.store.event_data import by_platform, texts_of
from tweetathon.store.schema import post_themes
from tweetathon.store.store import Store

BATCH = 2000


@dataclass(frozen=True, slots=True)
class StoredThemes:
    """A post's stored purpose and themes (with why)."""

    purpose: str | None
    purpose_why: str
    themes: tuple[ThemeLabel, ...]


def _row(key: tuple[str, str], found: Classification, model_name: str, now: datetime) -> dict[str, object]:
    themes = [{"theme": t.theme, "why": t.why} for t in found.themes]
    return {"platform": key[0], "post_id": key[1], "purpose": found.purpose, "purpose_why": found.purpose_why,
            "themes": json.dumps(themes, ensure_ascii=False), "model": model_name, "classified_at": now}


def _replace(conn: Connection, rows: Sequence[dict[str, object]]) -> None:
    for platform, chunk in by_platform([(str(r["platform"]), str(r["post_id"])) for r in rows]):
        conn.execute(delete(post_themes).where(post_themes.c.platform == platform,
                                               post_themes.c.post_id.in_(chunk)))
    conn.execute(insert(post_themes), list(rows))


def apply_themes(store: Store, keys: Sequence[tuple[str, str]], model: ThemesModel, model_name: str,
                 event_themes: Sequence[Theme] = ()) -> int:
    """Classify the given posts and store purpose and themes (replacing earlier ones), a batch per
    transaction. Returns the number of posts classified."""
    now = datetime.now(UTC)
    for start in range(0, len(keys), BATCH):
        batch = list(keys[start:start + BATCH])
        with store.engine.connect() as conn:
            texts = texts_of(conn, batch)
        found = classify([texts.get(k, "") for k in batch], model, event_themes)
        with store.engine.begin() as conn:
            _replace(conn, [_row(k, f, model_name, now) for k, f in zip(batch, found, strict=True)])
    return len(keys)


def read_themes(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], StoredThemes]:
    """The stored purpose and themes of the given posts (posts never classified are left out)."""
    c = post_themes.c
    found: dict[tuple[str, str], StoredThemes] = {}
    for platform, chunk in by_platform(keys):
        query = select(c.post_id, c.purpose, c.purpose_why, c.themes).where(c.platform == platform,
                                                                           c.post_id.in_(chunk))
        for post_id, purpose, why, themes in conn.execute(query):
            labels = tuple(ThemeLabel(t["theme"], t["why"]) for t in json.loads(themes))
            found[(platform, str(post_id))] = StoredThemes(purpose, why, labels)
    return found
