"""CSV cells a spreadsheet will not run as formulas (OWASP's CSV-injection rule), for every CSV tweetathon writes.

OWASP "CSV Injection": no cell may begin with `=`, `+`, `-`, `@`, tab (0x09) or carriage return (0x0D); each such
cell gets a single quote (`'`) in front, which spreadsheets read as "this is text" and do not show; every cell is
wrapped in double quotes, with double quotes inside doubled, so a field separator inside a cell (`,` or a
spreadsheet's `;`) never starts a new cell. Tools that need the exact text (a script, a re-import) ask for raw
cells (`--raw-cells`): then only cells that need quoting are quoted, and nothing is prefixed.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import Any, Literal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` with a leading `'` when it is text that starts like a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise(value) for key, value in row.items()}


def quoting(raw_cells: bool) -> Literal[0, 1]:
    """The csv module's quoting: every cell quoted when neutralising, only where needed for raw cells."""
    return csv.QUOTE_MINIMAL if raw_cells else csv.QUOTE_ALL


def cells(row: Mapping[str, Any], raw_cells: bool) -> Mapping[str, Any]:
    """The row as written: unchanged with raw cells, else every formula-like cell neutralised."""
    return row if raw_cells else neutralise_row(row)
