"""Peak hour and minute, posts per hour (docs/figures.md#peak, #posts_per_hour). In UTC and a display zone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tweetathon.store.event_data import PostRow


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with `Z`: 2013-03-22T14:00:00Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_local(moment: datetime, zone: str) -> str:
    """ISO 8601 with the offset of `zone` at that instant: 2013-03-22T14:00:00+00:00."""
    return moment.astimezone(ZoneInfo(zone)).isoformat()


def _busiest(counts: Counter[int]) -> tuple[int | None, int]:
    """The busiest bucket; ties go to the earliest."""
    if not counts:
        return None, 0
    start, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return start, n


def minute_counts(event_posts: Iterable[PostRow]) -> Counter[int]:
    """Event posts per UTC clock minute (minutes since the epoch); each distinct instant converted once."""
    minutes: Counter[int] = Counter()
    for moment, n in Counter(row.created_at for row in event_posts).items():
        minutes[int(moment.timestamp()) // 60] += n
    return minutes


def _hours(minutes: Counter[int]) -> Counter[int]:
    hours: Counter[int] = Counter()
    for minute_n, n in minutes.items():
        hours[minute_n // 60] += n
    return hours


def peak(event_posts: Iterable[PostRow], zone: str = "UTC") -> dict[str, object]:
    """Busiest clock hour and minute of event posts in UTC, and the same instants shown in `zone`."""
    minutes = minute_counts(event_posts)
    hours = _hours(minutes)
    hour_i, hour_n = _busiest(hours)
    minute_i, minute_n = _busiest(minutes)
    hour = None if hour_i is None else datetime.fromtimestamp(hour_i * 3600, UTC)
    minute_at = None if minute_i is None else datetime.fromtimestamp(minute_i * 60, UTC)
    return {"hour_utc": iso_utc(hour) if hour else None, "hour_posts": hour_n,
            "minute_utc": iso_utc(minute_at) if minute_at else None, "minute_posts": minute_n,
            "zone": zone, "hour_local": iso_local(hour, zone) if hour else None,
            "minute_local": iso_local(minute_at, zone) if minute_at else None}


def hourly_counts(event_posts: Iterable[PostRow]) -> dict[datetime, int]:
    """Event posts per UTC clock hour, every hour from the first post's to the last's (0 when none)."""
    counts = _hours(minute_counts(event_posts))
    if not counts:
        return {}
    return {datetime.fromtimestamp(h * 3600, UTC): counts.get(h, 0) for h in range(min(counts), max(counts) + 1)}


def posts_per_hour(event_posts: Iterable[PostRow], zone: str | None = None) -> dict[str, int]:
    """`hourly_counts` keyed by the hour's start in ISO 8601: UTC with `Z`, or shown in `zone` when given."""
    return {(iso_local(h, zone) if zone else iso_utc(h)): n for h, n in hourly_counts(event_posts).items()}
