"""Background import jobs for uploaded files: `ingest` runs in a thread, its progress and summary recorded in the
`import_jobs` table so a page can poll it.

API (stable):
    start_import(store, paths, *, actor, event=None, fmt=None, cleanup=False) -> int       the job id; returns at once
    run_import(store, job_id, paths, *, event=None, fmt=None) -> Job        the same, in the calling thread
    create_job(store, paths, *, actor, event=None) -> int                   a queued job (start_import calls it)
    get_job(store, job_id) -> Job | None;  list_jobs(store, limit=20) -> list[Job]   (newest first)
    fail_orphaned_jobs(store) -> int        mark jobs whose process died as failed (call when the web app starts)
    Job: id, event, actor, status ("queued" | "running" | "done" | "failed"), files, files_total, files_done,
         bytes_total, bytes_done, records, percent (of bytes, 0-100), summary, error, created_at, started_at,
         ended_at; finished
    `summary` is the JSON `tweetathon import --json` prints: {"files": [per-file counts], "unrecognised": [...]}.

Progress: files done, records read and bytes read. Bytes within the file being read come from the operating
system's offset of the open file when the reader streams it (Linux `/proc/self/fdinfo`; the compressed offset for
.gz/.bz2, matching the compressed size); for readers that load the file first (the JSON formats) they are
estimated as the file's size times the share of its lines read so far (lines counted before the file starts;
for a compressed file loaded whole, progress moves a whole file at a time). The row is written at most every
half second.

A job runs in a daemon thread of the process that started it, with its own database connections, writing each
batch atomically as `tweetathon import` does (the import is also recorded in `import_runs`). If that process
dies (crash, restart, deploy), the thread dies with it: the batches already written stay (re-importing the files
adds nothing twice), and the job stays "running" in the table until `fail_orphaned_jobs` (run at start-up, and
by `get_job`/`list_jobs`) finds its owner process gone on this host and marks it "failed" with that explanation.
Jobs owned by another host are left alone. `start_import` also records an `import.start` audit entry.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import RowMapping, insert, select, update

from tweetathon.audit import record_in
from tweetathon.ingest import FileSummary, UnreadableFile, import_file
from tweetathon.sources.reading import Limits
from tweetathon.store.organise import UnknownEvent
from tweetathon.store.schema import import_jobs
from tweetathon.store.store import Store

WRITE_EVERY = 0.5  # seconds between progress writes
ORPHANED = ("the process running this import stopped (crash or restart) before it finished; the batches it "
            "wrote are kept: import the files again to finish (nothing is added twice)")


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    event: str | None
    actor: str
    status: str
    files: list[str]
    files_total: int
    files_done: int
    bytes_total: int
    bytes_done: int
    records: int
    summary: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None

    @property
    def percent(self) -> float:
        if not self.bytes_total:
            return 100.0 if self.finished else 0.0
        return round(100.0 * self.bytes_done / self.bytes_total, 1)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _job(row: RowMapping) -> Job:
    return Job(row["id"], row["event"], row["actor"], row["status"], orjson.loads(row["files"]),
               row["files_total"], row["files_done"], row["bytes_total"], row["bytes_done"], row["records"],
               orjson.loads(row["summary"]) if row["summary"] else None, row["error"], row["created_at"],
               row["started_at"], row["ended_at"])


def _set(store: Store, job_id: int, **values: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(import_jobs).where(import_jobs.c.id == job_id).values(**values))


def create_job(store: Store, paths: Sequence[Path], *, actor: str, event: str | None = None) -> int:
    if event is not None and store.event_id(event) is None:
        raise UnknownEvent(event)
    names = [p.name for p in paths]
    with store.engine.begin() as conn:
        job_id = int(conn.execute(insert(import_jobs).values(
            event=event, actor=actor, owner=_owner(), status="queued", files=orjson.dumps(names).decode(),
            files_total=len(paths), bytes_total=sum(p.stat().st_size for p in paths),
            created_at=datetime.now(UTC))).inserted_primary_key[0])  # type: ignore[index]
        record_in(conn, actor, "import.start", f"import_job:{job_id}", None, {"files": names}, event=event)
    return job_id


def _open_offset(path: Path) -> int | None:
    """How far this process has read into `path` (the largest offset among its open descriptors), if known."""
    try:
        target = os.path.realpath(path)
        offsets = [int(line.split()[1]) for fd in os.listdir("/proc/self/fd")
                   if os.path.realpath(f"/proc/self/fd/{fd}") == target
                   for line in Path(f"/proc/self/fdinfo/{fd}").read_text().splitlines() if line.startswith("pos:")]
    except OSError:
        return None
    return max(offsets) if offsets else None


def _line_count(path: Path) -> int | None:
    """Lines in an uncompressed file (a fast byte count), or None for a compressed one."""
    if path.suffix.lower() in (".gz", ".bz2"):
        return None
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) or 1


class _Progress:
    """Counts records and bytes for one job and writes them to its row at most every WRITE_EVERY seconds."""

    def __init__(self, store: Store, job_id: int) -> None:
        self.store, self.job_id = store, job_id
        self.records = self.bytes_before = self.files_done = self.file_records = 0
        self.file_lines: int | None = None
        self.written = 0.0

    def file_start(self, path: Path) -> None:
        self.file_records, self.file_lines = 0, _line_count(path)

    def batch(self, path: str, records: int) -> None:
        self.records += records
        self.file_records += records
        if time.monotonic() - self.written >= WRITE_EVERY:
            self.write(self.bytes_before + self._offset(Path(path)))

    def _offset(self, path: Path) -> int:
        """Bytes read of the current file: the open file's offset, else estimated from the lines read."""
        size = path.stat().st_size
        offset = _open_offset(path)
        if offset is None and self.file_lines:
            offset = int(size * self.file_records / self.file_lines)
        return min(offset or 0, size)

    def file_done(self, path: Path) -> None:
        self.files_done += 1
        self.bytes_before += path.stat().st_size
        self.write(self.bytes_before)

    def write(self, bytes_done: int) -> None:
        self.written = time.monotonic()
        _set(self.store, self.job_id, records=self.records, bytes_done=bytes_done, files_done=self.files_done)


