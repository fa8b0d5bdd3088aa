"""`tweetathon purge` and `tweetathon retention`: removing personal data from the store, and the log of it.

Whether an event pseudonymises the public, and its retention period, are set with `tweetathon event set`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, console, open_store, print_json
from tweetathon.store.privacy import purges
from tweetathon.store.purge import PurgeResult, apply_retention, purge_deleted

retention_app = typer.Typer(help="Apply events' retention periods; see what was purged.", no_args_is_help=True)
app.add_typer(retention_app, name="retention")


def _as_dict(result: PurgeResult) -> dict[str, Any]:
    return {"kind": result.kind, "event": result.event, "posts": result.posts, "snapshots": result.snapshots,
            "accounts": result.accounts, "cutoff": result.cutoff.isoformat() if result.cutoff else None}


def _show_log(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print_json(rows)
        return
    table = Table(title="purges (newest first)")
    for column in ("when (UTC)", "kind", "event", "posts", "snapshots", "accounts", "what"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["at"].strftime("%Y-%m-%d %H:%M:%S"), r["kind"], r["event"] or "—", f"{r['posts']:,}",
                      f"{r['snapshots']:,}", f"{r['accounts']:,}", r["detail"])
    console.print(table)


@app.command("purge")
def purge_cmd(
    log: Annotated[bool, typer.Option("--log", help="Only show the log of past purges.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove the text and raw payload of deleted and withheld posts. Their rows stay, marked, so the counts
    that exclude deleted posts (and count withheld ones) do not change. Logged: see --log."""
    with open_store(db) as store:
        if log:
            _show_log(purges(store), as_json)
            return
        result = purge_deleted(store)
    if as_json:
        print_json(_as_dict(result))
    else:
        console.print(f"purged the text and raw payload of {result.posts:,} deleted or withheld post(s)")


@retention_app.command("apply")
def retention_apply(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Purge the public's posts (text, payload, handle, URL) and account details of every event whose retention
    period (`tweetathon event set SLUG --retention 12m`) has passed. Safe to run daily."""
    with open_store(db) as store:
        results = apply_retention(store)
    if as_json:
        print_json([_as_dict(r) for r in results])
        return
    if not results:
        console.print("no event has passed its retention period")
    for r in results:
        console.print(f"{r.event}: purged {r.posts:,} post(s) of the public, {r.snapshots:,} snapshot(s) and "
                      f"{r.accounts:,} account(s) (posts before {r.cutoff:%Y-%m-%d %H:%M} UTC)", highlight=False)


@retention_app.command("log")
def retention_log(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show every purge: when, what (deleted posts, or an event's retention), how many."""
    with open_store(db) as store:
        _show_log(purges(store), as_json)
