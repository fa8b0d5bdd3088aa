"""Event windows: when an event happens, for the event as a whole and for each participant.

Pure functions over `Event` values. A window is a half-open UTC interval [start, end).

- fixed window: `start`/`end` (UTC) — the same for everyone.
- local rule: `local_start` "HH:MM" on `local_date` in each participant's own zone, for `duration_minutes`
  (#poltwt: 08:00 local for 24 hours, so the event follows the sun). The event window is the union (from the
  earliest start to the latest end). Daylight-saving changes are handled by zoneinfo: 08:00 local on the day,
  plus an elapsed duration.
- recurring series: `rrule` + `time` + `zone` + `duration_minutes`; one window per session (see
  `organise.series`); the event window of one session is that session's window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tweetathon.model import Event


@dataclass(frozen=True, slots=True)
class Window:
    """A half-open UTC interval [start, end)."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def local_window(event: Event, zone: str) -> Window:
    """The window of a local-rule event for someone in `zone`: `local_start` on `local_date` there, plus the
    duration (elapsed time, so a day with a daylight-saving change still lasts `duration_minutes`)."""
    if not (event.local_start and event.local_date and event.duration_minutes):
        raise ValueError(f"event {event.slug!r} has no local rule (local_start, local_date, duration)")
    hour, minute = (int(part) for part in event.local_start.split(":"))
    day = date.fromisoformat(event.local_date)
    start_local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))
    start = _resolve_gap(start_local).astimezone(UTC)
    return Window(start, start + timedelta(minutes=event.duration_minutes))


def _resolve_gap(moment: datetime) -> datetime:
    """A wall time that does not exist (inside a spring-forward gap) moves forward by the gap, as clocks do."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return round_trip
    return moment


def participant_window(event: Event, zone: str | None) -> Window | None:
    """The window in which a participant's posts count: their local window under a local rule, else the
    event window. None when the event has no window at all (every post counts)."""
    if event.local_start and zone:
        return local_window(event, zone)
    return fixed_window(event)


def fixed_window(event: Event) -> Window | None:
    """The fixed UTC window of an event, or None if it has none."""
    if event.start and event.end:
        return Window(event.start, event.end)
    return None


def event_window(event: Event, zones: Iterable[str]) -> Window | None:
    """The whole event's window: fixed, or the union of the local windows of `zones` (the organiser's zone
    is always included, so an event with no participants yet still has a window)."""
    fixed = fixed_window(event)
    if fixed or not event.local_start:
        return fixed
    windows = [local_window(event, z) for z in {*zones, event.zone}]
    return Window(min(w.start for w in windows), max(w.end for w in windows))


def session_window(event: Event, session_date: date) -> Window:
    """The window of one session of a recurring series: `time` on `session_date` in the event's zone, plus
    `duration_minutes` (a session on a daylight-saving day still opens at its local time)."""
    if not (event.time and event.duration_minutes):
        raise ValueError(f"event {event.slug!r} has no series rule (time, duration)")
    hour, minute = (int(part) for part in event.time.split(":"))
    start_local = datetime.combine(session_date, time(hour, minute), tzinfo=ZoneInfo(event.zone))
    start = _resolve_gap(start_local).astimezone(UTC)
    return Window(start, start + timedelta(minutes=event.duration_minutes))
