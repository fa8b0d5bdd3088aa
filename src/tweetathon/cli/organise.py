"""`tweetathon event`, `participants`, `schedule`, `map`, `list`: organising an event before it happens.

Chat series commands (`chat plan/announce`, `calendar`) are in `cli/organise_chat.py`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table

from tweetathon import atomic
from tweetathon.capture.credentials import ConfigError
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, cli_actor, console, err, fail, open_store, print_json
from tweetathon.mail import MailSettings, load_mail_settings
from tweetathon.model import Event, Participant
from tweetathon.organise import mapping, official_list
from tweetathon.organise.events import EventError, TimeRule, build_event, check_zone, describe_rule, plan_from_json
from tweetathon.organise.moderation import remove_participant
from tweetathon.organise.participants import (
    approve,
    normalise_handle,
    normalise_platform,
    parse_csv,
    participant_from_fields,
)
from tweetathon.organise.schedule import follow_the_sun, schedule_dict
from tweetathon.organise.series import is_occurrence, session, to_stored
from tweetathon.organise.windows import event_window
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store

event_app = typer.Typer(help="Create and show events (hashtags and time rule).", no_args_is_help=True)
people_app = typer.Typer(help="Register, approve and list an event's participants.", no_args_is_help=True)
app.add_typer(event_app, name="event")
app.add_typer(people_app, name="participants")

SlugArg = Annotated[str, typer.Argument(help="The event's slug, e.g. poltwt-2013.")]
EventSlug = Annotated[str, typer.Option("--event", "-e", help="The event (slug).")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn validation errors into clear messages."""
    try:
        yield
    except EventError as exc:
        fail(exc.message, exc.hint)
    except ostore.UnknownEvent as exc:
        fail(f"no event {exc.args[0]!r}", "Create it with `tweetathon event create`, see `tweetathon event list`.")


def load_event(store: Store, slug: str) -> Event:
    event = store.get_event(slug)
    if event is None:
        fail(f"no event {slug!r}", "Create it with `tweetathon event create`, see `tweetathon event list`.")
    return event


