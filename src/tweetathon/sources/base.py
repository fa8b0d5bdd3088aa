"""What every source module shares: the raw record with its provenance, file readers, small parsers.

A source module (one per format or platform) provides:

    NAME: str                      # the --format name, e.g. "twarc2"
    DESCRIPTION: str               # one line for the supported-formats table
    def sniff(head: str, path: Path) -> bool          # does this decompressed head of a file look like us?
    def iter_records(path: Path, limits: Limits) -> Iterator[RawRecord | Reject]   # I/O: read, never map
    def map_record(raw: RawRecord) -> list[Record]    # pure: raw -> canonical Posts/Snapshots/Deletions/Rejects

Modules register themselves in `sources/registry.py`, in one list, in sniffing order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import orjson

from tweetathon.model import Reject
from tweetathon.sources.encoding import detect_encoding
from tweetathon.sources.reading import (
    DEFAULT_LIMITS,
    Counted,
    Limits,
    TooLong,
    iter_array_items,
    iter_lines,
    open_bytes,
    read_document,
    read_prefix,
)

HEAD_BYTES = 65536


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read, untouched, with where it came from. `line` is 1-based (or the item number)."""

    payload: Any
    file: str
    line: int
    format: str
    retrieved_at: datetime | None = None
    size: int = 0  # bytes as read (batches are cut by size as well as by count)


class TimeOutOfRange(ValueError):
    """A time value no calendar can hold (far past the year 9999, or before year 1)."""


class SourceError(Exception):
    """A whole file cannot be read as the format asked for (not one bad record: those are Rejects)."""


def read_head(path: Path, size: int = HEAD_BYTES, limits: Limits = DEFAULT_LIMITS) -> str:
    """The first `size` bytes of a file's decompressed content as text, in its detected encoding (for sniffing)."""
    prefix = read_prefix(path, size, limits)
    return prefix.decode(detect_encoding(prefix), "replace")


def first_json_value(head: str) -> Any:
    """Parse the first line of `head` as JSON, or None if it is not JSON. Used by sniffers."""
    for line in head.splitlines():
        if line.strip():
            try:
                return orjson.loads(line)
            except orjson.JSONDecodeError:
                return None
    return None


def json_shape(prefix: bytes) -> str:
    """How a JSON file is laid out, judged from its start: "array" (one or more top-level arrays), "document"
    (one pretty-printed object: its first line is a lone `{`), "lines" (JSON Lines, also of arrays), or "other"."""
    text = prefix.lstrip()
    if text[:1] == b"[":
        first, newline, rest = text.partition(b"\n")
        if newline and rest.strip() and _parses(first):
            return "lines"
        return "array"
    if text[:1] != b"{":
        return "other"
    return "document" if text.split(b"\n", 1)[0].strip() == b"{" and b"\n" in text else "lines"


def _parses(line: bytes) -> bool:
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True


def iter_json_values(path: Path, fmt: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    """Yield every JSON value of a file that is JSON Lines (also of arrays), one or more JSON arrays, or one
    (pretty-printed) JSON document, reading it in bounded memory (see `sources/reading.py`).

    A line that does not parse, or any record over the record limit, becomes a Reject naming the file and line;
    the rest still import. Items of a top-level array are numbered from 1 as their `line`. Blank lines are skipped.
    """
    shape = json_shape(read_prefix(path, HEAD_BYTES, limits))
    with open_bytes(path, limits) as fh:
        if shape == "array":
            yield from _array_values(fh, str(path), fmt, limits)
        elif shape == "document":
            yield from _document_value(fh, str(path), fmt, limits)
        else:
            yield from _line_values(fh, str(path), fmt, limits)


def _line_values(fh: Counted, name: str, fmt: str, limits: Limits) -> Iterator[RawRecord | Reject]:
    for number, line in iter_lines(fh, limits):
        if isinstance(line, TooLong):
            yield Reject(name, number, "record too long", line.detail(limits))
        elif line.strip():
            yield _parsed(line, name, number, fmt)


def _parsed(data: bytes, name: str, number: int, fmt: str) -> RawRecord | Reject:
    """One record's bytes as a RawRecord, or a Reject saying why they are not JSON."""
    try:
        return RawRecord(orjson.loads(data), name, number, fmt, size=len(data))
    except orjson.JSONDecodeError as exc:
        try:  # invalid UTF-8 inside strings: read the bytes as far as they go, as a text reader would
            return RawRecord(orjson.loads(data.decode("utf-8", "replace")), name, number, fmt, size=len(data))
        except orjson.JSONDecodeError:
            return Reject(name, number, "invalid JSON", str(exc), data[:2000].decode("utf-8", "replace"))


def _array_values(fh: Counted, name: str, fmt: str, limits: Limits) -> Iterator[RawRecord | Reject]:
    number = 0
    try:
        for number, item in enumerate(iter_array_items(fh, limits), start=1):
            if isinstance(item, TooLong):
                yield Reject(name, number, "record too long", item.detail(limits))
            else:
                yield _parsed(item, name, number, fmt)
    except ValueError as exc:
        yield Reject(name, None, "invalid JSON", f"after item {number}: {exc}")


def _document_value(fh: Counted, name: str, fmt: str, limits: Limits) -> Iterator[RawRecord | Reject]:
    data = read_document(fh, limits)
    if isinstance(data, TooLong):
        yield Reject(name, 1, "record too long", data.detail(limits))
        return
    try:
        yield RawRecord(orjson.loads(data), name, 1, fmt, size=len(data))
    except orjson.JSONDecodeError as exc:
        yield Reject(name, None, "invalid JSON", f"{exc}; expected JSON Lines or one JSON document")


def parse_time(value: Any) -> datetime | None:
    """Parse the time formats the platforms write, always returning aware UTC (naive input is taken as UTC).

    Accepts ISO 8601 (with `Z`, an offset or no zone), X v1.1 `Wed Oct 10 20:19:24 +0000 2018`, RFC 2822,
    and epoch seconds or milliseconds. Returns None for None/''/'NA'. Raises ValueError for anything else,
    including times no calendar can hold (`"99999999999999999999"`).
    """
    try:
        return _parse_time(value)
    except (OverflowError, OSError) as exc:
        raise TimeOutOfRange(f"time {str(value)[:40]!r} is out of any possible range") from exc


def _parse_time(value: Any) -> datetime | None:
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
        return _parse_time(int(text))
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
