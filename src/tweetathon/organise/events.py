"""Events and their time rules: parse and validate what an organiser types (or the simulator writes).

An event has exactly one time rule:

- **local rule** (`--local-start 08:00 --duration 24h --date 2013-03-22`): the start is applied in each
  participant's own zone, so the event follows the sun.
- **fixed window** (`--start`/`--end`): ISO 8601 instants, read in the organiser's `--zone` when they carry no
  offset, stored in UTC.
- **series** (`--rrule 'FREQ=WEEKLY;BYDAY=TH' --time 13:00 --duration 1h --zone Europe/London`): RFC 5545
  recurrence from a first date (`--date`, stored in `local_date`; default: today), optional `--until`/`--count`.

Every function here is pure; `EventError` carries a message and a hint a user can act on.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil.rrule import rrulestr

from tweetathon.model import EVENT_KINDS, Event


class EventError(ValueError):
    """A user error in an event definition: `message` says what is wrong, `hint` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_DURATION = re.compile(r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m(?:in)?)?$")
_CLOCK = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_HASHTAG = re.compile(r"^\w{1,139}$")
MAX_DURATION_MINUTES = 7 * 24 * 60


def parse_duration(text: str) -> int:
    """Minutes in a duration written like `24h`, `1h`, `90m`, `1h30m` or `2d` (a bare number is minutes)."""
    value = text.strip().lower().replace(" ", "")
    if value.isdigit():
        minutes = int(value)
    else:
        found = _DURATION.match(value)
        if not value or not found or not any(found.groups()):
            raise EventError(f"bad duration {text!r}", "Write it like 24h, 1h, 90m or 1h30m.")
        minutes = int(found["d"] or 0) * 1440 + int(found["h"] or 0) * 60 + int(found["m"] or 0)
    if not 0 < minutes <= MAX_DURATION_MINUTES:
        raise EventError(f"bad duration {text!r}: must be more than 0 and at most 7 days")
    return minutes


def format_duration(minutes: int) -> str:
    """`1440` → `24h`, `90` → `1h30m`, `45` → `45m`."""
    hours, rest = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{rest}m" if rest or not hours else "")


def parse_clock(text: str) -> str:
    """A local wall-clock time `H:MM` or `HH:MM`, returned as `HH:MM`."""
    found = _CLOCK.match(text.strip())
    if not found:
        raise EventError(f"bad time of day {text!r}", "Write it as HH:MM on a 24-hour clock, e.g. 08:00 or 13:00.")
    return f"{int(found['h']):02d}:{found['m']}"


