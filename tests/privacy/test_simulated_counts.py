"""On a simulated follow-the-sun tweet-a-thon (08:00 local everywhere, posts outside each participant's own
window, replies and context): `export --event` writes exactly the posts `figures` counts, `--include-context`
adds the rest labelled, and `stats --event` agrees with `figures`."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from tweetathon.cli import app


def cli(runner: CliRunner, db: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)] if args[0] != "simulate" else list(args))
    assert result.exit_code == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_export_and_stats_of_a_simulated_event_count_what_figures_count(tmp_path: Path) -> None:
    runner = CliRunner()
    out, db = tmp_path / "sim", tmp_path / "t.db"
    cli(runner, db, "simulate", "tweetathon", "--out", str(out), "--posts", "800", "--seed", "5")
    slug = orjson.loads((out / "event.json").read_bytes())["slug"]
    cli(runner, db, "event", "create", "--from", str(out / "event.json"))
    cli(runner, db, "participants", "import", str(out / "participants.csv"), "--event", slug)
    cli(runner, db, "participants", "approve", "--all", "--event", slug)
    cli(runner, db, "import", str(out / "data"), "--event", slug)
    figures = orjson.loads(cli(runner, db, "figures", "--event", slug, "--json"))["posts"]
    stats = orjson.loads(cli(runner, db, "stats", "--event", slug, "--json"))
    assert {k: stats[k] for k in ("originals", "replies", "quotes", "reposts")} == {
        k: figures[k] for k in ("originals", "replies", "quotes", "reposts")}
    assert stats["posts"] == figures["total"]

    counted, everything = tmp_path / "counted.csv", tmp_path / "all.csv"
    cli(runner, db, "export", "--event", slug, "--out", str(counted))
    cli(runner, db, "export", "--event", slug, "--include-context", "--out", str(everything))
    with counted.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with everything.open(encoding="utf-8", newline="") as fh:
        roles = Counter(r["event_post"] for r in csv.DictReader(fh))
    assert len(rows) == figures["total"]  # the simulator writes no withheld post
    assert Counter(r["kind"] for r in rows) == Counter(
        {k: figures[p] for k, p in (("original", "originals"), ("reply", "replies"), ("quote", "quotes"),
                                    ("repost", "reposts")) if figures[p]})
    assert roles["counted"] == figures["total"]
    assert roles["context"] + roles["outside window"] == stats["context"] > 0  # the difference, explained
