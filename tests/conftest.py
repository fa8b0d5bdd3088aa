"""Shared test fixtures: a store on SQLite and on PostgreSQL, the shared real-data fixtures, the CLI runner.

PostgreSQL: every test session gets its own throw-away database on the server at 127.0.0.1:5432 (trust auth),
so parallel runs never see each other's rows. Under CI=true a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from tweetathon.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(os.environ.get("TWEETATHON_FIXTURES", ROOT.parent / "shared" / "fixtures"))
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN = os.environ.get("TWEETATHON_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


def require_fixtures(*parts: str) -> Path:
    """The path of a shared fixture; skip when the folder is absent (a user's clone), fail under CI."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"shared fixtures missing under CI: {path}")
        pytest.skip(f"shared fixtures not present ({FIXTURES})")
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    name = f"tweetathon_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL is not reachable under CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    yield f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reset_pg(url: str) -> None:
    """Empty every table (keeping the migrated schema) so each test starts from nothing."""
    from sqlalchemy import text

    from tweetathon.store.schema import metadata

    store = Store.open(url)
    with store.engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty store: a SQLite file, and (second run of each test) PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tweetathon.db'}"
    url: str = request.getfixturevalue("pg_url")
    _reset_pg(url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A store on SQLite only, for tests about files rather than backends."""
    s = Store.open(f"sqlite:///{tmp_path / 'tweetathon.db'}")
    yield s
    s.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test is a failure: CI has every fixture, server and package."""
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) were skipped; nothing may be skipped in CI", red=True)
        session.exitstatus = 1


@pytest.fixture
def smtp() -> Iterator[Any]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 keeping the messages it receives (see tests/smtp.py)."""
    from tests.smtp import SmtpServer

    with SmtpServer() as server:
        yield server
