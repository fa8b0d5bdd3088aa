"""Named points in publishing where the crash tests kill the process (SIGKILL, as a power cut would).

`TWEETATHON_FEED_KILL_AT=NAME` (or `NAME:N`, the Nth time NAME is reached) makes the process kill itself at
that point. Unset (always, outside the tests), `crash_point` does nothing.
"""

from __future__ import annotations

import os
import signal

POINTS: tuple[str, ...] = ("queued", "reconciled", "attempt-recorded", "media-uploaded", "posted", "recorded")
_seen: dict[str, int] = {}


def crash_point(name: str) -> None:
    wanted = os.environ.get("TWEETATHON_FEED_KILL_AT")
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
