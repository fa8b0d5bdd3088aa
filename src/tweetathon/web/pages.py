"""What each public page shows, gathered from the library: no SQL here, no HTML either (templates do that).

Every function takes the `Store` and plain arguments and returns plain data (dataclasses, dicts, strings), so
the routes stay a call and a template, and the same data can back the JSON API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from tweetathon.model import PLATFORMS, Event, Participant
from tweetathon.organise import mapping, official_list, series
from tweetathon.organise.announce import Draft, drafts
from tweetathon.organise.events import EventError, check_zone, describe_rule
from tweetathon.organise.geocode import country_name
from tweetathon.organise.phase import PHASES, event_phase, has_ended
from tweetathon.organise.publishing import is_published
from tweetathon.organise.schedule import follow_the_sun
from tweetathon.organise.windows import Window, event_window
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store

KIND_NAMES = {"tweetathon": "Tweet-a-thon", "chat": "Chat series", "livefeed": "Live feed"}
UPCOMING = 6  # sessions of a series shown ahead
PHASE_NAMES = {"live": "Live now", "upcoming": "Upcoming", "past": "Past", "unscheduled": "Not scheduled yet"}


class UnknownPage(LookupError):
    """No such event (or session): the route answers 404."""


def local_text(moment: datetime, zone: str) -> str:
    """`Fri 22 Mar 2013, 08:00 GMT` in `zone`."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y, %H:%M %Z")


def choose_zone(asked: str | None, fallback: str) -> tuple[str, str]:
    """The zone to show times in, and a message when the asked one is not a zone (then `fallback` is used)."""
    if not asked:
        return fallback, ""
    try:
        return check_zone(asked.strip()), ""
    except EventError as exc:
        return fallback, f"{exc.message}. {exc.hint} Times are shown in {fallback}."


def load_event(store: Store, slug: str) -> Event:
    event = store.get_event(slug)
    if event is None:
        raise UnknownPage(slug)
    return event


def approved(store: Store, slug: str) -> list[Participant]:
    return ostore.get_participants(store, slug, status="approved")


# -- the events index --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventCard:
    slug: str
    name: str
    kind: str
    hashtags: tuple[str, ...]
    phase: str
    when: str


def _card(store: Store, event: Event, now: datetime) -> EventCard:
    zones = [p.zone for p in approved(store, event.slug) if p.zone]
    window = event_window(event, zones)
    when = describe_rule(event) if window is None else (
        f"{local_text(window.start, event.zone)} to {local_text(window.end, event.zone)}")
    return EventCard(event.slug, event.name, KIND_NAMES.get(event.kind, event.kind), event.hashtags,
                     event_phase(event, zones, now), when)


def index(store: Store, now: datetime) -> list[tuple[str, list[EventCard]]]:
    """The events grouped as live now, upcoming, past, not scheduled (empty groups left out)."""
    cards = [_card(store, event, now) for event in ostore.list_events(store)]
    return [(PHASE_NAMES[phase], group) for phase in PHASES
            if (group := [c for c in cards if c.phase == phase])]


# -- one event ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ScheduleRow:
    starts: str
    ends: str
    zones: str
    who: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionRow:
    date: str
    starts: str
    theme: str
    host: str
    questions: tuple[str, ...]
    ended: bool


@dataclass(frozen=True, slots=True)
class EventPage:
    event: Event
    kind_name: str
    rule: str
    phase: str
    ended: bool
    zone: str
    zone_message: str
    zones: tuple[str, ...]
    window: tuple[str, str] | None
    schedule: tuple[ScheduleRow, ...]
    sessions: tuple[SessionRow, ...]
    people: tuple[dict[str, Any], ...]
    countries: int
    transcripts: tuple[str, ...] = field(default=())
    report: bool = False


def _who(people: Iterable[Participant]) -> tuple[str, ...]:
    """`Police Sydney (5)`: each agency once, with how many of its accounts start then."""
    counts = Counter(p.agency or f"@{p.handle}" for p in people)
    return tuple(name if n == 1 else f"{name} ({n})" for name, n in counts.items())


def _schedule(event: Event, people: Sequence[Participant], zone: str) -> tuple[ScheduleRow, ...]:
    return tuple(ScheduleRow(local_text(slot.window.start, zone), local_text(slot.window.end, zone),
                             ", ".join(slot.zones), _who(slot.participants))
                 for slot in follow_the_sun(event, people))


def _sessions(store: Store, event: Event, zone: str, now: datetime) -> tuple[SessionRow, ...]:
    """The chat plan: every planned session that is over (newest first), then the next ones of the rule."""
    if not event.rrule:
        return ()
    planned = [series.from_stored(s) for s in ostore.get_sessions(store, event.slug)]
    today = now.astimezone(ZoneInfo(event.zone)).date()
    past = sorted((s for s in planned if s.window.end <= now), key=lambda s: s.date, reverse=True)
    coming = [s for s in series.sessions(event, planned, after=max(today, _first_day(event)), limit=UPCOMING)
              if s.window.end > now]
    return tuple(SessionRow(s.date.isoformat(), local_text(s.window.start, zone), s.theme, s.host or "",
                            s.questions, now >= s.window.end) for s in [*coming, *past])


def _first_day(event: Event) -> date:
    return date.fromisoformat(event.local_date) if event.local_date else date.min


def _window(event: Event, people: Sequence[Participant], zone: str) -> tuple[str, str] | None:
    window = event_window(event, [p.zone for p in people if p.zone])
    return None if window is None else (local_text(window.start, zone), local_text(window.end, zone))


