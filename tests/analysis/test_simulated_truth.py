"""End to end, as an organiser would run it: simulate an event, create it from its event.json, import and
approve its participants, import its data, and compare `tweetathon figures --json` with the simulator's truth,
which the simulator computed from its own plan (it imports no analysis or store code).

Every figure must be exact; the language figure within the detector's accuracy (>= 95%, docs/figures.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from tweetathon.cli import app

LANGUAGE_TOLERANCE = 0.05


def cli(runner: CliRunner, db: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)] if args[0] != "simulate" else list(args))
    assert result.exit_code == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def run_event(tmp_path: Path, kind: str, posts: int) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(truth, figures, stats) for a simulated event of `kind`."""
    runner = CliRunner()
    out, db = tmp_path / kind, tmp_path / "t.db"
    cli(runner, db, "simulate", kind, "--out", str(out), "--posts", str(posts), "--seed", "3")
    event = orjson.loads((out / "event.json").read_bytes())
    cli(runner, db, "event", "create", "--from", str(out / "event.json"))
    cli(runner, db, "participants", "import", str(out / "participants.csv"), "--event", event["slug"])
    cli(runner, db, "participants", "approve", "--all", "--event", event["slug"])
    cli(runner, db, "import", str(out / "data"))
    figures = orjson.loads(cli(runner, db, "figures", "--event", event["slug"], "--json"))
    stats = orjson.loads(cli(runner, db, "stats", "--json"))
    return orjson.loads((out / "truth.json").read_bytes()), figures, stats


def assert_languages_close(truth: dict[str, Any], found: dict[str, Any]) -> None:
    """Detected languages against the written ones: the posts in the wrong language stay within tolerance and
    the languages with at least 5 posts are the same count."""
    want, got = truth["posts_per_language"], found["posts_per_language"]
    total = sum(want.values())
    wrong = sum(abs(want.get(lang, 0) - got.get(lang, 0)) for lang in {*want, *got}) / 2
    assert wrong / total <= LANGUAGE_TOLERANCE, f"{wrong} of {total} posts in another language"
    assert found["count_min5"] == truth["count_min5"]


def assert_matches_truth(truth: dict[str, Any], figures: dict[str, Any]) -> None:
    for key, expected in truth.items():
        if key == "languages":
            assert_languages_close(expected, figures[key])
        elif isinstance(expected, dict) and isinstance(figures.get(key), dict) and key != "follower_growth":
            for inner, value in expected.items():
                assert figures[key].get(inner) == value, f"{key}.{inner}"
        else:
            assert figures[key] == expected, key


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "posts"), [("tweetathon", 48_000), ("chat", 3_000), ("livefeed", 3_000)])
def test_figures_equal_the_simulators_truth(tmp_path: Path, kind: str, posts: int) -> None:
    truth, figures, stats = run_event(tmp_path, kind, posts)
    assert stats == truth["stats"]
    assert_matches_truth(truth["figures"], figures)
    assert figures["posts"]["total"] > 0 and figures["participants"]["participants_posted"] > 0
