"""Where an event stands at a given instant (the events index): upcoming, live now, past, not scheduled."""

from __future__ import annotations

from datetime import UTC, datetime

from tweetathon.model import Event
from tweetathon.organise.phase import event_phase, has_ended

FOLLOW_SUN = Event(slug="t", name="t", hashtags=("t",), zone="Europe/London", local_start="08:00",
                   local_date="2024-03-22", duration_minutes=1440)
CHAT = Event(slug="c", name="c", hashtags=("c",), kind="chat", zone="Europe/London",
             rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=3", time="13:00", local_date="2024-01-04", duration_minutes=60)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_follow_the_sun_event_is_live_from_the_first_zone_to_the_last() -> None:
    zones = ["Pacific/Auckland", "America/Los_Angeles"]
    assert event_phase(FOLLOW_SUN, zones, at("2024-03-21T18:00")) == "upcoming"
    assert event_phase(FOLLOW_SUN, zones, at("2024-03-21T19:30")) == "live"  # 08:00 in Auckland (UTC+13)
    assert event_phase(FOLLOW_SUN, zones, at("2024-03-23T14:00")) == "live"  # Los Angeles' day still runs
    assert event_phase(FOLLOW_SUN, zones, at("2024-03-23T15:00")) == "past"
    assert event_phase(FOLLOW_SUN, [], at("2024-03-22T09:00")) == "live"  # the organiser's own zone


def test_a_series_is_live_during_a_session_and_past_after_its_last() -> None:
    assert event_phase(CHAT, [], at("2024-01-11T13:30")) == "live"
    assert event_phase(CHAT, [], at("2024-01-11T14:30")) == "upcoming"  # the third session is still to come
    assert event_phase(CHAT, [], at("2024-01-18T14:00")) == "past"
    assert not has_ended(CHAT, [], at("2024-01-04T13:59")) and has_ended(CHAT, [], at("2024-01-04T14:00"))


def test_an_event_without_a_rule_is_not_scheduled() -> None:
    assert event_phase(Event(slug="n", name="n", hashtags=("n",)), [], at("2024-01-01T00:00")) == "unscheduled"
