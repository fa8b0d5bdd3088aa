"""Checking what an organiser typed into the console's chat-plan form (pure): the session it describes.

    planned_session(event, day, theme, questions, host, moved=False) -> series.Session
Raises EventError (message + hint). The change itself is saved, audited, by `organise.event_admin`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tweetathon.model import Event
from tweetathon.organise import series
from tweetathon.organise.events import EventError, parse_day


def _session_day(event: Event, day: str, moved: bool) -> date:
    when = parse_day(day)
    if not moved and not series.is_occurrence(event, when):
        upcoming = ", ".join(d.isoformat() for d in series.occurrences(event, after=when, limit=3))
        raise EventError(f"{day} is not a session of {event.slug} ({event.rrule})",
                         f"Next sessions: {upcoming or 'none'}. Tick 'moved session' to plan it on that date.")
    return when


def planned_session(event: Event, day: str, theme: str, questions: Sequence[str], host: str | None,
                    moved: bool = False) -> series.Session:
    """The planned session of `day` of the series `event`: theme, questions Q1..Qn (blank lines dropped), host."""
    if not event.rrule:
        raise EventError(f"event {event.slug!r} is not a chat series", "Give it a recurring rule first.")
    return series.session(event, _session_day(event, day, moved), theme.strip(),
                          [q.strip() for q in questions if q.strip()], host or None, planned=True)
