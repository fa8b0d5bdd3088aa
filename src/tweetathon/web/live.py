"""The live dashboard's hub on the app (one per process, made on first use) and what its pages show.

Routes call `live_hub(request)` for the stream and `live_page(...)` for the server-rendered page; both read the
same `LiveSource`, so a change is computed once whether it is seen by one viewer or by hundreds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import Request

from tweetathon.live.hub import LiveHub, LiveSource, minute_token
from tweetathon.live.state import LiveState, live_state
from tweetathon.organise import mapping
from tweetathon.store.live_reads import change_token
from tweetathon.store.store import Store
from tweetathon.web import pages
from tweetathon.web.context import WebContext
from tweetathon.web.live_view import encode, hour_label, view

_made = threading.Lock()
REFRESH_SECONDS = 10  # the page reloads itself this often when scripts do not run
PAGE_MAX_AGE = 2.0  # a page may show a state computed this long ago (the stream updates it at once)


def compute(store: Store, slug: str) -> LiveState:
    return live_state(store, slug, datetime.now(UTC))


def make_hub(store: Store) -> LiveHub[LiveState]:
    source = LiveSource(partial(compute, store), minute_token(partial(change_token, store)))
    return LiveHub(source, encode)


def live_hub(request: Request) -> LiveHub[LiveState]:
    """The app's hub, made on first use."""
    state = request.app.state
    with _made:
        if getattr(state, "live", None) is None:
            context: WebContext = state.web
            state.live = make_hub(context.store)
    hub: LiveHub[LiveState] = state.live
    return hub


CHART_WIDTH, CHART_HEIGHT = 1000, 200


@dataclass(frozen=True, slots=True)
class Bar:
    """One hour's bar of the posts-per-hour chart (SVG user units), and its label."""

    x: float
    y: float
    width: float
    height: float
    label: str
    posts: int


def bars(hours: list[dict[str, Any]], labels: tuple[str, ...]) -> tuple[Bar, ...]:
    """Bars side by side over the chart's width, heights in proportion to the busiest hour (as live.js draws)."""
    if not hours:
        return ()
    width = CHART_WIDTH / len(hours)
    return tuple(Bar(round(i * width, 2), CHART_HEIGHT - h["percent"] * CHART_HEIGHT / 100, round(width * 0.9, 2),
                     h["percent"] * CHART_HEIGHT / 100, label, h["posts"])
                 for i, (h, label) in enumerate(zip(hours, labels, strict=True)))


@dataclass(frozen=True, slots=True)
class LivePage:
    slug: str
    audience: str
    zone: str
    zone_message: str
    wall: bool
    data: dict[str, Any]
    hour_labels: tuple[str, ...]
    bars: tuple[Bar, ...]
    refresh: int = REFRESH_SECONDS
    chart: tuple[int, int] = (CHART_WIDTH, CHART_HEIGHT)


def posted_map(store: Store, slug: str, posted: tuple[str, ...]) -> bytes:
    """The static map drawing (no JavaScript) of the participants who have posted."""
    lit = set(posted)
    people = [p for p in pages.approved(store, slug) if f"{p.platform}:{p.handle}" in lit]
    return mapping.map_svg(pages.load_event(store, slug), people).encode()


def posted_map_svg(ctx: WebContext, hub: LiveHub[LiveState], slug: str) -> bytes:
    """`posted_map` of the event's current state, drawn once per state."""
    pages.load_event(ctx.store, slug)
    token, state = hub.source.recent(slug, PAGE_MAX_AGE)
    return ctx.cache.get(("live-map", slug, token), lambda: posted_map(ctx.store, slug, state.posted))


def live_page(ctx: WebContext, hub: LiveHub[LiveState], slug: str, audience: str, zone: str | None,
              wall: bool) -> LivePage:
    """What the dashboard page of `slug` shows now, times in `zone` (default: the event's)."""
    event = pages.load_event(ctx.store, slug)
    _token, state = hub.source.recent(slug, PAGE_MAX_AGE)
    shown, message = pages.choose_zone(zone, event.zone or "UTC")
    data = view(state, audience)
    labels = tuple(hour_label(h["utc"], shown) for h in data["hours"])
    return LivePage(slug, audience, shown, message, wall, data, labels, bars(data["hours"], labels))
