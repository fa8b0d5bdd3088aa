"""Importing files: detect each file's format, read raw records, map them, write them in atomic batches.

sources (read + map, pure) -> ingest (batching, provenance, rejects, run records) -> store (atomic writes)
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from tweetathon import __version__
from tweetathon.model import AccountSnapshot, Deletion, Post, Record, Reject
from tweetathon.prefetch import prefetch
from tweetathon.sources.base import RawRecord
from tweetathon.sources.checks import R, clean_reject, sanitise, unmappable
from tweetathon.sources.detect import UnknownFormat, detect
from tweetathon.sources.reading import DEFAULT_LIMITS, LimitExceeded, Limits
from tweetathon.sources.registry import SourceFormat, by_name
from tweetathon.store.store import Store
from tweetathon.store.writer import BatchCounts

BATCH_POSTS = 2000
# Batches are also cut by the bytes their records were read from, so a file of few large records holds as little
# memory as a file of many small ones (parsed JSON takes several times its text in Python objects).
BATCH_BYTES = 4 << 20
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass
class FileSummary:
    """What importing one file did."""

    path: str
    format: str
    records: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    rejects: Counter[str] = field(default_factory=Counter)
    adjusted: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    run_id: int | None = None
    status: str = "done"
    error: str | None = None

    @property
    def posts_seen(self) -> int:
        c = self.counts
        return c.posts_new + c.posts_updated + c.posts_unchanged

    def as_dict(self) -> dict[str, object]:
        c = self.counts
        return {"path": self.path, "format": self.format, "records": self.records, "posts_new": c.posts_new,
                "posts_updated": c.posts_updated, "posts_unchanged": c.posts_unchanged,
                "referenced_new": c.referenced_new, "snapshots_new": c.snapshots_new,
                "deletions": c.deletions, "rejects": dict(self.rejects), "adjusted": dict(self.adjusted),
                "seconds": round(self.seconds, 3), "status": self.status, "error": self.error}


class UnreadableFile(Exception):
    """A user error that stops one file (unknown format, unreadable file). Reported without a traceback."""


class FileStopped(Exception):
    """Reading a file failed part-way (a limit, a corrupt or vanished file): the file stops, the run goes on."""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file as given; every file under a directory, sorted, hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                         and p.name not in SKIP_NAMES)
        else:
            found.append(path)
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def choose_format(path: Path, forced: str | None, limits: Limits = DEFAULT_LIMITS) -> SourceFormat | None:
    """The format to read `path` with: the forced one, or the detected one (None for an empty file)."""
    if forced:
        return by_name(forced)
    try:
        return detect(path, limits)
    except UnknownFormat as exc:
        raise UnreadableFile(f"{path}: not a format tweetathon recognises") from exc
    except LimitExceeded as exc:
        raise UnreadableFile(str(exc)) from exc
    except Exception as exc:
        raise UnreadableFile(f"{path}: cannot be read ({_short(exc)})") from exc


def _short(exc: BaseException) -> str:
    """An exception as a few words for a message (its kind when it says nothing)."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return text or type(exc).__name__


def map_safely(fmt: SourceFormat, raw: RawRecord) -> list[Record]:
    """Map one raw record; anything going wrong becomes a Reject naming the file and line, never a crash."""
    try:
        return fmt.map_record(raw)
    except Exception as exc:
        return [unmappable(raw, exc)]


def read_guarded(fmt: SourceFormat, path: Path, limits: Limits) -> Iterator[RawRecord | Reject]:
    """The file's raw records; a failure of the reading itself becomes FileStopped with a clear message."""
    try:
        yield from fmt.iter_records(path, limits)
    except LimitExceeded as exc:
        raise FileStopped(str(exc)) from exc
    except Exception as exc:
        raise FileStopped(f"{path}: reading stopped ({_short(exc)}); records before this point were "
                          "imported") from exc


@dataclass
class Batch:
    """Mapped records to write in one transaction, and how many raw records they came from."""

    read: int = 0
    size: int = 0
    posts: list[Post] = field(default_factory=list)
    snapshots: list[AccountSnapshot] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    adjusted: Counter[str] = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        if isinstance(record, Post):
            self.posts.append(self._sanitised(record))
        elif isinstance(record, AccountSnapshot):
            self.snapshots.append(self._sanitised(record))
        elif isinstance(record, Deletion):
            self.deletions.append(record)
        else:
            self.rejects.append(clean_reject(record))

    def _sanitised(self, record: R) -> R:
        clean, notes = sanitise(record)
        self.adjusted.update(notes)
        return clean

    def weight(self) -> int:
        """Posts, plus snapshots counted a quarter each (they are smaller rows)."""
        return len(self.posts) + len(self.snapshots) // 4


