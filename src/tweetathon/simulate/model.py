"""The simulator's own plan objects: accounts (with follower counts as a function of time) and posts.

Times are integer or float seconds since the Unix epoch (UTC). Nothing here reads tweetathon's store or
analysis code: the simulator's truth comes from these objects, by construction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

TWITTER_EPOCH_MS = 1288834974657
PRE_SNOWFLAKE_MS = 1136073600000  # 2006-01-01


@dataclass(slots=True, eq=False)
class Account:
    """One account on one platform. Followers change linearly by `growth_per_hour` (negative: they fall) from
    `grow_from`, and from `fall_from` on they also lose `fall_per_hour`: a count can rise, then fall. Never
    below zero."""

    platform: str
    id: str
    username: str
    name: str
    lang: str
    participant: bool = False
    instance: str = ""
    zone: str = ""
    agency: str = ""
    role: str = ""
    address: str = ""
    city: str = ""
    country: str = ""
    location: str = ""
    description: str = ""
    followers0: int = 100
    growth_per_hour: float = 0.0
    grow_from: float = 0.0
    following: int = 100
    statuses0: int = 1000
    created_at: str = "2010-01-01T00:00:00.000Z"
    activity: float = 1.0
    windows: tuple[tuple[float, float], ...] = ()
    statuses: int = 0
    fall_per_hour: float = 0.0
    fall_from: float = 0.0

    @property
    def handle(self) -> str:
        """The handle as participants.csv and figures write it: X username, Mastodon user@instance."""
        return f"{self.username}@{self.instance}" if self.platform == "mastodon" else self.username

    @property
    def key(self) -> str:
        """`platform:handle`, handle lower-case: how figures name an account."""
        return f"{self.platform}:{self.handle.lower()}"

    def followers(self, t: float) -> int:
        change = self.growth_per_hour * max(0.0, t - self.grow_from) - self.fall_per_hour * max(0.0, t - self.fall_from)
        return max(0, self.followers0 + int(change / 3600.0))

    def in_own_window(self, t: float) -> bool:
        return any(start <= t < end for start, end in self.windows)


@dataclass(slots=True, eq=False)
class SimPost:
    """One post as planned. `collected` posts are written at top level; others only appear as references."""

    platform: str
    id: str
    created: int
    ms: int
    author: Account
    text: str
    lang: str
    declared: str | None
    tags: tuple[str, ...] = ()
    mentions: tuple[Account, ...] = ()
    reply_to: SimPost | None = None
    quote_of: SimPost | None = None
    repost_of: SimPost | None = None
    conversation_id: str = ""
    deleted: bool = False
    collected: bool = True
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    impressions: int = 0
    media: int = 0
    link: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    said: tuple[str, int] | None = None  # (text kind, template index): what the post says, see texts.LABELS

    @property
    def kind(self) -> str:
        """The canonical kind: a reply that also quotes counts as a reply (docs/figures.md#posts)."""
        if self.repost_of is not None:
            return "repost"
        if self.reply_to is not None:
            return "reply"
        if self.quote_of is not None:
            return "quote"
        return "original"

    @property
    def event_tags(self) -> tuple[str, ...]:
        """Hashtags the platform would attach to this post (a repost carries its original's)."""
        return self.repost_of.tags if self.repost_of is not None else self.tags


def iso_ms(t: float) -> str:
    """X and Mastodon style: 2013-03-22T08:00:00.000Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(int(t)))


def iso_z(t: float) -> str:
    """Seconds precision with Z: 2013-03-22T08:00:00Z."""
    return datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_retrieved(t: float) -> str:
    """twarc's retrieved_at: microseconds and +00:00."""
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


class IdMaker:
    """Time-ordered, unique ids: X snowflakes and Mastodon's (milliseconds << 16 | sequence)."""

    def __init__(self) -> None:
        self.counter = 0

    def x_id(self, created: int, ms: int) -> str:
        self.counter += 1
        stamp = created * 1000 + ms - TWITTER_EPOCH_MS
        if stamp < 0:  # before snowflakes (November 2010) ids were sequential: keep them positive and ordered
            return str(((created * 1000 + ms - PRE_SNOWFLAKE_MS) << 10) | (self.counter & 0x3FF))
        return str((stamp << 22) | (self.counter & 0x3FFFFF))

    def mastodon_id(self, created: int, ms: int) -> str:
        self.counter += 1
        return str(((created * 1000 + ms) << 16) | (self.counter & 0xFFFF))

    def post_id(self, platform: str, created: int, ms: int) -> str:
        return self.x_id(created, ms) if platform == "x" else self.mastodon_id(created, ms)
