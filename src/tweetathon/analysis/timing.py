"""Peak hour and minute, posts per hour (docs/figures.md#peak, #posts_per_hour). In UTC and a display zone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tweetathon.store.event_data import PostRow


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with `Z`: 2013-03-22T14:00:00Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_local(moment: datetime, zone: str) -> str:
    """ISO 8601 with the offset of `zone` at that instant: 2013-03-22T14:00:00+00:00."""
    return moment.astimezone(ZoneInfo(zone)).isoformat()


def _floor(moment: datetime, unit: str) -> datetime:
    moment = moment.astimezone(UTC)
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(second=0, microsecond=0)


def _busiest(counts: Counter[datetime]) -> tuple[datetime | None, int]:
    """The busiest bucket; ties go to the earliest."""
    if not counts:
        return None, 0
    start, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return start, n


def peak(event_posts: Iterable[PostRow], zone: str = "UTC") -> dict[str, object]:
    """Busiest clock hour and minute of event posts in UTC, and the same instants shown in `zone`."""
    hours: Counter[datetime] = Counter()
    minutes: Counter[datetime] = Counter()
    for row in event_posts:
        minute = _floor(row.created_at, "minute")
        minutes[minute] += 1
        hours[minute.replace(minute=0)] += 1
    hour, hour_n = _busiest(hours)
    minute_at, minute_n = _busiest(minutes)
    return {"hour_utc": iso_utc(hour) if hour else None, "hour_posts": hour_n,
            "minute_utc": iso_utc(minute_at) if minute_at else None, "minute_posts": minute_n,
            "zone": zone, "hour_local": iso_local(hour, zone) if hour else None,
            "minute_local": iso_local(minute_at, zone) if minute_at else None}


def hourly_counts(event_posts: Iterable[PostRow]) -> dict[datetime, int]:
    """Event posts per UTC clock hour, every hour from the first post's to the last's (0 when none)."""
    counts = Counter(_floor(row.created_at, "hour") for row in event_posts)
    if not counts:
        return {}
    out: dict[datetime, int] = {}
    hour, last = min(counts), max(counts)
    while hour <= last:
        out[hour] = counts.get(hour, 0)
        hour += timedelta(hours=1)
    return out


def posts_per_hour(event_posts: Iterable[PostRow], zone: str | None = None) -> dict[str, int]:
    """`hourly_counts` keyed by the hour's start in ISO 8601: UTC with `Z`, or shown in `zone` when given."""
    return {(iso_local(h, zone) if zone else iso_utc(h)): n for h, n in hourly_counts(event_posts).items()}
