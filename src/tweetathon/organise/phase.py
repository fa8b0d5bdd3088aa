"""Where an event stands at a given instant: upcoming, live now or past (pure; for the events index).

A fixed or local-rule event is live inside its whole window (the union of its participants' local windows).
A series is live during a session, past once its rule has no session left, upcoming otherwise. An event with
no time rule at all is `unscheduled`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from tweetathon.model import Event
from tweetathon.organise.series import occurrences
from tweetathon.organise.windows import Window, event_window, session_window

Phase = Literal["upcoming", "live", "past", "unscheduled"]
PHASES: tuple[Phase, ...] = ("live", "upcoming", "past", "unscheduled")


def _series_phase(event: Event, now: datetime) -> Phase:
    local_today = now.astimezone(now.tzinfo).date() - timedelta(days=1)  # a session may have begun yesterday
    for day in occurrences(event, after=local_today, limit=3):
        window = session_window(event, day)
        if now in window:
            return "live"
        if window.start > now:
            return "upcoming"
    return "past"


def window_phase(window: Window | None, now: datetime) -> Phase:
    if window is None:
        return "unscheduled"
    if now in window:
        return "live"
    return "upcoming" if now < window.start else "past"


def event_phase(event: Event, zones: Iterable[str], now: datetime) -> Phase:
    """The phase of `event` at `now` (aware), `zones` being its approved participants' zones."""
    if event.rrule and event.time and event.local_date and event.duration_minutes:
        return _series_phase(event, now)
    return window_phase(event_window(event, zones), now)


def has_ended(event: Event, zones: Iterable[str], now: datetime) -> bool:
    """True once the event (or, for a series, its first session) is over: its report and transcripts can be
    shown."""
    if event.rrule and event.time and event.local_date and event.duration_minutes:
        first = session_window(event, datetime.fromisoformat(event.local_date).date())
        return now >= first.end
    return event_phase(event, zones, now) == "past"
