"""`tweetathon import`, `stats`, `runs`, `formats` as a user drives them: summaries, rejects, exit codes."""

from __future__ import annotations

import bz2
import gzip
import shutil
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from tests.twarc2_pages import write_pages
from tweetathon.cli import app
from tweetathon.store.store import Store


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def stats(runner: CliRunner, db: str) -> dict[str, object]:
    code, out, _ = run(runner, "stats", "--db", db, "--json")
    assert code == 0
    return orjson.loads(out)  # type: ignore[no-any-return]


def test_import_then_stats_counts_every_post_once(tmp_path: Path, runner: CliRunner, db_url: str) -> None:
    data = write_pages(tmp_path / "poltwt.jsonl", 250, per_page=100, authors=20)
    code, out, _ = run(runner, "import", str(data), "--db", db_url)
    assert code == 0, out
    assert "import summary" in out and "250" in out
    first = stats(runner, db_url)
    assert (first["posts"], first["originals"], first["authors"]) == (250, 250, 20)
    assert first["first_post_at"] == "2013-03-22T07:00:00Z"
    assert first["platforms"] == {"x": 250} and first["languages_declared"] == {"en": 250}
    code, out, _ = run(runner, "import", str(data), "--db", db_url, "--json")
    assert code == 0
    assert orjson.loads(out)["files"][0]["status"] == "skipped"
    code, out, _ = run(runner, "import", str(data), "--db", db_url, "--json", "--force")
    again = orjson.loads(out)["files"][0]
    assert (again["status"], again["posts_new"], again["posts_updated"], again["posts_unchanged"]) == (
        "done", 0, 0, 250)
    assert stats(runner, db_url) == first


def test_same_content_is_skipped_but_a_changed_file_is_read(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "t.db")
    data = write_pages(tmp_path / "a.jsonl", 200)
    run(runner, "import", str(data), "--db", db)
    code, out, _ = run(runner, "import", str(data), "--db", db)
    assert code == 0 and "skipped: already imported" in out
    write_pages(data, 300)
    code, out, _ = run(runner, "import", str(data), "--db", db, "--json")
    assert orjson.loads(out)["files"][0]["posts_new"] == 100
    code, out, _ = run(runner, "import", str(data), "--db", db, "--event", "poltwt", "--json")
    assert orjson.loads(out)["files"][0]["status"] == "done", "linking to a new event needs a read"


def test_compressed_files_and_folders_import_transparently(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "capture"
    folder.mkdir()
    plain = write_pages(tmp_path / "a.jsonl", 300, per_page=100)
    lines = plain.read_bytes().splitlines(keepends=True)
    (folder / "part1.jsonl.gz").write_bytes(gzip.compress(lines[0]))
    (folder / "part2.jsonl.bz2").write_bytes(bz2.compress(lines[1]))
    (folder / "part3.jsonl").write_bytes(lines[2])
    (folder / ".hidden.jsonl").write_bytes(b"not json at all")
    db = str(tmp_path / "t.db")
    code, out, err = run(runner, "import", str(folder), "--db", db)
    assert code == 0, out + err
    assert stats(runner, db)["posts"] == 300


def test_bad_lines_are_reported_set_aside_and_the_rest_imported(tmp_path: Path, runner: CliRunner) -> None:
    good = write_pages(tmp_path / "good.jsonl", 200, per_page=100).read_bytes().splitlines(keepends=True)
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(good[0] + b'{"data": [{"id": "1", "text": "cut off\n' + good[1])
    db = tmp_path / "t.db"
    code, _out, err = run(runner, "import", str(broken), "--db", str(db))
    assert code == 0
    assert "broken.jsonl: 1 rejected: invalid JSON" in err
    assert stats(runner, str(db))["posts"] == 200
    rejects = [orjson.loads(line) for line in (tmp_path / "t.rejects.jsonl").read_bytes().splitlines()]
    assert [(r["line"], r["reason"]) for r in rejects] == [(2, "invalid JSON")]
    assert rejects[0]["file"].endswith("broken.jsonl") and rejects[0]["raw"].startswith('{"data"')
    code, _, _ = run(runner, "import", str(broken), "--db", str(db), "--strict")
    assert code == 1


def test_empty_file_is_not_an_error(tmp_path: Path, runner: CliRunner) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    code, _out, err = run(runner, "import", str(empty), "--db", str(tmp_path / "t.db"))
    assert code == 0, err
    assert stats(runner, str(tmp_path / "t.db"))["posts"] == 0


def test_unrecognised_file_exits_2_listing_formats_without_traceback(tmp_path: Path, runner: CliRunner) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("Dear diary, today nothing happened.\n")
    code, out, err = run(runner, "import", str(odd), "--db", str(tmp_path / "t.db"))
    assert code == 2
    assert "not recognised" in err and "twarc2" in err and "Traceback" not in out + err


def test_missing_path_and_unknown_format_are_clear_errors(tmp_path: Path, runner: CliRunner) -> None:
    code, _, err = run(runner, "import", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "t.db"))
    assert code == 2 and "no such file" in err
    data = write_pages(tmp_path / "a.jsonl", 10)
    code, _, err = run(runner, "import", str(data), "--format", "myspace", "--db", str(tmp_path / "t.db"))
    assert code == 2 and "unknown format" in err


