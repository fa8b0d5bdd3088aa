"""An RFC 5545 calendar feed of a series: one VEVENT per session, in the organiser's zone, with its theme.

Times are written with TZID (the zone's VTIMEZONE is included), so a calendar shows 13:00 Europe/London both
sides of a daylight-saving change. Built with icalendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from tweetathon.model import Event
from tweetathon.organise.series import Session

PRODID = "-//tweetathon//organise//EN"


def session_summary(event: Event, session: Session) -> str:
    tag = f"#{event.hashtags[0]}" if event.hashtags else event.name
    return f"{tag}: {session.theme}" if session.theme else f"{tag} ({event.name})"


def session_description(event: Event, session: Session) -> str:
    lines = [event.name, "Hashtags: " + " ".join(f"#{t}" for t in event.hashtags)]
    if session.theme:
        lines.append(f"Theme: {session.theme}")
    if session.host:
        lines.append(f"Host: {session.host}")
    lines += [f"Q{i}: {q}" for i, q in enumerate(session.questions, 1)]
    return "\n".join(lines)


def build_calendar(event: Event, sessions: Iterable[Session], stamp: datetime | None = None) -> bytes:
    """The feed as bytes (CRLF lines, folded), one VEVENT per session."""
    zone = ZoneInfo(event.zone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", event.name)
    cal.add("x-wr-timezone", event.zone)
    items = list(sessions)
    for session in items:
        item = VEvent()
        item.add("uid", f"{event.slug}-{session.date.isoformat()}@tweetathon")
        item.add("dtstamp", stamp or datetime.now(UTC))
        item.add("dtstart", session.window.start.astimezone(zone))
        item.add("dtend", session.window.end.astimezone(zone))
        item.add("summary", session_summary(event, session))
        item.add("description", session_description(event, session))
        item.add("categories", [event.kind])
        cal.add_component(item)
    if items:  # a VTIMEZONE covering the sessions' years, not 1970-2038
        first, last = min(s.date for s in items), max(s.date for s in items)
        cal.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return bytes(cal.to_ical())
