"""`tweetathon figures` and `tweetathon languages detect`: the defined figures of an event, and detection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tweetathon import analysis
from tweetathon.analysis.figures import DEFINITIONS
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, err, fail, open_store, print_json
from tweetathon.enrich.language import detect_and_store
from tweetathon.privacy.pseudonyms import hide_network
from tweetathon.store.privacy import pseudonymiser

DOCS = "docs/figures.md"
languages_app = typer.Typer(help="Detect the language of posts (lingua), stored beside the platform's tag.",
                            no_args_is_help=True)
app.add_typer(languages_app, name="languages")


@contextmanager
def detection_progress(quiet: bool) -> Iterator[Any]:
    """A Rich progress bar on stderr; yields the `progress(done, total)` callback detection calls."""
    with Progress(TextColumn("detecting languages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as progress:
        task = progress.add_task("detect", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@app.command("figures")
def figures_cmd(
    event: Annotated[str, typer.Option("--event", "-e", help="The event (slug).")],
    zone: Annotated[str | None, typer.Option("--zone", help="Also show the peak in this IANA zone "
                                             "(default: the organiser's zone).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every headline figure of an event, each with the id of its definition in docs/figures.md. Languages
    not yet detected for the event's posts are detected first. The public among the most addressed accounts
    are pseudonymised unless the event names them."""
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            fail(f"unknown time zone {zone!r}", "Use an IANA zone such as Europe/London or UTC.")
    with open_store(db) as store:
        if store.get_event(event) is None:
            fail(f"no event {event!r} in {store.url}", "Create it with `tweetathon event create`.")
        with detection_progress(as_json) as progress:
            result = analysis.figures(store, event, zone=zone, progress=progress)
        result["network"] = hide_network(result.get("network") or {}, pseudonymiser(store, event))
    if as_json:
        print_json(result)
    else:
        console.print(figures_table(result))


def _fmt(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"


def _describe(fig: str, value: Any) -> list[str]:
    """One or more lines summarising a figure for the table."""
    if fig == "posts_per_hour":
        return [f"{len(value)} hours, busiest {max(value.values()):,}" if value else "no posts"]
    if fig == "follower_growth":
        return [f"{k}: {v['first']:,} → {v['last']:,} ({v['gain']:+,})" for k, v in list(value.items())[:10]] or [
            "no account observed twice in the window"]
    if fig == "answers_per_question":
        return [f"{day}: " + ", ".join(f"{q} {n}" for q, n in qs.items()) for day, qs in value.items()] or ["—"]
    if fig == "countries":
        return [f"{value['count']}: {', '.join(value['list'])}"]
    if fig == "capture_health":
        failed = [f"CAPTURE FAILED: {f['platform']} {f['source']}: {f['reason']}" for f in value["failures"]]
        return [*failed, f"{len(value['gaps'])} gaps, {value['rejected']:,} rejected, "
                f"{value['rate_limit_waits']['count']} rate-limit waits"]
    if fig == "public_questions":
        median, p90 = value["response_median_seconds"], value["response_p90_seconds"]
        timing = f"; reply in {_duration(median)} (median), {_duration(p90)} (p90)" if median is not None else ""
        return [f"{value['questions']:,} questions, {value['answered']:,} answered "
                f"({value['answer_rate']:.0%}){timing}",
                f"{len(value.get('per_participant', {})):,} participants asked (see --json)"]
    if fig == "peak":
        return [f"hour {value['hour_utc']} ({value['hour_posts']:,} posts), minute {value['minute_utc']} "
                f"({value['minute_posts']:,})",
                *([f"in {value['zone']}: hour {value['hour_local']}"] if value.get("hour_local") else [])]
    if fig == "network":
        return [f"{value['accounts']:,} accounts, {value['links']:,} links: {value['replies']:,} replies, "
                f"{value['mentions']:,} mentions, {value['quotes']:,} quotes"]
    if isinstance(value, dict):
        flat = {k: v for k, v in value.items() if not isinstance(v, dict | list)}
        nested = [f"{k}: " + ", ".join(f"{a} {_fmt(b)}" for a, b in list(v.items())[:12])
                  for k, v in value.items() if isinstance(v, dict) and v]
        return [", ".join(f"{k} {_fmt(v)}" for k, v in flat.items()), *nested]
    return [_fmt(value)]


def figures_table(result: dict[str, Any]) -> Table:
    """The figures as a Rich table: label (definition id), value, link to the definition."""
    table = Table(title=f"Figures of {result['event']}", show_lines=True)
    table.add_column("figure (definition)", style="bold")
    table.add_column("value")
    table.add_column("definition", style="dim")
    for fig, label in DEFINITIONS.items():
        if fig in result:
            table.add_row(f"{label} (#{fig})", "\n".join(_describe(fig, result[fig])), f"{DOCS}#{fig}")
    return table


@languages_app.command("detect")
def detect_cmd(
    event: Annotated[str | None, typer.Option("--event", "-e", help="Only this event's posts.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every collected post in the store.")] = False,
    redo: Annotated[bool, typer.Option("--redo", help="Detect again posts that already have a language.")] = False,
    all_languages: Annotated[bool, typer.Option("--all-languages", help="Tell apart all 75 languages lingua "
                                                "knows (slower) instead of the declared + 30 most common.")] = False,
    fast: Annotated[bool, typer.Option("--fast", help="lingua's low-accuracy mode, for very large archives.")]
    = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Detect the language of posts (URLs, mentions and hashtags removed first; `und` under 10 letters) and
    store it beside the platform's tag. Only posts without a detected language unless --redo."""
    if bool(event) == every:
        fail("say which posts: --event SLUG or --all")
    with open_store(db) as store:
        keys = None
        if event:
            if store.get_event(event) is None:
                fail(f"no event {event!r} in {store.url}", "Create it with `tweetathon event create`.")
            keys = [r.key for r in analysis.event_scope(store, event).event_posts]
        with detection_progress(as_json) as progress:
            summary = detect_and_store(store, keys, redo=redo, all_languages=all_languages, low_accuracy=fast,
                                       progress=progress)
    if as_json:
        print_json({"detected": summary.detected, "languages": list(summary.languages)})
    else:
        console.print(f"detected the language of {summary.detected:,} post(s) among "
                      f"{len(summary.languages)} languages")
