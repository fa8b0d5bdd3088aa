"""Retention periods: parsing, calendar arithmetic, when a period has passed; a bad period is a clear message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.model import Event
from tweetathon.privacy.retention import PeriodError, after, cutoff, parse_period
from tweetathon.store.privacy import event_privacy
from tweetathon.store.store import Store

END = datetime(2024, 3, 23, 8, tzinfo=UTC)


def test_periods_parse_and_normalise() -> None:
    assert [parse_period(p) for p in ("12m", " 12M ", "90d", "8w", "2y")] == ["12m", "12m", "90d", "8w", "2y"]
    for bad in ("12", "m", "0d", "12 months", "-3d", "1.5y"):
        with pytest.raises(PeriodError, match=r"e\.g\. 90d or 12m"):
            parse_period(bad)


def test_months_are_calendar_months() -> None:
    assert after(datetime(2024, 1, 31, tzinfo=UTC), "1m") == datetime(2024, 2, 29, tzinfo=UTC)
    assert after(datetime(2023, 12, 15, tzinfo=UTC), "2m") == datetime(2024, 2, 15, tzinfo=UTC)
    assert after(END, "1y") == datetime(2025, 3, 23, 8, tzinfo=UTC)
    assert after(END, "8w") == datetime(2024, 5, 18, 8, tzinfo=UTC)


def test_the_cut_off_comes_when_the_period_after_the_end_has_passed() -> None:
    assert cutoff(datetime(2025, 3, 23, 7, tzinfo=UTC), "12m", END) is None
    assert cutoff(datetime(2025, 3, 23, 8, tzinfo=UTC), "12m", END) == END
    assert cutoff(datetime(2026, 1, 1, tzinfo=UTC), "90d", None) == datetime(2025, 10, 3, tzinfo=UTC)


def test_event_set_reports_a_bad_period_and_stores_a_good_one(sqlite_store: Store) -> None:
    sqlite_store.ensure_event(Event(slug="ev", name="ev", hashtags=("poltwt",)))
    runner = CliRunner()
    bad = runner.invoke(app, ["event", "set", "ev", "--retention", "a year", "--db", sqlite_store.url])
    assert bad.exit_code == 2 and "not a retention period" in bad.output and "Traceback" not in bad.output
    good = runner.invoke(app, ["event", "set", "ev", "--retention", "12M", "--name-public", "--db",
                               sqlite_store.url])
    assert good.exit_code == 0, good.output
    assert (event_privacy(sqlite_store, "ev").retention, event_privacy(sqlite_store, "ev").pseudonymise_public) == (
        "12m", False)
    runner.invoke(app, ["event", "set", "ev", "--retention", "none", "--db", sqlite_store.url])
    assert event_privacy(sqlite_store, "ev").retention is None
    unknown = runner.invoke(app, ["event", "set", "nope", "--name-public", "--db", sqlite_store.url])
    assert unknown.exit_code == 2 and "no event 'nope'" in unknown.output
