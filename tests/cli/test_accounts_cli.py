"""`tweetathon user`, `token`, `audit` driven through the CLI and checked in the database."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tweetathon.audit import record
from tweetathon.auth.login import authenticate
from tweetathon.auth.tokens import verify_token
from tweetathon.cli import app
from tweetathon.store.store import Store

PASSWORD = "correct horse battery"


def run(runner: CliRunner, db_url: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db_url], input=stdin)
    return result.exit_code, result.output


def test_user_add_from_stdin_then_login(runner: CliRunner, db_url: str) -> None:
    code, out = run(runner, db_url, "user", "add", "ana", "--role", "organiser", "--password-stdin",
                    stdin=PASSWORD + "\n")
    assert code == 0, out
    assert PASSWORD not in out
    with Store.open(db_url) as store:
        assert authenticate(store, "ana", PASSWORD).ok
    code, out = run(runner, db_url, "user", "list", "--json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("ana", "organiser")]


def test_user_add_prompts_twice_and_never_echoes(runner: CliRunner, db_url: str) -> None:
    code, out = run(runner, db_url, "user", "add", "ed", "--role", "editor", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0, out
    assert out.count("Password") == 1 and "Repeat for confirmation" in out and PASSWORD not in out
    code, out = run(runner, db_url, "user", "add", "vi", stdin=f"{PASSWORD}\nsomething else\n")
    assert code != 0 and "do not match" in out


def test_user_errors_are_messages(runner: CliRunner, db_url: str) -> None:
    code, out = run(runner, db_url, "user", "add", "ana", "--role", "boss", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and "unknown role 'boss'" in out and "Traceback" not in out
    code, out = run(runner, db_url, "user", "add", "ana", "--password-stdin", stdin="short\n")
    assert code == 2 and "password too short" in out
    code, out = run(runner, db_url, "user", "remove", "ghost")
    assert code == 2 and "no account 'ghost'" in out
    code, out = run(runner, db_url, "user", "passwd", "ghost", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and "no account 'ghost'" in out


def test_passwd_and_remove(runner: CliRunner, db_url: str) -> None:
    run(runner, db_url, "user", "add", "ana", "--password-stdin", stdin=PASSWORD)
    code, out = run(runner, db_url, "user", "passwd", "ana", "--password-stdin", stdin="another passphrase\n")
    assert code == 0, out
    with Store.open(db_url) as store:
        assert authenticate(store, "ana", "another passphrase").ok
    assert run(runner, db_url, "user", "role", "ana", "editor")[0] == 0
    assert json.loads(run(runner, db_url, "user", "list", "--json")[1])[0]["role"] == "editor"
    code, out = run(runner, db_url, "user", "role", "ana", "king")
    assert code == 2 and "unknown role 'king'" in out
    assert run(runner, db_url, "user", "remove", "ana")[0] == 0
    assert json.loads(run(runner, db_url, "user", "list", "--json")[1]) == []


def test_token_add_prints_it_once_and_revoke_stops_it(runner: CliRunner, db_url: str) -> None:
    result = runner.invoke(app, ["token", "add", "newsroom", "--role", "viewer", "--db", db_url])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    with Store.open(db_url) as store:
        assert verify_token(store, token) is not None
    code, out = run(runner, db_url, "token", "list", "--json")
    listed = json.loads(out)
    assert [(t["name"], t["active"]) for t in listed] == [("newsroom", True)] and token not in out
    assert run(runner, db_url, "token", "revoke", "newsroom")[0] == 0
    with Store.open(db_url) as store:
        assert verify_token(store, token) is None
    code, out = run(runner, db_url, "token", "revoke", "newsroom")
    assert code == 2 and "no active token" in out


def test_audit_lists_and_filters_by_event(runner: CliRunner, db_url: str) -> None:
    run(runner, db_url, "user", "add", "ana", "--password-stdin", stdin=PASSWORD)
    with Store.open(db_url) as store:
        record(store, "ana", "participant.edit", "participant:poltwt:x:gmp", {"city": "Leeds"},
               {"city": "Manchester"}, event="poltwt")
    code, out = run(runner, db_url, "audit", "--event", "poltwt", "--json")
    found = json.loads(out)
    assert [(e["actor"], e["action"], e["before"], e["after"]) for e in found] == [
        ("ana", "participant.edit", {"city": "Leeds"}, {"city": "Manchester"})]
    code, out = run(runner, db_url, "audit")
    assert code == 0 and "2 audit entries" in out and "Leeds" in out  # the table, folded to 80 columns
