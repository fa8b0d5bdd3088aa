"""The impact report's content on SQLite and PostgreSQL: figures, top posts, deleted posts, hostile text, compare.

Expected values come from tests/reports/impact_scenario.py, where each is counted by construction.
"""

from __future__ import annotations

import re

import pytest

from tests.reports import impact_scenario as scenario
from tweetathon.reports.impact import ImpactReport, build_report
from tweetathon.reports.impact_compare import compare
from tweetathon.reports.render_impact import render_html
from tweetathon.store.store import Store


@pytest.fixture
def report(store: Store) -> ImpactReport:
    scenario.build(store)
    return build_report(store, "spring", compare_with="autumn")


def test_figures_and_tables_count_what_was_written(report: ImpactReport) -> None:
    posts, who = report.figures["posts"], report.figures["participants"]
    expected = scenario.EXPECTED_SPRING
    assert {k: posts[k] for k in ("total", "originals", "replies", "quotes", "reposts")} == {
        k: expected[k] for k in ("total", "originals", "replies", "quotes", "reposts")}
    assert (who["participants_posted"], who["public_accounts"]) == (3, 4)
    assert [(c.code, c.participants, c.posts) for c in report.countries] == [("GB", 1, 4), ("AU", 1, 1),
                                                                               ("SE", 1, 1)]
    assert [(t.key, t.posts, t.reach) for t in report.top_participants] == [
        ("x:gmpolice", 4, 1250), ("x:nswpolice", 1, 3000), ("x:polisen", 1, 800)]
    assert [(g.key, g.first, g.last, g.gain) for g in report.growth] == [("x:gmpolice", 1000, 1250, 250)]
    assert report.response_seconds == (240.0,)
    assert [(q.key, q.questions, q.answered) for q in report.questions] == [("x:gmpolice", 1, 1),
                                                                            ("x:polisen", 1, 0)]
    assert sum(h.posts for h in report.hours) == expected["total"]
    assert report.map_svg is not None and report.map_svg.count('class="participant ') == 3


def test_top_posts_rank_by_engagement_and_never_show_deleted_posts_or_reposts(report: ImpactReport) -> None:
    ids = [p.post_id for p in report.top_posts]
    # engagement: 109 = 625, 101 = 56, 108 = 35, 102 = 22, 106 = 15, 103 = 5, then the rest (0) by time
    assert ids[:6] == ["109", "101", "108", "102", "106", "103"]
    assert "111" not in ids, "a deleted post must never appear"
    assert "110" not in ids, "reposts carry someone else's counts"
    assert len(ids) == 10
    hostile = report.top_posts[0]
    assert hostile.url is None, "a javascript: URL must never become the link to the original"


def test_html_shows_hostile_text_as_text_and_leaves_deleted_text_out(report: ImpactReport) -> None:
    html = render_html(report)
    assert "DELETED-SECRET" not in html
    body = html.split("<body>", 1)[1]
    assert "<script" not in body
    assert "<img" not in body
    assert "javascript:" not in re.sub(r"&[a-z]+;|&#\d+;", "", "".join(re.findall(r'href="([^"]*)"', body)))
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(3)&gt;" in body
    assert "NSW Police &lt;Force&gt;" in body


def test_headline_figures_carry_definitions_inside_the_report(report: ImpactReport) -> None:
    html = render_html(report)
    anchors = set(re.findall(r'<dt id="(def-[a-z_]+)"', html))
    links = set(re.findall(r'href="#(def-[a-z_]+)"', html))
    assert links and links <= anchors, f"links to missing definitions: {links - anchors}"
    cards = re.findall(r'<div class="card" data-figure="([a-z_.]+)">.*?href="#(def-[a-z_]+)"', html, re.S)
    assert len(cards) == len(report.headlines) == 10
    assert all(anchor == "def-" + path.split(".")[0] for path, anchor in cards)


def test_times_are_shown_in_the_organisers_zone_with_the_zone_named(store: Store) -> None:
    scenario.build(store)
    report = build_report(store, "spring", zone="Australia/Sydney")
    html = render_html(report)
    # the busiest hour, 09:00 UTC on 22 March, is 20:00 in Sydney (AEDT, UTC+11)
    assert "Fri 22 Mar 2024, 20:00 Australia/Sydney" in html
    assert "Times are shown in <strong>Australia/Sydney</strong>" in html
    assert report.hours[0].local_label == "Fri 20:00" and report.hours[0].utc_label == "Fri 22 Mar 09:00"


def test_compare_shows_every_headline_change_with_correct_arithmetic(report: ImpactReport) -> None:
    assert report.comparison is not None
    rows = {r.path: r for r in report.comparison.rows}
    total = rows["posts.total"]
    assert (total.this, total.other, total.change) == (11, scenario.EXPECTED_AUTUMN_TOTAL, 7)
    assert total.change_percent == pytest.approx(7 / 4 * 100)
    assert (total.change_text, total.percent_text) == ("+7", "+175.0%")
    posted = rows["participants.participants_posted"]
    assert (posted.this, posted.other, posted.change_text, posted.percent_text) == (3, 2, "+1", "+50.0%")
    quotes = rows["posts.quotes"]
    assert (quotes.change, quotes.change_percent, quotes.percent_text) == (0, None, "—")
    measured = rows["measured_impressions.total"]
    assert (measured.this, measured.other, measured.change, measured.other_text) == (9000, None, None,
                                                                                    "not reported")
    html = render_html(report)
    row = re.search(r'<tr data-figure="posts.total">(.*?)</tr>', html, re.S)
    assert row is not None
    assert re.findall(r">([^<>]+)</td>", row.group(1)) == ["Posts", "11", "4", "+7", "+175.0%"]


def test_compare_arithmetic_for_falls_rates_and_times() -> None:
    this = {"event": "b", "posts": {"total": 1500}, "public_questions": {
        "answer_rate": 0.25, "response_median_seconds": 90.0}}
    other = {"event": "a", "posts": {"total": 2000}, "public_questions": {
        "answer_rate": 0.5, "response_median_seconds": 330.0}}
    rows = {r.path: r for r in compare(this, other).rows}
    assert (rows["posts.total"].change, rows["posts.total"].change_percent) == (-500, -25.0)
    assert (rows["posts.total"].change_text, rows["posts.total"].percent_text) == ("−500", "−25.0%")
    rate = rows["public_questions.answer_rate"]
    assert (rate.this_text, rate.other_text, rate.change_text) == ("25.0%", "50.0%", "−25 pts")
    assert rate.change_percent == pytest.approx(-50.0)
    median = rows["public_questions.response_median_seconds"]
    assert (median.change, median.change_text, median.this_text) == (-240.0, "−4 min", "1 min 30 s")
    assert rows["posts.replies"].change is None and rows["posts.replies"].change_text == "—"
