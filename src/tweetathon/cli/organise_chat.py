"""`tweetathon chat plan/announce/sessions` and `tweetathon calendar`: a weekly chat series and its themes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from tweetathon import atomic
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, err, fail, open_store, print_json
from tweetathon.cli.organise import SlugArg, load_event, user_errors
from tweetathon.model import PLATFORMS, Event
from tweetathon.organise import series
from tweetathon.organise.announce import drafts
from tweetathon.organise.calendar import build_calendar
from tweetathon.organise.events import parse_day
from tweetathon.organise.participants import normalise_handle, normalise_platform
from tweetathon.store import organise as ostore
from tweetathon.store.store import Store

chat_app = typer.Typer(help="Plan a chat series: sessions, themes, questions, announcements.", no_args_is_help=True)
app.add_typer(chat_app, name="chat")

DateOption = Annotated[str, typer.Option("--date", help="The session's local date (YYYY-MM-DD).")]


def _host(value: str | None) -> str | None:
    if not value:
        return None
    name, _, handle = value.partition(":")
    if not handle:
        fail(f"bad --host {value!r}", "Write it as platform:handle, e.g. x:polchat.")
    platform = normalise_platform(name)
    return f"{platform}:{normalise_handle(platform, handle)}"


def _series_event(store: Store, slug: str) -> Event:
    event = load_event(store, slug)
    if not event.rrule:
        fail(f"event {slug!r} is not a series", "Create it with --rrule, --time and --duration.")
    return event


def planned(store: Store, slug: str) -> list[series.Session]:
    return [series.from_stored(s) for s in ostore.get_sessions(store, slug)]


@chat_app.command("plan")
def chat_plan(
    slug: SlugArg,
    day: DateOption,
    theme: Annotated[str, typer.Option(help="The session's theme.")] = "",
    question: Annotated[list[str] | None, typer.Option("--question", help="A question Q1..Qn (repeatable).")] = None,
    host: Annotated[str | None, typer.Option(help="The host account, platform:handle.")] = None,
    moved: Annotated[bool, typer.Option(help="Allow a date that is not on the series rule.")] = False,
    db: DbOption = None,
) -> None:
    """Plan one session: its theme, questions and host (replaces an earlier plan for that date)."""
    with open_store(db) as store, user_errors():
        event = _series_event(store, slug)
        when = parse_day(day)
        if not moved and not series.is_occurrence(event, when):
            upcoming = ", ".join(d.isoformat() for d in series.occurrences(event, after=when, limit=3))
            fail(f"{day} is not a session of {slug} ({event.rrule})",
                 f"Next sessions: {upcoming or 'none'}. Add --moved to plan it on that date anyway.")
        item = series.session(event, when, theme, question or (), _host(host), planned=True)
        new = ostore.save_session(store, slug, series.to_stored(item))
    console.print(f"{'planned' if new else 'updated'} {slug} on {day}: {theme or '(no theme)'}, "
                  f"{len(question or [])} question(s), {item.window.start:%H:%M} UTC", highlight=False)


@chat_app.command("sessions")
def chat_sessions(
    slug: SlugArg,
    after: Annotated[str | None, typer.Option("--from", help="First date (default: the series' first).")] = None,
    count: Annotated[int, typer.Option(help="How many sessions of the rule.")] = series.DEFAULT_HORIZON,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The series' sessions (from the rule) with their planned themes, in UTC and local time."""
    with open_store(db) as store, user_errors():
        event = _series_event(store, slug)
        items = series.sessions(event, planned(store, slug), parse_day(after) if after else None, count)
    if as_json:
        print_json([s.as_dict() for s in items])
        return
    table = Table("date", f"local ({event.zone})", "UTC", "theme", "questions")
    for s in items:
        local = s.window.start.astimezone(ZoneInfo(event.zone))
        table.add_row(s.date.isoformat(), f"{local:%H:%M %Z}", f"{s.window.start:%H:%M}", s.theme,
                      str(len(s.questions)))
    console.print(table)


@chat_app.command("announce")
def chat_announce(
    slug: SlugArg,
    day: DateOption,
    days_ahead: Annotated[int, typer.Option(help="Ready this many days before the session.")] = 3,
    platform: Annotated[list[str] | None, typer.Option(help="Platform(s) to draft for (default all).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draft the announcement posts of one session (hashtag, local time, theme), within each platform's limit.
    Drafts only: nothing is posted."""
    with open_store(db) as store, user_errors():
        event = _series_event(store, slug)
        when = parse_day(day)
        found = [s for s in planned(store, slug) if s.date == when]
        if not found and not series.is_occurrence(event, when):
            fail(f"{day} is not a session of {slug}", "Plan it first with `tweetathon chat plan`.")
        item = found[0] if found else series.session(event, when)
        platforms = [normalise_platform(p) for p in platform or PLATFORMS]
        result = drafts(event, item, platforms, days_ahead)
    if not item.theme:
        err.print(f"[yellow]warning:[/] no theme planned for {day} (use `tweetathon chat plan`)")
    if as_json:
        print_json([d.as_dict() for d in result])
        return
    for d in result:
        console.print(f"[bold]{d.platform}[/] (ready {d.ready_at:%Y-%m-%d %H:%M} UTC, {len(d.text)}/{d.limit}):",
                      highlight=False)
        console.print(d.text, highlight=False, soft_wrap=True)


@app.command("calendar")
def calendar_cmd(
    slug: SlugArg,
    out: Annotated[Path | None, typer.Option(help="Write the .ics here instead of standard output.")] = None,
    after: Annotated[str | None, typer.Option("--from", help="First date (default: the series' first).")] = None,
    count: Annotated[int, typer.Option(help="How many sessions of the rule.")] = series.DEFAULT_HORIZON,
    db: DbOption = None,
) -> None:
    """An RFC 5545 calendar feed of the series: one event per session, in the organiser's zone, with its theme."""
    with open_store(db) as store, user_errors():
        event = _series_event(store, slug)
        start = parse_day(after) if after else None
        items = series.sessions(event, planned(store, slug), start, count)
    feed = build_calendar(event, items)
    if out:
        atomic.write_bytes(out, feed)
        err.print(f"{len(items)} session(s) written to {out}")
    else:
        sys.stdout.buffer.write(feed)
        sys.stdout.flush()


