"""Shared by the capture tests: an event in a store, running a Runner until a condition holds."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select

from tweetathon.capture.runner import Runner, Source
from tweetathon.model import Event, Participant
from tweetathon.store.capture import CaptureStore
from tweetathon.store.organise import save_participants
from tweetathon.store.schema import event_posts, posts
from tweetathon.store.store import Store


def add_event(store: Store, slug: str, *hashtags: str) -> CaptureStore:
    store.ensure_event(Event(slug=slug, name=slug, hashtags=hashtags, start=datetime(2020, 1, 1, tzinfo=UTC),
                             end=datetime(2030, 1, 1, tzinfo=UTC)))
    return CaptureStore(store, slug)


def add_participants(store: Store, slug: str, platform: str, approved: Sequence[str],
                     pending: Sequence[str] = ()) -> None:
    """Register participants of the event: `approved` handles approved, `pending` ones not (yet)."""
    items = [(Participant(event=slug, platform=platform, handle=h, status="approved"), "") for h in approved]
    items += [(Participant(event=slug, platform=platform, handle=h, status="pending"), "") for h in pending]
    save_participants(store, slug, items)


def collected_ids(store: Store, platform: str) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(posts.c.post_id).where(
            posts.c.platform == platform, posts.c.collected.is_(True)))]


def event_post_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(event_posts)).scalar_one())


def run_until(capture: CaptureStore, sources: Sequence[Source], done: Callable[[], bool],
              timeout: float = 30.0, once: bool = False) -> Runner:
    """Run the capture in a thread until `done()` (checked every 0.1 s) or the timeout; then stop it cleanly."""
    runner = Runner(capture, sources, once=once)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and thread.is_alive() and not done():
        time.sleep(0.1)
    runner.stop("test finished")
    thread.join(timeout=30)
    assert not thread.is_alive(), "the capture did not stop within 30 s of being asked to"
    return runner


def parse_detail(detail: str) -> dict[str, str]:
    """key=value pairs of a health record's detail."""
    return dict(re.findall(r"(\w+)=(\S+)", detail))
