"""Logging in with throttling per account and per client address, on SQLite and PostgreSQL."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from tweetathon.auth.login import Throttle, authenticate
from tweetathon.auth.users import add_user
from tweetathon.store.store import Store

PASSWORD = "correct horse battery"
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
THROTTLE = Throttle(window=timedelta(minutes=15), account_limit=3, client_limit=5)


def test_the_right_password_logs_in_and_a_wrong_one_does_not(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    ok = authenticate(store, "ana", PASSWORD)
    assert ok.ok and ok.user is not None and ok.user.role == "organiser"
    bad = authenticate(store, "ana", PASSWORD.upper())
    assert bad.outcome == "invalid" and bad.user is None


def test_repeated_failures_lock_the_account_even_with_the_right_password(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    for minute in range(3):
        assert authenticate(store, "ana", "guess", client="10.0.0.9", throttle=THROTTLE,
                            now=T0 + timedelta(minutes=minute)).outcome == "invalid"
    locked = authenticate(store, "ana", PASSWORD, client="10.0.0.1", throttle=THROTTLE,
                          now=T0 + timedelta(minutes=5))
    assert locked.outcome == "locked" and locked.user is None
    assert locked.retry_at == T0 + timedelta(minutes=15)
    # once the first failure leaves the window, the right password works again
    later = authenticate(store, "ana", PASSWORD, client="10.0.0.1", throttle=THROTTLE,
                         now=T0 + timedelta(minutes=15, seconds=1))
    assert later.ok


def test_a_client_guessing_many_names_is_locked_out(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    for i in range(5):
        authenticate(store, f"name{i}", "guess", client="203.0.113.7", throttle=THROTTLE, now=T0)
    assert authenticate(store, "ana", PASSWORD, client="203.0.113.7", throttle=THROTTLE,
                        now=T0).outcome == "locked"
    assert authenticate(store, "ana", PASSWORD, client="198.51.100.2", throttle=THROTTLE, now=T0).ok


def test_an_unknown_name_locks_like_a_known_one(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    outcomes = {name: [authenticate(store, name, "guess", throttle=THROTTLE, now=T0).outcome for _ in range(4)]
                for name in ("ana", "nobody")}
    assert outcomes["ana"] == outcomes["nobody"] == ["invalid", "invalid", "invalid", "locked"]


def test_a_success_clears_the_accounts_failures(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "organiser", actor="t")
    for _ in range(2):
        authenticate(store, "ana", "typo", throttle=THROTTLE, now=T0)
    assert authenticate(store, "ana", PASSWORD, throttle=THROTTLE, now=T0).ok
    for _ in range(2):
        authenticate(store, "ana", "typo", throttle=THROTTLE, now=T0)
    assert authenticate(store, "ana", PASSWORD, throttle=THROTTLE, now=T0).ok


def _median_seconds(store: Store, name: str) -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        authenticate(store, name, "wrong password", throttle=Throttle(account_limit=100, client_limit=100))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_an_unknown_name_costs_a_full_password_check(sqlite_store: Store) -> None:
    """Not a speed target: an unknown name must not answer in a fraction of a real check's time (argon2id
    takes tens of milliseconds; a bare lookup takes well under one)."""
    add_user(sqlite_store, "ana", PASSWORD, "organiser", actor="t")
    known, unknown = _median_seconds(sqlite_store, "ana"), _median_seconds(sqlite_store, "nobody")
    assert unknown > known / 3
