"""Which database, and how to connect: SQLite (WAL) by default, PostgreSQL through a URL. Migrations on open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DB = "tweetathon.db"
ENV_VAR = "TWEETATHON_DB"
MIGRATIONS = Path(__file__).parent / "migrations"

if TYPE_CHECKING:
    from alembic.config import Config


def resolve_url(db: str | None = None) -> str:
    """`--db` wins, then $TWEETATHON_DB, then ./tweetathon.db. A bare path means a SQLite file."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


SUPPORTED = ("a SQLite file path (tweetathon.db)", "sqlite:///path/to/file.db",
             "postgresql+psycopg://user@host:5432/database")


class UnsupportedDatabase(ValueError):
    """A database URL tweetathon cannot use; the message lists what it can."""


def check_url(url: str) -> URL:
    """`url` parsed, or UnsupportedDatabase naming what is supported (SQLite, PostgreSQL through psycopg 3)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UnsupportedDatabase(f"{url!r} is not a database URL ({exc})") from exc
    if parsed.drivername in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        return parsed
    if parsed.get_backend_name() == "postgresql":
        raise UnsupportedDatabase(f"{parsed.drivername}:// needs a driver tweetathon does not install; "
                                  "write postgresql+psycopg:// (psycopg 3)")
    raise UnsupportedDatabase(f"{parsed.drivername!r} databases are not supported")


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    parsed = check_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (idempotent; a no-op when it already is). Alembic is imported only when
    the database is not at the head revision already, which keeps every command's start-up fast."""
    if _at_head(engine):
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def _head_revision() -> str:
    """The newest migration's revision id, read from the file names (NNNN_what.py), without Alembic."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _at_head(engine: Engine) -> bool:
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return current == [_head_revision()]
