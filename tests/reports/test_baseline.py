"""Event against an ordinary period (docs/figures.md#baseline) on SQLite and PostgreSQL: the spring scenario
(tests/reports/impact_scenario.py) plus a baseline week of the participants' own posts written here; every
expected value is counted by hand below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon.cli import app
from tweetathon.model import AccountSnapshot, Metrics
from tweetathon.reports.evaluation import with_evaluation
from tweetathon.reports.impact import ImpactReport, build_report
from tweetathon.reports.render_impact import render_html
from tweetathon.store.store import Store

WEEK = datetime(2024, 3, 8, tzinfo=UTC)  # 8 to 15 March 2024: London is on GMT, so the dates are UTC days


def baseline_week(store: Store) -> None:
    """gmpolice: 7 originals (one a day, 2 likes each) and a repost (not counted); dave replies to gmpolice 3
    times (public), polisen once (a participant: not public); gmpolice 900 -> 960 followers over 6 days."""
    noon = [WEEK + timedelta(days=i, hours=12) for i in range(7)]
    posts = [scenario.post(f"b{i}", "gmpolice", t, "An ordinary day", hashtags=(), metrics=Metrics(likes=2))
             for i, t in enumerate(noon)]
    posts.append(scenario.post("br", "gmpolice", noon[0], "RT", hashtags=(), kind="repost", repost_of_id="b0"))
    posts += [scenario.post(f"d{i}", "dave", noon[i] + timedelta(hours=1), "@gmpolice thanks", hashtags=(),
                            kind="reply", in_reply_to_author_id="10", in_reply_to_post_id=f"b{i}")
              for i in range(3)]
    posts.append(scenario.post("p1", "polisen", noon[1], "@gmpolice hej", hashtags=(), kind="reply",
                               in_reply_to_author_id="10", in_reply_to_post_id="b1"))
    snaps = [AccountSnapshot("x", "10", "gmpolice", noon[0], followers=900, source_format="test"),
             AccountSnapshot("x", "10", "gmpolice", noon[6], followers=960, source_format="test")]
    store.write_batch(posts, snaps)


@pytest.fixture
def report(store: Store, db_url: str) -> ImpactReport:
    scenario.build(store)
    baseline_week(store)
    result = CliRunner().invoke(app, ["objectives", "baseline", "spring", "--start", "2024-03-08", "--end",
                                      "2024-03-14", "--db", db_url])
    assert result.exit_code == 0, result.output
    return with_evaluation(build_report(store, "spring"), store)


def test_event_against_baseline_per_account_and_in_total(report: ImpactReport) -> None:
    ev = report.evaluation
    assert ev is not None and ev.baseline is not None
    assert ev.baseline["period"] == {"start": "2024-03-08T00:00:00Z", "end": "2024-03-15T00:00:00Z"}
    gmp = ev.baseline["per_account"]["x:gmpolice"]
    # event window: 1 day; own posts 101, 102, 103, 105, 113 (112 is before the window); dave's 104 replies;
    # 1,000 -> 1,250 between 08:30 and 20:00 (11.5 h); engagement 56 (101), 22 (102), 5 (103) over 3 posts
    assert gmp["event"] == {"posts_per_day": 5.0, "public_replies_per_day": 1.0,
                            "follower_growth_per_day": round(250 / (11.5 / 24), 4),
                            "engagement_per_post": round(83 / 3, 4)}
    # baseline: 7 days; 7 own posts (the repost left out), 3 public replies (polisen's is a participant's),
    # +60 over 6 days, 2 likes a post
    assert gmp["baseline"] == {"posts_per_day": 1.0, "public_replies_per_day": round(3 / 7, 4),
                               "follower_growth_per_day": 10.0, "engagement_per_post": 2.0}
    assert gmp["difference"]["posts_per_day"] == 4.0
    assert gmp["difference"]["follower_growth_per_day"] == round(round(250 / (11.5 / 24), 4) - 10, 4)
    nsw = ev.baseline["per_account"]["x:nswpolice"]
    assert nsw["baseline"]["posts_per_day"] == 0.0 and nsw["baseline"]["engagement_per_post"] is None
    assert nsw["difference"]["engagement_per_post"] is None
    total = ev.baseline["total"]
    # event: 5 + 1 (polisen 106) + 1 (nswpolice 108) a day; replies 104 and 107; engagement (83+15+35)/5
    assert total["event"] == {"posts_per_day": 7.0, "public_replies_per_day": 2.0,
                              "follower_growth_per_day": round(250 / (11.5 / 24), 4),
                              "engagement_per_post": round(133 / 5, 4)}
    # baseline: 7 by gmpolice and polisen's reply (8 in 7 days), 3 replies, growth 10, 14 likes over 7 posts
    assert total["baseline"] == {"posts_per_day": round(8 / 7, 4), "public_replies_per_day": round(3 / 7, 4),
                                 "follower_growth_per_day": 10.0, "engagement_per_post": 2.0}


def test_the_report_shows_the_baseline_by_display_name(report: ImpactReport) -> None:
    html = render_html(report)
    assert html.index('id="baseline"') < html.index('id="stages"')
    section = html[html.index('id="baseline-accounts"'):]
    assert "Greater Manchester Police (@gmpolice)" in section
    assert "<td>Posts per day</td><td class=\"n\">1</td><td class=\"n\">5</td><td class=\"n\">+4</td>" in section


def test_baseline_period_errors_are_clear(runner: CliRunner, sqlite_store: Store) -> None:
    scenario.build(sqlite_store)
    db = str(sqlite_store.url)
    for args, message in ((["--start", "2024-03-08"], "give --start and --end"),
                          (["--start", "2024-03-08", "--end", "2024-03-01"], "is not after"),
                          (["--start", "March", "--end", "2024-03-01"], "is not a date")):
        result = runner.invoke(app, ["objectives", "baseline", "spring", *args, "--db", db])
        assert result.exit_code == 2 and message in result.stderr, result.output
    cleared = runner.invoke(app, ["objectives", "baseline", "spring", "--clear", "--db", db])
    assert cleared.exit_code == 0 and "removed" in cleared.stdout
