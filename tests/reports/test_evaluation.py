"""The evaluation sections of the impact report (SQLite and PostgreSQL): summary first, objectives with status,
layout per kind of event, people by display name, long tables cut with an appendix, one code per language, the
network line explained, method and limitations, learning. Expected values from tests/reports/impact_scenario.py
(counted by construction)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.reports import impact_scenario as scenario
from tweetathon.organise.objectives import Objective
from tweetathon.reports.evaluation import evaluation, with_evaluation
from tweetathon.reports.impact import ImpactReport, build_report
from tweetathon.reports.impact_rows import growth_rows, language_rows
from tweetathon.reports.render_impact import render_html, render_pdf
from tweetathon.store.objectives import EvaluationNotes, add_objective, write_notes
from tweetathon.store.store import Store

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def report(store: Store) -> ImpactReport:
    scenario.build(store)
    add_objective(store, "spring", Objective("participants.participants_posted", ">=", 4,
                                             statement="Four forces take part", audiences="police forces"))
    add_objective(store, "spring", Objective("follower_growth.x:gmpolice.gain", ">=", 200))
    add_objective(store, "spring", Objective("outcome:reports-online", ">=", 50))
    write_notes(store, "spring", inputs="Two officers, 12 staff hours; no cost.",
                learning="Answer questions faster.\n\nStart the evening shift earlier.")
    return with_evaluation(build_report(store, "spring", compare_with="autumn"), store)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_summary_comes_first_with_objectives_and_the_change_since_last_edition(report: ImpactReport) -> None:
    ev = report.evaluation
    assert ev is not None and ev.layout == "tweet-a-thon"
    assert [(s.label, s.shown) for s in ev.summary][:3] == [("Participants who posted", "3"), ("Posts", "11"),
                                                            ("Countries", "3")]
    posts = next(s for s in ev.summary if s.path == "posts.total")
    assert posts.change == f"last edition {scenario.EXPECTED_AUTUMN_TOTAL}: +7 (+175.0%)"  # 11 against autumn's 4
    assert [(o.result.objective.metric, o.actual, o.status) for o in ev.objectives] == [
        ("participants.participants_posted", "3", "partly"), ("follower_growth.x:gmpolice.gain", "250", "met"),
        ("outcome:reports-online", "not measured", "not measured")]
    assert ev.objectives[1].person == "Greater Manchester Police (@gmpolice)"
    html = render_html(report)
    assert html.index('id="summary"') < html.index('id="objectives"') < html.index('id="figures"')
    assert html.index('id="stages"') < html.index('id="figures"') < html.index('id="limitations"')
    assert html.index('id="limitations"') < html.index('id="learning"') < html.index('id="definitions"')
    text = _text(html)
    assert "1 met · 1 partly · 1 not measured" in text
    assert "Two officers, 12 staff hours; no cost." in text and "Start the evening shift earlier." in text


def test_stages_hold_their_figures_and_objectives(report: ImpactReport) -> None:
    ev = report.evaluation
    assert ev is not None
    stages = {s.level: s for s in ev.stages}
    assert list(stages) == ["input", "output", "out-take", "outcome", "impact"]
    assert ("Posts", "11") in [(label, value) for label, value, _ in stages["output"].figures]
    assert ("Public questions", "2") in [(label, value) for label, value, _ in stages["out-take"].figures]
    # gmpolice 1,000 -> 1,250 is the only participant observed twice
    assert ("Followers of the participant accounts observed twice", "1,000 → 1,250") in [
        (label, value) for label, value, _ in stages["out-take"].figures]
    assert [o.result.objective.metric for o in stages["outcome"].objectives] == ["outcome:reports-online"]
    assert not stages["impact"].figures and not stages["impact"].objectives
    assert "Not measured: no impact objective" in _text(render_html(report))


def test_people_by_display_name_and_the_network_line_adds_up(report: ImpactReport) -> None:
    html, network = render_html(report), report.network
    growth_table = html[html.index('id="growth"'):html.index('id="questions"')]
    assert "Greater Manchester Police (@gmpolice)" in growth_table and ">x:gmpolice<" not in growth_table
    total = network["replies"] + network["mentions"] + network["quotes"]
    assert total > 0
    assert (f"{total} interactions ({network['replies']} repl" in _text(html))
    assert "can carry many interactions" in _text(html)


def test_method_and_limitations_come_from_the_data(report: ImpactReport) -> None:
    ev = report.evaluation
    assert ev is not None
    text = " ".join(ev.limitations)
    health = report.health
    assert f"{health['import_runs']} import run" in text and f"{len(health['gaps'])} gap" in text
    assert "theoretical maxima" in text
    # spring: one post (101) carries an impression count of the 11 event posts
    assert "reported by the platform for 1 of 11 event posts" in text
    assert f"Follower growth is known for {len(report.figures['follower_growth'])} participant account" in text


def test_live_feed_headline_is_follower_growth_and_chat_has_its_layout(report: ImpactReport) -> None:
    feed = replace(report, event=replace(report.event, kind="livefeed"))
    ev = evaluation(feed, [], EvaluationNotes(), {}, NOW)
    first = ev.summary[0]
    assert ev.layout == "live feed" and first.label == "Followers"
    assert first.shown == "1,000 → 1,250" and first.detail == "+250 followers during the event"
    chat = evaluation(replace(report, event=replace(report.event, kind="chat")), [], EvaluationNotes(), {}, NOW)
    assert [s.path for s in chat.summary] == ["participants.public_accounts", "posts.total",
                                              "public_questions.questions", "public_questions.answer_rate",
                                              "public_questions.response_median_seconds"]
    assert [s.shown for s in chat.summary][3:] == ["50.0%", "4 min"]  # 1 of 2 answered, after 240 s


def test_long_growth_table_is_cut_to_the_top_ten_with_the_rest_in_an_appendix(report: ImpactReport) -> None:
    growth = {f"x:force{i:02d}": {"first": 100, "last": 100 + i, "gain": i} for i in range(14)}
    many = replace(report, growth=growth_rows(growth))
    ev = evaluation(many, [], EvaluationNotes(), {}, NOW)
    assert [g.key for g in ev.growth_top] == [f"x:force{i:02d}" for i in range(13, 3, -1)]
    assert [g.key for g in ev.growth_rest] == [f"x:force{i:02d}" for i in range(3, -1, -1)]
    html = render_html(replace(many, evaluation=ev))
    growth_table = html[html.index('id="growth"'):html.index('id="questions"')]
    appendix = html[html.index('id="appendix"'):html.index('id="definitions"')]
    assert "x:force13" in growth_table and "x:force03" not in growth_table
    assert "x:force03" in appendix and "x:force00" in appendix and "x:force13" not in appendix


def test_one_row_per_language_nb_and_no_merged() -> None:
    rows = language_rows({"posts_per_language": {"nb": 3, "en": 5}, "declared": {"no": 2, "nb": 1, "en": 5}})
    assert [(r.code, r.detected, r.declared) for r in rows] == [("en", 5, 5), ("nb", 3, 3)]


@pytest.mark.slow
def test_the_pdf_opens_on_the_summary(report: ImpactReport, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(report))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    first = re.sub(r"\s+", " ", first)
    assert "Summary" in first and "Objectives" in first and "Four forces" in first and "partly" in first
    assert "Posts per hour" not in first.split("Summary", 1)[1]


def test_questions_and_most_addressed_tables_name_participants(report: ImpactReport) -> None:
    html = render_html(report)
    questions = html[html.index('id="questions"'):html.index('id="network"')]
    network = html[html.index('id="network"'):html.index('id="health"')]
    assert "<td>Greater Manchester Police (@gmpolice)</td>" in questions and "<td>x:gmpolice</td>" not in questions
    assert "<td>Polisen Stockholm (@polisen)</td>" in network and "<td>x:polisen</td>" not in network


def test_limitations_name_failed_capture_sources_and_gaps() -> None:
    from tweetathon.reports.limitations import capture

    health = {"import_runs": 2, "rejected": 3, "gaps": [{"start": "x"}, {"start": "y"}],
              "failures": [{"platform": "x", "reason": "401"}], "rate_limit_waits": {"count": 4, "seconds": 60}}
    text = capture(health)
    assert text.startswith("Capture: 2 import runs, 3 records rejected as unreadable, 2 gaps")
    assert "4 rate-limit waits" in text and "1 capture source failed" in text and "missing from every figure" in text
