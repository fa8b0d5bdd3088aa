"""Capture configuration and credentials: from the environment or a TOML file, never printed, logged or stored.

Secrets are wrapped in `Secret`, whose repr and str are redacted: only `.reveal()` gives the value, and only
the HTTP layer calls it (to build an Authorization header). `RedactingFilter` removes every known secret value
from log records, for the case where a library logs a header or a URL.

Configuration file (TOML; every key optional, the environment wins):

    [x]
    bearer_token = "..."                 # or TWEETATHON_X_BEARER_TOKEN
    api_url = "https://api.x.com"        # or TWEETATHON_X_API_URL
    query_max_length = 512               # or TWEETATHON_X_QUERY_MAX_LENGTH (4096 on Pro access)
    [mastodon]
    instances = ["https://mastodon.social", "https://police.example"]   # or TWEETATHON_MASTODON_INSTANCES
    tokens = { "https://police.example" = "..." }                        # or TWEETATHON_MASTODON_TOKEN (all)
    [bluesky]
    firehose_url = "wss://bsky.network"  # or TWEETATHON_BLUESKY_FIREHOSE (a relay or a PDS)
    appview_url = "..."                  # or TWEETATHON_BLUESKY_APPVIEW (searchPosts catch-up)
    handle = "..."                       # or TWEETATHON_BLUESKY_HANDLE
    password = "..."                     # or TWEETATHON_BLUESKY_PASSWORD (an app password)
    [capture]
    poll_seconds = 30                    # or TWEETATHON_CAPTURE_POLL
    backoff_seconds = 1                  # or TWEETATHON_CAPTURE_BACKOFF
    conversation_hours = 48              # or TWEETATHON_CAPTURE_CONVERSATION_HOURS (Mastodon threads followed)
    once_time_limit = 300                # or TWEETATHON_CAPTURE_ONCE_TIME_LIMIT (seconds a --once pass may take)
    max_failures = 5                     # or TWEETATHON_CAPTURE_MAX_FAILURES (--once: failed attempts in a row)
    [mail]                               # outgoing mail of the web app: see tweetathon.mail
    [web]                                # secret_key, base_url: see tweetathon.settings

An unknown section or key, or a value of the wrong type, is a ConfigError naming the file and the key.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_X_API_URL = "https://api.x.com"
DEFAULT_FIREHOSE_URL = "wss://bsky.network"
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "x": frozenset({"bearer_token", "api_url", "query_max_length"}),
    "mastodon": frozenset({"instances", "tokens"}),
    "bluesky": frozenset({"firehose_url", "appview_url", "handle", "password", "start"}),
    "capture": frozenset({"poll_seconds", "backoff_seconds", "conversation_hours", "once_time_limit",
                          "max_failures"}),
    # read by tweetathon.mail and tweetathon.settings (the same file can hold every setting)
    "mail": frozenset({"host", "port", "security", "user", "password", "sender", "timeout", "ca_file"}),
    "web": frozenset({"secret_key", "base_url"}),
    "feed": frozenset({"accounts"}),  # posting accounts of the live-feed composer: see feed/accounts.py
}


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

    def __format__(self, spec: str) -> str:
        return format(repr(self), spec)

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
    bluesky_start: str = "live"
    x_query_max_length: int = 512
    poll_seconds: float = 30.0
    backoff_seconds: float = 1.0
    conversation_hours: float = 48.0
    once_time_limit: float = 300.0
    max_failures: int = 5

    def secrets(self) -> list[str]:
        """Every secret value (for redaction), longest first."""
        values = [s.reveal() for s in (self.x_bearer_token, self.bluesky_password) if s]
        values += [s.reveal() for s in self.mastodon_tokens.values() if s]
        return sorted({v for v in values if v}, key=len, reverse=True)


def read_config_file(path: Path | None) -> dict[str, Any]:
    """The TOML configuration file as a dict of sections (empty without a path), every key checked."""
    return _read_file(path)


def _read_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise ConfigError(f"{where}: not valid TOML ({exc}); see docs/capture.md for the format") from exc
    _check_keys(path, data)
    return data


def _check_keys(path: Path, data: dict[str, Any]) -> None:
    """Every section and key must be known (a typo would otherwise be silently ignored)."""
    for section, values in data.items():
        if section not in KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown section [{section}]; known sections: {', '.join(KNOWN_KEYS)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: {section} must be a [{section}] table of settings")
        unknown = sorted(set(values) - KNOWN_KEYS[section])
        if unknown:
            raise ConfigError(f"{path}: unknown key{'s' if len(unknown) > 1 else ''} "
                              f"{', '.join(f'[{section}] {k}' for k in unknown)}; known keys of [{section}]: "
                              f"{', '.join(sorted(KNOWN_KEYS[section]))}")


def _secret(value: Any) -> Secret | None:
    return Secret(str(value)) if value else None


def _instances(env: Mapping[str, str], section: Mapping[str, Any], where: str) -> tuple[str, ...]:
    raw = env.get("TWEETATHON_MASTODON_INSTANCES")
    if raw:
        items: list[Any] = raw.split(",")
    else:
        items = section.get("instances", [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ConfigError(f"{where}: [mastodon] instances must be a list of URLs, "
                              'e.g. instances = ["https://mastodon.social"]')
    return tuple(i.strip().rstrip("/") for i in items if i.strip())


def _number(env: Mapping[str, str], var: str, section: Mapping[str, Any], key: str, default: float,
            where: str) -> float:
    value = env.get(var)
    source = var if value else where
    if not value:
        value = section.get(key, default)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{source}: {key} must be a number, not {value!r}") from None
    if number <= 0:
        raise ConfigError(f"{source}: {key} must be greater than 0, not {value!r}")
    return number


def _whole(env: Mapping[str, str], var: str, section: Mapping[str, Any], key: str, default: int, where: str) -> int:
    number = _number(env, var, section, key, default, where)
    if number != int(number):
        raise ConfigError(f"{var if env.get(var) else where}: {key} must be a whole number, not {number:g}")
    return int(number)


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> CaptureConfig:
    """Configuration from the TOML file at `path` (if any), overridden by environment variables."""
    env = os.environ if env is None else env
    data = _read_file(path)
    where = str(path) if path else "the configuration"
    x, masto, bsky = data.get("x", {}), data.get("mastodon", {}), data.get("bluesky", {})
    run = data.get("capture", {})
    instances = _instances(env, masto, where)
    tokens = masto.get("tokens", {})
    if not isinstance(tokens, dict):
        raise ConfigError(f'{where}: [mastodon] tokens must be a table, e.g. tokens = {{ "https://..." = "..." }}')
    secrets = {str(k).rstrip("/"): Secret(str(v)) for k, v in tokens.items() if v}
    shared = env.get("TWEETATHON_MASTODON_TOKEN")
    if shared:
        secrets.update({i: Secret(shared) for i in instances})
    return CaptureConfig(
        x_bearer_token=_secret(env.get("TWEETATHON_X_BEARER_TOKEN") or x.get("bearer_token")),
        x_api_url=str(env.get("TWEETATHON_X_API_URL") or x.get("api_url") or DEFAULT_X_API_URL).rstrip("/"),
        mastodon_instances=instances,
        mastodon_tokens=secrets,
        bluesky_firehose_url=str(env.get("TWEETATHON_BLUESKY_FIREHOSE") or bsky.get("firehose_url")
                                 or DEFAULT_FIREHOSE_URL).rstrip("/"),
        bluesky_appview_url=(env.get("TWEETATHON_BLUESKY_APPVIEW") or bsky.get("appview_url") or None),
        bluesky_handle=env.get("TWEETATHON_BLUESKY_HANDLE") or bsky.get("handle") or None,
        bluesky_password=_secret(env.get("TWEETATHON_BLUESKY_PASSWORD") or bsky.get("password")),
        bluesky_start=_start(env.get("TWEETATHON_BLUESKY_START") or bsky.get("start") or "live", where),
        x_query_max_length=int(_number(env, "TWEETATHON_X_QUERY_MAX_LENGTH", x, "query_max_length", 512, where)),
        poll_seconds=_number(env, "TWEETATHON_CAPTURE_POLL", run, "poll_seconds", 30.0, where),
        backoff_seconds=_number(env, "TWEETATHON_CAPTURE_BACKOFF", run, "backoff_seconds", 1.0, where),
        conversation_hours=_number(env, "TWEETATHON_CAPTURE_CONVERSATION_HOURS", run, "conversation_hours",
                                   48.0, where),
        once_time_limit=_number(env, "TWEETATHON_CAPTURE_ONCE_TIME_LIMIT", run, "once_time_limit", 300.0, where),
        max_failures=_whole(env, "TWEETATHON_CAPTURE_MAX_FAILURES", run, "max_failures", 5, where),
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
        """Redact the message, and the exception and stack text a formatter would print after it."""
        if not self.secrets:
            return True
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def install_redaction(config: CaptureConfig) -> RedactingFilter:
    """Attach a redacting filter to every handler of the root logger (and to the root logger itself)."""
    flt = RedactingFilter(config.secrets())
    root = logging.getLogger()
    root.addFilter(flt)
    for handler in root.handlers:
        handler.addFilter(flt)
    return flt


def _start(value: object, where: str) -> str:
    """Where a first Bluesky capture (no saved cursor) begins: `live` (now) or `oldest` (the oldest event the
    relay or PDS still holds: a whole private PDS, or a public relay's buffer of hours)."""
    if value not in ("live", "oldest"):
        raise ConfigError(f"{where}: [bluesky] start must be 'live' or 'oldest', not {value!r}")
    return str(value)
