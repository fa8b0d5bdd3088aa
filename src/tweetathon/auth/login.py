"""Logging in: check a name and password, with throttling per account and per client address.

API (stable):
    authenticate(store, name, password, *, client="", throttle=THROTTLE, now=None) -> LoginResult
    LoginResult: user (User | None), outcome ("ok" | "invalid" | "locked"), retry_at (aware UTC or None); ok
    Throttle(window=15 min, account_limit=5, client_limit=20)      THROTTLE is the default
    clear_failures(store, name) -> None                             (e.g. after an organiser resets a password)

Rules. A failed attempt is recorded under the account name (whether or not it exists) and under the client
address. While a name has `account_limit` failures, or an address `client_limit`, within the last `window`, every
attempt for it answers "locked" without checking the password (so guessing stops), until the oldest of those
failures leaves the window (`retry_at`). Attempts while locked are not counted, so an attacker cannot keep a real
user locked out for longer than one window. An unknown name is checked against a fixed argon2 hash, so it costs
as long as a wrong password, and it is recorded and locked like a known one: neither timing nor the lock tells
which names exist. A success clears the account's failures (not the address's).

Failures live in the store (table `login_failures`), so every worker process of the web app shares them; the
rows hold a SHA-256 of "account:NAME" / "client:ADDRESS", never the name or address, and are deleted once older
than the window.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select

from tweetathon.audit import record_in
from tweetathon.auth.passwords import needs_rehash, verify_password, waste_time
from tweetathon.auth.users import User, password_hash_of, rehash
from tweetathon.store.schema import login_failures
from tweetathon.store.store import Store


@dataclass(frozen=True, slots=True)
class Throttle:
    window: timedelta = timedelta(minutes=15)
    account_limit: int = 5
    client_limit: int = 20


THROTTLE = Throttle()


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: User | None
    outcome: str
    retry_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def _keys(name: str, client: str) -> list[tuple[str, str]]:
    """(key, kind) for the account and, when known, the client address."""
    keys = [(_key("account", name.casefold()), "account")]
    return [*keys, (_key("client", client), "client")] if client else keys


def _lock_end(conn: Connection, key: str, limit: int, throttle: Throttle, now: datetime) -> datetime | None:
    """When the lock on `key` ends, or None when it is not locked."""
    times = conn.execute(select(login_failures.c.at).where(
        login_failures.c.key == key, login_failures.c.at > now - throttle.window)
        .order_by(login_failures.c.at.desc()).limit(limit)).scalars().all()
    return times[-1] + throttle.window if len(times) >= limit else None


def _locked_until(store: Store, name: str, client: str, throttle: Throttle, now: datetime) -> datetime | None:
    limits = {"account": throttle.account_limit, "client": throttle.client_limit}
    with store.engine.connect() as conn:
        ends = [end for key, kind in _keys(name, client)
                if (end := _lock_end(conn, key, limits[kind], throttle, now)) is not None]
    return max(ends) if ends else None


def _record_failure(store: Store, name: str, client: str, throttle: Throttle, now: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.at <= now - throttle.window))
        conn.execute(insert(login_failures), [{"key": key, "at": now} for key, _ in _keys(name, client)])


def clear_failures(store: Store, name: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key == _key("account", name.casefold())))


def _check(store: Store, name: str, password: str) -> User | None:
    found = password_hash_of(store, name)
    if found is None:
        waste_time(password)
        return None
    user, stored = found
    if not verify_password(stored, password):
        return None
    if needs_rehash(stored):
        rehash(store, user.id, password)
    return user


def authenticate(store: Store, name: str, password: str, *, client: str = "", throttle: Throttle = THROTTLE,
                 now: datetime | None = None) -> LoginResult:
    """Check `name` and `password` (see the module docstring for the throttling rules)."""
    now = now or datetime.now(UTC)
    locked = _locked_until(store, name, client, throttle, now)
    if locked is not None:
        return LoginResult(None, "locked", locked)
    user = _check(store, name, password)
    if user is None:
        _record_failure(store, name, client, throttle, now)
        return LoginResult(None, "invalid")
    clear_failures(store, name)
    with store.engine.begin() as conn:
        record_in(conn, name, "user.login", f"user:{name}")
    return LoginResult(user, "ok")
