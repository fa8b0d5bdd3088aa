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
from tweetathon.sources.detect import UnknownFormat, detect
from tweetathon.sources.registry import SourceFormat, by_name
from tweetathon.store.store import Store
from tweetathon.store.writer import BatchCounts

BATCH_POSTS = 2000
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass
class FileSummary:
    """What importing one file did."""

    path: str
    format: str
    records: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    rejects: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    run_id: int | None = None
    status: str = "done"

    @property
    def posts_seen(self) -> int:
        c = self.counts
        return c.posts_new + c.posts_updated + c.posts_unchanged

    def as_dict(self) -> dict[str, object]:
        c = self.counts
        return {"path": self.path, "format": self.format, "records": self.records, "posts_new": c.posts_new,
                "posts_updated": c.posts_updated, "posts_unchanged": c.posts_unchanged,
                "referenced_new": c.referenced_new, "snapshots_new": c.snapshots_new,
                "deletions": c.deletions, "rejects": dict(self.rejects), "seconds": round(self.seconds, 3),
                "status": self.status}


class UnreadableFile(Exception):
    """A user error that stops one file (unknown format, unreadable file). Reported without a traceback."""


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


def choose_format(path: Path, forced: str | None) -> SourceFormat | None:
    """The format to read `path` with: the forced one, or the detected one (None for an empty file)."""
    if forced:
        return by_name(forced)
    try:
        return detect(path)
    except UnknownFormat as exc:
        raise UnreadableFile(f"{path}: not a format tweetathon recognises") from exc


def map_safely(fmt: SourceFormat, raw: RawRecord) -> list[Record]:
    """Map one raw record; an unexpected shape becomes a Reject naming the file and line, never a crash."""
    try:
        return fmt.map_record(raw)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        kind = type(exc).__name__
        return [Reject(raw.file, raw.line, "unmappable record", f"{kind}: {exc}",
                       orjson.dumps(raw.payload, default=str)[:2000].decode("utf-8", "replace"))]


@dataclass
class Batch:
    """Mapped records to write in one transaction, and how many raw records they came from."""

    read: int = 0
    posts: list[Post] = field(default_factory=list)
    snapshots: list[AccountSnapshot] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    def add(self, record: Record) -> None:
        if isinstance(record, Post):
            self.posts.append(record)
        elif isinstance(record, AccountSnapshot):
            self.snapshots.append(record)
        elif isinstance(record, Deletion):
            self.deletions.append(record)
        else:
            self.rejects.append(record)

    def weight(self) -> int:
        """Posts, plus snapshots counted a quarter each (they are smaller rows)."""
        return len(self.posts) + len(self.snapshots) // 4


def batches(records: Iterator[RawRecord | Reject], fmt: SourceFormat, size: int = BATCH_POSTS) -> Iterator[Batch]:
    """Group mapped records into batches of about `size` posts."""
    batch = Batch()
    for raw in records:
        batch.read += 1
        for record in [raw] if isinstance(raw, Reject) else map_safely(fmt, raw):
            batch.add(record)
        if batch.weight() >= size:
            yield batch
            batch = Batch()
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
                event: str | None = None, progress: ProgressFn | None = None, force: bool = False) -> FileSummary:
    """Import one file into `store`. Each batch is atomic; the run is recorded with its counts and rejects.

    A file whose exact content was already imported completely (same sha256, format, event and tweetathon
    version) is skipped, since reading it again would change nothing; `force` reads it anyway.
    """
    started = time.perf_counter()
    fmt = choose_format(path, forced)
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
    rejects_file = RejectsFile(store)
    try:
        for batch in prefetch(batches(fmt.iter_records(path), fmt)):
            summary.records += batch.read
            summary.rejects.update(r.reason for r in batch.rejects)
            summary.counts.add(store.write_batch(batch.posts, batch.snapshots, batch.deletions, event_id, run_id,
                                                 batch.rejects, _run_totals(summary)))
            if batch.rejects:
                rejects_file.append(run_id, batch.rejects)
            if progress:
                progress(str(path), batch.read)
    except BaseException:
        summary.status = "interrupted"
        store.finish_run(run_id, "interrupted", _run_totals(summary))
        raise
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, "done", _run_totals(summary))
    return summary


def _run_totals(summary: FileSummary) -> dict[str, int]:
    """The run's counts so far, as stored in `import_runs`."""
    c = summary.counts
    return {"records": summary.records, "posts_new": c.posts_new, "posts_updated": c.posts_updated,
            "posts_unchanged": c.posts_unchanged, "referenced_new": c.referenced_new,
            "snapshots_new": c.snapshots_new, "deletions": c.deletions, "rejects": sum(summary.rejects.values())}
