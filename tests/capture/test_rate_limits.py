"""How long to wait after a 429, for each platform's way of saying when the window resets."""

from __future__ import annotations

from datetime import UTC, datetime

from tweetathon.capture.http import rate_limit_wait

NOW = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)


def test_each_platforms_reset_header_is_understood() -> None:
    epoch = str(int(NOW.timestamp()) + 90)
    assert rate_limit_wait({"x-rate-limit-reset": epoch}, NOW) == 90            # X: epoch seconds
    assert rate_limit_wait({"x-ratelimit-reset": "2026-11-22T12:05:00.000Z"}, NOW) == 300  # Mastodon: ISO
    assert rate_limit_wait({"ratelimit-reset": epoch}, NOW) == 90               # AT Protocol: epoch seconds
    assert rate_limit_wait({"retry-after": "7"}, NOW) == 7
    assert rate_limit_wait({}, NOW, default=60) == 60


def test_a_reset_in_the_past_means_no_wait() -> None:
    assert rate_limit_wait({"x-rate-limit-reset": str(int(NOW.timestamp()) - 5)}, NOW) == 0
