"""Feed test fixtures: the real local servers posts go to (mastodon_mock, the Bluesky PDS, the local X API)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.capture.conftest import mastodon, pds  # noqa: F401  (the same servers as the capture tests)
from tests.capture.servers.x_post_server import XAccountWorld, serve_x_account

MASTODON_TOKEN = "alice_token"  # mastodon_mock's seeded account


@dataclass
class XAccount:
    url: str
    world: XAccountWorld


@dataclass
class BlueskyAccount:
    url: str
    handle: str
    password: str
    did: str


@pytest.fixture
def x_account() -> Iterator[XAccount]:
    world = XAccountWorld(token=f"x-user-token-{uuid.uuid4().hex}")
    with serve_x_account(world) as url:
        yield XAccount(url, world)


def new_bluesky_account(pds_url: str, prefix: str = "gmp") -> BlueskyAccount:
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    password = f"app-pass-{uuid.uuid4().hex}"
    r = httpx.post(pds_url + "/xrpc/com.atproto.server.createAccount",
                   json={"handle": f"{name}.test", "email": f"{name}@example.test", "password": password})
    r.raise_for_status()
    return BlueskyAccount(pds_url, r.json()["handle"], password, r.json()["did"])


@pytest.fixture
def bluesky_account(pds: str) -> BlueskyAccount:  # noqa: F811
    return new_bluesky_account(pds)


def write_config(path: Path, x: XAccount | None, masto_url: str | None, bsky: BlueskyAccount | None,
                 secrets_in_file: bool = True) -> Path:
    """A TOML file with the posting accounts `x`, `masto` and `bsky` (secrets in the file, or left to env)."""
    lines = []
    if x:
        lines += ["[feed.accounts.x]", 'platform = "x"', f'url = "{x.url}"']
        lines += [f'token = "{x.world.token}"'] if secrets_in_file else []
    if masto_url:
        lines += ["[feed.accounts.masto]", 'platform = "mastodon"', f'url = "{masto_url}"']
        lines += [f'token = "{MASTODON_TOKEN}"'] if secrets_in_file else []
    if bsky:
        lines += ["[feed.accounts.bsky]", 'platform = "bluesky"', f'url = "{bsky.url}"', f'handle = "{bsky.handle}"']
        lines += [f'password = "{bsky.password}"'] if secrets_in_file else []
    path.write_text("\n".join(lines) + "\n")
    return path
