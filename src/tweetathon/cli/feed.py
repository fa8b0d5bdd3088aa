"""`tweetathon feed ...`: the live-feed composer from the command line (draft, check, override, approve,
publish, list, log, delete). Thin commands over tweetathon.feed; see docs/feed.md."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.markup import escape

from tweetathon.auth.users import get_user
from tweetathon.capture.credentials import ConfigError, RedactingFilter
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, fail, open_store, print_json
from tweetathon.feed import composer, outbox
from tweetathon.feed.accounts import PostingAccount, load_accounts, secrets
from tweetathon.feed.length import measure
from tweetathon.feed.media import PhotoError
from tweetathon.feed.model import Actor, Draft, Photo
from tweetathon.feed.publish.base import Publisher
from tweetathon.feed.rules import publish_blockers, unresolved
from tweetathon.feed.store import FeedError, FeedStore

feed_app = typer.Typer(help="Compose a live feed: numbered drafts checked for personal data, approved, "
                            "published once to X, Mastodon and Bluesky.", no_args_is_help=True)
app.add_typer(feed_app, name="feed")

Slug = Annotated[str, typer.Argument(help="The event (its slug).")]
Number = Annotated[int, typer.Argument(help="The post's number in the feed.")]
As = Annotated[str, typer.Option("--as", help="Who you are: your console account (`tweetathon user add`), "
                                            "whose role (viewer, editor, organiser) decides what you may do.")]
Config = Annotated[Path | None, typer.Option("--config", envvar="TWEETATHON_CONFIG", show_envvar=True,
                                             help="TOML file with the posting accounts ([feed.accounts.NAME]).")]


def _actor(feed: FeedStore, name: str) -> Actor:
    """The console account `name` as the one who acts (its role from the accounts table)."""
    user = get_user(feed.store, name.strip())
    if user is None:
        fail(f"no console account {name!r}", f"Create it with `tweetathon user add {name} --role editor`, "
             "or use your own account's name.")
    return Actor(user.name, user.role)


@contextmanager
def _feed(db: str | None) -> Iterator[FeedStore]:
    with open_store(db) as store:
        try:
            yield FeedStore(store)
        except (FeedError, PhotoError) as exc:
            fail(str(exc))


def _accounts(config: Path | None) -> dict[str, PostingAccount]:
    try:
        return load_accounts(config)
    except ConfigError as exc:
        fail(str(exc))


def _draft_json(feed: FeedStore, draft: Draft) -> dict[str, Any]:
    platforms = ["x", "mastodon", "bluesky"]
    return {"number": draft.number, "text": draft.text, "status": draft.status, "author": draft.author,
            "appeal": draft.appeal, "thread": draft.thread, "targets": list(draft.targets),
            "findings": [asdict(f) for f in draft.findings],
            "unresolved": [asdict(f) for f in unresolved(draft)],
            "overrides": [{**asdict(o), "at": o.at.isoformat()} for o in draft.overrides],
            "approved_by": draft.approved_by, "publish_at": draft.publish_at.isoformat() if draft.publish_at else None,
            "length": {p: measure(draft.text, p).length for p in platforms},
            "blockers": publish_blockers(draft, [])}  # lengths per platform are in "length"


def _show(feed: FeedStore, draft: Draft, as_json: bool) -> None:
    if as_json:
        print_json(_draft_json(feed, draft))
        return
    console.print(f"[bold]{draft.number}[/] ({draft.status}) {escape(draft.text)}", highlight=False)
    for f in draft.findings:
        kept = next((o for o in draft.overrides if o.covers(f)), None)
        mark = f"[yellow]overridden by {escape(kept.by)}: {escape(kept.reason)}[/]" if kept else "[red]to fix[/]"
        console.print(f"  {f.type} {escape(repr(f.text))} at {f.start}-{f.end}: {escape(f.reason)} {mark}",
                      highlight=False)
    lengths = ", ".join(f"{p} {measure(draft.text, p).length}/{measure(draft.text, p).limit}"
                        for p in ("x", "mastodon", "bluesky"))
    console.print(f"  length: {lengths}", highlight=False)
    if draft.approved_by:
        console.print(f"  approved by {escape(draft.approved_by)}", highlight=False)
    if draft.status == "draft":
        for problem in publish_blockers(draft, []):  # lengths are shown above, per platform
            console.print(f"  [red]before publishing:[/] {escape(problem)}", highlight=False)


@feed_app.command("draft")
def draft_cmd(slug: Slug, text: Annotated[str, typer.Option("--text", help="The post (without number and "
                                                             "hashtag: the event's template adds them).")],
              who: As,
              to: Annotated[list[str] | None, typer.Option("--to", help="A posting account; repeat.")] = None,
              photo: Annotated[list[Path] | None, typer.Option("--photo", help="A photo; repeat.")] = None,
              alt: Annotated[list[str] | None, typer.Option("--alt", help="Alt text of each --photo, in order.")]
              = None,
              appeal: Annotated[bool, typer.Option("--appeal", help="A missing/wanted-person appeal.")] = False,
              thread: Annotated[bool, typer.Option("--thread", help="Post as a thread if too long.")] = False,
              db: DbOption = None, json: JsonOption = False) -> None:
    """Write a numbered draft; it is checked for personal data at once."""
    photos = [Photo(str(p), a) for p, a in zip(photo or [], [*(alt or []), *[""] * len(photo or [])], strict=False)]
    with _feed(db) as feed:
        draft = composer.create(feed, slug, text, _actor(feed, who), to or [], photos, appeal, thread)
        _show(feed, draft, json)


@feed_app.command("check")
def check_cmd(slug: Slug, number: Number, who: Annotated[str | None, typer.Option(
                  "--as", help="Your console account (needed with --text).")] = None,
              text: Annotated[str | None, typer.Option("--text", help="Replace the post's text first.")] = None,
              db: DbOption = None, json: JsonOption = False) -> None:
    """Check a draft again (after editing it with --text): findings, lengths, what blocks publishing."""
    if text is not None and who is None:
        fail("editing a post needs --as NAME (your console account)")
    with _feed(db) as feed:
        draft = feed.get(slug, number)
        actor = _actor(feed, who) if who else Actor("tweetathon", "editor")
        draft = composer.edit(feed, draft, text, actor) if text is not None else composer.recheck(feed, draft, actor)
        _show(feed, draft, json)


@feed_app.command("override")
def override_cmd(slug: Slug, number: Number, finding: Annotated[str, typer.Option(
                     "--finding", help="The exact text of the finding to keep.")],
                 reason: Annotated[str, typer.Option("--reason", help="Why it may be published.")],
                 who: As, db: DbOption = None, json: JsonOption = False) -> None:
    """Keep a finding on purpose, with a reason (a second person must then approve)."""
    with _feed(db) as feed:
        _show(feed, composer.override(feed, feed.get(slug, number), finding, reason, _actor(feed, who)), json)


@feed_app.command("appeal")
def appeal_cmd(slug: Slug, number: Number, reason: Annotated[str, typer.Option("--reason", help="The appeal.")],
               who: As, db: DbOption = None, json: JsonOption = False) -> None:
    """Mark a draft as a missing- or wanted-person appeal (names stay; a second person must approve)."""
    with _feed(db) as feed:
        _show(feed, composer.mark_appeal(feed, feed.get(slug, number), _actor(feed, who), reason), json)


@feed_app.command("approve")
def approve_cmd(slug: Slug, number: Number, who: As, db: DbOption = None,
                json: JsonOption = False) -> None:
    """Approve a draft's overrides or appeal (an editor or organiser who did not write it)."""
    with _feed(db) as feed:
        _show(feed, composer.approve(feed, feed.get(slug, number), _actor(feed, who)), json)


