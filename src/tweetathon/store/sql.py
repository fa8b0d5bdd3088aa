"""Driver-level SQL for the import hot path, written once and valid on SQLite and PostgreSQL.

Statements use `?` placeholders; `Dialect.q` turns them into `%s` for psycopg. Column lists come from the
schema, so the statements cannot drift from `schema.py`. The bulk writes (`Bulk`) also carry their PostgreSQL
form, which applies rows COPYed into a staging table in one statement (see `store/bulk.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Bulk:
    """One kind of bulk write: rows of `columns`; `each` (with `?` placeholders) runs once per row on SQLite;
    on PostgreSQL the rows go to the temporary table `staging` (typed like those columns of `source`), and
    `apply` (which reads `staging`) writes them all at once."""

    staging: str
    source: str
    columns: tuple[str, ...]
    each: str
    apply: str

    def create_staging(self) -> str:
        cols = ", ".join(self.columns)
        return (f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.staging} ON COMMIT DELETE ROWS AS "
                f"SELECT {cols} FROM {self.source} WITH NO DATA")

    def copy(self) -> str:
        return f"COPY {self.staging} ({', '.join(self.columns)}) FROM STDIN"


def _cols(table: Any, skip: tuple[str, ...] = ()) -> list[str]:
    return [c.name for c in table.c if c.name not in skip]


POST_COLUMNS = _cols(posts, ("id", "lang_detected", "deleted", "purged_at"))
_P = ", ".join(POST_COLUMNS)
INSERT_POST = Bulk(
    "staging_post_inserts", "posts", tuple(POST_COLUMNS),
    f"INSERT INTO posts ({_P}, deleted) VALUES ({', '.join('?' * len(POST_COLUMNS))}, FALSE) "
    "ON CONFLICT (platform, post_id) DO NOTHING",
    f"INSERT INTO posts ({_P}, deleted) SELECT {_P}, FALSE FROM staging_post_inserts "
    "ON CONFLICT (platform, post_id) DO NOTHING")
UPDATE_POST = Bulk(  # rows: every column but the key, then the key (platform, post_id)
    "staging_post_updates", "posts", (*POST_COLUMNS[2:], *POST_COLUMNS[:2]),
    "UPDATE posts SET " + ", ".join(f"{c} = ?" for c in POST_COLUMNS[2:])
    + " WHERE platform = ? AND post_id = ? AND purged_at IS NULL",  # a purged post stays purged
    "UPDATE posts SET " + ", ".join(f"{c} = s.{c}" for c in POST_COLUMNS[2:])
    + " FROM staging_post_updates s WHERE posts.platform = s.platform AND posts.post_id = s.post_id"
    " AND posts.purged_at IS NULL")


def existing_posts(n: int) -> str:
    return ("SELECT post_id, obs_hash, collected, observed_at FROM posts WHERE platform = ? AND post_id IN ("
            + ", ".join("?" * n) + ")")


# PostgreSQL: every id of a batch as one array, joined so the planner probes the (platform, post_id) index once per
# id whatever its statistics say (with IN (...), a generic plan on a growing table scanned a whole platform).
EXISTING_POSTS_PG = ("SELECT p.post_id, p.obs_hash, p.collected, p.observed_at FROM unnest(%s::text[]) AS k(post_id) "
                     "JOIN posts p ON p.platform = %s AND p.post_id = k.post_id")


def _insert_ignoring(table: str, columns: Sequence[str], conflict: str = "") -> Bulk:
    """INSERT of `columns` into `table`, a row whose key is already there left as it is."""
    cols, staging, keep = ", ".join(columns), f"staging_{table}", f"ON CONFLICT {conflict}DO NOTHING"
    return Bulk(staging, table, tuple(columns),
                f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))}) {keep}",
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {staging} {keep}")


INSERT_TAG = _insert_ignoring("post_hashtags", ("platform", "post_id", "tag"))
LINK_EVENT = _insert_ignoring("event_posts", ("event_id", "platform", "post_id"))

SNAPSHOT_COLUMNS = _cols(account_snapshots, ("id",))
INSERT_SNAPSHOT = _insert_ignoring("account_snapshots", SNAPSHOT_COLUMNS, "(platform, account_id, observed_at) ")

ACCOUNT_COLUMNS = _cols(accounts, ("deleted",))
_A = ", ".join(ACCOUNT_COLUMNS)
_NEWER_ACCOUNT = ("ON CONFLICT (platform, account_id) DO UPDATE SET "
                  + ", ".join(f"{c} = excluded.{c}" for c in ACCOUNT_COLUMNS[2:])
                  + " WHERE accounts.observed_at <= excluded.observed_at")
UPSERT_ACCOUNT = Bulk(  # rows: one per account (two rows of one account in a statement are an error)
    "staging_accounts", "accounts", tuple(ACCOUNT_COLUMNS),
    f"INSERT INTO accounts ({_A}, deleted) VALUES ({', '.join('?' * len(ACCOUNT_COLUMNS))}, FALSE) "
    + _NEWER_ACCOUNT,
    f"INSERT INTO accounts ({_A}, deleted) SELECT {_A}, FALSE FROM staging_accounts " + _NEWER_ACCOUNT)

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
