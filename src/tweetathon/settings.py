"""Settings of the web side: the secret key that signs links (and sessions) and the public base URL.

API (stable):
    load_web_settings(path=None, env=None) -> WebSettings          raises ConfigError with what to set
    WebSettings: secret_key (Secret; .reveal() only where a signer is built), base_url (no trailing /)

Read from the environment, else the `[web]` section of the TOML file that also holds the capture credentials and
the mail settings (`--config FILE`; see `capture/credentials.py` for the format):

    [web]
    secret_key = "..."     # or TWEETATHON_SECRET_KEY: at least 32 characters, random; keep it secret
    base_url = "https://events.police.example"   # or TWEETATHON_BASE_URL: where the app is reached (links in mail)

Make a key with `python -c "import secrets; print(secrets.token_urlsafe(32))"`. Changing it invalidates every
confirmation link already mailed (and every session signed with it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tweetathon.capture.credentials import ConfigError, Secret, read_config_file

MIN_SECRET = 32
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class WebSettings:
    secret_key: Secret
    base_url: str = DEFAULT_BASE_URL


def _secret_key(value: str | None, where: str) -> Secret:
    if not value:
        raise ConfigError(f"no secret key: set TWEETATHON_SECRET_KEY or [web] secret_key in {where}; make one "
                          "with: python -c \"import secrets; print(secrets.token_urlsafe(32))\"")
    if len(value) < MIN_SECRET:
        raise ConfigError(f"the secret key is too short ({len(value)} characters): use at least {MIN_SECRET} "
                          "random characters (python -c \"import secrets; print(secrets.token_urlsafe(32))\")")
    return Secret(value)


def base_url(value: str, where: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: base_url must start with http:// or https://, not {value!r}")
    return value.rstrip("/")


def load_web_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> WebSettings:
    env = os.environ if env is None else env
    section = read_config_file(path).get("web", {})
    where = str(path) if path else "the configuration file"
    return WebSettings(
        secret_key=_secret_key(env.get("TWEETATHON_SECRET_KEY") or section.get("secret_key"), where),
        base_url=base_url(str(env.get("TWEETATHON_BASE_URL") or section.get("base_url") or DEFAULT_BASE_URL),
                          where))
