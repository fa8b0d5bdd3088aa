"""`tweetathon registrations`, `publish`, `unpublish`: the organiser's decisions from the command line (the web
console calls the same library functions, which write the audit log and send the mails)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tweetathon.capture.credentials import ConfigError
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, cli_actor, console, err, fail, open_store, print_json
from tweetathon.mail import MailSettings, load_mail_settings
from tweetathon.organise.events import EventError
from tweetathon.organise.moderation import reject
from tweetathon.organise.participants import normalise_handle, normalise_platform
from tweetathon.organise.publishing import ITEMS, publish, unpublish
from tweetathon.organise.registration import purge_unconfirmed
from tweetathon.store.organise import UnknownEvent
from tweetathon.store.registrations import counters, list_registrations
from tweetathon.store.store import Store

reg_app = typer.Typer(help="Registrations made through the web form: list them, reject them (approve with "
                      "`tweetathon participants approve`).", no_args_is_help=True)
app.add_typer(reg_app, name="registrations")

EventSlug = Annotated[str, typer.Option("--event", "-e", help="The event (slug).")]
ItemArg = Annotated[str, typer.Argument(help=f"What to publish: {' or '.join(ITEMS)}.")]


def _check_event(store: Store, slug: str) -> None:
    if store.event_id(slug) is None:
        fail(f"no event {slug!r}", "See `tweetathon event list`.")


@reg_app.command("list")
def registrations_list(event: EventSlug, all_: Annotated[bool, typer.Option(
        "--all", help="Approved ones too (default: pending only).")] = False,
        db: DbOption = None, as_json: JsonOption = False) -> None:
    """Registrations waiting for a decision: account, agency, place, e-mail confirmed or not; and the counts of
    refused submissions (invalid, duplicate, honeypot, rate-limited, rejected)."""
    with open_store(db) as store:
        _check_event(store, event)
        found = list_registrations(store, event, None if all_ else "pending")
        counts = counters(store, event)
    if as_json:
        print_json({"registrations": [{"account": f"{r.participant.platform}:{r.participant.handle}",
                                       "agency": r.participant.agency, "city": r.participant.city,
                                       "country": r.participant.country, "zone": r.participant.zone,
                                       "status": r.participant.status, "email": r.email,
                                       "confirmed": r.confirmed, "submitted_at": r.submitted_at.isoformat()}
                                      for r in found], "refused": counts})
        return
    table = Table("account", "agency", "place", "e-mail", "confirmed", "status", title=f"{len(found)} registration(s)")
    for r in found:
        p = r.participant
        table.add_row(f"{p.platform}:{p.handle}", p.agency, f"{p.city}, {p.country} ({p.zone})", r.email,
                      "yes" if r.confirmed else "no", p.status)
    console.print(table)
    if counts:
        console.print("refused: " + ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items())))


def _mail() -> MailSettings | None:
    try:
        settings = load_mail_settings()
    except ConfigError as exc:
        fail(str(exc))
    return settings if settings.configured else None


@reg_app.command("reject")
def registrations_reject(
    account: Annotated[str, typer.Argument(help="platform:handle, e.g. x:gmpolice.")],
    event: EventSlug,
    reason: Annotated[str, typer.Option("--reason", help="Why (mailed to the registrant).")],
    db: DbOption = None,
) -> None:
    """Reject a registration: the registrant is mailed the reason (when mail is configured) and their details
    are deleted; the audit log keeps the decision."""
    name, _, handle = account.partition(":")
    try:
        platform = normalise_platform(name)
        handle = normalise_handle(platform, handle)
        with open_store(db) as store:
            decision = reject(store, event, platform, handle, reason, actor=cli_actor(), mail=_mail())
    except EventError as exc:
        fail(exc.message, exc.hint)
    except UnknownEvent:
        fail(f"no event {event!r}", "See `tweetathon event list`.")
    if decision.outcome == "not_found":
        fail(f"no participant {account} in {event}", "See `tweetathon registrations list`.")
    note = "" if decision.mailed else f" (not mailed: {decision.message or 'mail is not configured'})"
    console.print(f"rejected {account}{note}")


@reg_app.command("purge")
def registrations_purge(db: DbOption = None) -> None:
    """Delete registrations never confirmed within the 7 days their link lasts (counted as `unconfirmed`)."""
    with open_store(db) as store:
        gone = purge_unconfirmed(store)
    err.print(f"deleted {gone} unconfirmed registration(s) whose link had expired")


def _publishing(item: str, event: str, db: str | None, published: bool) -> None:
    try:
        with open_store(db) as store:
            changed = (publish if published else unpublish)(store, event, item, actor=cli_actor())
    except UnknownEvent:
        fail(f"no event {event!r}", "See `tweetathon event list`.")
    except ValueError as exc:
        fail(str(exc))
    state = "published" if published else "unpublished"
    err.print(f"{item} of {event} {state}" if changed else f"{item} of {event} was already {state}")


@app.command("publish")
def publish_cmd(item: ItemArg, event: EventSlug, db: DbOption = None) -> None:
    """Make an event's report or transcripts public on the web pages (audited)."""
    _publishing(item, event, db, True)


@app.command("unpublish")
def unpublish_cmd(item: ItemArg, event: EventSlug, db: DbOption = None) -> None:
    """Hide an event's report or transcripts from the public web pages again (audited)."""
    _publishing(item, event, db, False)
