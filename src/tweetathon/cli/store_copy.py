"""`tweetathon store copy`: move a whole store between SQLite and PostgreSQL, resumable and verified."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, err, fail, print_json
from tweetathon.store import copy as store_copy
from tweetathon.store.engine import resolve_url
from tweetathon.store.store import Store

store_app = typer.Typer(help="Whole stores: copy one database into another.", no_args_is_help=True)
app.add_typer(store_app, name="store")


def _open(url: str, which: str) -> Store:
    try:
        return Store.open(url)
    except OperationalError as exc:
        fail(f"cannot open the {which} database: {exc.orig}", "Check the URL, and that the server runs.")


def _copy_all(source: Engine, target: Engine, state: dict[str, object], chunk: int) -> None:
    totals = store_copy.source_rows(source)
    done = sum(int(getattr(state[name], "rows", 0)) for name in totals if name in state)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=False) as bar:
        task = bar.add_task("copying rows", total=sum(totals.values()), completed=done)
        for table in store_copy.tables():
            bar.update(task, description=f"copying {table.name}")
            store_copy.copy_table(source, target, table, state[table.name],
                                  lambda _name, n: bar.advance(task, n), chunk)
        bar.update(task, description="copied")


def _report(checks: list[store_copy.TableCheck], as_json: bool) -> None:
    if as_json:
        print_json([{"table": c.table, "rows": c.target_rows, "source_rows": c.source_rows,
                     "checksum": c.target_checksum, "source_checksum": c.source_checksum, "ok": c.ok}
                    for c in checks])
        return
    table = Table("table", "rows", "checksum", "verified")
    for c in checks:
        table.add_row(c.table, f"{c.target_rows:,}", c.target_checksum,
                      "yes" if c.ok else f"[red]NO (source {c.source_rows:,} rows, {c.source_checksum})[/]")
    console.print(table)


@store_app.command("copy")
def copy_cmd(
    to: Annotated[str, typer.Option("--to", help="The target database: a SQLite file path or a URL such as "
                                                "postgresql+psycopg://user@host/db. Must be empty (or hold an "
                                                "unfinished copy of the same source, which is resumed).")],
    source: Annotated[str | None, typer.Option("--from", help="The source database (default: --db, "
                                                             "$TWEETATHON_DB or ./tweetathon.db).")] = None,
    chunk: Annotated[int, typer.Option("--chunk", min=1, help="Rows per committed chunk.")] =
    store_copy.CHUNK_ROWS,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Copy every table of a store (posts with raw payloads, snapshots, events, participants, chat plans, runs,
    capture cursors and health, accounts, audit log...) into another database, migrated to the same schema.
    Killed midway, run the same command again: it resumes after the last committed chunk. Ends by comparing row
    counts and a checksum of every table on both sides."""
    from_url, to_url = resolve_url(source or db), resolve_url(to)
    if from_url == to_url:
        fail("--to is the source database", "Give another database as --to.")
    with _open(from_url, "source") as src, _open(to_url, "target") as dst:
        try:
            state = store_copy.prepare_target(dst.engine, src.url)
        except store_copy.CopyError as exc:
            fail(f"cannot copy into {dst.url}: {exc}")
        _copy_all(src.engine, dst.engine, state, chunk)
        store_copy.reset_sequences(dst.engine)
        checks = store_copy.verify(src.engine, dst.engine)
        _report(checks, as_json)
        if not all(c.ok for c in checks):
            fail("the copy does not match the source", "Was the source changed during the copy? Empty the "
                 "target and copy again.", code=1)
        store_copy.finish(dst.engine)
    err.print(f"copied {sum(c.target_rows for c in checks):,} rows of {len(checks)} tables from {src.url} to "
              f"{dst.url}; counts and checksums match", highlight=False)
