"""Captured payloads go through the SAME pure mappers as file import (sources/twarc2, mastodon, bluesky).

Each payload becomes a `RawRecord` whose `file` is the request URL and `line` the item's number in that
response, so provenance (url, retrieved_at) is kept exactly as for a file, and the raw payload is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from typing import Any

from tweetathon.model import AccountSnapshot, Deletion, Post, Record, Reject
from tweetathon.sources.base import RawRecord

# platform -> (source module under tweetathon.sources, its format name)
MAPPERS: dict[str, str] = {"x": "twarc2", "mastodon": "mastodon", "bluesky": "bluesky"}


@dataclass
class Mapped:
    """Records mapped from captured payloads, sorted by kind."""

    posts: list[Post] = field(default_factory=list)
    snapshots: list[AccountSnapshot] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    def add(self, records: Iterable[Record]) -> None:
        for rec in records:
            if isinstance(rec, Post):
                self.posts.append(rec)
            elif isinstance(rec, AccountSnapshot):
                self.snapshots.append(rec)
            elif isinstance(rec, Deletion):
                self.deletions.append(rec)
            else:
                self.rejects.append(rec)


def map_payloads(platform: str, payloads: Iterable[Any], url: str, retrieved_at: datetime) -> Mapped:
    """Map each payload (an X response page or stream line, a Mastodon status, a Bluesky post view)."""
    module = import_module(f"tweetathon.sources.{MAPPERS[platform]}")
    mapped = Mapped()
    for number, payload in enumerate(payloads, start=1):
        raw = RawRecord(payload, url, number, module.NAME, retrieved_at)
        try:
            mapped.add(module.map_record(raw))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            mapped.rejects.append(Reject(url, number, "unmappable record", f"{type(exc).__name__}: {exc}"))
    return mapped
