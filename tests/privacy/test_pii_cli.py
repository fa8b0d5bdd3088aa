"""`tweetathon pii check` as a real subprocess: JSON Lines in, one JSON line out per draft in order, bad lines
reported with their line numbers (no traceback), and one draft with --text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tweetathon.privacy.pii import check

BIN = Path(sys.executable).with_name("tweetathon")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), "pii", "check", *args], capture_output=True, text=True, input=stdin,
                          timeout=120, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


def test_jsonl_file_gives_one_line_per_draft_and_reports_bad_lines(tmp_path: Path) -> None:
    drafts = [{"id": "a1", "text": "#gmp24 12: Caller Sarah Jones on 07700 900123 at 14 Elm Road."},
              {"id": 2, "text": "#gmp24 13: RTC on the M60 at junction 12. Log 1234 of 12/03."}]
    lines = [json.dumps(drafts[0]), "", "{not json", json.dumps(["a list"]), '{"id": "x"}', json.dumps(drafts[1])]
    source = tmp_path / "drafts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(str(source), "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for number in (3, 4, 5):
        assert f"drafts.jsonl line {number}:" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", "2"]
    assert out[0]["pii"] is True and out[1] == {"id": "2", "pii": False, "findings": []}
    expected = [f.as_dict() for f in check(drafts[0]["text"])]  # type: ignore[arg-type]
    assert out[0]["findings"] == expected
    assert {f["type"] for f in out[0]["findings"]} == {"name", "phone", "address"}
    for f in out[0]["findings"]:
        assert drafts[0]["text"][f["start"]:f["end"]] == f["text"]  # type: ignore[index]


def test_one_draft_with_text_human_and_json() -> None:
    draft = "#gmp24 14: Thanks @janedoe99, the dog is home."
    human = run("--text", draft)
    assert human.returncode == 0 and "handle" in human.stdout and "@janedoe99" in human.stdout
    as_json = json.loads(run("--text", draft, "--json", "--allow-handle", "JaneDoe99").stdout)
    assert as_json == {"pii": False, "findings": []}


def test_user_errors_are_messages() -> None:
    missing = run("/nonexistent/drafts.jsonl")
    assert missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    neither = run()
    assert neither.returncode == 2 and "either a FILE" in neither.stderr
