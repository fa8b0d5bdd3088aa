"""`tweetathon import`, `stats`, `formats`, `runs`: getting files in and counting them (`export` is cli/export.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tweetathon.cli import app
from tweetathon.cli.common import (
    DbOption,
    EventOption,
    JsonOption,
    console,
    err,
    fail,
    open_store,
    print_json,
)
from tweetathon.ingest import FileSummary, UnreadableFile, expand_paths, import_file
from tweetathon.model import Event
from tweetathon.sources.reading import DEFAULT_LIMITS, ENV_MAX_RECORD, Limits
from tweetathon.sources.registry import formats, names
from tweetathon.store.store import Store


@app.command("import")
def import_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import (gzip/bzip2 read directly).")],
    event: EventOption = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Force a format instead of detecting it. "
                                            "See `tweetathon formats`.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 if any record is rejected.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Read files again even if this exact content was "
                                        "already imported (by default such files are skipped).")] = False,
    max_record_bytes: Annotated[int | None, typer.Option(
        "--max-record-bytes", envvar=ENV_MAX_RECORD, show_envvar=True, min=1000,
        help="Longest record (a line, an array item, a whole document) read; a longer one is rejected. "
             "Default 10,000,000.")] = None,
    detect_languages: Annotated[bool, typer.Option(
        "--detect-languages", help="Then detect the language of every collected post that has none yet, on every "
        "core, so the first `figures` or `report` need not (same as `tweetathon languages detect`).")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import posts and accounts from files you hold (twarc2, X v1.1, X archive, TAGS/twarc CSV, Mastodon,
    Bluesky). Re-importing adds nothing; newer observations update metrics and add account snapshots.

    Exit status: 0 when every file was read (rejected records are reported, not fatal); 1 with --strict when a
    record was rejected; 2 when a file was not recognised or could not be read to its end (the other files are
    still imported)."""
    if fmt and fmt not in names():
        fail(f"unknown format {fmt!r}", f"Supported formats: {', '.join(names())}")
    try:
        limits = Limits.from_env(max_record_bytes)
    except ValueError as exc:
        fail(f"a limit setting is not a number ({exc})",
             "TWEETATHON_MAX_DECOMPRESSED_BYTES takes bytes, TWEETATHON_MAX_COMPRESSION_RATIO a ratio such as 100.")
    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    files = expand_paths(paths)
    with open_store(db) as store:
        event_id = None
        if event:
            event_id = store.event_id(event)
            if event_id is None:
                event_id = store.ensure_event(Event(slug=event, name=event, hashtags=()))
                err.print(f"created event [bold]{event}[/] (add its hashtags and window with `tweetathon event`)")
        summaries, unknown = _import_all(store, files, fmt, event_id, event, quiet=as_json, force=force,
                                         limits=limits)
        detected = _detect_languages(store, as_json) if detect_languages else None
    rejected = sum(sum(s.rejects.values()) for s in summaries)
    failed = [s for s in summaries if s.status == "failed"]
    if as_json:
        print_json({"files": [s.as_dict() for s in summaries], "unrecognised": unknown,
                    **({} if detected is None else {"languages_detected": detected})})
    else:
        _print_summary(summaries)
        if rejected:
            err.print(f"[yellow]{rejected} record(s) rejected[/]; details in the rejects file beside the database "
                      "and in `tweetathon runs`.")
    if unknown:
        fail(f"{len(unknown)} file(s) not recognised or not readable: {', '.join(unknown)}",
             f"Supported formats: {', '.join(names())}. Use --format to force one.")
    if failed:
        fail(f"{len(failed)} file(s) could not be read to the end: {', '.join(s.path for s in failed)}",
             "What was read before the problem is imported; see the messages above.")
    if strict and rejected:
        raise typer.Exit(1)


def _detect_languages(store: Store, quiet: bool) -> int:
    """Detect and store the language of collected posts without one; how many were detected."""
    from tweetathon.enrich.language import detect_and_store

    if not quiet:
        err.print("detecting languages...")
    summary = detect_and_store(store)
    if not quiet:
        err.print(f"detected the language of {summary.detected:,} post(s) ({summary.distinct_texts:,} distinct "
                  f"texts) among {len(summary.languages)} languages" + (" (fast path)" if summary.fast else ""))
    return summary.detected


def _import_all(store: Store, files: list[Path], fmt: str | None, event_id: int | None, event: str | None,
                quiet: bool, force: bool = False, limits: Limits = DEFAULT_LIMITS
                ) -> tuple[list[FileSummary], list[str]]:
    """Import each file with a progress bar; unreadable or unrecognised files are listed, not fatal."""
    summaries: list[FileSummary] = []
    unknown: list[str] = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[records]:,} records"), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as progress:
        task = progress.add_task("importing", total=len(files), records=0)
        for path in files:
            progress.update(task, description=f"importing {path.name}")
            def advance(_path: str, n: int) -> None:
                progress.update(task, records=progress.tasks[0].fields["records"] + n)

            try:
                summary = import_file(store, path, fmt, event_id, event, advance, force=force, limits=limits)
            except UnreadableFile as exc:
                unknown.append(str(path))
                err.print(f"[red]{exc}[/]", highlight=False)
            else:
                summaries.append(summary)
                _print_file_notes(summary)
            progress.advance(task)
    return summaries, unknown


