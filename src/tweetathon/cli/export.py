"""`tweetathon export`: every export format from one command (exports/ has one module per format)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated

import typer

from tweetathon import atomic, exports
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, EventOption, err, fail, open_store
from tweetathon.store.store import Store

FORMATS = ("csv", "jsonl", "parquet", "gexf", "geojson", "counts")
NETWORK_CHOICES = ("interactions", "replies", "mentions", "quotes", "reposts", "hashtags", "countries", "all")
NEEDS_EVENT = ("gexf", "geojson")
StreamWriter = Callable[[Store, exports.ExportScope, IO[bytes]], exports.ExportSummary]


def _stream_writer(fmt: str, network: str) -> StreamWriter:
    """The writer of a one-file format."""
    if fmt == "counts":
        from tweetathon.exports.counts import write_counts
        return write_counts
    if fmt == "geojson":
        from tweetathon.exports.geojson import write_geojson
        return write_geojson
    if fmt == "gexf":
        from tweetathon.exports import gexf
        return lambda store, scope, out: gexf.write_graph(gexf.BUILDERS[network](gexf.read_inputs(store, scope)),
                                                          out)
    return exports.WRITERS[fmt]


def _check(fmt: str, network: str, event: str | None, include_context: bool, out: Path | None) -> None:
    if fmt not in FORMATS:
        fail(f"unknown export format {fmt!r}", f"Choose one of: {', '.join(FORMATS)}")
    if network not in NETWORK_CHOICES:
        fail(f"unknown network {network!r}", f"Choose one of: {', '.join(NETWORK_CHOICES)}")
    if network != "interactions" and fmt != "gexf":
        fail("--network is for --format gexf", "Networks are written as GEXF.")
    if fmt in NEEDS_EVENT and not event:
        fail(f"--format {fmt} needs --event", "Networks and participant maps are of one event.")
    if include_context and not event:
        fail("--include-context needs --event", "Without --event every collected post is exported already.")
    if out is None and (fmt == "parquet" or network == "all"):
        fail(f"--format {fmt}{' --network all' if network == 'all' else ''} writes a folder: give --out FOLDER")
    if out is not None and out.is_dir() and not (fmt == "parquet" or network == "all"):
        fail(f"{out} is a folder", "Give a file name to --out.")


def _write_networks(store: Store, scope: exports.ExportScope, out: Path) -> exports.ExportSummary:
    """Every network, one NAME.gexf each, in the folder `out` (replaced whole)."""
    from tweetathon.exports import gexf

    inputs = gexf.read_inputs(store, scope)
    summary = exports.ExportSummary()
    with atomic.folder_atomic(out) as folder:
        for name, build in gexf.BUILDERS.items():
            with (folder / f"{name}.gexf").open("wb") as fh:
                summary.notes.extend(f"{name}: {note}" for note in gexf.write_graph(build(inputs), fh).notes)
    return summary


def _write(store: Store, scope: exports.ExportScope, fmt: str, network: str,
           out: Path | None) -> exports.ExportSummary:
    if fmt == "parquet" and out is not None:
        from tweetathon.exports.parquet import write_parquet
        return write_parquet(store, scope, out)
    if network == "all" and out is not None:
        return _write_networks(store, scope, out)
    writer = _stream_writer(fmt, network)
    if out is None:
        return writer(store, scope, sys.stdout.buffer)
    with atomic.open_atomic(out, "wb") as fh:
        return writer(store, scope, fh)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv (twarc-csv columns), jsonl (raw payloads), "
                                     "parquet (a folder of tables), gexf (a network for Gephi; needs --event), "
                                     "geojson (the event's participants as points; needs --event), counts "
                                     "(posts per hour and per day by platform and kind, CSV).")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output (a "
                                             "folder for parquet and --network all).")] = None,
    event: EventOption = None,
    network: Annotated[str, typer.Option("--network", help="GEXF: interactions (replies, mentions and quotes "
                                         "together), replies, mentions, quotes, reposts, hashtags (co-hashtag), "
                                         "countries (country to country), or all (every one into the folder "
                                         "--out).")] = "interactions",
    include_context: Annotated[bool, typer.Option(
        "--include-context", help="With --event: also the event's posts its figures do not count (linked at "
        "import without its hashtags, or outside a participant's own window), labelled in the event_post "
        "column.")] = False,
    raw_cells: Annotated[bool, typer.Option(
        "--raw-cells", help="CSV: write every cell exactly as stored. By default a cell starting with = + - @, "
        "tab or carriage return gets a leading ' so a spreadsheet shows it as text instead of running it.")] = False,
    db: DbOption = None,
) -> None:
    """Export collected posts (never deleted or withheld ones) as CSV, JSONL, Parquet or per-hour counts, an
    event's networks as GEXF, its participants as GeoJSON. With --event: the posts its figures count, the public
    pseudonymised unless the event names them (`tweetathon event set`). Files are written whole or not at all."""
    _check(fmt, network, event, include_context, out)
    started = time.perf_counter()
    with open_store(db) as store:
        if event and store.event_id(event) is None:
            fail(f"no event {event!r}", "See `tweetathon event list`.")
        scope = (exports.event_export(store, event, include_context, raw_cells) if event
                 else exports.ExportScope(raw_cells=raw_cells))
        summary = _write(store, scope, fmt, network, out)
    err.print(_export_report(summary, scope, fmt, out, time.perf_counter() - started), highlight=False)


def _export_report(summary: exports.ExportSummary, scope: exports.ExportScope, fmt: str, out: Path | None,
                   seconds: float) -> str:
    """What was written and how it relates to `tweetathon figures` (on stderr: stdout may be the export)."""
    where = f" to {out}" if out is not None else ""
    if fmt in NEEDS_EVENT:
        privacy = ("  members of the public are pseudonymised" if scope.names.enabled
                   else "  members of the public are named (the event's setting)")
        return "\n".join([f"wrote {fmt}{where} in {seconds:.1f} s", *(f"  {n}" for n in summary.notes),
                          *([privacy] if fmt == "gexf" else [])])
    lines = [f"wrote {summary.written - summary.without_payload:,} posts{where} ({fmt}) in {seconds:.1f} s",
             *(f"  {n}" for n in summary.notes)]
    if scope.counted is not None:
        lines.append(f"  {summary.counted:,} of the {len(scope.counted):,} posts the figures of {scope.event} "
                     f"count" + (f"; {summary.withheld_left_out:,} withheld posts counted but never exported"
                                 if summary.withheld_left_out else ""))
        if scope.include_context:
            lines.append(f"  plus {summary.context:,} context posts (linked to the event at import, without its "
                         f"hashtags) and {summary.outside_window:,} outside their author's window "
                         "(column event_post)")
        lines.append("  members of the public are pseudonymised" if scope.names.enabled
                     else "  members of the public are named (the event's setting)")
    elif summary.withheld_left_out:
        lines.append(f"  {summary.withheld_left_out:,} withheld posts left out")
    if summary.without_payload:
        lines.append(f"  {summary.without_payload:,} posts have no raw payload (purged) and were left out")
    if scope.counted is None:
        lines.append("  not an event export: everyone is named; export with --event to apply an event's privacy "
                     "setting before publishing")
    return "\n".join(lines)
