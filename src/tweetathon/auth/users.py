"""Local console accounts: a name, an argon2id password hash and one role.

API (stable):
    ROLES = ("viewer", "editor", "organiser")        lowest to highest; each role can do what the lower ones can
    User: id, name, role, created_at, password_changed_at      (no hash: it never leaves this module)
    has_role(principal, role) -> bool                 principal: a User, a Token (anything with .role) or None
    add_user(store, name, password, role, *, actor) -> User       raises AccountError (bad name/role/password, taken)
    get_user(store, name) -> User | None
    list_users(store) -> list[User]
    remove_user(store, name, *, actor) -> bool       AccountError when it is the last organiser
    set_password(store, name, password, *, actor) -> bool
    set_role(store, name, role, *, actor) -> bool    AccountError when it would demote the last organiser
    check_password_rules(password) -> str             raises AccountError when too short or too long
Every change writes an audit entry (`user.add`, `user.remove`, `user.passwd`, `user.role`); passwords and
hashes never appear in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from tweetathon.audit import record_in
from tweetathon.auth.passwords import hash_password
from tweetathon.store.schema import users
from tweetathon.store.store import Store

ROLES: tuple[str, ...] = ("viewer", "editor", "organiser")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")


class AccountError(ValueError):
    """A user error about an account or token: `message` what is wrong, `hint` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class HasRole(Protocol):
    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    created_at: datetime
    password_changed_at: datetime


def has_role(principal: HasRole | None, role: str) -> bool:
    """True when `principal` holds `role` or a higher one (organiser > editor > viewer)."""
    if principal is None or principal.role not in ROLES:
        return False
    return ROLES.index(principal.role) >= ROLES.index(check_role(role))


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}", f"Use one of {', '.join(ROLES)}.")
    return role


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise AccountError(f"bad account name {name!r}",
                           "Use 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit.")
    return name


def check_password_rules(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password too short ({len(password)} characters)",
                           f"Use at least {MIN_PASSWORD} characters; a few random words work well.")
    if len(password) > MAX_PASSWORD:
        raise AccountError("password too long", f"Use at most {MAX_PASSWORD} characters.")
    return password


def user_from_row(row: RowMapping) -> User:
    return User(row["id"], row["name"], row["role"], row["created_at"], row["password_changed_at"])


def _public(user: User) -> dict[str, str]:
    return {"name": user.name, "role": user.role}


def add_user(store: Store, name: str, password: str, role: str, *, actor: str) -> User:
    """Create an account; AccountError when the name, role or password is not acceptable or the name is taken."""
    check_name(name)
    check_role(role)
    check_password_rules(password)
    now = datetime.now(UTC)
    try:
        with store.engine.begin() as conn:
            new_id = conn.execute(insert(users).values(
                name=name, password_hash=hash_password(password), role=role, created_at=now,
                password_changed_at=now)).inserted_primary_key[0]  # type: ignore[index]
            user = User(int(new_id), name, role, now, now)
            record_in(conn, actor, "user.add", f"user:{name}", None, _public(user))
    except IntegrityError:
        raise AccountError(f"account {name!r} already exists",
                           "Pick another name, or change its password with `tweetathon user passwd`.") from None
    return user


def get_user(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    return None if row is None else user_from_row(row)


def password_hash_of(store: Store, name: str) -> tuple[User, str] | None:
    """The account and its stored hash (for `auth.login` only)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    return None if row is None else (user_from_row(row), str(row["password_hash"]))


def list_users(store: Store) -> list[User]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.name)).mappings().all()
    return [user_from_row(r) for r in rows]


def _keep_an_organiser(store: Store, user: User, new_role: str | None) -> None:
    """Refuse to remove or demote the last organiser: nobody could run the console any more."""
    if user.role != "organiser" or new_role == "organiser":
        return
    if not any(u.role == "organiser" and u.id != user.id for u in list_users(store)):
        raise AccountError(f"{user.name} is the last organiser",
                           "Give another account the organiser role first (`tweetathon user role NAME organiser`).")


def remove_user(store: Store, name: str, *, actor: str) -> bool:
    """Delete an account; False when there is none; AccountError for the last organiser."""
    user = get_user(store, name)
    if user is None:
        return False
    _keep_an_organiser(store, user, None)
    with store.engine.begin() as conn:
        conn.execute(delete(users).where(users.c.id == user.id))
        record_in(conn, actor, "user.remove", f"user:{name}", _public(user), None)
    return True


def set_password(store: Store, name: str, password: str, *, actor: str) -> bool:
    check_password_rules(password)
    with store.engine.begin() as conn:
        done = conn.execute(update(users).where(users.c.name == name).values(
            password_hash=hash_password(password), password_changed_at=datetime.now(UTC))).rowcount
        if done:
            record_in(conn, actor, "user.passwd", f"user:{name}")
    return bool(done)


def set_role(store: Store, name: str, role: str, *, actor: str) -> bool:
    """Change an account's role; False when there is none; AccountError for the last organiser."""
    user = get_user(store, name)
    if user is None:
        return False
    _keep_an_organiser(store, user, check_role(role))
    with store.engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user.id).values(role=check_role(role)))
        record_in(conn, actor, "user.role", f"user:{name}", _public(user), {"name": name, "role": role})
    return True


def rehash(store: Store, user_id: int, password: str) -> None:
    """Store a fresh hash after a login whose hash used older parameters (no audit entry: nothing changed)."""
    with store.engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user_id).values(password_hash=hash_password(password)))
