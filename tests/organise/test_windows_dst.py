"""08:00 local for every zone of a follow-the-sun event gives exact UTC windows, across daylight-saving changes.

Every expected instant below was derived by hand from the zone's offset on that day (noted beside it), not by
calling zoneinfo.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tweetathon.model import Event
from tweetathon.organise.windows import Window, event_window, local_window, participant_window, session_window


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def poltwt(day: str, start: str = "08:00", minutes: int = 1440, zone: str = "Europe/London") -> Event:
    return Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",), zone=zone, local_start=start, local_date=day,
                 duration_minutes=minutes)


# 22 March 2013: North America already on summer time (since 10 March), Europe not yet (31 March),
# New Zealand and south-east Australia still on summer time (until 7 April).
POLTWT_2013 = [
    ("Pacific/Auckland", "2013-03-21T19:00"),     # NZDT +13
    ("Australia/Sydney", "2013-03-21T21:00"),     # AEDT +11
    ("Australia/Melbourne", "2013-03-21T21:00"),  # AEDT +11
    ("Australia/Adelaide", "2013-03-21T21:30"),   # ACDT +10:30
    ("Australia/Brisbane", "2013-03-21T22:00"),   # AEST +10, no summer time
    ("Australia/Perth", "2013-03-22T00:00"),      # AWST +8
    ("Africa/Nairobi", "2013-03-22T05:00"),       # EAT +3
    ("Europe/Tallinn", "2013-03-22T06:00"),       # EET +2
    ("Europe/Helsinki", "2013-03-22T06:00"),      # EET +2
    ("Africa/Johannesburg", "2013-03-22T06:00"),  # SAST +2
    ("Europe/Madrid", "2013-03-22T07:00"),        # CET +1
    ("Europe/Brussels", "2013-03-22T07:00"),      # CET +1
    ("Europe/Amsterdam", "2013-03-22T07:00"),     # CET +1
    ("Europe/Berlin", "2013-03-22T07:00"),        # CET +1
    ("Europe/Stockholm", "2013-03-22T07:00"),     # CET +1
    ("Europe/Copenhagen", "2013-03-22T07:00"),    # CET +1
    ("Europe/Oslo", "2013-03-22T07:00"),          # CET +1
    ("Europe/Rome", "2013-03-22T07:00"),          # CET +1
    ("Europe/Warsaw", "2013-03-22T07:00"),        # CET +1
    ("Atlantic/Reykjavik", "2013-03-22T08:00"),   # GMT, no summer time
    ("Europe/London", "2013-03-22T08:00"),        # GMT
    ("Europe/Dublin", "2013-03-22T08:00"),        # GMT
    ("Europe/Lisbon", "2013-03-22T08:00"),        # WET +0
    ("America/Halifax", "2013-03-22T11:00"),      # ADT -3
    ("America/Toronto", "2013-03-22T12:00"),      # EDT -4
    ("America/New_York", "2013-03-22T12:00"),     # EDT -4
    ("America/Chicago", "2013-03-22T13:00"),      # CDT -5
    ("America/Winnipeg", "2013-03-22T13:00"),     # CDT -5
    ("America/Edmonton", "2013-03-22T14:00"),     # MDT -6
    ("America/Denver", "2013-03-22T14:00"),       # MDT -6
    ("America/Phoenix", "2013-03-22T15:00"),      # MST -7, no summer time
    ("America/Vancouver", "2013-03-22T15:00"),    # PDT -7
    ("America/Los_Angeles", "2013-03-22T15:00"),  # PDT -7
    ("America/Anchorage", "2013-03-22T16:00"),    # AKDT -8
    ("Pacific/Honolulu", "2013-03-22T18:00"),     # HST -10
]


@pytest.mark.parametrize(("zone", "start"), POLTWT_2013)
def test_each_zone_starts_at_0800_local(zone: str, start: str) -> None:
    window = participant_window(poltwt("2013-03-22"), zone)
    assert window == Window(utc(start), utc(start) + timedelta(hours=24))


def test_event_window_is_the_union_from_auckland_to_honolulu() -> None:
    whole = event_window(poltwt("2013-03-22"), [z for z, _ in POLTWT_2013])
    assert whole == Window(utc("2013-03-21T19:00"), utc("2013-03-23T18:00"))  # 47 hours of UTC


def test_europe_spring_forward_day() -> None:
    # 31 March 2013: the UK and Belgium move their clocks forward at 01:00 UTC; 08:00 is then BST / CEST.
    event = poltwt("2013-03-31")
    assert local_window(event, "Europe/London") == Window(utc("2013-03-31T07:00"), utc("2013-04-01T07:00"))
    assert local_window(event, "Europe/Brussels") == Window(utc("2013-03-31T06:00"), utc("2013-04-01T06:00"))
    # the day before, still winter time
    assert local_window(poltwt("2013-03-30"), "Europe/London").start == utc("2013-03-30T08:00")


def test_europe_start_inside_the_gap_moves_forward() -> None:
    # 01:30 on 31 March 2013 does not exist in London (01:00 GMT → 02:00 BST): clocks read 02:30 BST = 01:30 UTC.
    window = local_window(poltwt("2013-03-31", start="01:30", minutes=60), "Europe/London")
    assert window == Window(utc("2013-03-31T01:30"), utc("2013-03-31T02:30"))


def test_new_zealand_autumn_change() -> None:
    # 7 April 2013, 03:00 NZDT → 02:00 NZST. 08:00 that day is NZST (+12); the day before NZDT (+13).
    assert local_window(poltwt("2013-04-07"), "Pacific/Auckland").start == utc("2013-04-06T20:00")
    assert local_window(poltwt("2013-04-06"), "Pacific/Auckland").start == utc("2013-04-05T19:00")


def test_new_zealand_spring_forward() -> None:
    # 29 September 2013, 02:00 NZST → 03:00 NZDT. 08:00 is NZDT (+13); the day before NZST (+12).
    assert local_window(poltwt("2013-09-29"), "Pacific/Auckland").start == utc("2013-09-28T19:00")
    assert local_window(poltwt("2013-09-28"), "Pacific/Auckland").start == utc("2013-09-27T20:00")
    # a 24-hour window is 24 elapsed hours, even across the change
    gap = local_window(poltwt("2013-09-28"), "Pacific/Auckland")
    assert gap.end == utc("2013-09-28T20:00")


def test_series_session_follows_local_time_across_bst() -> None:
    chat = Event(slug="polchat", name="#polchat", hashtags=("polchat",), kind="chat", zone="Europe/London",
                 rrule="FREQ=WEEKLY;BYDAY=TH", time="13:00", duration_minutes=60, local_date="2013-03-21")
    assert session_window(chat, date(2013, 3, 28)) == Window(utc("2013-03-28T13:00"), utc("2013-03-28T14:00"))  # GMT
    assert session_window(chat, date(2013, 4, 4)) == Window(utc("2013-04-04T12:00"), utc("2013-04-04T13:00"))  # BST
