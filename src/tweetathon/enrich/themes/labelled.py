"""Reading labelled JSONL (lines with `text` and `purpose` and/or `themes`), with the file and line of errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tweetathon.enrich.themes.catalog import PURPOSES
from tweetathon.enrich.themes.model import Example

SHIPPED_SET = Path(__file__).parent / "data" / "labelled.jsonl"


class LabelledFileError(ValueError):
    """A labelled file that cannot be used: which file and line, and what was wrong."""


def _example(row: Any, where: str) -> Example:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise LabelledFileError(f"{where}: expected an object with a `text` string")
    purpose, themes = row.get("purpose"), row.get("themes")
    if purpose is not None and purpose not in PURPOSES:
        raise LabelledFileError(f"{where}: purpose {purpose!r} is not one of {', '.join(PURPOSES)}")
    if themes is not None and (not isinstance(themes, list) or not all(isinstance(t, str) for t in themes)):
        raise LabelledFileError(f"{where}: `themes` must be a list of theme names")
    if purpose is None and themes is None:
        raise LabelledFileError(f"{where}: give a `purpose` and/or `themes` to learn from")
    return Example(row["text"], purpose, tuple(themes) if themes is not None else None)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file, one per non-empty line."""
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledFileError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append({"__line": n, **json.loads(line)})
            except (ValueError, TypeError) as exc:
                raise LabelledFileError(f"{path}:{n}: not a JSON object: {exc}") from exc
    return rows


def read_examples(path: Path, split: str | None = None) -> list[Example]:
    """The labelled examples of a file (only those whose `split` is `split`, when given)."""
    rows = read_rows(path)
    return [_example(r, f"{path}:{r['__line']}") for r in rows if split is None or r.get("split") == split]
