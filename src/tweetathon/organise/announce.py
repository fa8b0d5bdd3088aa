"""Draft announcement posts for a chat session: hashtag, local time, theme; ready N days ahead.

Drafts are text only: tweetathon never posts them. Each fits its platform's limit (X 280 characters,
Mastodon 500, Bluesky 300); a long theme is shortened with an ellipsis, never the time or the hashtag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tweetathon.model import Event
from tweetathon.organise.series import Session

LIMITS = {"x": 280, "mastodon": 500, "bluesky": 300}
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Draft:
    platform: str
    session_date: str
    ready_at: datetime
    text: str
    limit: int

    def as_dict(self) -> dict[str, object]:
        return {"platform": self.platform, "session_date": self.session_date,
                "ready_at": self.ready_at.isoformat().replace("+00:00", "Z"), "text": self.text,
                "length": len(self.text), "limit": self.limit}


def local_time_phrase(event: Event, session: Session) -> str:
    """`Thu 8 Jan 2026, 13:00–14:00 GMT (13:00 UTC)`: the organiser's local time, and UTC for everyone else."""
    start = session.window.start.astimezone(ZoneInfo(event.zone))
    end = session.window.end.astimezone(ZoneInfo(event.zone))
    utc = session.window.start.strftime("%H:%M")
    return (f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M} {start.tzname()} "
            f"({utc} UTC)")


def _mention(host: str | None, platform: str) -> str:
    if not host or ":" not in host:
        return ""
    host_platform, handle = host.split(":", 1)
    return f" Hosted by @{handle}." if host_platform == platform else ""


def draft(event: Event, session: Session, platform: str, days_ahead: int = 3) -> Draft:
    """The announcement of `session` for `platform`, ready `days_ahead` days before the session starts."""
    limit = LIMITS[platform]
    tags = " ".join(f"#{t}" for t in event.hashtags)
    head = f"Join {tags} on {local_time_phrase(event, session)}."
    tail = _mention(session.host, platform) + " Everyone welcome: follow the hashtag and add it to your replies."
    theme = session.theme.strip()
    text = head + (f" This week: {theme}." if theme else "") + tail
    if len(text) > limit and theme:
        room = limit - len(head + tail) - len(" This week: .") - len(ELLIPSIS)
        text = head + (f" This week: {theme[:max(room, 0)].rstrip()}{ELLIPSIS}." if room > 10 else "") + tail
    if len(text) > limit:
        text = (head + tail)[: limit - 1] + ELLIPSIS
    return Draft(platform, session.date.isoformat(), session.window.start - timedelta(days=days_ahead), text, limit)


def drafts(event: Event, session: Session, platforms: list[str], days_ahead: int = 3) -> list[Draft]:
    return [draft(event, session, p, days_ahead) for p in platforms]
