"""A simulated tweet-a-thon imported into a store through the command line, as a user would build one."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from tweetathon.cli import app


def cli(db: str, *args: str) -> str:
    """Run one command on `db`; fail the test with its output when it fails."""
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def simulate(out: Path, posts: int = 800, seed: int = 5) -> str:
    """Write a simulated tweet-a-thon's files into `out`; its event slug."""
    result = CliRunner().invoke(app, ["simulate", "tweetathon", "--out", str(out), "--posts", str(posts),
                                      "--seed", str(seed)])
    assert result.exit_code == 0, result.stdout
    return str(orjson.loads((out / "event.json").read_bytes())["slug"])


def build(db: str, sim: Path) -> str:
    """Create the simulated event in `db`, with its approved participants and posts; its slug."""
    slug = str(orjson.loads((sim / "event.json").read_bytes())["slug"])
    cli(db, "event", "create", "--from", str(sim / "event.json"))
    cli(db, "participants", "import", str(sim / "participants.csv"), "--event", slug)
    cli(db, "participants", "approve", "--all", "--event", slug)
    cli(db, "import", str(sim / "data"), "--event", slug)
    return slug
