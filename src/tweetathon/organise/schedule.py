"""The follow-the-sun schedule: who starts when, grouped by start instant, in UTC and the organiser's zone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from tweetathon.model import Event, Participant
from tweetathon.organise.windows import Window, event_window, participant_window


@dataclass(frozen=True, slots=True)
class Slot:
    """Everyone who starts at the same instant: their zones and accounts."""

    window: Window
    zones: tuple[str, ...]
    participants: tuple[Participant, ...]

    def as_dict(self, display_zone: str) -> dict[str, object]:
        local = self.window.start.astimezone(ZoneInfo(display_zone))
        return {"starts_utc": _z(self.window.start), "ends_utc": _z(self.window.end),
                "starts_display": local.isoformat(), "display_zone": display_zone, "zones": list(self.zones),
                "count": len(self.participants),
                "participants": [{"account": f"{p.platform}:{p.handle}", "agency": p.agency, "country": p.country,
                                  "zone": p.zone} for p in self.participants]}


def _z(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def follow_the_sun(event: Event, people: Iterable[Participant]) -> list[Slot]:
    """Participants grouped by the UTC start of their own window, earliest first (New Zealand before London).
    Participants without a zone are left out (they cannot be approved)."""
    groups: dict[Window, list[Participant]] = defaultdict(list)
    for person in people:
        if person.zone:
            window = participant_window(event, person.zone)
            if window:
                groups[window].append(person)
    return [Slot(w, tuple(sorted({p.zone or "" for p in ps})), tuple(sorted(ps, key=lambda p: (p.country, p.agency))))
            for w, ps in sorted(groups.items(), key=lambda item: (item[0].start, item[0].end))]


def schedule_dict(event: Event, people: list[Participant], display_zone: str) -> dict[str, object]:
    whole = event_window(event, [p.zone for p in people if p.zone])
    return {"event": event.slug, "display_zone": display_zone,
            "event_window": {"start": _z(whole.start), "end": _z(whole.end)} if whole else None,
            "slots": [slot.as_dict(display_zone) for slot in follow_the_sun(event, people)]}