def _import_one(store: Store, path: Path, fmt: str | None, event: str | None, progress: _Progress,
                unrecognised: list[str]) -> FileSummary | None:
    """Import one file as `tweetathon import` does; an unreadable or unknown file is listed, not fatal."""
    event_id = store.event_id(event) if event else None
    try:
        progress.file_start(path)
        return import_file(store, path, fmt, event_id, event, progress.batch, limits=Limits.from_env())
    except (UnreadableFile, UnicodeDecodeError):
        unrecognised.append(str(path))
        return None
    finally:
        progress.file_done(path)


def run_import(store: Store, job_id: int, paths: Sequence[Path], *, event: str | None = None,
               fmt: str | None = None) -> Job:
    """Run a created job here and now; its row ends "done" (with the summary) or "failed" (with the error)."""
    _set(store, job_id, status="running", started_at=datetime.now(UTC), owner=_owner())
    progress = _Progress(store, job_id)
    summaries: list[dict[str, object]] = []
    unrecognised: list[str] = []
    try:
        for path in paths:
            summary = _import_one(store, path, fmt, event, progress, unrecognised)
            if summary is not None:
                summaries.append(summary.as_dict())
        _set(store, job_id, status="done", ended_at=datetime.now(UTC),
             summary=orjson.dumps({"files": summaries, "unrecognised": unrecognised}).decode())
    except Exception as exc:  # any failure must end in the job row, not in a dead thread
        _set(store, job_id, status="failed", ended_at=datetime.now(UTC), error=f"{type(exc).__name__}: {exc}",
             summary=orjson.dumps({"files": summaries, "unrecognised": unrecognised}).decode())
    found = get_job(store, job_id)
    assert found is not None
    return found


def start_import(store: Store, paths: Sequence[Path], *, actor: str, event: str | None = None,
                 fmt: str | None = None, cleanup: bool = False) -> int:
    """Create a job and run it in a background thread with its own connections; returns the job id at once.
    With `cleanup`, the files are deleted when the job ends (uploads kept in a temporary folder)."""
    job_id = create_job(store, paths, actor=actor, event=event)
    url = store.engine.url.render_as_string(hide_password=False)

    def work() -> None:
        try:
            with Store.open(url) as own:
                run_import(own, job_id, paths, event=event, fmt=fmt)
        except Exception as exc:  # e.g. the database cannot be opened: say so in the job row
            _set(store, job_id, status="failed", ended_at=datetime.now(UTC), error=f"{type(exc).__name__}: {exc}")
        finally:
            if cleanup:
                for path in paths:
                    path.unlink(missing_ok=True)

    threading.Thread(target=work, name=f"import-job-{job_id}", daemon=True).start()
    return job_id


def _alive(owner: str) -> bool | None:
    """Whether the owner process runs; None when it is on another host (cannot tell)."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_orphaned_jobs(store: Store) -> int:
    """Mark unfinished jobs whose process is gone (on this host) as failed; returns how many."""
    t = import_jobs.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.id, t.owner).where(t.status.in_(("queued", "running")))).all()
    dead = [job_id for job_id, owner in rows if _alive(owner) is False]
    for job_id in dead:
        _set(store, job_id, status="failed", ended_at=datetime.now(UTC), error=ORPHANED)
    return len(dead)


def get_job(store: Store, job_id: int) -> Job | None:
    fail_orphaned_jobs(store)
    with store.engine.connect() as conn:
        row = conn.execute(select(import_jobs).where(import_jobs.c.id == job_id)).mappings().first()
    return None if row is None else _job(row)


def list_jobs(store: Store, limit: int = 20) -> list[Job]:
    fail_orphaned_jobs(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(import_jobs).order_by(import_jobs.c.id.desc()).limit(limit)).mappings().all()
    return [_job(r) for r in rows]
