"""How the impact report writes numbers, durations and times: for chiefs and the public, not for machines.

Pure functions. Integers get thousands separators (12,345), unknown values say so, durations read like
"4 min 30 s", and times are shown in a named zone ("Fri 22 Mar 2013, 14:00 Europe/London").
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UNKNOWN = "unknown"


def number(value: float | int | None, unknown: str = UNKNOWN) -> str:
    """12345 -> '12,345'; 2.5 -> '2.5'; None -> `unknown`."""
    if value is None:
        return unknown
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def count(n: int | None, singular: str, plural: str | None = None) -> str:
    """'1 post', '1,234 posts', 'unknown posts' (`plural` defaults to `singular` + 's')."""
    return f"{number(n)} {singular if n == 1 else plural or singular + 's'}"


def percent(rate: float | None, unknown: str = UNKNOWN) -> str:
    """0.5 -> '50.0%' (a rate between 0 and 1)."""
    return unknown if rate is None else f"{rate * 100:.1f}%"


def duration(seconds: float | None, unknown: str = "none answered") -> str:
    """270 -> '4 min 30 s'; 3900 -> '1 h 5 min'; 42 -> '42 s'."""
    if seconds is None:
        return unknown
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def signed(value: float | int | None, unit: str = "") -> str:
    """A change with its sign: '+1,234', '−56', '0'; '—' when it cannot be computed."""
    if value is None:
        return "—"
    if value == 0:
        return "0" + unit
    sign = "+" if value > 0 else "−"
    return sign + number(abs(value)) + unit


def signed_percent(value: float | None) -> str:
    """'+12.5%', '−3.0%', '0.0%'; '—' when the base was zero or unknown."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):.1f}%"


def local_time(moment: datetime, zone: str, with_zone: bool = True) -> str:
    """'Fri 22 Mar 2013, 14:00' in `zone` (the zone's name appended unless `with_zone` is False)."""
    shown = moment.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y, %H:%M")
    return f"{shown} {zone}" if with_zone else shown


def hour_label(moment: datetime, zone: str) -> str:
    """'Fri 14:00' in `zone`: the label of one hour on a chart."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %H:%M")


def parse_utc(text: str) -> datetime:
    """An ISO 8601 instant as written in the figures ('2013-03-22T14:00:00Z') as an aware UTC datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
