"""Translating an event's posts and keeping the translations beside them (`post_translations`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select

from tweetathon.enrich.translate.base import Backend, backend_for, label
from tweetathon.store.event_data import by_platform, texts_of
from tweetathon.store.schema import post_translations
from tweetathon.store.store import Store

BATCH = 200
Key = tuple[str, str]


@dataclass
class TranslationSummary:
    """Per source language: posts translated and the backend's label, or no backend."""

    translated: dict[str, tuple[int, str]] = field(default_factory=dict)
    no_backend: dict[str, int] = field(default_factory=dict)


def translated_keys(conn: Connection, keys: Sequence[Key], target: str) -> set[Key]:
    c = post_translations.c
    found: set[Key] = set()
    for platform, chunk in by_platform(keys):
        query = select(c.post_id).where(c.platform == platform, c.target == target, c.post_id.in_(chunk))
        found.update((platform, str(i)) for (i,) in conn.execute(query))
    return found


def read_translations(conn: Connection, keys: Sequence[Key], target: str) -> dict[Key, tuple[str, str]]:
    """(translated text, backend label) of the given posts into `target`."""
    c = post_translations.c
    found: dict[Key, tuple[str, str]] = {}
    for platform, chunk in by_platform(keys):
        query = select(c.post_id, c.text, c.backend).where(c.platform == platform, c.target == target,
                                                          c.post_id.in_(chunk))
        found.update(((platform, str(i)), (t, b)) for i, t, b in conn.execute(query))
    return found


def _translate_language(store: Store, keys: Sequence[Key], backend: Backend, source: str, target: str) -> None:
    shown = label(backend, source, target)
    for start in range(0, len(keys), BATCH):
        batch = list(keys[start:start + BATCH])
        with store.engine.connect() as conn:
            texts = texts_of(conn, batch)
        done = backend.translate([texts.get(k, "") for k in batch], source, target)
        now = datetime.now(UTC)
        with store.engine.begin() as conn:
            conn.execute(insert(post_translations), [
                {"platform": p, "post_id": i, "target": target, "source_lang": source, "text": text,
                 "backend": shown, "translated_at": now} for (p, i), text in zip(batch, done, strict=True)])


def translate_posts(store: Store, by_language: dict[str, list[Key]], backends: Sequence[Backend],
                    target: str = "en") -> TranslationSummary:
    """Translate the given posts (grouped by source language) into `target` with the first backend that has
    the pair; posts already translated into `target` are skipped; a language with no backend is reported."""
    summary = TranslationSummary()
    for source, keys in sorted(by_language.items()):
        if source == target:
            continue
        with store.engine.connect() as conn:
            done = translated_keys(conn, keys, target)
        pending = [k for k in keys if k not in done]
        backend = backend_for(backends, source, target)
        if backend is None:
            summary.no_backend[source] = len(pending)
            continue
        _translate_language(store, pending, backend, source, target)
        summary.translated[source] = (len(pending), label(backend, source, target))
    return summary
