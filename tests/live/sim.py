"""A simulated #poltwt for the live dashboard's tests: simulated once per session, set up in a store as an
organiser would (event, participants, approvals) with the CLI, its data files split in two halves so a test can
import part of the event, look, and import the rest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from tweetathon.cli import app

POSTS = 1500


@dataclass(frozen=True)
class Simulated:
    root: Path
    slug: str
    truth: dict[str, Any]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def part(self, n: int) -> Path:
        return self.root / f"part{n}"


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def split_lines(source: Path, first: Path, second: Path) -> None:
    """Every data file's first half of lines (pages) into `first`, the rest into `second`, same names."""
    for path in sorted(source.rglob("*.jsonl")):
        lines = path.read_bytes().splitlines(keepends=True)
        half = len(lines) // 2
        for dest, chunk in ((first, lines[:half]), (second, lines[half:])):
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"".join(chunk))


def simulate(root: Path, posts: int = POSTS, seed: int = 3) -> Simulated:
    cli("simulate", "tweetathon", "--out", str(root), "--posts", str(posts), "--seed", str(seed))
    split_lines(root / "data", root / "part1", root / "part2")
    event = orjson.loads((root / "event.json").read_bytes())
    return Simulated(root, event["slug"], orjson.loads((root / "truth.json").read_bytes()))


def organise(db: str, sim: Simulated) -> None:
    """Create the event, import and approve its participants (no posts yet)."""
    cli("event", "create", "--from", str(sim.root / "event.json"), "--db", db)
    cli("participants", "import", str(sim.root / "participants.csv"), "--event", sim.slug, "--db", db)
    cli("participants", "approve", "--all", "--event", sim.slug, "--db", db)


def import_files(db: str, path: Path) -> None:
    cli("import", str(path), "--db", db)


def figures_json(db: str, slug: str) -> dict[str, Any]:
    """What `tweetathon figures --json` prints for the store now."""
    found: dict[str, Any] = orjson.loads(cli("figures", "--event", slug, "--json", "--db", db))
    return found