def _publishers(accounts: dict[str, PostingAccount], client: httpx.Client) -> Callable[[str], Publisher]:
    made: dict[str, Publisher] = {}

    def publisher(name: str) -> Publisher:
        if name not in made:
            made[name] = accounts[name].publisher(client)
        return made[name]
    return publisher


def _outcomes(outcomes: Sequence[outbox.Outcome], as_json: bool) -> None:
    rows = [{"account": o.item.account, "platform": o.item.platform, "part": o.item.part, "result": o.result,
             "id": o.item.platform_id, "url": o.item.url, "message": o.message} for o in outcomes]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        line = f"{r['account']} ({r['platform']}) part {r['part']}: {r['result']} {r['url'] or ''} {r['message']}"
        console.print(escape(line.rstrip()), highlight=False)


def _when(at: str | None) -> datetime | None:
    if at is None:
        return None
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        fail(f"--at {at!r} is not a time", "Use ISO 8601 with a zone, e.g. 2026-11-30T18:00+00:00")
    if when.tzinfo is None:
        fail(f"--at {at!r} has no time zone", "Add one, e.g. 2026-11-30T18:00+00:00 or ...Z")
    return when.astimezone(UTC)


@contextmanager
def _redacted(accounts: dict[str, PostingAccount]) -> Iterator[httpx.Client]:
    import logging

    flt = RedactingFilter(secrets(accounts))
    logging.getLogger().addFilter(flt)
    try:
        with httpx.Client(timeout=httpx.Timeout(30.0)) as client:
            yield client
    finally:
        logging.getLogger().removeFilter(flt)


