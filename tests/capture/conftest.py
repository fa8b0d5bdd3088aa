"""Capture test fixtures: the real Bluesky PDS (installed once, started once per session)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mastodon_mock.testing import MockServer

from tests.capture.pds import PdsUnavailable, install, run_pds
from tests.conftest import IN_CI


@pytest.fixture(scope="session")
def pds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running local PDS. Under CI=true it must run; elsewhere it skips only if Node 22 and the
    PDS cannot be installed (scripts/setup-bluesky-pds.sh needs npm, gcc/g++/make and python3)."""
    try:
        if shutil.which("npm") is None:
            raise PdsUnavailable("npm is not installed")
        install()
        with run_pds(Path(tmp_path_factory.mktemp("pds"))) as url:
            yield url
    except PdsUnavailable as exc:
        if IN_CI:
            pytest.fail(f"the local Bluesky PDS is required under CI: {exc}")
        pytest.skip(f"local Bluesky PDS unavailable (Node 22 could not be installed): {exc}")


@pytest.fixture(scope="session")
def mastodon() -> Iterator[MockServer]:
    """mastodon_mock (PyPI): a real Mastodon-like HTTP and WebSocket server on loopback, in this process."""
    with MockServer(shutdown_timeout=0.5) as server:  # an open stream would hold uvicorn for 5 s
        yield server
