"""`tweetathon capture`: live capture of an event's hashtags from X, Mastodon and Bluesky."""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from types import FrameType
from typing import Annotated

import httpx
import typer
from rich.live import Live
from rich.table import Table

from tweetathon.capture.build import NotConfigured, Tuning, build_sources
from tweetathon.capture.credentials import (
    DEFAULT_FIREHOSE_URL,
    CaptureConfig,
    ConfigError,
    install_redaction,
    load_config,
)
from tweetathon.capture.http import Backoff
from tweetathon.capture.runner import EXIT_CREDENTIALS, Runner, SourceStatus
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, err, fail, open_store, print_json
from tweetathon.model import PLATFORMS
from tweetathon.store.capture import CaptureStore


def status_table(statuses: list[SourceStatus]) -> Table:
    table = Table(title="capture", expand=False)
    for name in ("platform", "source", "state", "posts", "last post (UTC)", "cursor", "waits", "gaps",
                 "reconnects", "errors"):
        table.add_column(name, justify="right" if name in ("posts", "waits", "gaps", "reconnects", "errors")
                         else "left")
    for s in statuses:
        last = s.last_post.strftime("%Y-%m-%d %H:%M:%S") if s.last_post else "-"
        state = f"[bold red]{s.state}[/]" if s.state == "failed" else s.state
        cursor = (s.cursor or "-")[:28]
        table.add_row(s.platform, s.source[:40], state, str(s.posts), last, cursor, str(s.waits),
                      str(s.gaps), str(s.reconnects), str(s.errors))
    return table


def _setup_logging(log_file: Path | None) -> None:
    handler: logging.Handler = logging.FileHandler(log_file) if log_file else logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO if log_file else logging.WARNING)


def _tuning(settings: CaptureConfig) -> Tuning:
    """Timings from the configuration (TWEETATHON_CAPTURE_POLL / _BACKOFF / _CONVERSATION_HOURS or [capture])."""
    base = settings.backoff_seconds
    return Tuning(poll_seconds=settings.poll_seconds,
                  backoff=Backoff(base=base, cap=max(base, 60.0), floor=min(0.05, base)),
                  conversation_hours=settings.conversation_hours)


@app.command("capture")
def capture_command(
    slug: Annotated[str, typer.Argument(help="The event to capture (its hashtags come from the events table).")],
    platform: Annotated[list[str] | None, typer.Option(
        "--platform", "-p", help="x, mastodon or bluesky; repeat for several. Default: every configured one.")]
    = None,
    once: Annotated[bool, typer.Option("--once", help="One catch-up pass, then exit (for cron).")] = False,
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", min=0.1, help="Seconds a --once pass may take (default 300, or "
        "TWEETATHON_CAPTURE_ONCE_TIME_LIMIT); sources still running then are stopped and marked failed.")]
    = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file of capture settings and "
                                                "credentials (see docs/capture.md).")] = None,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Write a log here (credentials redacted).")]
    = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Capture an event's posts live, with resume, backoff, dedupe and a record of every gap.

    Runs until stopped with Ctrl-C or SIGTERM (the current batch is finished and cursors are saved), or
    with --once after a single catch-up pass, within --time-limit. Restarting resumes from the saved cursors.
    Exit status: 0 every source worked; 3 the --once time limit cut a pass short; 4 a source failed (server
    errors, nothing listening); 5 credentials were refused (401/403). See docs/capture.md.
    """
    try:
        settings = load_config(config)
    except ConfigError as exc:
        fail(str(exc))
    install_redaction(settings)
    _setup_logging(log_file)
    platforms = list(platform or _configured(settings))
    if not platforms:
        fail("no platform is configured", "Set TWEETATHON_X_BEARER_TOKEN, TWEETATHON_MASTODON_INSTANCES or "
             "TWEETATHON_BLUESKY_FIREHOSE, or pass --config FILE (see docs/capture.md).")
    unknown = [p for p in platforms if p not in PLATFORMS]
    if unknown:
        fail(f"unknown platform {unknown[0]!r}", f"use one of: {', '.join(PLATFORMS)}")
    with open_store(db) as store:
        event = store.get_event(slug)
        if event is None:
            fail(f"no event {slug!r} in {store.url}", "Create it first (tweetathon event add ...).")
        with httpx.Client(timeout=httpx.Timeout(20.0), follow_redirects=True) as client:
            try:
                sources = build_sources(settings, event, platforms, client, _tuning(settings), store)
            except NotConfigured as exc:
                fail(str(exc))
            runner = Runner(CaptureStore(store, slug), sources, once=once,
                            time_limit=time_limit or settings.once_time_limit, max_failures=settings.max_failures)
            statuses = _run(runner, json)
    if json:
        print_json([{"platform": s.platform, "source": s.source, "posts": s.posts, "cursor": s.cursor,
                     "waits": s.waits, "gaps": s.gaps, "reconnects": s.reconnects, "errors": s.errors,
                     "state": s.state, "failure": s.failure or None} for s in statuses])
    _report_failures(statuses)
    raise typer.Exit(runner.exit_code)


CREDENTIAL_HINTS = {
    "x": "Check TWEETATHON_X_BEARER_TOKEN (or [x] bearer_token) and the access level of the X app.",
    "mastodon": "Check TWEETATHON_MASTODON_TOKEN (or [mastodon] tokens) for this instance.",
    "bluesky": "Check that the firehose or AppView URL is one that may be read without credentials.",
}


def _report_failures(statuses: list[SourceStatus]) -> None:
    """One message per failed source, on stderr, with what to do about it."""
    for s in statuses:
        if s.state != "failed":
            continue
        hint = CREDENTIAL_HINTS.get(s.platform, "") if s.exit_code == EXIT_CREDENTIALS else \
            "The gap and the failure are recorded in capture health (tweetathon figures --event SLUG)."
        err.print(f"[bold red]error:[/] {s.platform} {s.source} failed: {s.failure}", highlight=False)
        err.print(f"[dim]{hint}[/]", highlight=False)


def _configured(settings: CaptureConfig) -> list[str]:
    """Platforms with settings: X with a token, Mastodon with instances, Bluesky with a firehose or AppView
    other than the default relay (ask for `--platform bluesky` to use the public relay)."""
    found = ["x"] if settings.x_bearer_token else []
    found += ["mastodon"] if settings.mastodon_instances else []
    if settings.bluesky_firehose_url != DEFAULT_FIREHOSE_URL or settings.bluesky_appview_url:
        found.append("bluesky")
    return found


def _run(runner: Runner, quiet: bool) -> list[SourceStatus]:
    def on_signal(signum: int, frame: FrameType | None) -> None:
        runner.stop(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    if quiet or not console.is_terminal:
        runner.on_update = None
        statuses = list(runner.run().values())
        if not quiet:
            console.print(status_table(statuses))
        return statuses
    with Live(status_table([]), console=console, refresh_per_second=4) as live:
        runner.on_update = lambda s: live.update(status_table(s))
        statuses = list(runner.run().values())
        live.update(status_table(statuses))
    return statuses
