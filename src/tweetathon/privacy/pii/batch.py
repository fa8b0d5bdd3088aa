"""Checking many drafts: JSON Lines in (`{"id", "text"}`), one result per line out, bad lines as messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from tweetathon.privacy.pii.engine import check
from tweetathon.privacy.pii.types import Allowlist, Finding


@dataclass(frozen=True)
class Draft:
    id: str
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class BadLine:
    line: int
    message: str


def parse_line(number: int, line: str) -> Draft | BadLine | None:
    """One JSON Lines line as a draft, a bad line (with what to fix), or None for a blank line."""
    if not line.strip():
        return None
    try:
        value: Any = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return BadLine(number, f"not valid JSON ({exc}); each line must be one object like "
                               '{"id": "1", "text": "..."}')
    if not isinstance(value, dict):
        return BadLine(number, 'not a JSON object; write {"id": "1", "text": "..."}')
    text, ident, lang = value.get("text"), value.get("id"), value.get("lang")
    if not isinstance(text, str):
        return BadLine(number, 'no "text" string; every line needs the draft\'s text')
    if ident is None or isinstance(ident, (dict, list)):
        return BadLine(number, 'no "id" (a string or number); every line needs one')
    return Draft(str(ident), text, lang if isinstance(lang, str) else None)


def read_drafts(lines: Iterable[str]) -> Iterator[Draft | BadLine]:
    """Drafts and bad lines, numbered from 1, in file order (blank lines skipped)."""
    for number, line in enumerate(lines, start=1):
        parsed = parse_line(number, line)
        if parsed is not None:
            yield parsed


def result(draft: Draft, findings: list[Finding]) -> dict[str, Any]:
    """The output line for one draft: {"id", "pii", "findings": [{"type", "text", "start", "end", "reason"}]}."""
    return {"id": draft.id, "pii": bool(findings), "findings": [f.as_dict() for f in findings]}


def check_draft(draft: Draft, *, lang: str | None, allow: Allowlist | None) -> dict[str, Any]:
    return result(draft, check(draft.text, lang=draft.lang or lang, allow=allow))
