"""Mail settings from the environment and the configuration file, and sending through a real local SMTP server."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.smtp import SmtpServer
from tweetathon.capture.credentials import ConfigError, Secret, load_config
from tweetathon.mail import MailError, load_mail_settings, send
from tweetathon.organise.abuse import RateLimiter, honeypot_tripped
from tweetathon.settings import load_web_settings

CONFIG = """
[x]
bearer_token = "xyz"
[mail]
host = "smtp.police.example"
security = "tls"
user = "events"
password = "hunter2-smtp-password"
sender = "Events <events@police.example>"
[web]
secret_key = "0123456789abcdef0123456789abcdef-key"
base_url = "https://events.police.example/"
"""


def test_settings_from_the_file_the_capture_credentials_use(tmp_path: Path) -> None:
    path = tmp_path / "tweetathon.toml"
    path.write_text(CONFIG)
    settings = load_mail_settings(path, env={})
    assert (settings.host, settings.port, settings.security, settings.user, settings.sender) == (
        "smtp.police.example", 465, "tls", "events", "Events <events@police.example>")
    assert settings.base_url == "https://events.police.example"
    assert "hunter2" not in repr(settings) and settings.password and settings.password.reveal().startswith("hunter2")
    assert load_config(path, env={}).x_bearer_token  # the capture side still reads the same file
    web = load_web_settings(path, env={})
    assert "0123" not in repr(web) and web.secret_key.reveal().endswith("-key")


def test_the_environment_wins(tmp_path: Path) -> None:
    path = tmp_path / "tweetathon.toml"
    path.write_text(CONFIG)
    env = {"TWEETATHON_SMTP_HOST": "127.0.0.1", "TWEETATHON_SMTP_PORT": "2525", "TWEETATHON_SMTP_SECURITY": "none",
           "TWEETATHON_MAIL_FROM": "x@y.example", "TWEETATHON_BASE_URL": "http://localhost:8000"}
    settings = load_mail_settings(path, env=env)
    assert (settings.host, settings.port, settings.security, settings.sender, settings.base_url) == (
        "127.0.0.1", 2525, "none", "x@y.example", "http://localhost:8000")


@pytest.mark.parametrize(("text", "says"), [
    ('[mail]\nsecurity = "ssl"\n', "security must be one of none, starttls, tls"),
    ('[mail]\nport = "many"\n', "port must be a number"),
    ('[mail]\nhostname = "x"\n', "unknown key [mail] hostname"),
    ('[web]\nbase_url = "events.example"\n', "base_url must start with http"),
])
def test_bad_settings_name_the_file_and_key(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=says.replace("[", r"\[").replace("]", r"\]")) as caught:
        load_mail_settings(path, env={})
    assert str(path) in str(caught.value)


def test_a_missing_or_short_secret_key_says_how_to_make_one() -> None:
    with pytest.raises(ConfigError, match="TWEETATHON_SECRET_KEY"):
        load_web_settings(None, env={})
    with pytest.raises(ConfigError, match="too short"):
        load_web_settings(None, env={"TWEETATHON_SECRET_KEY": "short"})


def test_send_delivers_a_plain_text_message(smtp: SmtpServer) -> None:
    message_id = send(smtp.settings(), "press@logreglan.example", "Hello Reykjavík", "Línan: ok\n")
    [mail] = smtp.wait(1)
    assert (mail["To"], mail["Subject"], mail["Message-ID"]) == ("press@logreglan.example", "Hello Reykjavík",
                                                                 message_id)
    assert mail["From"] == "Events <events@police.example>" and mail.get_content().splitlines() == ["Línan: ok"]
    assert smtp.received.recipients == [["press@logreglan.example"]]


def test_a_failure_is_a_clear_message_without_the_password(caplog: pytest.LogCaptureFixture) -> None:
    server = SmtpServer()  # not started: the port is closed
    settings = load_mail_settings(None, env={"TWEETATHON_SMTP_HOST": "127.0.0.1",
                                             "TWEETATHON_SMTP_PORT": str(server.port),
                                             "TWEETATHON_SMTP_SECURITY": "none", "TWEETATHON_SMTP_USER": "events",
                                             "TWEETATHON_SMTP_PASSWORD": "hunter2-smtp-password",
                                             "TWEETATHON_MAIL_FROM": "x@y.example"})
    caplog.set_level(logging.DEBUG)
    with pytest.raises(MailError, match=f"could not send mail through 127.0.0.1:{server.port}") as caught:
        send(settings, "a@b.example", "s", "b")
    assert "hunter2" not in str(caught.value) and "hunter2" not in caplog.text


def test_unconfigured_mail_says_what_to_set() -> None:
    with pytest.raises(MailError, match="TWEETATHON_SMTP_HOST"):
        send(load_mail_settings(None, env={}), "a@b.example", "s", "b")


def test_rate_limiter_refills_over_time_and_stays_bounded() -> None:
    now = [0.0]
    limiter = RateLimiter(capacity=2, refill_seconds=60, max_clients=3, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert limiter.allow("b")
    now[0] = 59
    assert not limiter.allow("a")
    now[0] = 61
    assert limiter.allow("a")
    for client in "cdefg":
        limiter.allow(client)
    assert len(limiter._buckets) <= 3


def test_honeypot() -> None:
    assert honeypot_tripped("http://spam.example") and not honeypot_tripped("") and not honeypot_tripped(None)


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "tls"])
def test_starttls_and_tls_with_login_and_a_private_ca(tmp_path: Path, implicit: bool) -> None:
    from dataclasses import replace

    from tests.smtp import TlsSmtpServer

    with TlsSmtpServer(str(tmp_path / "ca.pem"), implicit, "events", "s3cret-smtp") as server:
        good = replace(server.settings(), user="events", password=Secret("s3cret-smtp"))
        send(good, "press@logreglan.example", "Over TLS", "hello\n")
        assert [m["Subject"] for m in server.wait(1)] == ["Over TLS"]
        with pytest.raises(MailError) as caught:
            send(replace(good, password=Secret("wrong-password")), "a@b.example", "s", "b")
        assert "wrong-password" not in str(caught.value)
        assert server.logins == [("events", True), ("events", False)]
        untrusted = replace(good, ca_file=None)  # the system's trust store does not know the test CA
        with pytest.raises(MailError, match="CERTIFICATE_VERIFY_FAILED"):
            send(untrusted, "a@b.example", "s", "b")
    assert len(server.messages) == 1
