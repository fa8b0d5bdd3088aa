"""Reading CSV files row by row for the CSV importers, where a bad row never stops the file.

The encoding (UTF-8 with or without BOM, UTF-16, Windows-1252/Latin-1) and the delimiter (comma, semicolon,
tab) are detected as spreadsheets write them. Each row comes out as a dict (header -> value) with the number of
its *first* physical line (a quoted field may span several lines), so a reject names the line a user sees in an
editor. Rows with more or fewer fields than the header, and rows the csv module cannot parse, become Rejects;
reading goes on with the next row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tweetathon.model import Reject
from tweetathon.sources.base import HEAD_BYTES, RawRecord
from tweetathon.sources.encoding import detect_encoding, sniff_delimiter
from tweetathon.sources.reading import DEFAULT_LIMITS, Limits, open_text, read_prefix


def header_of(head: str) -> list[str]:
    """The column names on the first line of `head` (for sniffers), or [] if it is not a CSV header.
    The delimiter (comma, semicolon or tab) is sniffed from the line."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    if not first or first.lstrip().startswith(("{", "[")):
        return []
    try:
        return [name.strip() for name in next(csv.reader([first], delimiter=sniff_delimiter(first)))]
    except (csv.Error, StopIteration):
        return []


def iter_rows(path: Path, fmt: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawRecord | Reject]:
    """Yield each data row as a RawRecord (payload: dict of header -> value, `line`: its first line).
    The encoding and the delimiter are detected (see `sources/encoding.py`); a field over the record limit is a
    reject for its row."""
    name = str(path)
    prefix = read_prefix(path, HEAD_BYTES, limits)
    encoding = detect_encoding(prefix)
    csv.field_size_limit(limits.max_record_bytes)
    with open_text(path, encoding, limits) as fh:
        first = prefix.decode(encoding, "replace").lstrip("\ufeff").split("\n", 1)[0]
        reader = csv.reader(fh, delimiter=sniff_delimiter(first))
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(name, 1, "unreadable CSV header", str(exc))
            return
        header = [h.lstrip("\ufeff").strip() for h in header]
        yield from _rows(reader, header, name, fmt)


def _rows(reader: Any, header: list[str], name: str, fmt: str) -> Iterator[RawRecord | Reject]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(name, start, "malformed CSV row", f"{exc}; fix or remove this row and import again")
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(header):
            reason = "too many fields" if len(row) > len(header) else "too few fields"
            detail = (f"the header has {len(header)} columns but this row has {len(row)} fields "
                      "(an unquoted comma or a cut-off line?)")
            yield Reject(name, start, reason, detail, ",".join(row)[:2000])
            continue
        yield RawRecord(dict(zip(header, row, strict=True)), name, start, fmt)
