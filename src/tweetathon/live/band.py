"""The follow-the-sun band: which participants are inside their own window now, and who starts next.

Under a local rule (#poltwt: 08:00 in each participant's zone) every participant has an own window; under a
fixed window or a chat series everyone shares the event's. Pure over a `Scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tweetathon.analysis.scope import Scope
from tweetathon.organise.windows import Window
from tweetathon.store.event_data import ParticipantInfo


@dataclass(frozen=True, slots=True)
class Band:
    """Participants (keys) inside their own window at `now`, and those whose window opens next (at `next_at`)."""

    now: tuple[str, ...]
    next: tuple[str, ...]
    next_at: datetime | None
    zones_now: tuple[str, ...]


def _windows(scope: Scope, person: ParticipantInfo) -> tuple[Window, ...]:
    return scope.window_of(person) or ()


def follow_the_sun_band(scope: Scope, now: datetime) -> Band:
    """Who is posting time now and who is next (the earliest window start after `now`)."""
    inside: list[ParticipantInfo] = []
    starts: dict[datetime, list[ParticipantInfo]] = {}
    for person in scope.data.participants:
        windows = _windows(scope, person)
        if any(w.start <= now < w.end for w in windows):
            inside.append(person)
        upcoming = [w.start for w in windows if w.start > now]
        if upcoming:
            starts.setdefault(min(upcoming), []).append(person)
    next_at = min(starts) if starts else None
    coming = starts.get(next_at, []) if next_at else []
    return Band(tuple(p.key for p in inside), tuple(p.key for p in coming), next_at,
                tuple(sorted({p.zone for p in inside if p.zone})))
