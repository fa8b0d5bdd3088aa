"""Figures of an event, as a Python API (see docs/figures-api.md and the definitions in docs/figures.md).

    from tweetathon import analysis
    figs = analysis.figures("tweetathon.db", "poltwt")          # the JSON of `tweetathon figures --json`
    scope = analysis.event_scope("tweetathon.db", "poltwt")     # event posts, participants, windows
    analysis.posts_per_hour(scope.event_posts, zone="Europe/London")
    analysis.write_gexf(analysis.interaction_graph(scope), "poltwt.gexf")

Every family function is pure over explicit inputs (`Scope`, rows, observations); `event_scope` and `figures`
are the only ones that read the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from tweetathon.analysis.accounts import country_figure, participant_counts, posts_per_participant
from tweetathon.analysis.figures import DEFINITIONS, answers_per_question, headline_figures
from tweetathon.analysis.health import capture_health
from tweetathon.analysis.languages import language_figure
from tweetathon.analysis.network import interaction_graph, network_summary, write_gexf
from tweetathon.analysis.posts import post_counts
from tweetathon.analysis.questions import median, p90, public_questions
from tweetathon.analysis.reach import follower_growth, measured_impressions, potential_impressions, potential_reach
from tweetathon.analysis.scope import Scope, build_scope, event_windows, span
from tweetathon.analysis.speed import gc_paused
from tweetathon.analysis.timing import peak, posts_per_hour
from tweetathon.model import ChatSession, Event
from tweetathon.store.event_data import EventData, ParticipantInfo, load_event_data, load_event_data_staged
from tweetathon.store.store import Store

__all__ = [
    "DEFINITIONS", "EventNotFound", "Scope", "answers_per_question", "capture_health", "country_figure",
    "event_scope", "figures", "follower_growth", "headline_figures", "interaction_graph", "language_figure",
    "measured_impressions", "median", "network_summary", "p90", "participant_counts", "peak", "post_counts",
    "posts_per_hour", "posts_per_participant", "potential_impressions", "potential_reach", "public_questions",
    "write_gexf",
]

StoreOrDb = Store | str | None


class EventNotFound(LookupError):
    """No event with that slug in the store."""


@contextmanager
def _opened(store_or_db: StoreOrDb) -> Iterator[Store]:
    if isinstance(store_or_db, Store):
        yield store_or_db
        return
    store = Store.open(store_or_db)
    try:
        yield store
    finally:
        store.close()


def _span(event: Event, people: tuple[ParticipantInfo, ...],
          sessions: tuple[ChatSession, ...]) -> tuple[datetime, datetime] | None:
    return span(event_windows(event, people, sessions))


def event_scope(store_or_db: StoreOrDb, slug: str) -> Scope:
    """Read the event `slug` from a Store (or a database path/URL) and select its event posts."""
    with _opened(store_or_db) as store, gc_paused():
        event = store.get_event(slug)
        if event is None:
            raise EventNotFound(slug)
        with store.engine.connect() as conn:
            data = load_event_data(conn, event, _span, with_text=event.kind == "chat")
        return build_scope(data)


def missing_languages(scope: Scope) -> list[tuple[str, str]]:
    """Event posts (reposts excepted) whose language has not been detected yet."""
    return [r.key for r in scope.event_posts if r.lang_detected is None and r.kind != "repost"]


def _completed(scope: Scope, complete: Callable[[], EventData]) -> Scope:
    return replace(scope, data=complete())


def figures(store_or_db: StoreOrDb, slug: str, *, zone: str | None = None, detect_languages: bool = True,
            progress: Any = None, min_parallel_posts: int | None = None) -> dict[str, Any]:
    """The headline figures of event `slug` (docs/figures.md#json-shape). Languages not yet detected for the
    event's posts are detected and stored first unless `detect_languages` is False (`progress(done, total)`
    is called as detection goes). A large event's figures are computed on two cores (`headline_figures`),
    account snapshots read meanwhile."""
    with _opened(store_or_db) as store:
        with gc_paused(), store.engine.connect() as conn:
            event = store.get_event(slug)
            if event is None:
                raise EventNotFound(slug)
            data, complete = load_event_data_staged(conn, event, _span, with_text=event.kind == "chat")
            scope = build_scope(data)
            missing = missing_languages(scope) if detect_languages else []
            result = None if missing else headline_figures(scope, zone, min_parallel_posts=min_parallel_posts,
                                                            complete=partial(_completed, scope, complete))
            del data, complete, scope  # the event's rows go while the collector is paused (see gc_paused)
            if result is not None:
                return result
        from tweetathon.enrich.language import detect_and_store

        detect_and_store(store, missing, progress=progress)
        with gc_paused():
            scope = event_scope(store, slug)
            result = headline_figures(scope, zone, min_parallel_posts=min_parallel_posts)
            del scope
            return result
