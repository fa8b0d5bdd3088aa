"""What every command shares: the --db option, consoles, and turning user errors into clear messages."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import OperationalError

from tweetathon.store.engine import SUPPORTED, UnsupportedDatabase, resolve_url
from tweetathon.store.store import Store

console = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="TWEETATHON_DB", show_envvar=True,
                 help="Database: a SQLite file path or a URL such as postgresql+psycopg://user@host/db. "
                      "Default ./tweetathon.db"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
EventOption = Annotated[str | None, typer.Option("--event", "-e", help="Only the posts of this event (slug).")]


def fail(message: str, hint: str = "", code: int = 2) -> NoReturn:
    """Print a user error (and what to do about it) and exit with `code`. Never a traceback."""
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)  # "[mastodon] tokens" is not markup
    if hint:
        err.print(f"[dim]{escape(hint)}[/]", highlight=False)
    raise typer.Exit(code)


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """Open the store, turning a connection failure into a clear message."""
    try:
        store = Store.open(db)
    except UnsupportedDatabase as exc:
        fail(f"cannot use the database {resolve_url(db)!r}: {exc}",
             f"Supported: {'; '.join(SUPPORTED)} (--db or TWEETATHON_DB).")
    except OperationalError as exc:
        fail(f"cannot open the database: {exc.orig}", "Check --db / TWEETATHON_DB, and that the server runs.")
    try:
        yield store
    finally:
        store.close()


def cli_actor() -> str:
    """Who the audit log names for a command-line action: `cli:<login name>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def print_json(value: Any) -> None:
    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n")
