"""The report on a simulated tweet-a-thon, driven the way a user does it: simulate, create the event, import
participants and posts, `tweetathon report`. Its headline figures equal `tweetathon figures --json`."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tweetathon.cli import app
from tweetathon.reports.impact_compare import lookup


def _ok(runner: CliRunner, args: list[str], allowed: tuple[int, ...] = (0,)) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code in allowed, result.output
    return result.stdout


def test_report_of_a_simulated_tweetathon_matches_figures_json(tmp_path: Path) -> None:
    runner, sim, db = CliRunner(), tmp_path / "sim", f"sqlite:///{tmp_path / 'sim.db'}"
    _ok(runner, ["simulate", "tweetathon", "--out", str(sim), "--posts", "1500"])
    _ok(runner, ["event", "create", "--from", str(sim / "event.json"), "--db", db])
    # a participant row the organise rules reject exits 1 with the rest imported
    _ok(runner, ["participants", "import", str(sim / "participants.csv"), "--event", "poltwt", "--db", db], (0, 1))
    _ok(runner, ["participants", "approve", "--all", "--event", "poltwt", "--db", db])
    _ok(runner, ["import", str(sim / "data"), "--db", db])
    out = tmp_path / "report.html"
    _ok(runner, ["report", "--event", "poltwt", "--out", str(out), "--db", db])
    figures = json.loads(_ok(runner, ["figures", "--event", "poltwt", "--json", "--db", db]))
    page = out.read_text(encoding="utf-8")
    cards = re.findall(r'<div class="card" data-figure="([a-z_.]+)">\s*<span class="label">[^<]*</span>\s*'
                       r'<span class="value">([^<]*)</span>', page)
    assert len(cards) == 10
    for path, shown in cards:
        value = None if shown == "not reported" else int(html_lib.unescape(shown).replace(",", ""))
        assert value == lookup(figures, path), path
    assert figures["posts"]["total"] > 500 and figures["participants"]["participants_posted"] > 10
    assert page.count('<figure class="chart"') >= 4 and "<script" not in page.split("<body>", 1)[1]
