"""`tweetathon registrations`, `participants approve/remove`, `publish`/`unpublish` through the CLI: audited,
and mailing registrants through a real local SMTP server when mail is configured."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.smtp import SmtpServer
from tweetathon.audit import entries
from tweetathon.cli import app
from tweetathon.model import Event
from tweetathon.organise.publishing import is_published
from tweetathon.organise.registration import RegistrationForm, confirm, submit
from tweetathon.store.organise import get_participants
from tweetathon.store.store import Store

SECRET = "a-test-secret-key-that-is-long-enough-0123456789"


def register(db_url: str, smtp: SmtpServer, handle: str) -> str:
    """Submit a registration; returns its confirmation token."""
    with Store.open(db_url) as store:
        store.ensure_event(Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",)))
        form = RegistrationForm(platform="x", handle=handle, agency="Police Scotland", role="agency",
                                city="Glasgow", country="GB", email=f"{handle}@police.example", consent=True)
        assert submit(store, "poltwt", form, mail=smtp.settings(), secret=SECRET).outcome == "submitted"
    body = smtp.wait(len(smtp.messages) + 1)[-1].get_content()
    return str(body.split("/register/confirm/")[1].split()[0])


@pytest.fixture
def mail_env(smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> SmtpServer:
    for key, value in {"TWEETATHON_SMTP_HOST": "127.0.0.1", "TWEETATHON_SMTP_PORT": str(smtp.port),
                       "TWEETATHON_SMTP_SECURITY": "none", "TWEETATHON_MAIL_FROM": "events@police.example"}.items():
        monkeypatch.setenv(key, value)
    return smtp


def test_list_approve_and_reject_registrations(runner: CliRunner, db_url: str, mail_env: SmtpServer) -> None:
    token = register(db_url, mail_env, "policescotland")
    register(db_url, mail_env, "spammer")
    result = runner.invoke(app, ["registrations", "list", "--event", "poltwt", "--json", "--db", db_url])
    listed = json.loads(result.stdout)
    assert [(r["account"], r["confirmed"]) for r in listed["registrations"]] == [
        ("x:policescotland", False), ("x:spammer", False)]

    result = runner.invoke(app, ["participants", "approve", "--all", "--event", "poltwt", "--db", db_url])
    assert result.exit_code == 1 and "has not confirmed their e-mail" in result.output
    with Store.open(db_url) as store:
        assert confirm(store, token, secret=SECRET).outcome == "confirmed"
    result = runner.invoke(app, ["participants", "approve", "x:policescotland", "--event", "poltwt", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert mail_env.wait(3)[2]["Subject"] == "You are on the list for #poltwt"

    result = runner.invoke(app, ["registrations", "reject", "x:spammer", "--event", "poltwt", "--reason",
                                 "Not a police account.", "--db", db_url])
    assert result.exit_code == 0, result.output
    rejection = mail_env.wait(4)[3]
    assert rejection["To"] == "spammer@police.example" and "Not a police account." in rejection.get_content()
    with Store.open(db_url) as store:
        assert [p.handle for p in get_participants(store, "poltwt")] == ["policescotland"]
        assert [e.action for e in entries(store, event="poltwt")] == ["registration.reject", "registration.approve"]
    result = runner.invoke(app, ["registrations", "list", "--event", "poltwt", "--json", "--db", db_url])
    assert json.loads(result.stdout) == {"registrations": [], "refused": {"rejected": 1}}


def test_participants_remove_is_audited(runner: CliRunner, db_url: str, smtp: SmtpServer) -> None:
    register(db_url, smtp, "policescotland")
    result = runner.invoke(app, ["participants", "remove", "x:policescotland", "--event", "poltwt", "--db", db_url])
    assert result.exit_code == 0, result.output
    with Store.open(db_url) as store:
        [entry] = entries(store, event="poltwt")
    assert entry.action == "participant.remove" and entry.actor.startswith("cli")


def test_publish_and_unpublish(runner: CliRunner, db_url: str) -> None:
    with Store.open(db_url) as store:
        store.ensure_event(Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",)))
    assert runner.invoke(app, ["publish", "report", "--event", "poltwt", "--db", db_url]).exit_code == 0
    with Store.open(db_url) as store:
        assert is_published(store, "poltwt", "report") and not is_published(store, "poltwt", "transcripts")
    assert runner.invoke(app, ["unpublish", "report", "--event", "poltwt", "--db", db_url]).exit_code == 0
    with Store.open(db_url) as store:
        assert not is_published(store, "poltwt", "report")
    result = runner.invoke(app, ["publish", "map", "--event", "poltwt", "--db", db_url])
    assert result.exit_code == 2 and "unknown item 'map'" in result.output
    result = runner.invoke(app, ["publish", "report", "--event", "nosuch", "--db", db_url])
    assert result.exit_code == 2 and "no event 'nosuch'" in result.output
