from __future__ import annotations

import pytest

from tests.live.sim import Simulated, simulate


@pytest.fixture(scope="session")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Simulated:
    return simulate(tmp_path_factory.mktemp("live-sim"))
