"""`tweetathon transcript`: the transcript of one chat session as HTML, Markdown or PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from tweetathon import atomic
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, console, err, fail, open_store
from tweetathon.model import ChatSession, Event
from tweetathon.organise.windows import Window
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.reports.render_transcript import FORMATS, render
from tweetathon.reports.transcript import Transcript, TranscriptInput, build_transcript
from tweetathon.reports.transcript_source import transcript_input
from tweetathon.store.store import Store
from tweetathon.store.timeline import find_session, list_sessions

SessionOption = Annotated[str | None, typer.Option(
    "--session", help="The session's date (YYYY-MM-DD, the chat's local date) as planned by `tweetathon chat plan`.")]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Instead of --session: start, ISO 8601 (2026-01-08T13:00; without an offset, in --zone).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Instead of --session: end (exclusive), ISO 8601.")]
FormatOption = Annotated[str | None, typer.Option(
    "--format", "-f", help="html (one offline file), md (GitHub-flavoured Markdown) or pdf. "
                           "Default: from the --out suffix, else html.")]
ZoneOption = Annotated[str | None, typer.Option(
    "--zone", help="IANA time zone for the times shown (default: the event's zone), e.g. Europe/London.")]
HostOption = Annotated[str | None, typer.Option(
    "--host", help="The host's handle, whose posts tagged Q1..Qn are the questions (default: the session's host).")]
RepostsOption = Annotated[bool, typer.Option(
    "--with-reposts/--without-reposts", help="Fold reposts into counts (default), or leave them out entirely.")]
PseudonymOption = Annotated[bool | None, typer.Option(
    "--pseudonymise-public/--name-public",
    help="Show members of the public under the event's stable pseudonyms (\"Resident 7K2M9QXA\"), or by their "
         "handles. Default: the event's setting (`tweetathon event set`), which pseudonymises unless changed. "
         "Registered participants and the host keep their handles.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="File to write.")]


@app.command("transcript")
def transcript_cmd(slug: Annotated[str, typer.Argument(help="The chat's event slug, e.g. polchat.")],
                   out: OutOption, session: SessionOption = None, start: FromOption = None, end: ToOption = None,
                   fmt: FormatOption = None, zone: ZoneOption = None, host: HostOption = None,
                   with_reposts: RepostsOption = True, pseudonymise_public: PseudonymOption = None,
                   db: DbOption = None) -> None:
    """Write the transcript of one chat session: the host's questions with the answers grouped under each,
    the other conversations as threads, and who took part (first-timers, most active)."""
    chosen = _format(fmt, out)
    if (session is not None and (start or end)) or (session is None and not (start and end)):
        fail("give either --session DATE, or both --from and --to",
             "e.g. --session 2026-01-08, or --from 2026-01-08T13:00 --to 2026-01-08T14:00")
    with open_store(db) as store:
        event = store.get_event(slug)
        if event is None:
            fail(f"no event {slug!r} in {store.url}", "Create it with `tweetathon event create`, or import "
                 "posts with `tweetathon import --event SLUG`.")
        names = _names(store, slug, pseudonymise_public)
        data = _input(store, event, session, start, end, zone or event.zone, host, with_reposts, names)
    transcript = build_transcript(data)
    _write(transcript, chosen, out)


def _format(fmt: str | None, out: Path) -> str:
    chosen = (fmt or {".md": "md", ".markdown": "md", ".pdf": "pdf"}.get(out.suffix.lower(), "html")).lower()
    if chosen not in FORMATS:
        fail(f"unknown format {fmt!r}", f"Choose one of: {', '.join(FORMATS)}.")
    return chosen


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"unknown time zone {name!r}", "Use an IANA name such as Europe/London or America/New_York.")
    return name


def _instant(text: str, zone: str, option: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r} is not a date and time", "Use ISO 8601, e.g. 2026-01-08T13:00 or "
             "2026-01-08T13:00:00+00:00.")
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))


def _session_plan(store: Store, event: Event, event_id: int | None, session: str) -> ChatSession:
    sessions = list_sessions(store, event_id) if event_id is not None else []
    plan = find_session(store, event_id, session) if event_id is not None else None
    if plan is None:
        known = ", ".join(s.session_date for s in sessions[-8:])
        fail(f"event {event.slug!r} has no session on {session}",
             f"Planned sessions: {known}." if known else "Plan the series with `tweetathon chat plan`, "
             "or give --from and --to.")
    return plan


def _input(store: Store, event: Event, session: str | None, start: str | None, end: str | None, zone: str,
           host: str | None, with_reposts: bool, names: Pseudonymiser) -> TranscriptInput:
    zone = _zone(zone)
    event_id = store.event_id(event.slug)
    plan = _session_plan(store, event, event_id, session) if session else None
    if plan is not None:
        window = Window(plan.starts_at, plan.ends_at)
    else:
        window = Window(_instant(start or "", zone, "--from"), _instant(end or "", zone, "--to"))
        if window.end <= window.start:
            fail("--to must be after --from")
    data = transcript_input(store, event, window, zone, plan, host, with_reposts, names)
    if not data.posts:
        err.print(f"[yellow]warning:[/] no posts of {event.slug!r} between {window.start:%Y-%m-%d %H:%M} and "
                  f"{window.end:%H:%M} UTC (import them with `tweetathon import --event {event.slug}`)")
    return data


def _names(store: Store, slug: str, pseudonymise: bool | None) -> Pseudonymiser:
    """The event's Pseudonymiser; --pseudonymise-public / --name-public override the event's setting for this
    transcript."""
    from dataclasses import replace

    from tweetathon.store.privacy import pseudonymiser

    names = pseudonymiser(store, slug)
    return names if pseudonymise is None else replace(names, enabled=pseudonymise)


def _write(transcript: Transcript, fmt: str, out: Path) -> None:
    try:
        payload = render(transcript, fmt)
    except OSError as exc:  # WeasyPrint cannot find pango
        fail(f"cannot make a PDF: {exc}", "Install the system libraries: apt install libpango-1.0-0 "
             "libpangoft2-1.0-0 (or choose --format html).")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(out, payload)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}", "Check the folder exists and is writable.")
    answers = sum(len(q.answers) for q in transcript.questions)
    h = transcript.header
    console.print(f"wrote {out} ({fmt}): {h.posts} posts, {h.people} people, {h.questions} questions, "
                  f"{answers} answers", highlight=False)
