"""`tweetathon user`, `token`, `audit`: console accounts, API tokens and the audit log of organiser actions."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from tweetathon.audit import AuditEntry, entries
from tweetathon.auth.tokens import add_token, list_tokens, revoke_token
from tweetathon.auth.users import (
    ROLES,
    AccountError,
    add_user,
    get_user,
    list_users,
    remove_user,
    set_password,
    set_role,
)
from tweetathon.cli import app
from tweetathon.cli.common import DbOption, JsonOption, cli_actor, console, err, fail, open_store, print_json

user_app = typer.Typer(help="Console accounts (organiser > editor > viewer) with argon2id passwords.",
                       no_args_is_help=True)
token_app = typer.Typer(help="API tokens for the JSON API (shown once, stored hashed).", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

NameArg = Annotated[str, typer.Argument(help="The account name (letters, digits, _ . @ -).")]
RoleOption = Annotated[str, typer.Option("--role", "-r", help=f"One of {', '.join(ROLES)}.")]
StdinOption = Annotated[bool, typer.Option("--password-stdin", help="Read the password from the first line of "
                                           "standard input instead of prompting (for scripts).")]


@contextmanager
def account_errors() -> Iterator[None]:
    try:
        yield
    except AccountError as exc:
        fail(exc.message, exc.hint)


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or typed twice at a hidden prompt. Never echoed."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("no password on standard input", "Pipe it in: printf '%s\\n' \"$PASSWORD\" | tweetathon user ...")
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M %Z") if value else "—"


@user_app.command("add")
def user_add(name: NameArg, role: RoleOption = "viewer", password_stdin: StdinOption = False,
             db: DbOption = None) -> None:
    """Create a console account. The password is prompted twice (or read from stdin) and stored as an argon2id
    hash only."""
    with account_errors(), open_store(db) as store:
        user = add_user(store, name, read_password(password_stdin), role, actor=cli_actor())
    err.print(f"created account [bold]{user.name}[/] ({user.role})")


@user_app.command("list")
def user_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the console accounts and their roles."""
    with open_store(db) as store:
        found = list_users(store)
    if as_json:
        print_json([{"name": u.name, "role": u.role, "created_at": u.created_at.isoformat(),
                     "password_changed_at": u.password_changed_at.isoformat()} for u in found])
        return
    table = Table(title=f"{len(found)} account(s)")
    for column in ("name", "role", "created", "password changed"):
        table.add_column(column)
    for u in found:
        table.add_row(u.name, u.role, _when(u.created_at), _when(u.password_changed_at))
    console.print(table)


@user_app.command("remove")
def user_remove(name: NameArg, db: DbOption = None) -> None:
    """Delete a console account (not the last organiser)."""
    with account_errors(), open_store(db) as store:
        if not remove_user(store, name, actor=cli_actor()):
            fail(f"no account {name!r}", "See `tweetathon user list`.")
    err.print(f"removed account [bold]{name}[/]")


@user_app.command("passwd")
def user_passwd(name: NameArg, password_stdin: StdinOption = False, db: DbOption = None) -> None:
    """Set a new password for an account (prompted twice, or read from stdin)."""
    with account_errors(), open_store(db) as store:
        if get_user(store, name) is None:
            fail(f"no account {name!r}", "See `tweetathon user list`.")
        set_password(store, name, read_password(password_stdin), actor=cli_actor())
    err.print(f"password changed for [bold]{name}[/]")


@user_app.command("role")
def user_role(name: NameArg, role: Annotated[str, typer.Argument(help=f"One of {', '.join(ROLES)}.")],
              db: DbOption = None) -> None:
    """Give an account another role."""
    with account_errors(), open_store(db) as store:
        if not set_role(store, name, role, actor=cli_actor()):
            fail(f"no account {name!r}", "See `tweetathon user list`.")
    err.print(f"[bold]{name}[/] is now {role}")


@token_app.command("add")
def token_add(name: Annotated[str, typer.Argument(help="A name for the token (who or what uses it).")],
              role: RoleOption = "viewer", db: DbOption = None) -> None:
    """Create an API token and print it once: it is stored only as a hash and cannot be shown again."""
    with account_errors(), open_store(db) as store:
        token, text = add_token(store, name, role, actor=cli_actor())
    err.print(f"token [bold]{token.name}[/] ({token.role}); copy it now, it will not be shown again:")
    sys.stdout.write(text + "\n")


@token_app.command("list")
def token_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List API tokens (name, role, prefix, last use); never the tokens themselves."""
    with open_store(db) as store:
        found = list_tokens(store)
    if as_json:
        print_json([{"name": t.name, "role": t.role, "prefix": t.prefix, "active": t.active,
                     "created_at": t.created_at.isoformat(),
                     "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None} for t in found])
        return
    table = Table(title=f"{len(found)} token(s)")
    for column in ("name", "role", "prefix", "status", "created", "last used"):
        table.add_column(column)
    for t in found:
        table.add_row(t.name, t.role, f"tw_{t.prefix}_…", "active" if t.active else "revoked",
                      _when(t.created_at), _when(t.last_used_at))
    console.print(table)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="The token's name.")], db: DbOption = None) -> None:
    """Revoke an API token: requests carrying it are refused from now on."""
    with open_store(db) as store:
        if not revoke_token(store, name, actor=cli_actor()):
            fail(f"no active token {name!r}", "See `tweetathon token list`.")
    err.print(f"revoked token [bold]{name}[/]")


@app.command("audit")
def audit_cmd(
    event: Annotated[str | None, typer.Option("--event", "-e", help="Only actions on this event (slug).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only actions by this account.")] = None,
    action: Annotated[str | None, typer.Option("--action", help="Only this action (e.g. registration.approve), "
                                               "or a family ending in '.' (e.g. user.).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many entries.")] = 50,
    db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Show the audit log of organiser actions, newest first: who, what, when (your zone), before and after."""
    with open_store(db) as store:
        found = entries(store, event=event, actor=actor, action=action, limit=limit)
    if as_json:
        print_json([e.as_dict() for e in found])
        return
    _audit_table(found)


def _audit_table(found: list[AuditEntry]) -> None:
    table = Table(title=f"{len(found)} audit entr{'y' if len(found) == 1 else 'ies'}", show_lines=True)
    for column in ("when", "who", "action", "event", "target", "change"):
        table.add_column(column, overflow="fold")
    for e in found:
        table.add_row(_when(e.at), e.actor, e.action, e.event or "", e.target, _change(e))
    console.print(table)


def _fields(value: dict[str, object]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in value.items())


def _change(entry: AuditEntry) -> str:
    """The entry's before/after in a few words: the fields that changed, or what was created or removed."""
    before, after = entry.before, entry.after
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [k for k in after if before.get(k) != after.get(k)]
        return "; ".join(f"{k}: {before.get(k)!r} → {after.get(k)!r}" for k in keys)
    if before is None and isinstance(after, dict):
        return f"new: {_fields(after)}"
    if after is None and isinstance(before, dict):
        return f"was: {_fields(before)}"
    return "" if before is None and after is None else f"{before!r} → {after!r}"
