"""`export --format counts`: how many posts per hour and per day, by platform and kind, in UTC and in the event's
zone, as one long CSV (period, zone, start, platform, kind, posts). Counts the posts the export writes: an event's
counted posts (deleted and withheld ones left out), or every collected post of the database (UTC only).

Each bucket's `start` is its local start with its UTC offset (`2013-03-22T08:00:00+00:00`); a day is a local
calendar day, so a day of the event's zone starts at its local midnight. Buckets without posts are not written."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO
from zoneinfo import ZoneInfo

from tweetathon.exports.posts import ExportScope, ExportSummary, exported_rows
from tweetathon.store.store import Store

COLUMNS = ("period", "zone", "start", "platform", "kind", "posts")
Bucket = tuple[str, str, str, str, str]  # period, zone, start, platform, kind


def bucket_start(moment: datetime, zone: ZoneInfo, period: str) -> str:
    """The local start of the hour or day holding `moment`, in ISO with its offset."""
    local = moment.astimezone(zone)
    start = local.replace(minute=0, second=0, microsecond=0)
    if period == "day":
        start = start.replace(hour=0)
    return start.isoformat()


def count_buckets(posts: Iterable[tuple[datetime, str, str]], zones: Iterable[str]) -> Counter[Bucket]:
    """Posts (created_at, platform, kind) counted per (period, zone, start, platform, kind). Pure."""
    infos = [(name, ZoneInfo(name)) for name in dict.fromkeys(zones)]
    counts: Counter[Bucket] = Counter()
    for created_at, platform, kind in posts:
        for name, zone in infos:
            for period in ("hour", "day"):
                counts[(period, name, bucket_start(created_at, zone, period), platform, kind)] += 1
    return counts


def _sort_key(item: tuple[Bucket, int]) -> tuple[str, str, str, str, str]:
    (period, zone, start, platform, kind), _n = item
    return (period, zone, datetime.fromisoformat(start).astimezone(UTC).isoformat(), platform, kind)


def write_counts(store: Store, scope: ExportScope, out: IO[bytes]) -> ExportSummary:
    """The counts CSV of what the export selects (see the module docstring)."""
    event = store.get_event(scope.event) if scope.event else None
    zones = ["UTC", event.zone] if event else ["UTC"]
    summary = ExportSummary()
    with store.engine.connect() as conn:
        posts = [(row["created_at"], row["platform"], row["kind"])
                 for row, _values in exported_rows(store, conn, scope, summary)]
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for bucket, n in sorted(count_buckets(posts, zones).items(), key=_sort_key):
        writer.writerow([*bucket, n])
    text.flush()
    text.detach()
    return summary
