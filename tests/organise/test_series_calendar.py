"""Chat series: plan, calendar feed parsed back with icalendar (13:00 London across BST), announcement drafts."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from typer.testing import CliRunner

from tweetathon.cli import app

LONDON = ZoneInfo("Europe/London")


def run(runner: CliRunner, db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.stdout, result.stderr


def make_chat(runner: CliRunner, db: str) -> None:
    code, _, err = run(runner, db, "event", "create", "polchat", "--name", "Police chat", "--kind", "chat",
                       "--hashtag", "polchat", "--rrule", "FREQ=WEEKLY;BYDAY=TH", "--time", "13:00",
                       "--duration", "1h", "--date", "2013-03-14", "--zone", "Europe/London")
    assert code == 0, err


def test_calendar_opens_each_session_at_1300_london(runner: CliRunner, db_url: str, tmp_path: Path) -> None:
    make_chat(runner, db_url)
    code, _, err = run(runner, db_url, "chat", "plan", "polchat", "--date", "2013-04-04", "--theme",
                       "Social media and missing people", "--question", "How do you use it?",
                       "--question", "What works?", "--host", "x:@PolChat")
    assert code == 0, err
    out = tmp_path / "series.ics"
    assert run(runner, db_url, "calendar", "polchat", "--out", str(out), "--count", "5")[0] == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    starts = [e.decoded("dtstart") for e in events]
    # 14, 21, 28 March 2013 are GMT; BST starts 31 March, so 4 and 11 April are 13:00 BST = 12:00 UTC
    assert [s.date().isoformat() for s in starts] == ["2013-03-14", "2013-03-21", "2013-03-28", "2013-04-04",
                                                      "2013-04-11"]
    assert all(s.astimezone(LONDON).strftime("%H:%M") == "13:00" for s in starts)
    assert [s.astimezone(ZoneInfo("UTC")).hour for s in starts] == [13, 13, 13, 12, 12]
    assert all(str(e["dtstart"].params["TZID"]) == "Europe/London" for e in events)
    assert next(e.decoded("dtend") - e.decoded("dtstart") for e in events).total_seconds() == 3600
    themed = next(e for e in events if e.decoded("dtstart").date().isoformat() == "2013-04-04")
    assert str(themed["summary"]) == "#polchat: Social media and missing people"
    assert "Q2: What works?" in str(themed["description"])
    assert len({str(e["uid"]) for e in events}) == 5
    assert cal.walk("VTIMEZONE")  # the zone is defined in the feed


def test_plan_refuses_a_date_off_the_rule(runner: CliRunner, db_url: str) -> None:
    make_chat(runner, db_url)
    code, _, err = run(runner, db_url, "chat", "plan", "polchat", "--date", "2013-04-05", "--theme", "x")
    assert code == 2 and "not a session" in err and "2013-04-11" in err


def test_announce_drafts_fit_each_platform(runner: CliRunner, db_url: str) -> None:
    make_chat(runner, db_url)
    theme = "Policing and mental health: what works, what doesn't, and what we should try next " * 4
    assert run(runner, db_url, "chat", "plan", "polchat", "--date", "2013-04-04", "--theme", theme)[0] == 0
    _, out, _ = run(runner, db_url, "chat", "announce", "polchat", "--date", "2013-04-04", "--days-ahead", "3",
                       "--json")
    drafts = {d["platform"]: d for d in json.loads(out)}
    assert set(drafts) == {"x", "mastodon", "bluesky"}
    for platform, limit in (("x", 280), ("mastodon", 500), ("bluesky", 300)):
        text = drafts[platform]["text"]
        assert len(text) <= limit and "#polchat" in text
        assert "13:00–14:00 BST" in text and "12:00 UTC" in text and "Thu 4 Apr 2013" in text
        assert "Policing and mental health" in text
        assert drafts[platform]["ready_at"] == "2013-04-01T12:00:00Z"
    assert "…" in drafts["x"]["text"]  # the long theme was shortened for X, not for Mastodon
    assert len(drafts["mastodon"]["text"]) > len(drafts["x"]["text"])
    _code, out, _ = run(runner, db_url, "chat", "sessions", "polchat", "--count", "3", "--json")
    assert [s["starts_at"] for s in json.loads(out)] == ["2013-03-14T13:00:00Z", "2013-03-21T13:00:00Z",
                                                         "2013-03-28T13:00:00Z"]
