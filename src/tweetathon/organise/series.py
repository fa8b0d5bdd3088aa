"""Chat series: the sessions a recurring rule produces, each with its window, theme and questions.

The rule (`Event.rrule`, RFC 5545) is expanded with python-dateutil from the first date (`Event.local_date`) at
the local `Event.time` in the organiser's zone; each session's UTC window comes from `windows.session_window`,
so a Thursday 13:00 Europe/London session is 13:00 GMT in winter and 13:00 BST in summer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice

from dateutil.rrule import rrulestr

from tweetathon.model import ChatSession, Event
from tweetathon.organise.windows import Window, session_window

DEFAULT_HORIZON = 12


@dataclass(frozen=True, slots=True)
class Session:
    """One session of a series. `date` is the local date in the organiser's zone."""

    date: date
    window: Window
    theme: str = ""
    questions: tuple[str, ...] = ()
    host: str | None = None
    planned: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "starts_at": _z(self.window.start), "ends_at": _z(self.window.end),
                "theme": self.theme, "questions": list(self.questions), "host": self.host}


def _z(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def occurrences(event: Event, after: date | None = None, limit: int = DEFAULT_HORIZON) -> list[date]:
    """Local dates of the series' sessions, from `after` (inclusive; default: the first date), at most `limit`."""
    if not (event.rrule and event.time and event.local_date):
        raise ValueError(f"event {event.slug!r} is not a series (rrule, time, first date)")
    hour, minute = (int(p) for p in event.time.split(":"))
    first = datetime.combine(date.fromisoformat(event.local_date), time(hour, minute))
    rule = rrulestr(f"RRULE:{event.rrule}", dtstart=first)
    start = datetime.combine(after, time(0, 0)) if after else first
    return [moment.date() for moment in islice(rule.xafter(start, inc=True), limit)]


def is_occurrence(event: Event, day: date) -> bool:
    return day in occurrences(event, after=day, limit=1)


def session(event: Event, day: date, theme: str = "", questions: Iterable[str] = (),
            host: str | None = None, planned: bool = False) -> Session:
    return Session(day, session_window(event, day), theme, tuple(questions), host, planned)


def sessions(event: Event, planned: Iterable[Session] = (), after: date | None = None,
             limit: int = DEFAULT_HORIZON) -> list[Session]:
    """The next `limit` sessions from the rule, each carrying its planned theme and questions when there is one.
    Planned sessions that fall outside the rule (a moved session) are kept too, in date order."""
    by_day = {s.date: s for s in planned}
    days = occurrences(event, after, limit) if event.rrule else []
    if after:
        by_day = {d: s for d, s in by_day.items() if d >= after}
    if days and len(days) == limit:  # planned sessions beyond the horizon wait for a later page
        by_day = {d: s for d, s in by_day.items() if d <= days[-1]}
    every = sorted(set(days) | set(by_day))
    return [by_day.get(day) or session(event, day) for day in every]


def from_stored(row: ChatSession) -> Session:
    """A planned session as the store keeps it."""
    return Session(date.fromisoformat(row.session_date), Window(row.starts_at, row.ends_at), row.theme,
                   row.questions, row.host, planned=True)


def to_stored(s: Session) -> ChatSession:
    return ChatSession(s.date.isoformat(), s.window.start, s.window.end, s.theme, s.host, s.questions)
