"""Posting accounts of the live-feed composer, kept like capture credentials (capture/credentials.py): in the
TOML configuration file or the environment, wrapped in `Secret` (never printed, logged or stored).

    [feed.accounts.gmp_x]            # the account's name, used with `tweetathon feed draft --to gmp_x`
    platform = "x"
    url = "https://api.x.com"        # X API (default)
    token = "..."                    # an OAuth 2.0 user access token; or TWEETATHON_FEED_GMP_X_TOKEN
    [feed.accounts.gmp_masto]
    platform = "mastodon"
    url = "https://police.example"   # the instance
    token = "..."                    # or TWEETATHON_FEED_GMP_MASTO_TOKEN
    limit = 500                      # the instance's post length limit (default 500)
    [feed.accounts.gmp_bsky]
    platform = "bluesky"
    url = "https://bsky.social"      # the account's PDS
    handle = "gmp.bsky.social"
    password = "..."                 # an app password; or TWEETATHON_FEED_GMP_BSKY_PASSWORD
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tweetathon.capture.credentials import DEFAULT_X_API_URL, ConfigError, Secret, read_config_file
from tweetathon.feed.length import MASTODON_LIMIT
from tweetathon.feed.publish.base import Publisher
from tweetathon.feed.publish.bluesky import BlueskyPublisher
from tweetathon.feed.publish.mastodon import MastodonPublisher
from tweetathon.feed.publish.x import XPublisher

PLATFORMS = ("x", "mastodon", "bluesky")
_KEYS = frozenset({"platform", "url", "token", "handle", "password", "limit"})


@dataclass(frozen=True)
class PostingAccount:
    """One account the feed posts to. `secret` is the token (X, Mastodon) or app password (Bluesky)."""

    name: str
    platform: str
    url: str
    secret: Secret
    handle: str | None = None
    limit: int = MASTODON_LIMIT

    def publisher(self, client: httpx.Client) -> Publisher:
        if self.platform == "x":
            return XPublisher(client, self.url, self.secret)
        if self.platform == "mastodon":
            return MastodonPublisher(client, self.url, self.secret)
        return BlueskyPublisher(client, self.url, self.handle or "", self.secret)


def _env_name(name: str, what: str) -> str:
    return f"TWEETATHON_FEED_{re.sub(r'[^A-Za-z0-9]', '_', name).upper()}_{what}"


def _account(name: str, values: Any, env: Mapping[str, str], where: str) -> PostingAccount:
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: [feed.accounts.{name}] must be a table of settings")
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(unknown)} in [feed.accounts.{name}]; known keys: "
                          f"{', '.join(sorted(_KEYS))}")
    platform = values.get("platform")
    if platform not in PLATFORMS:
        raise ConfigError(f"{where}: [feed.accounts.{name}] platform must be x, mastodon or bluesky, "
                          f"not {platform!r}")
    what = "PASSWORD" if platform == "bluesky" else "TOKEN"
    secret = env.get(_env_name(name, what)) or values.get(what.lower())
    if not secret:
        raise ConfigError(f"{where}: [feed.accounts.{name}] has no {what.lower()}: set {what.lower()} = \"...\" "
                          f"or the environment variable {_env_name(name, what)}")
    url = values.get("url") or (DEFAULT_X_API_URL if platform == "x" else None)
    if not url:
        raise ConfigError(f"{where}: [feed.accounts.{name}] needs url = \"https://...\" "
                          f"(the {'instance' if platform == 'mastodon' else 'PDS'})")
    if platform == "bluesky" and not values.get("handle"):
        raise ConfigError(f"{where}: [feed.accounts.{name}] needs handle = \"name.bsky.social\"")
    return PostingAccount(name=name, platform=str(platform), url=str(url).rstrip("/"), secret=Secret(str(secret)),
                          handle=values.get("handle"), limit=int(values.get("limit", MASTODON_LIMIT)))


def load_accounts(path: Path | None, env: Mapping[str, str] | None = None) -> dict[str, PostingAccount]:
    """The posting accounts of the configuration file at `path`, secrets from the environment first."""
    env = os.environ if env is None else env
    data = read_config_file(path)
    accounts = data.get("feed", {}).get("accounts", {})
    where = str(path) if path else "the configuration"
    if not isinstance(accounts, dict):
        raise ConfigError(f"{where}: [feed] accounts must be tables [feed.accounts.NAME]")
    return {name: _account(name, values, env, where) for name, values in accounts.items()}


def secrets(accounts: Mapping[str, PostingAccount]) -> list[str]:
    """Every secret value (for redaction), longest first."""
    return sorted({a.secret.reveal() for a in accounts.values()}, key=len, reverse=True)
