"""The event simulator: realistic #poltwt, #polchat and #gmp24-like data in real platform formats, with the
true figures known by construction (truth.json). It imports nothing from tweetathon's store, ingest, sources,
enrich or analysis code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tweetathon.simulate.engine import RunSummary, run
from tweetathon.simulate.kinds.base import Scenario

KINDS: tuple[str, ...] = ("tweetathon", "chat", "livefeed")
DEFAULT_POSTS: dict[str, int] = {"tweetathon": 48000, "chat": 1200, "livefeed": 4000}


def scenario(kind: str, seed: int = 1, posts: int | None = None, start: date | None = None,
             weeks: int = 4) -> Scenario:
    """The plan of a simulated event of `kind`."""
    n = posts if posts is not None else DEFAULT_POSTS[kind]
    if kind == "tweetathon":
        from tweetathon.simulate.kinds.tweetathon import Tweetathon
        return Tweetathon(seed, n, start)
    if kind == "chat":
        from tweetathon.simulate.kinds.chat import Chat
        return Chat(seed, n, start, weeks)
    if kind == "livefeed":
        from tweetathon.simulate.kinds.livefeed import LiveFeed
        return LiveFeed(seed, n, start)
    raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")


def simulate(kind: str, out: Path, seed: int = 1, posts: int | None = None, start: date | None = None,
             weeks: int = 4) -> RunSummary:
    """Simulate an event of `kind` into the folder `out` (created if needed)."""
    return run(scenario(kind, seed, posts, start, weeks), out)


__all__ = ["DEFAULT_POSTS", "KINDS", "RunSummary", "scenario", "simulate"]