def parse_day(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise EventError(f"bad {what} {text!r}", "Write dates as YYYY-MM-DD, e.g. 2013-03-22.") from None


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def check_zone(zone: str) -> str:
    """An IANA zone name (`Europe/London`), or an EventError suggesting the nearest names."""
    if zone in _zone_names() or zone == "UTC":
        try:
            ZoneInfo(zone)
            return zone
        except (ZoneInfoNotFoundError, ValueError):
            pass
    close = difflib.get_close_matches(zone, sorted(_zone_names()), n=3, cutoff=0.5)
    hint = f"Did you mean {', '.join(close)}?" if close else "Use an IANA zone name such as Europe/London."
    raise EventError(f"unknown time zone {zone!r}", hint)


def parse_instant(text: str, zone: str) -> datetime:
    """An ISO 8601 date-time; read in `zone` when it has no offset. Returned in UTC."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        raise EventError(f"bad date-time {text!r}", "Write it like 2013-03-22T08:00 or 2013-03-22T08:00Z.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def normalise_hashtag(tag: str) -> str:
    """`#PolTwt` → `poltwt` (lower-case, no `#`)."""
    value = tag.strip().lstrip("#").lower()
    if not _HASHTAG.match(value):
        raise EventError(f"bad hashtag {tag!r}", "A hashtag is letters, digits and underscores, e.g. #poltwt.")
    return value


def check_slug(slug: str) -> str:
    if not _SLUG.match(slug):
        raise EventError(f"bad event slug {slug!r}",
                         "Use lower-case letters, digits, '-' and '_' (up to 64), e.g. poltwt-2013.")
    return slug


def check_rrule(rule: str, until: str | None = None, count: int | None = None) -> str:
    """An RFC 5545 RRULE value (without the `RRULE:` prefix or a DTSTART), with UNTIL/COUNT added."""
    value = rule.strip().removeprefix("RRULE:").upper()
    if "DTSTART" in value:
        raise EventError("the --rrule must not contain DTSTART", "Give the first session with --date instead.")
    if until and count:
        raise EventError("give --until or --count, not both", "RFC 5545 allows only one of UNTIL and COUNT.")
    if until:
        value += f";UNTIL={parse_day(until, 'until date').strftime('%Y%m%d')}T235959"
    if count:
        value += f";COUNT={count}"
    try:
        rrulestr(f"RRULE:{value}", dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise EventError(f"bad recurrence rule {rule!r}: {exc}",
                         "Write an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TH.") from None
    return value


@dataclass(frozen=True, slots=True)
class TimeRule:
    """The time options as typed; `build_event` checks that exactly one rule is given."""

    local_start: str | None = None
    local_date: str | None = None
    duration: str | int | None = None
    start: str | None = None
    end: str | None = None
    rrule: str | None = None
    time: str | None = None
    until: str | None = None
    count: int | None = None

    def kinds(self) -> list[str]:
        given = []
        if self.local_start:
            given.append("--local-start")
        if self.start or self.end:
            given.append("--start/--end")
        if self.rrule:
            given.append("--rrule")
        return given


def _minutes(duration: str | int | None, rule: str) -> int:
    if duration is None or duration == "":
        raise EventError(f"{rule} needs --duration", "For example --duration 24h or --duration 1h.")
    return duration if isinstance(duration, int) else parse_duration(duration)


def build_event(slug: str, name: str, hashtags: list[str], kind: str, zone: str, rule: TimeRule,
                today: date | None = None) -> Event:
    """A validated Event from typed options, or an EventError naming the first problem."""
    check_slug(slug)
    zone = check_zone(zone)
    if kind not in EVENT_KINDS:
        raise EventError(f"unknown event kind {kind!r}", f"Use one of {', '.join(EVENT_KINDS)}.")
    tags = tuple(dict.fromkeys(normalise_hashtag(t) for t in hashtags))
    if not tags:
        raise EventError("an event needs at least one --hashtag", "For example --hashtag poltwt.")
    base = Event(slug=slug, name=name or slug, hashtags=tags, kind=kind, zone=zone)
    given = rule.kinds()
    if len(given) != 1:
        problem = "no time rule given" if not given else f"two time rules given ({' and '.join(given)})"
        raise EventError(problem, "Give exactly one of: --local-start/--duration/--date, --start/--end, "
                                  "or --rrule/--time/--duration.")
    if rule.local_start:
        return _local_rule(base, rule)
    if rule.rrule:
        return _series(base, rule, today or date.today())
    return _fixed(base, rule)


def _local_rule(base: Event, rule: TimeRule) -> Event:
    if not rule.local_date:
        raise EventError("--local-start needs --date", "For example --date 2013-03-22.")
    return replace(base, local_start=parse_clock(rule.local_start or ""),
                   local_date=parse_day(rule.local_date).isoformat(),
                   duration_minutes=_minutes(rule.duration, "--local-start"))


def _series(base: Event, rule: TimeRule, today: date) -> Event:
    if not rule.time:
        raise EventError("--rrule needs --time (the local start of each session)", "For example --time 13:00.")
    first = parse_day(rule.local_date) if rule.local_date else today
    return replace(base, rrule=check_rrule(rule.rrule or "", rule.until, rule.count), time=parse_clock(rule.time),
                   local_date=first.isoformat(), duration_minutes=_minutes(rule.duration, "--rrule"))


def _fixed(base: Event, rule: TimeRule) -> Event:
    if not (rule.start and rule.end):
        raise EventError("--start needs --end (and --end needs --start)",
                         "For example --start 2013-03-22T08:00 --end 2013-03-23T08:00.")
    start, end = parse_instant(rule.start, base.zone), parse_instant(rule.end, base.zone)
    if end <= start:
        raise EventError(f"--end ({rule.end}) is not after --start ({rule.start})")
    return replace(base, start=start, end=end)


# -- the simulator's event.json --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SessionPlan:
    """One planned chat session: its local date, theme, questions (Q1..Qn) and host (`platform:handle`)."""

    date: str
    theme: str = ""
    questions: tuple[str, ...] = ()
    host: str | None = None


@dataclass(frozen=True, slots=True)
class EventPlan:
    event: Event
    host: str | None = None
    sessions: tuple[SessionPlan, ...] = field(default_factory=tuple)


def plan_from_json(data: dict[str, Any], today: date | None = None) -> EventPlan:
    """An EventPlan from an `event.json` (slug, name, hashtags, kind, zone, one rule; chats also host and
    sessions [{date, theme, questions}])."""
    if not isinstance(data, dict) or "slug" not in data:
        raise EventError("event file is not a JSON object with a 'slug'", "See docs/organise.md for the format.")
    sessions = tuple(SessionPlan(date=parse_day(str(s["date"])).isoformat(), theme=str(s.get("theme") or ""),
                                 questions=tuple(str(q) for q in s.get("questions") or ()),
                                 host=s.get("host") or data.get("host"))
                     for s in data.get("sessions") or ())
    first = data.get("local_date") or data.get("date") or (min(s.date for s in sessions) if sessions else None)
    duration = data.get("duration_minutes")
    rule = TimeRule(local_start=data.get("local_start"), local_date=first, start=data.get("start"),
                    end=data.get("end"), rrule=data.get("rrule"), time=data.get("time"),
                    duration=int(duration) if duration is not None else data.get("duration"),
                    until=data.get("until"), count=data.get("count"))
    tags = data.get("hashtags") or ([data["hashtag"]] if data.get("hashtag") else [])
    event = build_event(str(data["slug"]), str(data.get("name") or data["slug"]), list(tags),
                        str(data.get("kind") or "tweetathon"), str(data.get("zone") or "UTC"), rule, today)
    event = replace(event, description=str(data.get("description") or "").strip())
    return EventPlan(event=event, host=data.get("host"), sessions=sessions)


def describe_rule(event: Event) -> str:
    """The time rule in words: `08:00 local for 24h on 2013-03-22 (each participant's zone)`."""
    if event.local_start and not event.rrule:
        return (f"{event.local_start} local for {format_duration(event.duration_minutes or 0)} on "
                f"{event.local_date} (each participant's own zone)")
    if event.rrule:
        return (f"{event.rrule} at {event.time} {event.zone} for {format_duration(event.duration_minutes or 0)}, "
                f"from {event.local_date}")
    if event.start and event.end:
        return f"{event.start.isoformat()} to {event.end.isoformat()} (UTC)"
    return "no time rule"
