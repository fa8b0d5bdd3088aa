"""Background import jobs on SQLite and PostgreSQL: progress a page can poll, the CLI's summary, failures and a
process killed in the middle of a job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.twarc2_pages import write_pages
from tweetathon import jobs
from tweetathon.audit import entries
from tweetathon.cli import app
from tweetathon.jobs import Job, create_job, fail_orphaned_jobs, get_job, list_jobs, run_import, start_import
from tweetathon.model import Event
from tweetathon.store.organise import UnknownEvent
from tweetathon.store.store import Store


def wait_for(store: Store, job_id: int, seconds: float = 120) -> tuple[Job, list[Job]]:
    """The finished job, and every state seen while polling it."""
    seen: list[Job] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = get_job(store, job_id)
        assert job is not None
        seen.append(job)
        if job.finished:
            return job, seen
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} did not finish: {seen[-1]}")


def cli_summary(tmp_path: Path, path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["import", str(path), "--event", "poltwt", "--json",
                                      "--db", str(tmp_path / "cli.db")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def without_seconds(summary: dict[str, object]) -> dict[str, object]:
    files = [{k: v for k, v in f.items() if k not in ("seconds", "path")} for f in summary["files"]]  # type: ignore[attr-defined]
    return {"files": files, "unrecognised": [Path(p).name for p in summary["unrecognised"]]}  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_background_import_reports_progress_and_the_cli_summary(store: Store, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "WRITE_EVERY", 0.0)
    store.ensure_event(Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",)))
    data = write_pages(tmp_path / "poltwt.jsonl", 12_000, per_page=100, authors=300)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a capture\n")
    job_id = start_import(store, [data, notes], actor="ana", event="poltwt")
    job, seen = wait_for(store, job_id)
    assert job.status == "done", job.error
    assert (job.files_done, job.files_total, job.percent) == (2, 2, 100.0)
    assert job.bytes_done == job.bytes_total == data.stat().st_size + notes.stat().st_size
    assert any(0 < s.bytes_done < data.stat().st_size for s in seen), [s.bytes_done for s in seen]
    assert job.summary is not None
    assert without_seconds(job.summary) == without_seconds(cli_summary(tmp_path, data) | {
        "unrecognised": [str(notes)]})
    assert job.records == sum(f["records"] for f in job.summary["files"]) > 0
    assert store.stats("poltwt")["posts"] == 12_000
    assert [e.action for e in entries(store, event="poltwt")] == ["import.start"]
    assert [j.id for j in list_jobs(store)] == [job_id]


def test_an_unknown_event_is_refused_before_anything_starts(store: Store, tmp_path: Path) -> None:
    path = write_pages(tmp_path / "a.jsonl", 10)
    with pytest.raises(UnknownEvent):
        start_import(store, [path], actor="ana", event="nosuch")
    assert list_jobs(store) == []


def test_a_failure_ends_the_job_with_its_error(store: Store, tmp_path: Path) -> None:
    path = write_pages(tmp_path / "gone.jsonl", 10)
    job_id = create_job(store, [path], actor="ana")
    path.unlink()
    job = run_import(store, job_id, [path])
    assert job.status == "failed" and job.error is not None and "gone.jsonl" in job.error


CRASHING = """
import sys, time
from pathlib import Path
from tweetathon.store.store import Store
from tweetathon.jobs import start_import
store = Store.open(sys.argv[1])
print(start_import(store, [Path(sys.argv[2])], actor="ana"), flush=True)
time.sleep(600)
"""


@pytest.mark.slow
def test_a_killed_process_leaves_a_failed_job_and_whole_batches(db_url: str, tmp_path: Path) -> None:
    data = write_pages(tmp_path / "big.jsonl", 40_000, per_page=100, authors=300)
    proc = subprocess.Popen([sys.executable, "-c", CRASHING, db_url, str(data)], stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.stdout is not None
    job_id = int(proc.stdout.readline())
    with Store.open(db_url) as store:
        deadline = time.monotonic() + 120
        while (job := get_job(store, job_id)) and job.records == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert fail_orphaned_jobs(store) == 1
        job = get_job(store, job_id)
        assert job is not None and job.status == "failed" and "stopped (crash or restart)" in (job.error or "")
        posts = store.stats()["posts"]
        assert 0 < posts < 40_000 and posts % 100 == 0  # the batches written before stay, whole pages only


def test_uploads_are_deleted_after_the_job_when_asked(sqlite_store: Store, tmp_path: Path) -> None:
    good = write_pages(tmp_path / "good.jsonl", 50)
    job_id = start_import(sqlite_store, [good], actor="ana", cleanup=True)
    job, _ = wait_for(sqlite_store, job_id)
    deadline = time.monotonic() + 10
    while good.exists() and time.monotonic() < deadline:  # deleted just after the job's row says done
        time.sleep(0.01)
    assert job.status == "done" and not good.exists()
    assert sqlite_store.stats()["posts"] == 50


def test_an_upload_import_keeps_the_import_limits_the_settings_give(store: Store, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store.ensure_event(Event(slug="poltwt", name="#poltwt", hashtags=("poltwt",)))
    data = write_pages(tmp_path / "poltwt.jsonl", 20, per_page=10)
    monkeypatch.setenv("TWEETATHON_MAX_RECORD_BYTES", "1000")  # the least allowed; a page of ten tweets is longer
    job = run_import(store, create_job(store, [data], actor="ana", event="poltwt"), [data], event="poltwt")
    assert job.status == "done" and job.summary is not None
    assert without_seconds(job.summary) == without_seconds(cli_summary(tmp_path, data))  # the CLI, same setting
    assert job.summary["files"][0]["rejects"] == {"record too long": 2} and store.stats("poltwt")["posts"] == 0