@feed_app.command("publish")
def publish_cmd(slug: Slug, number: Number, who: As,
                at: Annotated[str | None, typer.Option("--at", help="Publish at this time (ISO 8601 with zone) "
                                                       "instead of now; `feed run` sends it when due.")] = None,
                config: Config = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Publish a draft to its accounts, exactly once (a publish interrupted before is completed, not repeated)."""
    accounts = _accounts(config)
    targets = {n: outbox.Target(n, a.platform, a.limit) for n, a in accounts.items()}
    with _feed(db) as feed, _redacted(accounts) as client:
        draft = feed.get(slug, number)
        if draft.status in ("published", "deleted"):
            console.print(f"post {number} is already {draft.status}: nothing sent", highlight=False)
            return
        if draft.status == "draft":
            outbox.request_publish(feed, draft, _actor(feed, who), targets, _when(at))
            draft = feed.get(slug, number)
        if draft.status == "scheduled" and draft.publish_at and draft.publish_at > datetime.now(UTC):
            console.print(f"post {number} is scheduled for {draft.publish_at.astimezone():%Y-%m-%d %H:%M %Z}: "
                          f"`tweetathon feed run "
                          f"{slug}` sends it when due", highlight=False)
            return
        _outcomes(outbox.send_draft(feed, draft, _publishers(accounts, client)), json)


@feed_app.command("run")
def run_cmd(slug: Slug, config: Config = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Send what is due: scheduled posts whose time has come and publishing interrupted by a crash (for cron)."""
    accounts = _accounts(config)
    with _feed(db) as feed, _redacted(accounts) as client:
        _outcomes(outbox.run_due(feed, slug, _publishers(accounts, client)), json)


@feed_app.command("delete")
def delete_cmd(slug: Slug, number: Number, reason: Annotated[str, typer.Option("--reason", help="Why.")],
               who: As, config: Config = None, db: DbOption = None,
               json: JsonOption = False) -> None:
    """Delete a published post on every platform (a correction), recording why."""
    accounts = _accounts(config)
    with _feed(db) as feed, _redacted(accounts) as client:
        draft = feed.get(slug, number)
        _outcomes(outbox.delete_published(feed, draft, _actor(feed, who), reason, _publishers(accounts, client)),
                  json)


@feed_app.command("list")
def list_cmd(slug: Slug, db: DbOption = None, json: JsonOption = False) -> None:
    """The feed's posts: number, status, text, unresolved findings, where published."""
    with _feed(db) as feed:
        drafts = feed.drafts(slug)
        if json:
            print_json([{**_draft_json(feed, d), "published": [
                {"account": i.account, "platform": i.platform, "part": i.part, "state": i.state,
                 "id": i.platform_id, "url": i.url} for i in feed.outbox(d.id)]} for d in drafts])
            return
        for d in drafts:
            flags = f" [red]{len(unresolved(d))} to fix[/]" if unresolved(d) else ""
            console.print(f"[bold]{d.number}[/] {d.status}{flags} {escape(d.text)}", highlight=False)


@feed_app.command("log")
def log_cmd(slug: Slug, number: Number, db: DbOption = None, json: JsonOption = False) -> None:
    """A post's audit log: who drafted, what the checker found, overrides, approval, publishing, deletion."""
    with _feed(db) as feed:
        entries = feed.audit_log(feed.get(slug, number).id)
        if json:
            print_json([{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "detail": e.detail}
                        for e in entries])
            return
        for e in entries:
            console.print(escape(f"{e.at.astimezone():%Y-%m-%d %H:%M:%S %Z} {e.actor}: {e.action} {e.detail}"),
                          highlight=False)


@feed_app.command("template")
def template_cmd(slug: Slug, template: Annotated[str | None, typer.Argument(
                     help="The numbering template, with {n} for the number, e.g. '#gmp24 {n}:'.")] = None,
                 db: DbOption = None) -> None:
    """Show or set the event's numbering template (default: '#HASHTAG {n}:' from its first hashtag)."""
    with _feed(db) as feed:
        if template is not None:
            if "{n}" not in template:
                fail(f"the template {template!r} has no {{n}}", "Put {n} where the post's number goes.")
            feed.set_template(slug, template)
        console.print(escape(feed.template(slug)), highlight=False)
