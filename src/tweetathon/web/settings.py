"""The web app's settings: from arguments, else environment variables, else safe defaults.

| setting | environment | default |
| --- | --- | --- |
| database | TWEETATHON_DB | ./tweetathon.db |
| secret key (signs session cookies and CSRF tokens) | TWEETATHON_SECRET_KEY, or a file named by TWEETATHON_SECRET_KEY_FILE | a random key per process (sessions end on restart; set one for several workers) |
| public base URL (links in mails) | TWEETATHON_BASE_URL | http://127.0.0.1:8000 |
| Secure cookies | TWEETATHON_SECURE_COOKIES (`auto`, `always`, `never`) | auto: when the request came over HTTPS (directly, or as the proxy says) |
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

SECURE_CHOICES = ("auto", "always", "never")


class SettingsError(ValueError):
    """A setting a user gave is wrong: the message says which and what to do."""


def _secret_from_env() -> str:
    value = os.environ.get("TWEETATHON_SECRET_KEY", "")
    path = os.environ.get("TWEETATHON_SECRET_KEY_FILE", "")
    if not value and path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"cannot read TWEETATHON_SECRET_KEY_FILE {path}: {exc.strerror}") from None
    return value or secrets.token_urlsafe(48)


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Everything the app needs to know about where it runs."""

    db: str | None = None
    secret_key: str = field(default_factory=_secret_from_env, repr=False)
    base_url: str = field(default_factory=lambda: os.environ.get("TWEETATHON_BASE_URL", "http://127.0.0.1:8000"))
    secure_cookies: str = field(default_factory=lambda: os.environ.get("TWEETATHON_SECURE_COOKIES", "auto"))

    def __post_init__(self) -> None:
        if self.secure_cookies not in SECURE_CHOICES:
            raise SettingsError(f"TWEETATHON_SECURE_COOKIES is {self.secure_cookies!r}: use one of "
                                f"{', '.join(SECURE_CHOICES)}")
        if len(self.secret_key) < 32:
            raise SettingsError("the secret key is shorter than 32 characters: make one with "
                                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`")
