"""Capture health of a capture that failed: the failure is reported as such, never as a clean capture."""

from __future__ import annotations

from datetime import UTC, datetime

from tweetathon.analysis.health import capture_health
from tweetathon.store.event_data import HealthRow


def at(minute: int) -> datetime:
    return datetime(2026, 3, 22, 9, minute, tzinfo=UTC)


def test_a_failed_source_and_its_outage_are_reported() -> None:
    rows = [HealthRow("bluesky", "firehose ws://relay/xrpc", "start", at(0), None, "once"),
            HealthRow("bluesky", "firehose ws://relay/xrpc", "reconnect", at(0), None, "firehose unreachable"),
            HealthRow("bluesky", "firehose ws://relay/xrpc", "gap", at(0), at(1),
                      "no working connection (16 failed attempts; last: firehose unreachable); not recovered"),
            HealthRow("bluesky", "firehose ws://relay/xrpc", "failed", at(1), at(1),
                      "no working connection after 16 failed attempts in a row; failed_attempts=16 errors=0")]
    health = capture_health(rows, {}, 0)
    assert health["capture_failed"] is True
    assert health["failures"] == [{"at": "2026-03-22T09:01:00Z", "platform": "bluesky",
                                   "source": "firehose ws://relay/xrpc",
                                   "reason": rows[3].detail}]
    assert len(health["gaps"]) == 1 and health["gaps"][0]["end"] == "2026-03-22T09:01:00Z"
    assert health["other"] == {"reconnect": 1, "start": 1}


def test_a_capture_without_failures_says_so() -> None:
    health = capture_health([HealthRow("x", "search", "start", at(0), None, "once")], {}, 1)
    assert health["capture_failed"] is False and health["failures"] == [] and health["gaps"] == []
