"""Capture health: gaps, rejected records, rate-limit waits (docs/figures.md#capture_health)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from tweetathon.analysis.timing import iso_utc
from tweetathon.store.event_data import HealthRow

GAP_KINDS = frozenset({"gap"})
WAIT_KINDS = frozenset({"rate_limit", "rate-limit", "ratelimit", "wait"})
FAILED_KINDS = frozenset({"failed"})


def capture_health(rows: Sequence[HealthRow], rejects: Mapping[str, int], runs: int) -> dict[str, object]:
    """`gaps` (start, end, platform, source, reason), `failures` (capture sources that failed: at, platform,
    source, reason), `capture_failed` (whether any did), `rate_limit_waits` (count and seconds waited),
    `other` capture-log entries by kind, `rejects` (rejected records by reason, from the event's import
    runs), `rejected` (their total) and `import_runs`."""
    gaps = [{"start": iso_utc(r.start), "end": iso_utc(r.end) if r.end else None, "platform": r.platform,
             "source": r.source, "reason": r.detail} for r in rows if r.kind in GAP_KINDS]
    failures = [{"at": iso_utc(r.start), "platform": r.platform, "source": r.source, "reason": r.detail}
                for r in rows if r.kind in FAILED_KINDS]
    waits = [r for r in rows if r.kind in WAIT_KINDS]
    waited = sum((r.end - r.start).total_seconds() for r in waits if r.end)
    other = Counter(r.kind for r in rows if r.kind not in GAP_KINDS | WAIT_KINDS | FAILED_KINDS)
    return {"gaps": gaps, "failures": failures, "capture_failed": bool(failures),
            "rate_limit_waits": {"count": len(waits), "seconds": waited},
            "other": dict(sorted(other.items())), "rejects": dict(rejects), "rejected": sum(rejects.values()),
            "import_runs": runs}
