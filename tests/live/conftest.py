from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.sim import Simulated, simulate


@pytest.fixture(scope="session")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Simulated:
    return simulate(tmp_path_factory.mktemp("live-sim"))


@pytest.fixture(autouse=True, scope="session")
def _pseudonym_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The dashboard reads the pseudonym key: a throw-away one, never the user's own."""
    import os

    before = os.environ.get("TWEETATHON_PSEUDONYM_KEY_FILE")
    os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"] = str(Path(tmp_path_factory.mktemp("key")) / "pseudonym.key")
    yield
    if before is None:
        del os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"]
    else:
        os.environ["TWEETATHON_PSEUDONYM_KEY_FILE"] = before
