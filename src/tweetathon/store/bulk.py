"""Bulk writes of the import hot path: `executemany` on SQLite, COPY through a staging table on PostgreSQL.

On PostgreSQL, a statement run once per row costs the server a parse, plan and execution each (and the import
ran at a third of SQLite's speed). There the rows are COPYed (psycopg 3) into a temporary staging table of the
same column types, and one `INSERT ... SELECT ... ON CONFLICT` or `UPDATE ... FROM` applies them all, with the
same dedupe and update rules as the per-row statement, in the caller's transaction (so a batch stays atomic).
The staging table lives as long as the connection and is emptied after each use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tweetathon.store.sql import Bulk, Dialect


def write(cursor: Any, d: Dialect, bulk: Bulk, rows: Sequence[Sequence[Any]]) -> int:
    """Write `rows` as `bulk` says; the number of rows the write changed (-1 when the driver cannot tell)."""
    if not rows:
        return 0
    if d.sqlite:
        cursor.executemany(bulk.each, rows)
        return int(cursor.rowcount)
    cursor.execute(bulk.create_staging())
    with cursor.copy(bulk.copy()) as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(bulk.apply)
    changed = int(cursor.rowcount)
    cursor.execute(f"DELETE FROM {bulk.staging}")  # a second write in the same transaction starts empty
    return changed
