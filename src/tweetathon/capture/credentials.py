"""Capture configuration and credentials: from the environment or a TOML file, never printed, logged or stored.

Secrets are wrapped in `Secret`, whose repr and str are redacted: only `.reveal()` gives the value, and only
the HTTP layer calls it (to build an Authorization header). `RedactingFilter` removes every known secret value
from log records, for the case where a library logs a header or a URL.

Configuration file (TOML; every key optional, the environment wins):

    [x]
    bearer_token = "..."                 # or TWEETATHON_X_BEARER_TOKEN
    api_url = "https://api.x.com"        # or TWEETATHON_X_API_URL
    [mastodon]
    instances = ["https://mastodon.social", "https://police.example"]   # or TWEETATHON_MASTODON_INSTANCES
    tokens = { "https://police.example" = "..." }                        # or TWEETATHON_MASTODON_TOKEN (all)
    [bluesky]
    firehose_url = "wss://bsky.network"  # or TWEETATHON_BLUESKY_FIREHOSE (a relay or a PDS)
    appview_url = "..."                  # or TWEETATHON_BLUESKY_APPVIEW (searchPosts catch-up)
    handle = "..."                       # or TWEETATHON_BLUESKY_HANDLE
    password = "..."                     # or TWEETATHON_BLUESKY_PASSWORD (an app password)
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_X_API_URL = "https://api.x.com"
DEFAULT_FIREHOSE_URL = "wss://bsky.network"


class ConfigError(Exception):
    """The configuration cannot be used: says which file or variable and what to do."""


class Secret:
    """A credential. Its repr and str never show the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class CaptureConfig:
    """Where to capture from, with which credentials. Build it with `load_config`."""

    x_bearer_token: Secret | None = None
    x_api_url: str = DEFAULT_X_API_URL
    mastodon_instances: tuple[str, ...] = ()
    mastodon_tokens: Mapping[str, Secret] = field(default_factory=dict)
    bluesky_firehose_url: str = DEFAULT_FIREHOSE_URL
    bluesky_appview_url: str | None = None
    bluesky_handle: str | None = None
    bluesky_password: Secret | None = None

    def secrets(self) -> list[str]:
        """Every secret value (for redaction), longest first."""
        values = [s.reveal() for s in (self.x_bearer_token, self.bluesky_password) if s]
        values += [s.reveal() for s in self.mastodon_tokens.values() if s]
        return sorted({v for v in values if v}, key=len, reverse=True)


def _read_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); see docs/capture.md for the format") from exc


def _secret(value: Any) -> Secret | None:
    return Secret(str(value)) if value else None


def _instances(env: Mapping[str, str], section: Mapping[str, Any]) -> tuple[str, ...]:
    raw = env.get("TWEETATHON_MASTODON_INSTANCES")
    items = raw.split(",") if raw else list(section.get("instances", []))
    return tuple(i.strip().rstrip("/") for i in items if i.strip())


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> CaptureConfig:
    """Configuration from the TOML file at `path` (if any), overridden by environment variables."""
    env = os.environ if env is None else env
    data = _read_file(path)
    x, masto, bsky = data.get("x", {}), data.get("mastodon", {}), data.get("bluesky", {})
    instances = _instances(env, masto)
    tokens = {str(k).rstrip("/"): Secret(str(v)) for k, v in dict(masto.get("tokens", {})).items() if v}
    shared = env.get("TWEETATHON_MASTODON_TOKEN")
    if shared:
        tokens.update({i: Secret(shared) for i in instances})
    return CaptureConfig(
        x_bearer_token=_secret(env.get("TWEETATHON_X_BEARER_TOKEN") or x.get("bearer_token")),
        x_api_url=str(env.get("TWEETATHON_X_API_URL") or x.get("api_url") or DEFAULT_X_API_URL).rstrip("/"),
        mastodon_instances=instances,
        mastodon_tokens=tokens,
        bluesky_firehose_url=str(env.get("TWEETATHON_BLUESKY_FIREHOSE") or bsky.get("firehose_url")
                                 or DEFAULT_FIREHOSE_URL).rstrip("/"),
        bluesky_appview_url=(env.get("TWEETATHON_BLUESKY_APPVIEW") or bsky.get("appview_url") or None),
        bluesky_handle=env.get("TWEETATHON_BLUESKY_HANDLE") or bsky.get("handle") or None,
        bluesky_password=_secret(env.get("TWEETATHON_BLUESKY_PASSWORD") or bsky.get("password")),
    )


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret value replaced by ********."""
    for value in secrets:
        text = text.replace(value, "********")
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that removes secret values from every record that passes through a handler."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            record.msg = redact(record.getMessage(), self.secrets)
            record.args = None
        return True


def install_redaction(config: CaptureConfig) -> RedactingFilter:
    """Attach a redacting filter to every handler of the root logger (and to the root logger itself)."""
    flt = RedactingFilter(config.secrets())
    root = logging.getLogger()
    root.addFilter(flt)
    for handler in root.handlers:
        handler.addFilter(flt)
    return flt
