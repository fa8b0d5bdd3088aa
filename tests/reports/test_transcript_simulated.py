"""The simulator's chat, end to end through the CLI: `simulate chat` -> `event create --from event.json` ->
`import` -> `transcript --session` for every session. Every answer must sit under the right question (checked
post by post against the raw twarc2 JSON, read here independently) and the counts must equal truth.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.reports.transcript_chat import read_structure
from tweetathon.cli import app


def cli(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.output


def raw_tweets(folder: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Every top-level tweet of the simulator's twarc2 pages by id, and user id -> username."""
    tweets: dict[str, dict[str, Any]] = {}
    users: dict[str, str] = {}
    for path in sorted(folder.glob("**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            page = json.loads(line) if line.strip() else {}
            for tweet in page.get("data") or []:
                tweets[tweet["id"]] = tweet
            for user in (page.get("includes") or {}).get("users") or []:
                users[user["id"]] = user["username"]
    return tweets, users


def test_simulated_chat_answers_sit_under_the_right_question(tmp_path: Path, runner: CliRunner) -> None:
    sim = tmp_path / "sim"
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    cli(runner, "simulate", "chat", "--out", str(sim), "--weeks", "2", "--posts", "500", "--seed", "7")
    cli(runner, "event", "create", "--from", str(sim / "event.json"), "--db", db)
    cli(runner, "import", str(sim / "data"), "--event", "polchat", "--db", db)
    truth = json.loads((sim / "truth.json").read_text())["figures"]["answers_per_question"]
    tweets, users = raw_tweets(sim / "data")
    host = json.loads((sim / "event.json").read_text())["host"].split(":", 1)[1]
    assert len(truth) == 2
    for day, expected in truth.items():
        out = tmp_path / f"{day}.html"
        cli(runner, "transcript", "polchat", "--session", day, "--name-public", "--out", str(out), "--db", db)
        found = read_structure(out.read_text(encoding="utf-8"))
        questions = {tag: k for k, tag in found.section_of.items() if tag and not found.direct_answer[k]}
        question_ids = {post_id: tag for tag, post_id in questions.items()}
        assert set(questions) == set(expected)
        for tag, post_id in questions.items():
            assert users[tweets[post_id]["author_id"]] == host and f"{tag} " in tweets[post_id]["text"]
        placed: dict[str, int] = {tag: 0 for tag in expected}
        for post_id, tag in found.section_of.items():
            if tag is None or not found.direct_answer[post_id]:
                continue
            placed[tag] += 1
            tweet = tweets[post_id]
            linked = {question_ids[r["id"]] for r in tweet.get("referenced_tweets") or []
                      if r["type"] in ("replied_to", "quoted") and r["id"] in question_ids}
            if linked:
                assert linked == {tag}, post_id
            else:
                assert re.search(rf"(?<!\w)A{tag[1:]}(?!\w)", tweet["text"]), (post_id, tweet["text"])
        assert placed == expected, day
