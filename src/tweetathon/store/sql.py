"""Driver-level SQL for the import hot path, written once and valid on SQLite and PostgreSQL.

Statements use `?` placeholders; `Dialect.q` turns them into `%s` for psycopg. Column lists come from the
schema, so the statements cannot drift from `schema.py`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tweetathon.store.schema import account_snapshots, accounts, deletions, posts

CHUNK = 400  # keys per IN (...) clause: well under SQLite's variable limit

# The sqlite storage format SQLAlchemy's DateTime uses, so rows written here read back through the schema.
SQLITE_TS = "%Y-%m-%d %H:%M:%S.%f"


class Dialect:
    """What differs between SQLite and PostgreSQL at the driver level: placeholders and timestamps."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sqlite = name == "sqlite"

    def q(self, statement: str) -> str:
        return statement if self.sqlite else statement.replace("?", "%s")

    def binary(self, column: str) -> str:
        """`column` compared by code point in ORDER BY, as Python compares strings (SQLite's default; on
        PostgreSQL the "C" collation, not the database's locale)."""
        return column if self.sqlite else f'{column} COLLATE "C"'

    def ts(self, value: datetime | None) -> Any:
        """A UTC timestamp as the driver stores it: naive text on SQLite, aware datetime on PostgreSQL."""
        if value is None:
            return None
        if self.sqlite:
            if value.tzinfo is not UTC:
                value = value.astimezone(UTC)
            text = value.replace(tzinfo=None).isoformat(" ")
            return text if value.microsecond else text + ".000000"
        return value


def _cols(table: Any, skip: tuple[str, ...] = ()) -> list[str]:
    return [c.name for c in table.c if c.name not in skip]


POST_COLUMNS = _cols(posts, ("id", "lang_detected", "deleted", "purged_at"))
_P = ", ".join(POST_COLUMNS)
INSERT_POST = (f"INSERT INTO posts ({_P}, deleted) VALUES ({', '.join('?' * len(POST_COLUMNS))}, FALSE) "
               "ON CONFLICT (platform, post_id) DO NOTHING")
UPDATE_POST = ("UPDATE posts SET " + ", ".join(f"{c} = ?" for c in POST_COLUMNS[2:])
               + " WHERE platform = ? AND post_id = ? AND purged_at IS NULL")  # a purged post stays purged


def existing_posts(n: int) -> str:
    return ("SELECT post_id, obs_hash, collected, observed_at FROM posts WHERE platform = ? AND post_id IN ("
            + ", ".join("?" * n) + ")")


INSERT_TAG = "INSERT INTO post_hashtags (platform, post_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
LINK_EVENT = "INSERT INTO event_posts (event_id, platform, post_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"

SNAPSHOT_COLUMNS = _cols(account_snapshots, ("id",))
INSERT_SNAPSHOT = (f"INSERT INTO account_snapshots ({', '.join(SNAPSHOT_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(SNAPSHOT_COLUMNS))}) "
                   "ON CONFLICT (platform, account_id, observed_at) DO NOTHING")

ACCOUNT_COLUMNS = _cols(accounts, ("deleted",))
UPSERT_ACCOUNT = (f"INSERT INTO accounts ({', '.join(ACCOUNT_COLUMNS)}, deleted) "
                  f"VALUES ({', '.join('?' * len(ACCOUNT_COLUMNS))}, FALSE) "
                  "ON CONFLICT (platform, account_id) DO UPDATE SET "
                  + ", ".join(f"{c} = excluded.{c}" for c in ACCOUNT_COLUMNS[2:])
                  + " WHERE accounts.observed_at <= excluded.observed_at")

INSERT_DELETION = (f"INSERT INTO deletions ({', '.join(_cols(deletions))}) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING")
ANY_DELETION = "SELECT 1 FROM deletions LIMIT 1"
DELETE_POST = "UPDATE posts SET deleted = TRUE WHERE platform = ? AND post_id = ?"
DELETE_POSTS_OF_ACCOUNT = "UPDATE posts SET deleted = TRUE WHERE platform = ? AND author_id = ?"
DELETE_ACCOUNT = "UPDATE accounts SET deleted = TRUE WHERE platform = ? AND account_id = ?"
DELETE_NEW_POST_IF_KNOWN = (
    "UPDATE posts SET deleted = TRUE WHERE platform = ? AND post_id = ? AND ("
    "EXISTS (SELECT 1 FROM deletions d WHERE d.platform = posts.platform AND d.target = 'post' "
    "AND d.target_id = posts.post_id) OR "
    "EXISTS (SELECT 1 FROM deletions d WHERE d.platform = posts.platform AND d.target = 'account' "
    "AND d.target_id = posts.author_id))")
