"""Publishing state of an event's outputs: the report and the transcripts are public only once an organiser
publishes them. Each change is audited in the same transaction.

API (stable):
    ITEMS = ("report", "transcripts")
    publish(store, slug, item, *, actor) -> bool        True when it changed (False: already published)
    unpublish(store, slug, item, *, actor) -> bool      True when it changed
    is_published(store, slug, item) -> bool             False for an item never published
    publication_state(store, slug) -> dict[str, bool]   every item of ITEMS
Raises store.organise.UnknownEvent for an unknown slug, ValueError for an unknown item. Audit actions:
`report.publish`, `report.unpublish`, `transcripts.publish`, `transcripts.unpublish`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from tweetathon.audit import record_in
from tweetathon.store.organise import UnknownEvent
from tweetathon.store.schema import publications
from tweetathon.store.store import Store

ITEMS: tuple[str, ...] = ("report", "transcripts")


def _check(store: Store, slug: str, item: str) -> int:
    if item not in ITEMS:
        raise ValueError(f"unknown item {item!r}: use one of {', '.join(ITEMS)}")
    event_id = store.event_id(slug)
    if event_id is None:
        raise UnknownEvent(slug)
    return event_id


def _state(conn: Connection, event_id: int, item: str) -> bool | None:
    found = conn.execute(select(publications.c.published).where(
        publications.c.event_id == event_id, publications.c.item == item)).scalar()
    return None if found is None else bool(found)


def _set(store: Store, slug: str, item: str, published: bool, actor: str) -> bool:
    event_id = _check(store, slug, item)
    values = {"published": published, "updated_at": datetime.now(UTC), "updated_by": actor}
    with store.engine.begin() as conn:
        before = _state(conn, event_id, item)
        if bool(before) == published:
            return False
        if before is None:
            conn.execute(insert(publications).values(event_id=event_id, item=item, **values))
        else:
            conn.execute(update(publications).where(publications.c.event_id == event_id,
                                                    publications.c.item == item).values(**values))
        record_in(conn, actor, f"{item}.{'publish' if published else 'unpublish'}", f"event:{slug}:{item}",
                  {"published": bool(before)}, {"published": published}, event=slug)
    return True


def publish(store: Store, slug: str, item: str, *, actor: str) -> bool:
    return _set(store, slug, item, True, actor)


def unpublish(store: Store, slug: str, item: str, *, actor: str) -> bool:
    return _set(store, slug, item, False, actor)


def is_published(store: Store, slug: str, item: str) -> bool:
    event_id = _check(store, slug, item)
    with store.engine.connect() as conn:
        return bool(_state(conn, event_id, item))


def publication_state(store: Store, slug: str) -> dict[str, bool]:
    return {item: is_published(store, slug, item) for item in ITEMS}
