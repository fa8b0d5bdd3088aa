"""What every source module shares: the raw record with its provenance, file readers, small parsers.

A source module (one per format or platform) provides:

    NAME: str                      # the --format name, e.g. "twarc2"
    DESCRIPTION: str               # one line for the supported-formats table
    def sniff(head: str, path: Path) -> bool          # does this decompressed head of a file look like us?
    def iter_records(path: Path) -> Iterator[RawRecord | Reject]   # I/O: read, never map
    def map_record(raw: RawRecord) -> list[Record]    # pure: raw -> canonical Posts/Snapshots/Deletions/Rejects

Modules register themselves in `sources/registry.py`, in one list, in sniffing order.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

import orjson

from tweetathon.model import Reject

HEAD_BYTES = 65536


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read, untouched, with where it came from. `line` is 1-based (or the item number)."""

    payload: Any
    file: str
    line: int
    format: str
    retrieved_at: datetime | None = None


class SourceError(Exception):
    """A whole file cannot be read as the format asked for (not one bad record: those are Rejects)."""


def open_text(path: Path) -> IO[str]:
    """Open a file as UTF-8 text, transparently decompressing gzip and bzip2 (sniffed by magic bytes)."""
    with path.open("rb") as fh:
        magic = fh.read(3)
    if magic[:2] == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace", newline="")
    if magic == b"BZh":
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8", errors="replace", newline="")
    return path.open("r", encoding="utf-8-sig", errors="replace", newline="")


def read_head(path: Path, size: int = HEAD_BYTES) -> str:
    """The first `size` characters of a file's decompressed text (for sniffing)."""
    with open_text(path) as fh:
        return fh.read(size)


def first_json_value(head: str) -> Any:
    """Parse the first line of `head` as JSON, or None if it is not JSON. Used by sniffers."""
    for line in head.splitlines():
        if line.strip():
            try:
                return orjson.loads(line)
            except orjson.JSONDecodeError:
                return None
    return None


def iter_json_values(path: Path, fmt: str) -> Iterator[RawRecord | Reject]:
    """Yield every JSON value in a file that is JSONL, one JSON array, or one (pretty-printed) JSON object.

    JSONL lines that do not parse become Rejects naming the file and line; the rest still import.
    Elements of a top-level array are numbered from 1 as their `line`. Blank lines are skipped.
    """
    name = str(path)
    with open_text(path) as fh:
        first = _peek_nonspace(fh)
        if first == "":
            return
        if first == "[":
            yield from _array_values(fh.read(), name, fmt)
            return
        lines = fh.readlines()
    if len(lines) > 1 and _looks_pretty(lines):
        try:
            value = orjson.loads("".join(lines))
        except orjson.JSONDecodeError as exc:
            yield Reject(name, None, "invalid JSON", f"{exc}; expected JSON Lines or one JSON document")
            return
        yield RawRecord(value, name, 1, fmt)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield RawRecord(orjson.loads(line), name, number, fmt)
        except orjson.JSONDecodeError as exc:
            yield Reject(name, number, "invalid JSON", str(exc), line[:2000])


def _peek_nonspace(fh: IO[str]) -> str:
    """Return the first non-whitespace character and rewind, so the whole text can still be read."""
    start = fh.tell() if fh.seekable() else None
    chunk = fh.read(4096)
    while chunk and not chunk.strip():
        chunk = fh.read(4096)
    if start is not None:
        fh.seek(start)
    return chunk.strip()[:1]


def _looks_pretty(lines: list[str]) -> bool:
    """A pretty-printed single document starts with a line that is only '{'."""
    for line in lines:
        if line.strip():
            return line.strip() == "{"
    return False


def _array_values(text: str, name: str, fmt: str) -> Iterator[RawRecord | Reject]:
    try:
        values = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if first_json_value(text) is not None:  # JSON Lines whose lines are arrays (a page of results per line)
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        yield RawRecord(orjson.loads(line), name, number, fmt)
                    except orjson.JSONDecodeError as line_exc:
                        yield Reject(name, number, "invalid JSON", str(line_exc), line[:2000])
            return
        yield Reject(name, None, "invalid JSON", f"{exc}; the file starts like a JSON array but does not parse")
        return
    for index, value in enumerate(values, start=1):
        yield RawRecord(value, name, index, fmt)


def iter_csv_rows(path: Path, fmt: str) -> Iterator[RawRecord | Reject]:
    """Yield each CSV row as a dict (header -> value); `line` is the row's first physical line number."""
    name = str(path)
    with open_text(path) as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            line = reader.line_num
            if None in row:
                yield Reject(name, line, "too many fields", "row has more fields than the header")
                continue
            yield RawRecord(row, name, line, fmt)


def parse_time(value: Any) -> datetime | None:
    """Parse the time formats the platforms write, always returning aware UTC (naive input is taken as UTC).

    Accepts ISO 8601 (with `Z`, an offset or no zone), X v1.1 `Wed Oct 10 20:19:24 +0000 2018`, RFC 2822,
    and epoch seconds or milliseconds. Returns None for None/''/'NA'. Raises ValueError for anything else.
    """
    if value is None or value == "" or value == "NA":
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = str(value).strip()
    if text[-1:] == "Z" and text[4:5] == "-":
        try:  # the common case (X API v2, Mastodon, Bluesky): C-speed ISO 8601 with 'Z'
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    if _V11_TIME.match(text):
        parsed = datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
    elif text[:4].isdigit() and len(text) >= 10 and text[4] == "-":
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    elif text.isdigit():
        return parse_time(int(text))
    else:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"unrecognised time {text!r}") from exc
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


_V11_TIME = re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}$")


def as_int(value: Any) -> int | None:
    """An int from an int or a numeric string; None for missing, 'NA' or garbage (unknown is not zero)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def id_str(value: Any) -> str | None:
    """A platform id as a string. Floats are refused: they have already lost precision."""
    if value is None or value == "" or value == "NA":
        return None
    if isinstance(value, float):
        raise ValueError(f"id {value!r} arrived as a float and has lost precision; use the *_str field")
    return str(value)
