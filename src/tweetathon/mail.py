"""Outgoing mail over SMTP (smtplib): registration confirmations and decisions.

API (stable):
    load_mail_settings(path=None, env=None) -> MailSettings        raises ConfigError naming the bad setting
    MailSettings: host, port, security ("none" | "starttls" | "tls"), user, password (Secret), sender, timeout,
                  base_url (links in messages), configured (bool)
    compose(settings, to, subject, body) -> EmailMessage
    send(settings, to, subject, body) -> str      the Message-ID; raises MailError (a clear message, no secret)

Settings come from the environment, else the `[mail]` section of the configuration file (the same TOML file as
the capture credentials, `--config FILE`); the base URL is `[web] base_url` / TWEETATHON_BASE_URL:

    [mail]
    host = "smtp.police.example"   # TWEETATHON_SMTP_HOST; without it no mail can be sent
    port = 587                     # TWEETATHON_SMTP_PORT; default 25 (none), 587 (starttls), 465 (tls)
    security = "starttls"          # TWEETATHON_SMTP_SECURITY: none | starttls | tls (default starttls)
    user = "tweetathon"            # TWEETATHON_SMTP_USER (no login when empty)
    password = "..."               # TWEETATHON_SMTP_PASSWORD: a secret, never printed or logged
    sender = "Events <events@police.example>"   # TWEETATHON_MAIL_FROM (required to send)
    timeout = 30                   # TWEETATHON_SMTP_TIMEOUT, seconds
    ca_file = "/etc/ssl/private-ca.pem"   # TWEETATHON_SMTP_CA_FILE: trust this CA bundle (an internal CA)

STARTTLS and TLS verify the server's certificate and host name against the system's trust store, or against
`ca_file` when given.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from tweetathon.capture.credentials import ConfigError, Secret, read_config_file, redact
from tweetathon.settings import DEFAULT_BASE_URL, base_url

SECURITY = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


class MailError(Exception):
    """Mail could not be sent: says which server and why (never the password)."""


@dataclass(frozen=True)
class MailSettings:
    host: str | None = None
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: Secret | None = None
    sender: str | None = None
    timeout: float = 30.0
    base_url: str = DEFAULT_BASE_URL
    ca_file: str | None = None

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)


def _pick(env: Mapping[str, str], var: str, section: Mapping[str, Any], key: str) -> Any:
    return env.get(var) or section.get(key)


def _security(value: Any, where: str) -> str:
    security = str(value or "starttls").lower()
    if security not in SECURITY:
        raise ConfigError(f"{where}: [mail] security must be one of {', '.join(SECURITY)}, not {value!r}")
    return security


def _positive(value: Any, key: str, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: [mail] {key} must be a number, not {value!r}") from None
    if number <= 0:
        raise ConfigError(f"{where}: [mail] {key} must be greater than 0, not {value!r}")
    return number


def load_mail_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> MailSettings:
    env = os.environ if env is None else env
    data = read_config_file(path)
    section, web = data.get("mail", {}), data.get("web", {})
    where = str(path) if path else "the mail settings"
    security = _security(_pick(env, "TWEETATHON_SMTP_SECURITY", section, "security"), where)
    port = _pick(env, "TWEETATHON_SMTP_PORT", section, "port") or DEFAULT_PORTS[security]
    password = _pick(env, "TWEETATHON_SMTP_PASSWORD", section, "password")
    return MailSettings(
        host=_pick(env, "TWEETATHON_SMTP_HOST", section, "host") or None,
        port=int(_positive(port, "port", where)),
        security=security,
        user=_pick(env, "TWEETATHON_SMTP_USER", section, "user") or None,
        password=Secret(str(password)) if password else None,
        sender=_pick(env, "TWEETATHON_MAIL_FROM", section, "sender") or None,
        timeout=_positive(_pick(env, "TWEETATHON_SMTP_TIMEOUT", section, "timeout") or 30, "timeout", where),
        base_url=base_url(str(env.get("TWEETATHON_BASE_URL") or web.get("base_url") or DEFAULT_BASE_URL), where),
        ca_file=_ca_file(_pick(env, "TWEETATHON_SMTP_CA_FILE", section, "ca_file"), where))


def _ca_file(value: Any, where: str) -> str | None:
    if not value:
        return None
    if not Path(str(value)).is_file():
        raise ConfigError(f"{where}: [mail] ca_file {value!r} is not a file (a PEM bundle of CA certificates)")
    return str(value)


def compose(settings: MailSettings, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender or ""
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(settings.sender or "")[1].rpartition("@")[2] or "tweetathon.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def _connect(settings: MailSettings) -> smtplib.SMTP:
    host = settings.host or ""
    context = ssl.create_default_context(cafile=settings.ca_file)
    if settings.security == "tls":
        return smtplib.SMTP_SSL(host, settings.port, timeout=settings.timeout, context=context)
    client = smtplib.SMTP(host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        client.starttls(context=context)
    return client


def send(settings: MailSettings, to: str, subject: str, body: str) -> str:
    """Send one plain-text message; returns its Message-ID."""
    if not settings.configured:
        raise MailError("mail is not configured: set TWEETATHON_SMTP_HOST and TWEETATHON_MAIL_FROM "
                        "(or [mail] host and sender in the configuration file); see docs/accounts.md")
    message = compose(settings, to, subject, body)
    try:
        with _connect(settings) as client:
            if settings.user and settings.password:
                client.login(settings.user, settings.password.reveal())
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        secrets = [settings.password.reveal()] if settings.password else []
        raise MailError(redact(f"could not send mail through {settings.host}:{settings.port} "
                               f"({settings.security}): {exc}", secrets)) from None
    return str(message["Message-ID"])
