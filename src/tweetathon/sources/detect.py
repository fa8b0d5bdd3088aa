"""Sniff a file's format from its content (never its name alone).

JSON files (JSON Lines, arrays) are judged record by record: the first `SAMPLE_RECORDS` records (within
`SAMPLE_BYTES`) are each offered to every format, and the format most of them agree on wins (ties go to the
earlier format in the registry). So a first line that is cut off, holds a NUL byte or is an odd record (a v1.1
status with float ids) does not hide the file's format: it becomes one reject when the file is read. Files that
are not record by record (CSV, an archive's `window.YTD` parts, one pretty-printed document), or whose sample
nobody recognises, are judged by their head as a whole.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from tweetathon.sources.base import HEAD_BYTES, json_shape, read_head
from tweetathon.sources.reading import DEFAULT_LIMITS, Counted, Limits, TooLong, iter_array_items, read_prefix
from tweetathon.sources.registry import SourceFormat, formats

SAMPLE_RECORDS = 25
SAMPLE_BYTES = 4 << 20


class UnknownFormat(Exception):
    """No registered format recognises the file."""


def detect(path: Path, limits: Limits = DEFAULT_LIMITS) -> SourceFormat | None:
    """The format of `path`, or None for an empty file. Raises UnknownFormat when nothing recognises it."""
    prefix = read_prefix(path, HEAD_BYTES, limits)
    if not prefix.strip():
        return None
    voted = _vote(path, json_shape(prefix), limits)
    if voted is not None:
        return voted
    head = read_head(path, HEAD_BYTES, limits)
    for fmt in formats():
        if _sniffs(fmt, head, path):
            return fmt
    raise UnknownFormat(str(path))


def _sniffs(fmt: SourceFormat, text: str, path: Path) -> bool:
    """Does `fmt` recognise `text`? A sniffer that fails on odd input (nesting too deep) does not."""
    try:
        return fmt.sniff(text, path)
    except Exception:
        return False


def _vote(path: Path, shape: str, limits: Limits) -> SourceFormat | None:
    """The format most sampled records agree on, or None (not record by record, or no record recognised)."""
    if shape not in ("lines", "array"):
        return None
    known = formats()
    votes: Counter[int] = Counter()
    for record in sample_records(path, shape, limits):
        for index, fmt in enumerate(known):
            if _sniffs(fmt, record, path):
                votes[index] += 1
                break
    if not votes:
        return None
    best = max(votes.values())
    return known[min(index for index, n in votes.items() if n == best)]


def _one_line(record: bytes) -> str:
    """A record as one line of text, as sniffers read a line (a pretty-printed array item is compacted)."""
    if b"\n" in record:
        try:
            return orjson.dumps(orjson.loads(record)).decode()
        except orjson.JSONDecodeError:
            pass
    return record.decode("utf-8", "replace")


def sample_records(path: Path, shape: str, limits: Limits) -> Iterator[str]:
    """The text of the first complete records of a JSON file (lines, or items of its array) within its first
    `SAMPLE_BYTES`: a record cut off by the end of the sample is left out (never read on to its end)."""
    prefix = read_prefix(path, SAMPLE_BYTES, limits)
    whole = len(prefix) < SAMPLE_BYTES
    if shape == "lines":
        lines = prefix.split(b"\n")
        records: Iterable[bytes | TooLong] = lines if whole else lines[:-1]
    else:
        records = _complete_items(prefix, path, limits)
    taken = 0
    for record in records:
        if isinstance(record, TooLong) or not record.strip():
            continue
        yield _one_line(record)
        taken += 1
        if taken >= SAMPLE_RECORDS:
            return


def _complete_items(prefix: bytes, path: Path, limits: Limits) -> Iterator[bytes | TooLong]:
    """The array items wholly inside `prefix`."""
    try:
        yield from iter_array_items(Counted(io.BytesIO(prefix), None, path, limits), limits)
    except ValueError:  # the sample ends inside an item (or the array is malformed): the items seen still vote
        return
