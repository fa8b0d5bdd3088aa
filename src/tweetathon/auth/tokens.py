"""API tokens for the JSON API: shown once when created, stored only as a SHA-256 hash, found by a prefix.

API (stable):
    add_token(store, name, role="viewer", *, actor) -> tuple[Token, str]     the str is the token, shown once
    verify_token(store, token) -> Token | None          None for an unknown, malformed, wrong or revoked token
    list_tokens(store) -> list[Token]
    revoke_token(store, name, *, actor) -> bool
    Token: id, name, role, prefix, created_at, last_used_at, revoked_at; active; works with users.has_role

A token looks like `tw_<prefix>_<secret>`: the 8-character prefix (stored in clear, unique) finds the row, and
the whole token's SHA-256 is compared in constant time. A plain hash is enough here (unlike passwords) because
the secret is 256 random bits: nothing to guess. Clients send it as `Authorization: Bearer tw_...`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import RowMapping, insert, select, update
from sqlalchemy.exc import IntegrityError

from tweetathon.audit import record_in
from tweetathon.auth.users import AccountError, check_name, check_role
from tweetathon.store.schema import api_tokens
from tweetathon.store.store import Store

_TOKEN = re.compile(r"^tw_(?P<prefix>[A-Za-z0-9]{8})_(?P<secret>[A-Za-z0-9_-]{43})$")
_PREFIX_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LAST_USED_EVERY = timedelta(minutes=1)  # write last_used_at at most this often per token


@dataclass(frozen=True, slots=True)
class Token:
    id: int
    name: str
    role: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _from_row(row: RowMapping) -> Token:
    return Token(row["id"], row["name"], row["role"], row["prefix"], row["created_at"], row["last_used_at"],
                 row["revoked_at"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(8))
    return prefix, f"tw_{prefix}_{secrets.token_urlsafe(32)}"


def add_token(store: Store, name: str, role: str = "viewer", *, actor: str) -> tuple[Token, str]:
    """A new token called `name` with `role`; returns it with its clear text (never stored, shown once)."""
    check_name(name)
    check_role(role)
    prefix, token = _new_token()
    now = datetime.now(UTC)
    try:
        with store.engine.begin() as conn:
            new_id = conn.execute(insert(api_tokens).values(
                name=name, prefix=prefix, token_hash=_digest(token), role=role, created_at=now
            )).inserted_primary_key[0]  # type: ignore[index]
            record_in(conn, actor, "token.add", f"token:{name}", None, {"name": name, "role": role,
                                                                         "prefix": prefix})
    except IntegrityError:
        raise AccountError(f"a token called {name!r} already exists",
                           "Pick another name, or revoke it first with `tweetathon token revoke`.") from None
    return Token(int(new_id), name, role, prefix, now, None, None), token


def verify_token(store: Store, token: str) -> Token | None:
    """The active token `token` is, or None. Notes when it was last used (at most once a minute)."""
    match = _TOKEN.match(token.strip())
    if not match:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(api_tokens).where(api_tokens.c.prefix == match["prefix"])).mappings().first()
    if row is None or not hmac.compare_digest(row["token_hash"], _digest(token.strip())):
        return None
    found = _from_row(row)
    if not found.active:
        return None
    return _touch(store, found)


def _touch(store: Store, token: Token) -> Token:
    now = datetime.now(UTC)
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
        return token
    with store.engine.begin() as conn:
        conn.execute(update(api_tokens).where(api_tokens.c.id == token.id).values(last_used_at=now))
    return Token(token.id, token.name, token.role, token.prefix, token.created_at, now, None)


def list_tokens(store: Store) -> list[Token]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_tokens).order_by(api_tokens.c.name)).mappings().all()
    return [_from_row(r) for r in rows]


def revoke_token(store: Store, name: str, *, actor: str) -> bool:
    """Revoke the active token `name`; False when there is none."""
    with store.engine.begin() as conn:
        done = conn.execute(update(api_tokens).where(
            api_tokens.c.name == name, api_tokens.c.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
        ).rowcount
        if done:
            record_in(conn, actor, "token.revoke", f"token:{name}", {"name": name, "active": True},
                      {"name": name, "active": False})
    return bool(done)