def batches(records: Iterator[RawRecord | Reject], fmt: SourceFormat, size: int = BATCH_POSTS,
            max_bytes: int = BATCH_BYTES) -> Iterator[Batch]:
    """Group mapped records into batches of about `size` posts or `max_bytes` bytes read, whichever comes first."""
    batch = Batch()
    try:
        for raw in records:
            batch.read += 1
            if isinstance(raw, Reject):
                batch.add(raw)
            else:
                batch.size += raw.size
                for record in map_safely(fmt, raw):
                    batch.add(record)
            if batch.weight() >= size or batch.size >= max_bytes:
                yield batch
                batch = Batch()
    except FileStopped:
        yield batch  # what was read before the failure is kept
        raise
    if batch.read or batch.weight() or batch.deletions or batch.rejects:
        yield batch


class RejectsFile:
    """Rejected records set aside as JSON Lines beside the database (or in the current folder)."""

    def __init__(self, store: Store) -> None:
        sqlite_path = store.sqlite_path
        if sqlite_path:
            base = Path(sqlite_path)
            self.path = base.with_name(base.stem + ".rejects.jsonl")
        else:
            self.path = Path("tweetathon.rejects.jsonl")

    def append(self, run_id: int, rejects: list[Reject]) -> None:
        with self.path.open("ab") as fh:
            for r in rejects:
                fh.write(orjson.dumps({"run": run_id, "file": r.file, "line": r.line, "reason": r.reason,
                                       "detail": r.detail, "raw": r.raw_text}) + b"\n")


ProgressFn = Callable[[str, int], None]


def import_file(store: Store, path: Path, forced: str | None = None, event_id: int | None = None,
                event: str | None = None, progress: ProgressFn | None = None, force: bool = False,
                limits: Limits = DEFAULT_LIMITS) -> FileSummary:
    """Import one file into `store`. Each batch is atomic; the run is recorded with its counts and rejects.

    A file whose exact content was already imported completely (same sha256, format, event and tweetathon
    version) is skipped, since reading it again would change nothing; `force` reads it anyway. A file whose
    reading fails part-way (a limit, corrupt compression) keeps what was imported before the failure; its run
    ends `failed` with the reason in `summary.error`, and the caller goes on with the next file.
    """
    started = time.perf_counter()
    fmt = choose_format(path, forced, limits)
    summary = FileSummary(str(path), fmt.NAME if fmt else "empty")
    if fmt is None:
        return summary
    digest = sha256_of(path)
    earlier = None if force else store.completed_run(digest, fmt.NAME, event, __version__)
    if earlier is not None:
        summary.status, summary.run_id = "skipped", earlier
        summary.seconds = time.perf_counter() - started
        return summary
    summary.run_id = run_id = store.start_run(str(path), digest, path.stat().st_size, fmt.NAME, event, __version__)
    try:
        _write_batches(store, path, fmt, summary, event_id, progress, limits)
    except FileStopped as exc:
        summary.status, summary.error = "failed", str(exc)
    except BaseException:
        summary.status = "interrupted"
        store.finish_run(run_id, "interrupted", _run_totals(summary))
        raise
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.status, _run_totals(summary))
    return summary


def _write_batches(store: Store, path: Path, fmt: SourceFormat, summary: FileSummary, event_id: int | None,
                   progress: ProgressFn | None, limits: Limits) -> None:
    run_id = summary.run_id
    rejects_file = RejectsFile(store)
    for batch in prefetch(batches(read_guarded(fmt, path, limits), fmt)):
        summary.records += batch.read
        summary.rejects.update(r.reason for r in batch.rejects)
        summary.adjusted.update(batch.adjusted)
        summary.counts.add(store.write_batch(batch.posts, batch.snapshots, batch.deletions, event_id, run_id,
                                             batch.rejects, _run_totals(summary)))
        if batch.rejects and run_id is not None:
            rejects_file.append(run_id, batch.rejects)
        if progress:
            progress(str(path), batch.read)


def _run_totals(summary: FileSummary) -> dict[str, int]:
    """The run's counts so far, as stored in `import_runs`."""
    c = summary.counts
    return {"records": summary.records, "posts_new": c.posts_new, "posts_updated": c.posts_updated,
            "posts_unchanged": c.posts_unchanged, "referenced_new": c.referenced_new,
            "snapshots_new": c.snapshots_new, "deletions": c.deletions, "rejects": sum(summary.rejects.values()),
            "adjusted": sum(summary.adjusted.values())}
