"""Objectives: how each is judged (pure), and `tweetathon objectives` on a real store (SQLite and PostgreSQL)
against the figures of the impact scenario (tests/reports/impact_scenario.py, counted by construction)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reports import impact_scenario as scenario
from tweetathon.cli import app
from tweetathon.organise.objectives import (
    Objective,
    ObjectiveError,
    check_metric,
    evaluate,
    judge,
    parse_target,
)
from tweetathon.store.objectives import read_notes
from tweetathon.store.store import Store

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FIGURES = {"participants": {"participants_posted": 180, "public_accounts": 40},
           "public_questions": {"answer_rate": 0.6, "response_median_seconds": None},
           "follower_growth": {"x:bsp24": {"first": 77, "last": 1063, "gain": 986},
                               "mastodon:gmp@police.uk": {"first": 10, "last": 30, "gain": 20}}}


@pytest.mark.parametrize(("actual", "comparison", "target", "status"), [
    (250, ">=", 250, "met"), (300, ">=", 250, "met"), (187.5, ">=", 250, "partly"), (187, ">=", 250, "not met"),
    (0, ">=", 0, "met"), (3600, "<=", 3600, "met"), (4800, "<=", 3600, "partly"), (4801, "<=", 3600, "not met"),
    (None, ">=", 1, "not measured"),
])
def test_met_partly_not_met_at_the_boundaries(actual: float | None, comparison: str, target: float,
                                               status: str) -> None:
    assert judge(actual, comparison, target) == status  # type: ignore[arg-type]


def test_targets_are_read_in_the_metrics_unit() -> None:
    assert parse_target("250", "count") == 250 and parse_target("+500", "count") == 500
    assert parse_target("1,000", "count") == 1000
    assert parse_target("80%", "rate") == pytest.approx(0.8) and parse_target("0.8", "rate") == pytest.approx(0.8)
    assert parse_target("1h", "seconds") == 3600 and parse_target("30m", "seconds") == 1800
    for text, unit in (("80", "rate"), ("lots", "count"), ("-3", "count"), ("1 week", "seconds")):
        with pytest.raises(ObjectiveError):
            parse_target(text, unit)  # type: ignore[arg-type]
    with pytest.raises(ObjectiveError, match=r"unknown metric 'posts\.likes'"):
        check_metric("posts.likes")


def test_each_kind_of_metric_is_judged_on_its_figure() -> None:
    def status(metric: str, target: float, **kw: object) -> tuple[str, float | None, str]:
        r = evaluate(Objective(metric, ">=", target, **kw), FIGURES, NOW)  # type: ignore[arg-type]
        return r.status, r.actual, r.level
    assert status("participants.participants_posted", 200) == ("partly", 180, "output")
    assert status("participants.participants_posted", 250) == ("not met", 180, "output")  # 72%
    assert status("participants.public_accounts", 30) == ("met", 40, "out-take")
    assert status("public_questions.answer_rate", 0.8) == ("partly", 0.6, "out-take")
    assert status("follower_growth.x:bsp24.gain", 500) == ("met", 986, "out-take")
    assert status("follower_growth.mastodon:gmp@police.uk.last", 100) == ("not met", 30, "out-take")
    assert status("follower_growth.total.gain", 1006) == ("met", 1006, "out-take")
    assert status("follower_growth.x:nobody.gain", 1) == ("not measured", None, "out-take")
    assert status("public_questions.response_median_seconds", 60) == ("not measured", None, "out-take")
    assert status("outcome:reports-online", 100) == ("not measured", None, "outcome")
    assert status("impact:recruits", 10, recorded_value=12) == ("met", 12, "impact")
    later = datetime(2027, 1, 1, tzinfo=UTC)
    assert status("participants.participants_posted", 250, deadline=later) == ("not due", 180, "output")
    assert status("participants.public_accounts", 30, deadline=later)[0] == "met"


def run(runner: CliRunner, db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.stdout, result.stderr


def test_objectives_set_listed_judged_and_removed_on_the_store(runner: CliRunner, db_url: str,
                                                                tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        scenario.build(store)
    adds = [["-m", "participants.participants_posted", "-t", "4", "--text", "Four forces post",
             "-a", "police forces", "--deadline", "2024-03-23"],
            ["-m", "public_questions.answer_rate", "-t", "80%", "-a", "the public", "-a", "press"],
            ["-m", "follower_growth.x:gmpolice.gain", "-t", "+200"],
            ["-m", "public_questions.response_median_seconds", "-t", "1h"],
            ["-m", "outcome:reports-online", "-t", "50"]]
    for extra in adds:
        code, _, err = run(runner, db_url, "objectives", "add", "spring", *extra)
        assert code == 0, err
    assert run(runner, db_url, "objectives", "record", "spring", "5", "60")[0] == 0
    code, out, _ = run(runner, db_url, "objectives", "list", "spring", "--json")
    listed = json.loads(out)
    # scenario: 3 participants posted (3/4 = 75%: partly), 1 of 2 questions answered (50% < 60% of 80%: not
    # met), gmpolice 1,000 -> 1,250 (+250 >= 200: met), answered after 240 s (<= 1 h: met), outcome recorded 60
    assert [(o["metric"], o["actual"], o["status"]) for o in listed] == [
        ("participants.participants_posted", 3, "partly"), ("public_questions.answer_rate", 0.5, "not met"),
        ("follower_growth.x:gmpolice.gain", 250, "met"), ("public_questions.response_median_seconds", 240, "met"),
        ("outcome:reports-online", 60, "met")]
    assert listed[0]["deadline"] == "2024-03-24T00:00:00+00:00"  # end of 23 March in London (GMT)
    assert listed[1]["audiences"] == "the public, press" and listed[3]["comparison"] == "<="
    assert run(runner, db_url, "objectives", "remove", "spring", "2")[0] == 0
    code, out, _ = run(runner, db_url, "objectives", "list", "spring", "--json")
    assert [o["id"] for o in json.loads(out)] == [1, 3, 4, 5]
    notes = tmp_path / "learning.md"
    notes.write_text("Start answering questions earlier.\n", encoding="utf-8")
    assert run(runner, db_url, "objectives", "learning", "spring", "--file", str(notes))[0] == 0
    assert run(runner, db_url, "objectives", "inputs", "spring", "--text", "12 staff hours, no cost")[0] == 0
    with Store.open(db_url) as store:
        saved = read_notes(store, "spring")
    assert saved.learning == "Start answering questions earlier.\n" and saved.inputs == "12 staff hours, no cost"


@pytest.mark.parametrize(("args", "message"), [
    (["add", "spring", "-m", "posts.likes", "-t", "5"], "unknown metric 'posts.likes'"),
    (["add", "spring", "-m", "public_questions.answer_rate", "-t", "80"], "write it as a percentage"),
    (["add", "spring", "-m", "posts.total", "-t", "5", "--deadline", "soon"], "is not a date"),
    (["add", "spring", "-m", "posts.total", "-t", "5", "--value", "3"], "--value is for an outcome"),
    (["add", "nope", "-m", "posts.total", "-t", "5"], "no event 'nope'"),
    (["remove", "spring", "9"], "spring has no objective 9"),
    (["record", "spring", "1", "3"], "is computed from the event's data"),
    (["learning", "spring"], "give either --file or --text"),
    (["learning", "spring", "--file", "/nonexistent/notes.md"], "cannot read /nonexistent/notes.md"),
])
def test_mistakes_are_clear_messages(runner: CliRunner, sqlite_store: Store, args: list[str],
                                     message: str) -> None:
    scenario.build(sqlite_store)
    db = str(sqlite_store.url)
    assert run(runner, db, "objectives", "add", "spring", "-m", "posts.total", "-t", "5")[0] == 0
    code, out, err = run(runner, db, "objectives", *args)
    assert code == 2 and message in err and "Traceback" not in out + err
