"""Copying a whole store from one database to another (SQLite to PostgreSQL or back): `tweetathon store copy`.

Every table of `schema.metadata` is copied, parents before children (`metadata.sorted_tables`), so a table added
to the schema is copied without a change here. The target is migrated to the same schema first.

Resumable: rows go over in chunks ordered by primary key; each chunk is inserted in one transaction of the target
together with the progress record (`store_copy_progress`: table, last key copied, rows copied), so a copy killed
at any point restarts exactly after the last chunk that was committed. The progress table is dropped once the
copy is verified. A target that holds rows and no progress record of this same source is refused.

Verified: row counts and an order-independent checksum per table (`checksum`: the sum, modulo 2**128, of a hash
of each row's canonical values) computed on both sides after the copy. The source must not change meanwhile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    tuple_,
)

from tweetathon.store.schema import UTCDateTime, metadata

CHUNK_ROWS = 1000
_MODULUS = 2**128
_progress_metadata = MetaData()
progress = Table(
    "store_copy_progress",
    _progress_metadata,
    Column("source", Text, nullable=False),
    Column("table_name", String(128), primary_key=True),
    Column("last_key", Text),  # JSON list of the last primary key copied; NULL: none yet
    Column("rows", Integer, nullable=False, default=0),
    Column("done", Integer, nullable=False, default=0),
)

Progress = Callable[[str, int], None]  # (table, rows just copied)


class CopyError(Exception):
    """A copy that cannot start or did not verify: the message says what to do."""


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One table's rows and checksum on both sides."""

    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


def tables() -> list[Table]:
    """Every table of the store, parents before children."""
    return list(metadata.sorted_tables)


def _key_columns(table: Table) -> list[Column[Any]]:
    key = list(table.primary_key.columns)
    if not key:
        raise CopyError(f"table {table.name} has no primary key: it cannot be copied in resumable chunks")
    return key


def canonical(value: Any) -> Any:
    """A value as both databases give it back, in one form: aware times in ISO (UTC), bytes in hex."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return "bytes:" + value.hex()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def row_digest(values: Sequence[Any]) -> int:
    """A 128-bit hash of one row's canonical values (column order of the schema)."""
    encoded = orjson.dumps([canonical(v) for v in values])
    return int.from_bytes(hashlib.blake2b(encoded, digest_size=16).digest(), "big")


def checksum(conn: Connection, table: Table) -> tuple[int, str]:
    """(rows, checksum) of a table: order-independent, so the two databases may return rows in any order."""
    total, rows = 0, 0
    for row in conn.execution_options(yield_per=CHUNK_ROWS).execute(select(*table.columns)):
        total = (total + row_digest(tuple(row))) % _MODULUS
        rows += 1
    return rows, f"{total:032x}"


def _rows_of(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _progress_rows(conn: Connection) -> dict[str, Any]:
    if not inspect(conn).has_table(progress.name):
        return {}
    return {r.table_name: r for r in conn.execute(select(progress))}


def prepare_target(target: Engine, source_name: str) -> dict[str, Any]:
    """The progress of an earlier copy of `source_name` into `target`, or a fresh start; refuses a target that
    holds rows without a progress record of this very source."""
    with target.begin() as conn:
        found = _progress_rows(conn)
        sources = {r.source for r in found.values()}
        if sources and sources != {source_name}:
            raise CopyError(f"the target holds an unfinished copy of another store ({', '.join(sorted(sources))}): "
                            "rerun that copy to finish it, or copy into a new, empty database")
        if not found:
            filled = [t.name for t in tables() if _rows_of(conn, t)]
            if filled:
                raise CopyError(f"the target is not empty (rows in {', '.join(filled[:5])}): copy into a new, "
                                "empty database, or empty this one first")
            _progress_metadata.create_all(conn)
            conn.execute(insert(progress), [{"source": source_name, "table_name": t.name, "rows": 0, "done": 0}
                                            for t in tables()])
            found = _progress_rows(conn)
    return found


def _chunks(source: Engine, table: Table, last_key: list[Any] | None, size: int) -> Iterator[list[Any]]:
    """The source's rows after `last_key`, in primary-key order, `size` at a time."""
    key = _key_columns(table)
    while True:
        query = select(*table.columns).order_by(*key).limit(size)
        if last_key is not None:
            query = query.where(tuple_(*key) > tuple_(*last_key) if len(key) > 1 else key[0] > last_key[0])
        with source.connect() as conn:
            rows = [tuple(r) for r in conn.execute(query)]
        if not rows:
            return
        yield rows
        names = [c.name for c in table.columns]
        last_key = [rows[-1][names.index(c.name)] for c in key]
        if len(rows) < size:
            return


def _key_json(table: Table, row: Sequence[Any]) -> str:
    names = [c.name for c in table.columns]
    return orjson.dumps([canonical(row[names.index(c.name)]) for c in _key_columns(table)]).decode()


def _last_key(table: Table, stored: str | None) -> list[Any] | None:
    """The stored last key back in the column types (times were kept in ISO form, bytes in hex)."""
    if stored is None:
        return None
    values = orjson.loads(stored)
    return [_from_canonical(c, v) for c, v in zip(_key_columns(table), values, strict=True)]


def _from_canonical(column: Column[Any], value: Any) -> Any:
    if isinstance(column.type, UTCDateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(value, str) and value.startswith("bytes:") and isinstance(column.type, LargeBinary):
        return bytes.fromhex(value[6:])
    return value


def copy_table(source: Engine, target: Engine, table: Table, state: Any, on_rows: Progress,
               size: int = CHUNK_ROWS) -> None:
    """Copy one table's remaining rows; each chunk and its progress record are one transaction."""
    if state.done:
        return
    names = [c.name for c in table.columns]
    rows_done = int(state.rows)
    for rows in _chunks(source, table, _last_key(table, state.last_key), size):
        rows_done += len(rows)
        with target.begin() as conn:
            conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
            conn.execute(progress.update().where(progress.c.table_name == table.name)
                         .values(last_key=_key_json(table, rows[-1]), rows=rows_done))
        on_rows(table.name, len(rows))
    with target.begin() as conn:
        conn.execute(progress.update().where(progress.c.table_name == table.name).values(done=1))


def reset_sequences(target: Engine) -> None:
    """PostgreSQL: move each id sequence past the copied ids, so new rows get fresh ones."""
    if target.dialect.name != "postgresql":
        return
    with target.begin() as conn:
        for table in tables():
            for column in table.primary_key.columns:
                if column.autoincrement is True or (column.autoincrement == "auto" and isinstance(
                        column.type, Integer) and len(table.primary_key.columns) == 1 and not column.foreign_keys):
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"))


def verify(source: Engine, target: Engine) -> list[TableCheck]:
    """Row counts and checksums of every table on both sides."""
    checks = []
    with source.connect() as src, target.connect() as dst:
        for table in tables():
            (a_rows, a_sum), (b_rows, b_sum) = checksum(src, table), checksum(dst, table)
            checks.append(TableCheck(table.name, a_rows, b_rows, a_sum, b_sum))
    return checks


def finish(target: Engine) -> None:
    """Drop the progress record: the copy is complete and verified."""
    with target.begin() as conn:
        conn.execute(delete(progress))
        _progress_metadata.drop_all(conn)


def source_rows(source: Engine) -> dict[str, int]:
    """Rows per table of the source (the progress bar's total)."""
    with source.connect() as conn:
        return {t.name: _rows_of(conn, t) for t in tables()}
