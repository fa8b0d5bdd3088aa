"""`tweetathon event` and `participants` on a real store (SQLite and PostgreSQL): rules, errors, per-row import."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store


def run(runner: CliRunner, db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.stdout, result.stderr


POLTWT = ["event", "create", "poltwt", "--name", "Global Police Tweet-a-thon", "--hashtag", "#PolTwt",
          "--hashtag", "poltwt2013", "--local-start", "08:00", "--duration", "24h", "--date", "2013-03-22",
          "--zone", "Europe/London"]


def test_create_each_rule_and_show(runner: CliRunner, db_url: str) -> None:
    assert run(runner, db_url, *POLTWT)[0] == 0
    code, _, _ = run(runner, db_url, "event", "create", "gmp24", "--hashtag", "gmp24", "--kind", "livefeed",
                     "--start", "2010-10-14T05:00", "--end", "2010-10-15T05:00", "--zone", "Europe/London")
    assert code == 0
    code, _, _ = run(runner, db_url, "event", "create", "polchat", "--kind", "chat", "--hashtag", "polchat",
                     "--rrule", "FREQ=WEEKLY;BYDAY=TH", "--time", "13:00", "--duration", "1h", "--date",
                     "2013-03-21", "--count", "10", "--zone", "Europe/London")
    assert code == 0
    with Store.open(db_url) as store:
        poltwt, gmp, chat = (store.get_event(s) for s in ("poltwt", "gmp24", "polchat"))
    assert poltwt and poltwt.hashtags == ("poltwt", "poltwt2013") and poltwt.duration_minutes == 1440
    # 05:00 BST on 14 October 2010 is 04:00 UTC
    assert gmp and gmp.start and gmp.start.isoformat() == "2010-10-14T04:00:00+00:00"
    assert chat and chat.rrule == "FREQ=WEEKLY;BYDAY=TH;COUNT=10" and chat.time == "13:00"
    code, out, _ = run(runner, db_url, "event", "show", "gmp24", "--json")
    assert json.loads(out)["window"] == {"start": "2010-10-14T04:00:00Z", "end": "2010-10-15T04:00:00Z"}
    code, out, _ = run(runner, db_url, "event", "list", "--json")
    assert [e["slug"] for e in json.loads(out)] == ["gmp24", "polchat", "poltwt"]


def test_clear_errors(runner: CliRunner, db_url: str) -> None:
    assert run(runner, db_url, *POLTWT)[0] == 0
    cases = {
        "already exists": POLTWT,
        "unknown time zone 'Europe/Lodnon'": ["event", "create", "x1", *POLTWT[3:-1], "Europe/Lodnon"],
        "two time rules": ["event", "create", "x2", "--hashtag", "x", "--local-start", "08:00", "--duration", "1h",
                           "--date", "2013-03-22", "--rrule", "FREQ=DAILY", "--time", "08:00"],
        "bad duration '24 hours'": ["event", "create", "x3", "--hashtag", "x", "--local-start", "08:00",
                                    "--duration", "24 hours", "--date", "2013-03-22"],
        "no time rule": ["event", "create", "x4", "--hashtag", "x"],
    }
    for message, args in cases.items():
        code, _, err = run(runner, db_url, *args)
        assert code == 2 and message in err.replace("\n", " "), (message, err)
        assert "Traceback" not in err


def test_create_from_simulator_event_json(runner: CliRunner, db_url: str, tmp_path: Path) -> None:
    plan = {"slug": "polchat", "name": "#polchat", "hashtags": ["polchat"], "kind": "chat", "zone": "Europe/London",
            "rrule": "FREQ=WEEKLY;BYDAY=TH", "time": "13:00", "duration_minutes": 60, "host": "x:PolChatHost",
            "sessions": [{"date": "2026-03-26", "theme": "Mental health", "questions": ["Q one?", "Q two?"]},
                         {"date": "2026-04-02", "theme": "Rural crime", "questions": ["Why?"]}]}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(plan))
    code, _, err = run(runner, db_url, "event", "create", "--from", str(path))
    assert code == 0, err
    with Store.open(db_url) as store:
        sessions = ostore.get_sessions(store, "polchat")
    assert [(s.session_date, s.theme, s.questions, s.host) for s in sessions] == [
        ("2026-03-26", "Mental health", ("Q one?", "Q two?"), "x:PolChatHost"),
        ("2026-04-02", "Rural crime", ("Why?",), "x:PolChatHost")]
    # 13:00 GMT on 26 March 2026, 13:00 BST (12:00 UTC) on 2 April
    assert [s.starts_at.isoformat() for s in sessions] == ["2026-03-26T13:00:00+00:00", "2026-04-02T12:00:00+00:00"]


CSV = """platform,handle,agency,role,address,city,country
x,@GMPolice,Greater Manchester Police,agency,"Central Park, Northampton Road",Manchester,GB
x,@nzpolice,New Zealand Police,agency,,Wellington,NZ
x,bad handle!,Someone,agency,,London,GB
x,gmpolice,Duplicate,agency,,Manchester,GB
mastodon,@Polizei@Social.Example,Polizei Berlin,officer,,Berlin,Germany
x,zz,Zed,agency,,Nowhereville,AU
x,yy,Why,agency,,Gotham,Narnia
bluesky,politie.bsky.social,Politie,other,,Amsterdam,NL
x,kk,K,captain,,Nairobi,KE
x,vpd,Vancouver Police,staff,,Vancouver,Canada
"""


def test_import_reports_each_bad_row_and_imports_the_rest(runner: CliRunner, db_url: str, tmp_path: Path) -> None:
    assert run(runner, db_url, *POLTWT)[0] == 0
    path = tmp_path / "participants.csv"
    path.write_text(CSV)
    code, out, _ = run(runner, db_url, "participants", "import", str(path), "--event", "poltwt", "--json")
    summary = json.loads(out)
    assert code == 1  # some rows rejected
    assert (summary["imported"], summary["rejected"]) == (5, 5)
    errors = "\n".join(summary["errors"])
    for line, what in [(4, "malformed x handle"), (5, "duplicate of line 2"),
                       (7, "town 'Nowhereville' not found in Australia"),
                       (8, "unknown country 'Narnia'"), (10, "unknown role 'captain'")]:
        assert f"{path}:{line}: {what}" in errors
    code, out, _ = run(runner, db_url, "participants", "list", "--event", "poltwt", "--json")
    listed = {p["account"]: p for p in json.loads(out)}
    assert sorted(listed) == ["bluesky:politie.bsky.social", "mastodon:polizei@social.example", "x:gmpolice",
                              "x:nzpolice", "x:vpd"]
    assert listed["x:nzpolice"]["zone"] == "Pacific/Auckland" and listed["x:vpd"]["zone"] == "America/Vancouver"
    # importing again changes nothing
    code, out, _ = run(runner, db_url, "participants", "import", str(path), "--event", "poltwt", "--json")
    assert (json.loads(out)["imported"], json.loads(out)["unchanged"]) == (0, 5)


def test_add_approve_remove_and_refuse_without_zone(runner: CliRunner, db_url: str) -> None:
    assert run(runner, db_url, *POLTWT)[0] == 0
    code, _, err = run(runner, db_url, "participants", "add", "x:SAPoliceService", "--event", "poltwt",
                       "--agency", "SAPS", "--city", "Pretoria", "--country", "ZA")
    assert code == 0, err
    code, _, _ = run(runner, db_url, "participants", "add", "x:ship", "--event", "poltwt", "--lat", "-40.0",
                     "--lon", "174.0", "--zone", "Pacific/Auckland")
    assert code == 0
    with Store.open(db_url) as store:  # a registration that reached the store without a zone (older tool)
        from tweetathon.model import Participant
        ostore.save_participants(store, "poltwt", [(Participant("poltwt", "x", "nozone", agency="?"), "")])
    code, _, err = run(runner, db_url, "participants", "approve", "--all", "--event", "poltwt")
    assert code == 1 and "x:nozone has no time zone, so cannot be approved" in err.replace("\n", " ")
    with Store.open(db_url) as store:
        approved = {p.handle for p in ostore.get_participants(store, "poltwt", status="approved")}
    assert approved == {"sapoliceservice", "ship"}
    assert run(runner, db_url, "participants", "remove", "x:ship", "--event", "poltwt")[0] == 0
    code, _, err = run(runner, db_url, "participants", "remove", "x:ship", "--event", "poltwt")
    assert code == 2 and "no participant x:ship" in err


def test_a_description_from_the_command_line_or_event_json_is_kept(runner: CliRunner, db_url: str,
                                                                   tmp_path: Path) -> None:
    assert run(runner, db_url, *POLTWT, "--description", "Forces post for 24 hours from 08:00 local.")[0] == 0
    _, out, _ = run(runner, db_url, "event", "show", "poltwt", "--json")
    assert json.loads(out)["description"] == "Forces post for 24 hours from 08:00 local."
    spec = tmp_path / "event.json"
    spec.write_text(json.dumps({"slug": "gmp24", "name": "#gmp24", "hashtags": ["gmp24"], "kind": "livefeed",
                                "start": "2010-10-14T05:00", "end": "2010-10-15T05:00", "zone": "Europe/London",
                                "description": "  Every incident for a day.  "}), encoding="utf-8")
    assert run(runner, db_url, "event", "create", "--from", str(spec))[0] == 0
    with Store.open(db_url) as store:
        assert (gmp := store.get_event("gmp24")) is not None and gmp.description == "Every incident for a day."
