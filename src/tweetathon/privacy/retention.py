"""Retention periods: how long after an event the public's posts and account snapshots are kept. Pure.

A period is a number and a unit: `90d` (days), `8w` (weeks), `12m` (calendar months), `2y` (years). The period
runs from the end of the event's whole window (the last participant's end under a local rule); an event with
no end (an open series, or no time rule) lets each post's own time stand in for it, so a weekly chat keeps the
last 12 months of the public's posts.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

_PERIOD = re.compile(r"\s*(\d{1,4})\s*([dwmy])\s*", re.IGNORECASE)


class PeriodError(ValueError):
    """Not a retention period."""


def parse_period(text: str) -> str:
    """The period normalised ('12M ' -> '12m'); raises PeriodError with what is accepted."""
    match = _PERIOD.fullmatch(text)
    if match is None or int(match.group(1)) == 0:
        raise PeriodError(f"{text!r} is not a retention period: use a number and d, w, m or y, e.g. 90d or 12m")
    return f"{int(match.group(1))}{match.group(2).lower()}"


def _add_months(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.month - 1 + months, 12)
    year += moment.year
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def after(moment: datetime, period: str) -> datetime:
    """`moment` plus `period` (calendar months and years; 31 January + 1m is 28 or 29 February)."""
    number, unit = int(period[:-1]), period[-1]
    if unit == "d":
        return moment + timedelta(days=number)
    if unit == "w":
        return moment + timedelta(weeks=number)
    return _add_months(moment, number if unit == "m" else 12 * number)


def before(moment: datetime, period: str) -> datetime:
    """The earliest time whose `after(..., period)` is not later than `moment` (for days and weeks exactly;
    for months the day is clipped to the month's length)."""
    number, unit = int(period[:-1]), period[-1]
    if unit in "dw":
        return moment - timedelta(days=number * (7 if unit == "w" else 1))
    return _add_months(moment, -(number if unit == "m" else 12 * number))


def cutoff(now: datetime, period: str, event_end: datetime | None) -> datetime | None:
    """Posts created before the returned time are past retention; None: nothing is yet (the event ended less
    than `period` ago). An event with no end: the cut-off is `now` minus the period."""
    limit = before(now, period)
    return limit if event_end is None or event_end <= limit else None
