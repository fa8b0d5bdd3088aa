"""Reading CSV files row by row for the CSV importers, where a bad row never stops the file.

Each row comes out as a dict (header -> value) with the number of its *first* physical line (a quoted field may
span several lines), so a reject names the line a user sees in an editor. Rows with more or fewer fields than the
header, and rows the csv module cannot parse, become Rejects; reading goes on with the next row.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tweetathon.model import Reject
from tweetathon.sources.base import RawRecord, open_text

# Tweet texts and entity JSON are long; the default 128 KiB field limit would reject real rows.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def header_of(head: str) -> list[str]:
    """The column names on the first line of `head` (for sniffers), or [] if it is not a CSV header."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    if not first or first.lstrip().startswith(("{", "[")):
        return []
    try:
        return [name.strip() for name in next(csv.reader([first]))]
    except (csv.Error, StopIteration):
        return []


def iter_rows(path: Path, fmt: str) -> Iterator[RawRecord | Reject]:
    """Yield each data row as a RawRecord (payload: dict of header -> value, `line`: its first line)."""
    name = str(path)
    with open_text(path) as fh:
        reader = csv.reader(fh)
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
