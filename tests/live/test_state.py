"""The dashboard's state of a simulated #poltwt, on SQLite and PostgreSQL: mid-import and at the end its figures
are what `tweetathon figures --json` prints for the same store at that moment; the posts it shows are never
withheld or deleted ones, and the public is shown under pseudonyms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import update

from tests.live.sim import Simulated, figures_json, import_files, organise
from tests.web.conftest import BACKENDS, module_store
from tweetathon.analysis import event_scope
from tweetathon.live.state import FAMILIES, live_state, waiting_questions
from tweetathon.organise.windows import local_window
from tweetathon.store import organise as ostore
from tweetathon.store.privacy import set_privacy
from tweetathon.store.schema import posts
from tweetathon.store.store import Store
from tweetathon.web.live_view import counters, encode

NOW = datetime(2013, 3, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module", params=BACKENDS)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             simulated: Simulated) -> Iterator[Store]:
    """A store holding the whole simulated event, once per backend for the module's tests that only read."""
    store = module_store(request, tmp_path_factory)
    organise(store.url, simulated)
    import_files(store.url, simulated.data)
    yield store
    store.close()


def as_json(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value))


def assert_equal_to_cli(store: Store, slug: str) -> dict[str, Any]:
    state = live_state(store, slug, NOW)
    cli = figures_json(store.url, slug)
    for family in FAMILIES:
        assert as_json(state.figures[family]) == cli[family], family
    shown = counters(state)
    assert shown["posts"] == cli["posts"]["total"]
    assert shown["participants_posted"] == cli["participants"]["participants_posted"] == len(state.posted)
    assert shown["languages"] == cli["languages"]["count"]
    assert shown["countries"] == cli["countries"]["count"]
    assert shown["potential_reach"] == cli["potential_reach"]["total"]
    return cli


def test_counters_equal_tweetathon_figures_mid_import_and_at_the_end(store: Store, simulated: Simulated) -> None:
    organise(store.url, simulated)
    import_files(store.url, simulated.part(1))
    halfway = assert_equal_to_cli(store, simulated.slug)
    truth = simulated.truth["figures"]
    assert 0 < halfway["posts"]["total"] < truth["posts"]["total"]
    import_files(store.url, simulated.part(2))
    final = assert_equal_to_cli(store, simulated.slug)
    assert final["posts"] == truth["posts"]
    assert final["participants"] == truth["participants"]
    assert final["potential_reach"]["total"] == truth["potential_reach"]["total"]


def deleted_ids(sim: Simulated) -> set[str]:
    found: set[str] = set()
    for line in (sim.data / "x" / "twarc2-compliance.jsonl").read_bytes().splitlines():
        record = orjson.loads(line)
        found.add(str(record.get("id") or record.get("delete", {}).get("status", {}).get("id_str", "")))
    return found - {""}


def withhold(store: Store, platform: str, post_id: str, withheld: bool) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(posts).where(posts.c.platform == platform, posts.c.post_id == post_id)
                     .values(withheld=withheld))


def test_withheld_and_deleted_posts_are_never_shown(imported: Store, simulated: Simulated) -> None:
    store = imported
    newest = live_state(store, simulated.slug, NOW).latest[0]
    withhold(store, newest.platform, newest.post_id, True)
    try:
        state = live_state(store, simulated.slug, NOW)
    finally:
        withhold(store, newest.platform, newest.post_id, False)
    shown = {p.post_id for p in (*state.latest, *state.latest_named, *(w.post for w in state.waiting))}
    assert newest.post_id not in shown
    assert len(state.latest) == 20
    assert not shown & deleted_ids(simulated)
    assert state.figures["posts"]["total"] == simulated.truth["figures"]["posts"]["total"]  # still counted


def test_the_public_is_pseudonymised_as_the_event_says_and_participants_named(imported: Store,
                                                                            simulated: Simulated) -> None:
    store = imported
    set_privacy(store, simulated.slug, pseudonymise_public=False)
    try:
        named = live_state(store, simulated.slug, NOW)
    finally:
        set_privacy(store, simulated.slug, pseudonymise_public=True)
    assert [p.author for p in named.latest] == [p.author for p in named.latest_named]
    state = live_state(store, simulated.slug, NOW)
    scope = event_scope(store, simulated.slug)
    public_handles = {r.author_handle for r in scope.event_posts if scope.index.of_post(r) is None}
    public = [p for p in state.latest if not p.author.participant]
    assert public and all(p.author.name.startswith("Resident ") and p.url is None for p in public)
    handles = {p.author.handle.lstrip("@").lower() for p in state.latest_named if not p.author.participant}
    assert handles and handles <= public_handles
    payload = encode(state)["public"].decode().lower()
    assert not [h for h in handles if re.search(rf"@{re.escape(h)}\b", payload)]
    participants = [p for p in state.latest if p.author.participant]
    assert participants and all(not p.author.name.startswith("Resident ") for p in participants)


def test_questions_waiting_are_the_unanswered_public_questions(imported: Store, simulated: Simulated) -> None:
    store = imported
    waiting = waiting_questions(event_scope(store, simulated.slug))
    figure = simulated.truth["figures"]["public_questions"]
    assert len(waiting) == figure["questions"] - figure["answered"] > 0
    assert [q.post.created_at for q in waiting] == sorted(q.post.created_at for q in waiting)
    state = live_state(store, simulated.slug, NOW)
    assert state.waiting and state.waiting[0].age_seconds == (NOW - waiting[0].post.created_at).total_seconds()


def test_band_lists_who_is_inside_their_own_window_and_who_is_next(imported: Store, simulated: Simulated) -> None:
    store = imported
    event = store.get_event(simulated.slug)
    assert event is not None
    people = ostore.get_participants(store, simulated.slug, status="approved")
    windows = {f"{p.platform}:{p.handle}": local_window(event, p.zone) for p in people if p.zone}
    for now in (NOW, NOW + timedelta(hours=9), NOW - timedelta(hours=20)):
        band = live_state(store, simulated.slug, now).band
        inside = {k for k, w in windows.items() if w.start <= now < w.end}
        later = [w.start for w in windows.values() if w.start > now]
        assert set(band.now) == inside
        assert band.next_at == (min(later) if later else None)
        assert set(band.next) == {k for k, w in windows.items() if w.start == band.next_at}
    assert band.now == () and band.next  # before anyone starts
