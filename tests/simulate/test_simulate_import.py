"""The decisive test: import the simulated files with `tweetathon import` and compare `tweetathon stats --json`
with the simulator's truth, exactly."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.simulate import simulate


def import_and_stats(runner: CliRunner, data: Path, db: str) -> dict:
    result = runner.invoke(app, ["import", str(data), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = orjson.loads(result.stdout)
    assert not summary["unrecognised"]
    assert all(not f["rejects"] for f in summary["files"]), summary
    stats = runner.invoke(app, ["stats", "--json", "--db", db])
    assert stats.exit_code == 0, stats.output
    return orjson.loads(stats.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", ["tweetathon", "chat", "livefeed"])
def test_imported_stats_equal_the_truth(kind: str, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / kind
    simulate(kind, out, seed=11, posts=3000)
    truth = orjson.loads((out / "truth.json").read_bytes())["stats"]
    assert truth["posts"] > 2500
    stats = import_and_stats(runner, out / "data", str(tmp_path / "t.db"))
    assert stats == truth
    again = import_and_stats(runner, out / "data", str(tmp_path / "t.db"))
    assert again == truth  # importing the same files twice changes nothing


def test_imported_stats_equal_the_truth_on_postgresql(db_url: str, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "sim"
    simulate("tweetathon", out, seed=12, posts=1500)
    truth = orjson.loads((out / "truth.json").read_bytes())["stats"]
    assert import_and_stats(runner, out / "data", db_url) == truth


@pytest.mark.slow
def test_default_48k_tweetathon_imports_to_exactly_the_truth(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "poltwt"
    simulate("tweetathon", out)
    truth = orjson.loads((out / "truth.json").read_bytes())["stats"]
    assert 45000 <= truth["posts"] <= 52000
    assert import_and_stats(runner, out / "data", str(tmp_path / "t.db")) == truth
