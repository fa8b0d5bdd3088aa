"""The one place source formats are registered. Order matters: detection asks each in turn."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Protocol

from tweetathon.model import Record, Reject
from tweetathon.sources.base import RawRecord
from tweetathon.sources.reading import Limits

# Module names under tweetathon.sources, most specific sniffers first.
FORMAT_MODULES: tuple[str, ...] = (
    "x_archive",
    "tags_csv",
    "twarc_csv",
    "twarc2",
    "x_v1",
    "mastodon",
    "bluesky",
)


class SourceFormat(Protocol):
    NAME: str
    DESCRIPTION: str
    PLATFORM: str

    def sniff(self, head: str, path: Path) -> bool: ...

    def iter_records(self, path: Path, limits: Limits = ...) -> Iterator[RawRecord | Reject]: ...

    def map_record(self, raw: RawRecord) -> list[Record]: ...


def _load(name: str) -> ModuleType:
    return import_module(f"tweetathon.sources.{name}")


def formats() -> list[SourceFormat]:
    """Every registered format, in sniffing order."""
    return [_load(name) for name in FORMAT_MODULES]


def by_name(name: str) -> SourceFormat:
    """The format called `name` (its NAME, e.g. 'twarc2'); KeyError listing the known names otherwise."""
    for fmt in formats():
        if name == fmt.NAME:
            return fmt
    raise KeyError(f"unknown format {name!r}; supported: {', '.join(names())}")


def names() -> list[str]:
    return [fmt.NAME for fmt in formats()]
