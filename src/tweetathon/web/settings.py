"""The web app's settings: the database, the secret key and base URL (`tweetathon.settings`), the SMTP server
(`tweetathon.mail`), and whether session cookies are marked Secure.

| setting | environment (or `--config FILE` section) | default |
| --- | --- | --- |
| database | TWEETATHON_DB / `--db` | ./tweetathon.db |
| secret key (sessions, CSRF, confirmation links) | TWEETATHON_SECRET_KEY ([web] secret_key) | required |
| public base URL (links in mails) | TWEETATHON_BASE_URL ([web] base_url) | http://127.0.0.1:8000 |
| SMTP | TWEETATHON_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD, TWEETATHON_MAIL_FROM ([mail]) | no mail |
| Secure cookies | TWEETATHON_SECURE_COOKIES: auto, always, never | auto (Secure when the request came over HTTPS) |
| live-feed posting accounts | TWEETATHON_FEED_<NAME>_TOKEN / _PASSWORD ([feed.accounts.NAME], docs/feed.md) | none |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tweetathon.capture.credentials import ConfigError
from tweetathon.feed.accounts import PostingAccount, load_accounts
from tweetathon.mail import MailSettings, load_mail_settings
from tweetathon.settings import WebSettings, load_web_settings

SECURE_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class AppSettings:
    """Everything the app needs to know about where it runs."""

    web: WebSettings
    mail: MailSettings
    db: str | None = None
    secure_cookies: str = "auto"
    feed_accounts: Mapping[str, PostingAccount] = field(default_factory=dict)

    @property
    def secret(self) -> str:
        return self.web.secret_key.reveal()


def _secure(env: Mapping[str, str]) -> str:
    value = env.get("TWEETATHON_SECURE_COOKIES", "auto").lower()
    if value not in SECURE_CHOICES:
        raise ConfigError(f"TWEETATHON_SECURE_COOKIES is {value!r}: use one of {', '.join(SECURE_CHOICES)}")
    return value


def load_app_settings(db: str | None = None, config: Path | None = None,
                      env: Mapping[str, str] | None = None) -> AppSettings:
    """The settings from the environment and the optional TOML `config`; raises ConfigError with what to set."""
    env = os.environ if env is None else env
    return AppSettings(web=load_web_settings(config, env), mail=load_mail_settings(config, env),
                       db=db or env.get("TWEETATHON_DB"), secure_cookies=_secure(env),
                       feed_accounts=load_accounts(config, env))