def chat_plan(store: Store, event: Event, now: datetime) -> tuple[SessionRow, ...]:
    """The chat plan of a series in the organiser's zone (upcoming sessions, then those that are over)."""
    return _sessions(store, event, event.zone, now)


def next_announcements(store: Store, event: Event, now: datetime) -> list[Draft]:
    """Draft announcement posts (every platform) for the series' next session that is not over."""
    if not event.rrule:
        return []
    planned = [series.from_stored(s) for s in ostore.get_sessions(store, event.slug)]
    today = now.astimezone(ZoneInfo(event.zone)).date()
    coming = [s for s in series.sessions(event, planned, after=max(today, _first_day(event)), limit=2)
              if s.window.end > now]
    return drafts(event, coming[0], list(PLATFORMS)) if coming else []


def transcript_dates(store: Store, event: Event, now: datetime) -> tuple[str, ...]:
    """Dates of the planned chat sessions that have ended, once transcripts are published: each has a page."""
    if event.kind != "chat" or not is_published(store, event.slug, "transcripts"):
        return ()
    return tuple(s.session_date for s in ostore.get_sessions(store, event.slug) if s.ends_at <= now)


def event_page(store: Store, slug: str, asked_zone: str | None, now: datetime) -> EventPage:
    event = load_event(store, slug)
    people = approved(store, slug)
    zone, message = choose_zone(asked_zone, event.zone)
    zones = [p.zone for p in people if p.zone]
    table = official_list.rows(event, people)
    return EventPage(
        event=event, kind_name=KIND_NAMES.get(event.kind, event.kind), rule=describe_rule(event),
        phase=PHASE_NAMES[event_phase(event, zones, now)], ended=has_ended(event, zones, now), zone=zone,
        zone_message=message, zones=tuple(sorted({*zones, event.zone, "UTC"})), window=_window(event, people, zone),
        schedule=_schedule(event, people, zone), sessions=_sessions(store, event, zone, now),
        people=tuple(table), countries=len({row["country"] for row in table if row["country"]}),
        transcripts=transcript_dates(store, event, now),
        report=is_published(store, slug, "report"))


# -- the map -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MapPage:
    event: Event
    people: tuple[dict[str, Any], ...]
    roles: tuple[str, ...]
    countries: tuple[tuple[str, str], ...]
    role: str
    country: str

    @property
    def query(self) -> str:
        """The filters as the query of the map drawing's address (`?role=officer&country=IS`)."""
        asked = urlencode({k: v for k, v in (("role", self.role), ("country", self.country)) if v})
        return f"?{asked}" if asked else ""


def _matches(p: Participant, role: str, country: str) -> bool:
    return (not role or p.role == role) and (not country or p.country == country)


def map_page(store: Store, slug: str, role: str = "", country: str = "") -> MapPage:
    """The map and list of approved participants, narrowed to one role and/or country when asked."""
    event = load_event(store, slug)
    people = approved(store, slug)
    shown = [p for p in people if _matches(p, role, country)]
    codes = sorted({p.country for p in people if p.country}, key=country_name)
    return MapPage(event, tuple(official_list.rows(event, shown)), tuple(sorted({p.role for p in people})),
                   tuple((c, country_name(c)) for c in codes), role, country)


def map_drawing(store: Store, slug: str, role: str = "", country: str = "") -> str:
    """The static SVG map of the approved participants (narrowed like `map_page`), for pages without scripts."""
    event = load_event(store, slug)
    return mapping.map_svg(event, [p for p in approved(store, slug) if _matches(p, role, country)])


def participants_geojson(store: Store, slug: str) -> dict[str, Any]:
    """The approved participants as GeoJSON (public fields only: no address, no contact)."""
    load_event(store, slug)
    collection = mapping.geojson(approved(store, slug))
    for feature in collection["features"]:
        props = feature["properties"]
        props["country_name"] = country_name(props["country"]) if props["country"] else ""
        props.pop("status", None)
    return collection


def outlines_geojson() -> dict[str, Any]:
    """The Natural Earth country outlines (shipped with organise/) as GeoJSON MultiPolygons."""
    features = [{"type": "Feature", "properties": {"id": cid, "name": name},
                 "geometry": {"type": "MultiPolygon", "coordinates": [[list(map(list, ring))] for ring in rings]}}
                for cid, name, rings in mapping.country_outlines()]
    return {"type": "FeatureCollection", "features": features}


# -- calendar ----------------------------------------------------------------------------------------------------

def calendar_sessions(store: Store, event: Event) -> list[series.Session]:
    """What the ICS feed lists: the series' sessions, or the one window of a tweet-a-thon or live feed."""
    if event.rrule:
        planned = [series.from_stored(s) for s in ostore.get_sessions(store, event.slug)]
        return series.sessions(event, planned)
    window = event_window(event, [p.zone for p in approved(store, event.slug) if p.zone])
    if window is None:
        return []
    return [series.Session(window.start.astimezone(ZoneInfo(event.zone)).date(), window)]


def session_window(store: Store, event: Event, day: str) -> tuple[Window, Any]:
    """The window and plan of the planned chat session on `day`; UnknownPage when there is none."""
    for plan in ostore.get_sessions(store, event.slug):
        if plan.session_date == day:
            return Window(plan.starts_at, plan.ends_at), plan
    raise UnknownPage(f"{event.slug} {day}")