def test_forced_format_reads_a_file_detection_would_refuse(tmp_path: Path, runner: CliRunner) -> None:
    data = write_pages(tmp_path / "a.jsonl", 30)
    padded = tmp_path / "padded.dat"
    padded.write_bytes(b"\n" * 3 + data.read_bytes())
    code, _, err = run(runner, "import", str(padded), "--format", "twarc2", "--db", str(tmp_path / "t.db"))
    assert code == 0, err
    assert stats(runner, str(tmp_path / "t.db"))["posts"] == 30


def test_every_run_is_recorded_with_its_hash_and_counts(tmp_path: Path, runner: CliRunner) -> None:
    data = write_pages(tmp_path / "a.jsonl", 120)
    db = str(tmp_path / "t.db")
    run(runner, "import", str(data), "--db", db)
    run(runner, "import", str(data), "--db", db, "--force")
    with Store.open(db) as store:
        runs = store.runs()
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[1]["posts_new"] == 120 and runs[0]["posts_new"] == 0 and runs[0]["posts_unchanged"] == 120
    assert runs[0]["sha256"] == runs[1]["sha256"] and len(runs[0]["sha256"]) == 64
    assert runs[0]["ended_at"] >= runs[0]["started_at"]


def test_event_option_links_posts_to_the_event(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "t.db")
    run(runner, "import", str(write_pages(tmp_path / "a.jsonl", 40)), "--db", db, "--event", "poltwt")
    shutil.copy(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert stats(runner, db)["posts"] == 40
    code, out, _ = run(runner, "stats", "--db", db, "--event", "poltwt", "--json")
    assert code == 0 and orjson.loads(out)["posts"] == 40
    code, _, err = run(runner, "stats", "--db", db, "--event", "nosuch")
    assert code == 2 and "no event" in err


@pytest.mark.parametrize("command", ["import", "stats", "export", "runs", "formats"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0 and "Usage" in out


def test_import_can_detect_languages_once(tmp_path: Path, runner: CliRunner) -> None:
    data = write_pages(tmp_path / "poltwt.jsonl", 30, per_page=10, authors=3)
    db = str(tmp_path / "t.db")
    code, out, _ = run(runner, "import", str(data), "--db", db, "--json", "--detect-languages")
    assert code == 0, out
    assert orjson.loads(out)["languages_detected"] == 30
    with Store.open(db) as store, store.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM posts WHERE lang_detected IS NULL")).scalar() == 0
    code, out, _ = run(runner, "import", str(data), "--db", db, "--json", "--detect-languages", "--force")
    assert orjson.loads(out)["languages_detected"] == 0  # detected once: nothing left to detect
