"""Sniff a file's format from its content (never its name alone)."""

from __future__ import annotations

from pathlib import Path

from tweetathon.sources.base import read_head
from tweetathon.sources.registry import SourceFormat, formats


class UnknownFormat(Exception):
    """No registered format recognises the file."""


def detect(path: Path) -> SourceFormat | None:
    """The format of `path`, or None for an empty file. Raises UnknownFormat when nothing recognises it."""
    head = read_head(path)
    if not head.strip():
        return None
    for fmt in formats():
        if fmt.sniff(head, path):
            return fmt
    raise UnknownFormat(str(path))