def _z(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def event_dict(event: Event, people: list[Participant] | None = None) -> dict[str, Any]:
    zones = [p.zone for p in people or [] if p.zone and p.status == "approved"]
    window = event_window(event, zones)
    return {"slug": event.slug, "name": event.name, "hashtags": list(event.hashtags), "kind": event.kind,
            "zone": event.zone, "rule": describe_rule(event), "start": _z(event.start), "end": _z(event.end),
            "local_start": event.local_start, "local_date": event.local_date,
            "duration_minutes": event.duration_minutes, "rrule": event.rrule, "time": event.time,
            "description": event.description,
            "window": {"start": _z(window.start), "end": _z(window.end)} if window else None}


def _privacy(store: Store, slug: str) -> dict[str, Any]:
    from tweetathon.store.privacy import event_privacy

    setting = event_privacy(store, slug)
    return {"public": "pseudonymised" if setting.pseudonymise_public else "named", "retention": setting.retention}


# -- event -------------------------------------------------------------------------------------------------------

@event_app.command("create")
def event_create(
    slug: Annotated[str | None, typer.Argument(help="Slug (letters, digits, - and _). Not needed with --from.")] = None,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    description: Annotated[str, typer.Option(help="What the event is, for its public page (plain text).")] = "",
    hashtag: Annotated[list[str] | None, typer.Option("--hashtag", help="Event hashtag (repeatable).")] = None,
    kind: Annotated[str, typer.Option(help="tweetathon, chat or livefeed.")] = "tweetathon",
    zone: Annotated[str, typer.Option(help="The organiser's IANA zone (display; reads --start/--end).")] = "UTC",
    local_start: Annotated[str | None, typer.Option(help="Local rule: start HH:MM in each participant's zone.")] = None,
    date: Annotated[str | None, typer.Option(help="Local rule: the date; series: the first session.")] = None,
    duration: Annotated[str | None, typer.Option(help="Duration: 24h, 1h, 90m, 1h30m.")] = None,
    start: Annotated[str | None, typer.Option(help="Fixed window start (ISO 8601; in --zone without offset).")] = None,
    end: Annotated[str | None, typer.Option(help="Fixed window end (ISO 8601).")] = None,
    rrule: Annotated[str | None, typer.Option(help="Series: RFC 5545 rule, e.g. 'FREQ=WEEKLY;BYDAY=TH'.")] = None,
    time: Annotated[str | None, typer.Option(help="Series: local start HH:MM of each session.")] = None,
    until: Annotated[str | None, typer.Option(help="Series: last date (YYYY-MM-DD).")] = None,
    count: Annotated[int | None, typer.Option(help="Series: number of sessions.")] = None,
    from_file: Annotated[Path | None, typer.Option("--from", help="Read the event from an event.json.")] = None,
    replace: Annotated[bool, typer.Option(help="Overwrite the rule of an existing event of that slug.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an event with ONE time rule: --local-start/--duration/--date (08:00 local everywhere),
    --start/--end, or --rrule/--time/--duration (a weekly chat); or read it all from --from event.json."""
    with user_errors():
        if from_file:
            plan = plan_from_json(_read_json(from_file))
            event, host, sessions = plan.event, plan.host, plan.sessions
        else:
            if not slug:
                fail("give the event's SLUG, or --from event.json")
            rule = TimeRule(local_start=local_start, local_date=date, duration=duration, start=start, end=end,
                            rrule=rrule, time=time, until=until, count=count)
            event = dataclasses.replace(build_event(slug, name, hashtag or [], kind, zone, rule),
                                        description=description.strip())
            host, sessions = None, ()
        with open_store(db) as store:
            if store.event_id(event.slug) is not None and not replace:
                fail(f"event {event.slug!r} already exists",
                     "Choose another slug, or add --replace to overwrite its name, hashtags and time rule.")
            ostore.replace_event(store, event)
            for plan_session in sessions:
                _save_planned(store, event, plan_session.date, plan_session.theme, plan_session.questions,
                              plan_session.host or host)
    if as_json:
        print_json({**event_dict(event), "sessions": len(sessions)})
    else:
        console.print(f"event [bold]{event.slug}[/]: {describe_rule(event)}"
                      + (f"; {len(sessions)} planned session(s)" if sessions else ""), highlight=False)


def _read_json(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except FileNotFoundError:
        fail(f"no such file: {path}")
    except orjson.JSONDecodeError as exc:
        fail(f"{path}: not valid JSON ({exc})")


def _save_planned(store: Store, event: Event, day: str, theme: str, questions: Any, host: str | None) -> None:
    from datetime import date as date_type

    when = date_type.fromisoformat(day)
    if event.rrule and not is_occurrence(event, when):
        err.print(f"[yellow]warning:[/] session {day} is not on the rule {event.rrule}; kept as a moved session")
    ostore.save_session(store, event.slug, to_stored(session(event, when, theme, questions, host, True)))


@event_app.command("list")
def event_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List events with their hashtags and time rule."""
    with open_store(db) as store:
        found = ostore.list_events(store)
    if as_json:
        print_json([event_dict(e) for e in found])
        return
    table = Table("slug", "name", "kind", "hashtags", "rule")
    for e in found:
        table.add_row(e.slug, e.name, e.kind, " ".join(f"#{t}" for t in e.hashtags), describe_rule(e))
    console.print(table)


@event_app.command("show")
def event_show(slug: SlugArg, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show one event: rule, whole window (UTC), participants and planned sessions."""
    with open_store(db) as store, user_errors():
        event = load_event(store, slug)
        people = ostore.get_participants(store, slug)
        sessions = ostore.get_sessions(store, slug)
        privacy = _privacy(store, slug)
    info = event_dict(event, people)
    info["participants"] = {"total": len(people), "approved": sum(p.status == "approved" for p in people),
                            "countries": sorted({p.country for p in people if p.country})}
    info["sessions"] = [{"date": s.session_date, "theme": s.theme, "starts_at": _z(s.starts_at)} for s in sessions]
    info["privacy"] = privacy
    if as_json:
        print_json(info)
        return
    for key in ("slug", "name", "kind", "zone", "rule", "window", "participants", "privacy"):
        console.print(f"[bold]{key}[/]: {info[key]}", highlight=False)
    console.print(f"[bold]hashtags[/]: {' '.join('#' + t for t in event.hashtags)}", highlight=False)
    for s in sessions:
        console.print(f"  session {s.session_date}: {s.theme}", highlight=False)


@event_app.command("set")
def event_set(
    slug: SlugArg,
    public: Annotated[bool | None, typer.Option(
        "--pseudonymise-public/--name-public",
        help="Show members of the public (everyone but approved participants) under pseudonyms in the report, "
             "transcript and exports (the default), or by their names and handles.")] = None,
    keep: Annotated[str | None, typer.Option(
        "--retention", help="Keep the public's posts and account details this long after the event "
                            "(90d, 8w, 12m, 2y), then `tweetathon retention apply` purges them; 'none' keeps "
                            "them until purged by hand.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set an event's privacy: pseudonymise or name the public in what it publishes, and its retention period."""
    from tweetathon.privacy.retention import PeriodError, parse_period
    from tweetathon.store.privacy import set_privacy

    period = None
    if keep is not None and keep.strip().lower() != "none":
        try:
            period = parse_period(keep)
        except PeriodError as exc:
            fail(str(exc))
    with open_store(db) as store:
        load_event(store, slug)
        setting = set_privacy(store, slug, pseudonymise_public=public, retention=period,
                              clear_retention=keep is not None and period is None)
    shown = {"slug": slug, "pseudonymise_public": setting.pseudonymise_public, "retention": setting.retention}
    if as_json:
        print_json(shown)
        return
    console.print(f"event [bold]{slug}[/]: the public is "
                  f"{'pseudonymised' if setting.pseudonymise_public else 'named'} in its outputs; retention: "
                  f"{setting.retention or 'none (kept until purged by hand)'}", highlight=False)


# -- participants ------------------------------------------------------------------------------------------------

@people_app.command("import")
def participants_import(
    file: Annotated[Path, typer.Argument(help="CSV: platform, handle, agency, role, address, city, country "
                                              "[, latitude, longitude, zone, status].")],
    event: EventSlug,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import registrations. Bad rows are reported (file:line, what, how to fix) and the rest imported;
    re-importing updates rows by platform + handle."""
    if not file.exists():
        fail(f"no such file: {file}")
    with open_store(db) as store, user_errors():
        load_event(store, event)
        parsed, errors = parse_csv(file, event)
        counts = ostore.save_participants(store, event, [(p.participant, p.note) for p in parsed])
    warnings = [f"{file}:{p.line}: {p.note}" for p in parsed if p.note]
    summary = {"imported": counts.added, "updated": counts.updated, "unchanged": counts.unchanged,
               "rejected": len(errors), "errors": [str(e) for e in errors], "warnings": warnings}
    if as_json:
        print_json(summary)
    else:
        for line in warnings:
            err.print(f"[yellow]warning:[/] {line}", highlight=False)
        for problem in errors:
            err.print(f"[red]rejected:[/] {problem}", highlight=False)
        console.print(f"{counts.added} imported, {counts.updated} updated, {counts.unchanged} unchanged, "
                      f"{len(errors)} rejected")
    if errors:
        raise typer.Exit(1)


@people_app.command("add")
def participants_add(
    account: Annotated[str, typer.Argument(help="platform:handle, e.g. x:gmpolice or mastodon:user@instance.")],
    event: EventSlug,
    agency: Annotated[str, typer.Option(help="Agency name.")] = "",
    role: Annotated[str, typer.Option(help="agency, officer, staff or other.")] = "agency",
    address: Annotated[str, typer.Option(help="Physical address.")] = "",
    city: Annotated[str, typer.Option(help="Town or city.")] = "",
    country: Annotated[str, typer.Option(help="ISO 3166-1 code (GB) or name.")] = "",
    lat: Annotated[float | None, typer.Option("--lat", help="Latitude (decimal degrees).")] = None,
    lon: Annotated[float | None, typer.Option("--lon", help="Longitude (decimal degrees).")] = None,
    zone: Annotated[str | None, typer.Option(help="IANA zone, overriding the geocoded one.")] = None,
    approved: Annotated[bool, typer.Option("--approve", help="Approve at once.")] = False,
    db: DbOption = None,
) -> None:
    """Add (or update) one participant, geocoded offline from city + country unless --lat/--lon/--zone."""
    platform, _, handle = account.partition(":")
    with open_store(db) as store, user_errors():
        load_event(store, event)
        fields = {"platform": platform if handle else "x", "handle": handle or platform, "agency": agency,
                  "role": role, "address": address, "city": city, "country": country, "latitude": lat,
                  "longitude": lon, "zone": zone, "status": "approved" if approved else "pending"}
        person, note = participant_from_fields(event, fields)
        counts = ostore.save_participants(store, event, [(person, note)])
    if note:
        err.print(f"[yellow]warning:[/] {note}", highlight=False)
    verb = "added" if counts.added else "updated" if counts.updated else "unchanged"
    console.print(f"{verb} {person.platform}:{person.handle} ({person.status}, zone {person.zone})", highlight=False)


def _account(account: str, platform: str | None) -> tuple[str, str]:
    if ":" in account and not account.startswith("http"):
        name, _, handle = account.partition(":")
        platform = normalise_platform(name)
    else:
        platform, handle = normalise_platform(platform or "x"), account
    return platform, normalise_handle(platform, handle)


PlatformOption = Annotated[str | None, typer.Option(help="Platform of a bare handle (default x).")]


@people_app.command("approve")
def participants_approve(
    event: EventSlug,
    account: Annotated[str | None, typer.Argument(help="platform:handle (or a handle with --platform).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Approve every pending participant that has a zone.")] = False,
    platform: PlatformOption = None,
    db: DbOption = None,
) -> None:
    """Approve participants. A participant without a time zone cannot be approved (their window is unknown)."""
    if not account and not all_:
        fail("give an account to approve, or --all")
    with open_store(db) as store, user_errors():
        load_event(store, event)
        people = ostore.get_participants(store, event, status="pending")
        if account:
            key = _account(account, platform)
            people = [p for p in ostore.get_participants(store, event) if (p.platform, p.handle) == key]
            if not people:
                fail(f"no participant {key[0]}:{key[1]} in {event}", "See `tweetathon participants list`.")
        refused = _approve_all(store, event, people)
    if refused:
        raise typer.Exit(1)


def _approve_all(store: Store, event: str, people: list[Participant]) -> int:
    """Approve each through `organise.moderation` (audited; form registrants must have confirmed their e-mail
    and are mailed when mail is configured)."""
    from tweetathon.organise.moderation import approve as approve_audited

    mail = _mail_or_none()
    done = refused = 0
    for person in people:
        decision = approve_audited(store, event, person.platform, person.handle, actor=cli_actor(), mail=mail)
        if decision.outcome == "approved":
            done += 1
            if decision.message:
                err.print(f"[yellow]not mailed:[/] {person.platform}:{person.handle}: {decision.message}",
                          highlight=False)
        elif decision.outcome != "already_approved":
            refused += 1
            err.print(f"[red]refused:[/] {_refusal(person, decision.outcome, decision.message)}", highlight=False)
    console.print(f"{done} approved" + (f", {refused} refused" if refused else ""))
    return refused


def _refusal(person: Participant, outcome: str, message: str) -> str:
    if outcome == "no_zone":
        try:
            approve(person)
        except EventError as exc:
            return f"{exc.message} — {exc.hint}"
    return f"{person.platform}:{person.handle}: {message}"


def _mail_or_none() -> MailSettings | None:
    """The mail settings from the environment when they are complete, else None (no mail is sent)."""
    try:
        settings = load_mail_settings()
    except ConfigError as exc:
        err.print(f"[yellow]mail settings ignored:[/] {exc}", highlight=False)
        return None
    return settings if settings.configured else None


@people_app.command("remove")
def participants_remove(
    account: Annotated[str, typer.Argument(help="platform:handle (or a handle with --platform).")],
    event: EventSlug,
    platform: PlatformOption = None,
    db: DbOption = None,
) -> None:
    """Remove a participant from the event."""
    with open_store(db) as store, user_errors():
        key = _account(account, platform)
        if not remove_participant(store, event, *key, actor=cli_actor()):
            fail(f"no participant {key[0]}:{key[1]} in {event}", "See `tweetathon participants list`.")
    console.print(f"removed {key[0]}:{key[1]}")


@people_app.command("list")
def participants_list(
    event: EventSlug,
    status: Annotated[str | None, typer.Option(help="Only pending or approved.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List participants with their agency, place and zone."""
    with open_store(db) as store, user_errors():
        people = ostore.get_participants(store, event, status)
        notes = ostore.geocode_notes(store, event)
    if as_json:
        print_json([{"account": f"{p.platform}:{p.handle}", "platform": p.platform, "handle": p.handle,
                     "agency": p.agency, "role": p.role, "address": p.address, "city": p.city,
                     "country": p.country, "latitude": p.latitude, "longitude": p.longitude, "zone": p.zone,
                     "status": p.status, "geocode_note": notes.get((p.platform, p.handle), "")} for p in people])
        return
    table = Table("account", "agency", "role", "city", "country", "zone", "status")
    for p in people:
        table.add_row(f"{p.platform}:{p.handle}", p.agency, p.role, p.city, p.country, p.zone or "-", p.status)
    console.print(table)
    console.print(f"{len(people)} participant(s)")


# -- schedule, map, list -----------------------------------------------------------------------------------------

@app.command("schedule")
def schedule(
    slug: SlugArg,
    zone: Annotated[str | None, typer.Option(help="Show times in this zone (default: the organiser's).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The follow-the-sun order: who starts when, in UTC and in the organiser's zone, grouped by start."""
    with open_store(db) as store, user_errors():
        event = load_event(store, slug)
        display = check_zone(zone or event.zone)
        people = ostore.get_participants(store, slug, status="approved")
    if as_json:
        print_json(schedule_dict(event, people, display))
        return
    table = Table("starts (UTC)", f"starts ({display})", "zones", "who")
    for slot in follow_the_sun(event, people):
        local = slot.window.start.astimezone(_zone(display))
        who = ", ".join(f"{p.agency or p.handle} (@{p.handle})" for p in slot.participants)
        table.add_row(f"{slot.window.start:%a %d %b %H:%M}", f"{local:%a %d %b %H:%M %Z}", " ".join(slot.zones), who)
    console.print(table)


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


@app.command("map")
def map_cmd(
    slug: SlugArg,
    out: Annotated[Path, typer.Option("--out", help="The standalone HTML map page to write.")] = Path("map.html"),
    svg: Annotated[Path | None, typer.Option(help="Also write the map as SVG.")] = None,
    png: Annotated[Path | None, typer.Option(help="Also write the map as PNG.")] = None,
    geojson: Annotated[Path | None, typer.Option(help="Also write the participants as GeoJSON.")] = None,
    db: DbOption = None,
) -> None:
    """The participant map of approved participants: an offline HTML page (no request to any host), SVG, PNG,
    GeoJSON."""
    with open_store(db) as store, user_errors():
        event = load_event(store, slug)
        people = ostore.get_participants(store, slug, status="approved")
    atomic.write_text(out, mapping.map_html(event, people))
    written = [out]
    drawing = mapping.map_svg(event, people)
    if svg:
        atomic.write_text(svg, drawing)
        written.append(svg)
    if png:
        atomic.write_bytes(png, mapping.svg_to_png(drawing))
        written.append(png)
    if geojson:
        atomic.write_bytes(geojson, orjson.dumps(mapping.geojson(people), option=orjson.OPT_INDENT_2))
        written.append(geojson)
    console.print(f"{len(people)} participant(s) mapped: {', '.join(map(str, written))}")


@app.command("list")
def list_cmd(
    slug: SlugArg,
    fmt: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of standard output.")] = None,
    raw_cells: Annotated[bool, typer.Option(
        "--raw-cells", help="CSV: every cell exactly as stored. By default a cell starting with = + - @, tab or "
        "carriage return gets a leading ' so a spreadsheet shows it as text instead of running it.")] = False,
    db: DbOption = None,
) -> None:
    """The official list of approved participants (with each one's window in UTC) as CSV or JSON."""
    if fmt not in ("csv", "json"):
        fail(f"unknown format {fmt!r}", "Use --format csv or --format json.")
    with open_store(db) as store, user_errors():
        event = load_event(store, slug)
        table = official_list.rows(event, ostore.get_participants(store, slug, status="approved"))
    text = official_list.to_csv(table, raw_cells) if fmt == "csv" else official_list.to_json(event, table)
    if out:
        atomic.write_text(out, text)
        err.print(f"{len(table)} participant(s) written to {out}")
    else:
        typer.echo(text, nl=False)
