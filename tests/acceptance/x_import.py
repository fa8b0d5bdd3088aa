"""Drive `tweetathon import` and `tweetathon stats --json` as a user would, on a temporary SQLite database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from tweetathon.cli import app


def cli_import(db: Path, *paths: Path, fmt: str | None = None) -> dict[str, Any]:
    """Run `tweetathon import --json`; return its JSON summary (the command must succeed)."""
    args = ["import", *map(str, paths), "--db", str(db), "--json"] + (["--format", fmt] if fmt else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (result.exit_code, result.output)
    summary: dict[str, Any] = orjson.loads(result.stdout)
    return summary


def cli_stats(db: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["stats", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    stats: dict[str, Any] = orjson.loads(result.stdout)
    return stats