def _print_file_notes(summary: FileSummary) -> None:
    """What went wrong or was changed in one file, as it finishes."""
    for reason, n in summary.rejects.items():
        err.print(f"[yellow]{summary.path}: {n} rejected: {reason}[/]", highlight=False)
    for change, n in summary.adjusted.items():
        err.print(f"[yellow]{summary.path}: {n} record(s) adjusted: {change}[/]", highlight=False)
    if summary.error:
        err.print(f"[red]{summary.error}[/]", highlight=False)


def _print_summary(summaries: list[FileSummary]) -> None:
    """A table with one row per file: its format, and what importing it did, in words that wrap well."""
    table = Table(title="import summary", show_lines=True)
    table.add_column("file (format)", overflow="fold", ratio=1)
    table.add_column("result", ratio=3)
    for s in summaries:
        c = s.counts
        name = f"{Path(s.path).name} ({s.format})"
        if s.status == "skipped":
            table.add_row(name, f"skipped: already imported (run {s.run_id}); --force reads it again")
            continue
        rate = s.posts_seen / s.seconds if s.seconds else 0
        rejects = ", ".join(f"{n:,} {reason}" for reason, n in s.rejects.items()) or "0"
        adjusted = "".join(f" · {n:,} {what}" for what, n in s.adjusted.items())
        failed = f"FAILED: {s.error} · " if s.error else ""
        table.add_row(name, f"{failed}{c.posts_new:,} new · {c.posts_updated:,} updated"
                            f" · {c.posts_unchanged:,} unchanged · {c.referenced_new:,} context only"
                            f" · {c.snapshots_new:,} account snapshots"
                            f" · {c.deletions:,} deletions · rejects: {rejects}{adjusted} · {s.seconds:.2f} s"
                            f" · {rate:,.0f} posts/s")
    console.print(table)


@app.command()
def stats(event: EventOption = None, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count collected posts (deleted ones excluded): by kind, authors, platforms, declared languages, span.
    With --event every count is the event's: its posts as `tweetathon figures` counts them, the accounts that
    wrote them and their snapshots."""
    with open_store(db) as store:
        if event and store.event_id(event) is None:
            fail(f"no event {event!r}", "See `tweetathon event list`.")
        result = _event_stats(store, event) if event else store.stats()
    if as_json:
        print_json(result)
        return
    table = Table(title=f"posts{' of ' + event if event else ''}", show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key in ("posts", "originals", "replies", "quotes", "reposts", "authors", "first_post_at", "last_post_at",
                *(["context"] if event else []), "deleted", "referenced", "accounts", "snapshots"):
        table.add_row(key, f"{result[key]:,}" if isinstance(result[key], int) else str(result[key] or "—"))
    table.add_row("platforms", ", ".join(f"{k} {v:,}" for k, v in result["platforms"].items()) or "—")
    langs = result["languages_declared"]
    table.add_row("languages declared", ", ".join(f"{k} {v:,}" for k, v in list(langs.items())[:12])
                  + (f" … ({len(langs)} in all)" if len(langs) > 12 else "") or "—")
    console.print(table)
    if event:
        err.print(f"posts: the posts the figures of {event} count (as `tweetathon figures`); context: its other "
                  "posts (linked at import without its hashtags, or outside a participant's window); accounts "
                  "and snapshots: of the accounts that wrote a counted post", highlight=False)


def _event_stats(store: Store, slug: str) -> dict[str, Any]:
    """`stats --event`: every count scoped to the event, its posts as its figures count them."""
    from tweetathon import analysis
    from tweetathon.store import queries

    scope = analysis.event_scope(store, slug)
    event_id = store.event_id(slug)
    with store.engine.connect() as conn:
        return queries.event_stats(conn, scope.data.event, event_id, scope.event_posts)


@app.command("formats")
def formats_cmd(as_json: JsonOption = False) -> None:
    """List the file formats `tweetathon import` recognises."""
    rows = [{"format": f.NAME, "platform": f.PLATFORM, "description": f.DESCRIPTION} for f in formats()]
    if as_json:
        print_json(rows)
        return
    table = Table(title="supported formats")
    for col in ("format", "platform", "what it reads"):
        table.add_column(col)
    for row in rows:
        table.add_row(row["format"], row["platform"], row["description"])
    console.print(table)


@app.command()
def runs(db: DbOption = None, limit: int = 20, as_json: JsonOption = False) -> None:
    """Show recent import runs: file, sha256, counts, rejects, records adjusted to be stored, status
    (done, failed: stopped part-way by an unreadable file or a limit, interrupted: killed, running)."""
    with open_store(db) as store:
        rows = store.runs(limit)
    if as_json:
        print_json(rows)
        return
    table = Table(title="import runs")
    for col in ("id", "file", "format", "status", "new", "updated", "snapshots", "rejects", "adjusted", "started"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["id"]), Path(r["path"]).name, r["format"], r["status"], str(r["posts_new"]),
                      str(r["posts_updated"]), str(r["snapshots_new"]), str(r["rejects"]), str(r["adjusted"]),
                      r["started_at"].strftime("%Y-%m-%d %H:%M:%S UTC"))
    console.print(table)

