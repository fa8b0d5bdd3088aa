"""The canonical model: what every source maps to and every analysis reads.

Frozen dataclasses with no I/O. Ids are strings (X ids exceed 2**53 and must never pass through a float).
Every datetime is timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Platform = Literal["x", "mastodon", "bluesky"]
PostKind = Literal["original", "reply", "repost", "quote"]
EventKind = Literal["tweetathon", "chat", "livefeed"]
Role = Literal["agency", "officer", "staff", "other"]
ParticipantStatus = Literal["pending", "approved"]

PLATFORMS: tuple[str, ...] = ("x", "mastodon", "bluesky")
POST_KINDS: tuple[str, ...] = ("original", "reply", "repost", "quote")
EVENT_KINDS: tuple[str, ...] = ("tweetathon", "chat", "livefeed")
ROLES: tuple[str, ...] = ("agency", "officer", "staff", "other")


@dataclass(frozen=True, slots=True)
class Metrics:
    """Public metrics as observed at `Post.observed_at`. None means the platform did not say (not zero)."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    impressions: int | None = None
    bookmarks: int | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: the file and 1-based line (or the URL of a live request), and when."""

    source_format: str
    file: str | None = None
    line: int | None = None
    retrieved_at: datetime | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """One post on one platform, in canonical form.

    `collected` is True when the post arrived at top level of what was imported or captured; posts seen only
    as references (a quoted or reposted post, an `includes.tweets` entry, a Bluesky embed) are stored for
    context with `collected=False` and are never counted as collected posts.
    """

    platform: str
    post_id: str
    created_at: datetime
    author_id: str
    author_handle: str | None
    text: str
    kind: str = "original"
    url: str | None = None
    lang: str | None = None
    in_reply_to_post_id: str | None = None
    in_reply_to_author_id: str | None = None
    conversation_id: str | None = None
    repost_of_id: str | None = None
    quote_of_id: str | None = None
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    media_count: int = 0
    metrics: Metrics = field(default_factory=Metrics)
    author_followers: int | None = None
    observed_at: datetime | None = None
    collected: bool = True
    withheld: bool = False
    edit_of_id: str | None = None
    place_country: str | None = None
    source_format: str = ""
    raw: dict[str, Any] | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class AccountSnapshot:
    """What an account looked like at `observed_at`. Counts are None when unknown (never guessed as 0)."""

    platform: str
    account_id: str
    handle: str | None
    observed_at: datetime
    name: str | None = None
    description: str | None = None
    location: str | None = None
    followers: int | None = None
    following: int | None = None
    posts: int | None = None
    created_at: datetime | None = None
    verified: bool | None = None
    url: str | None = None
    source_format: str = ""
    raw: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Deletion:
    """A compliance record or deletion notice: the post (or account) must be excluded from public outputs."""

    platform: str
    target_id: str
    target: Literal["post", "account"] = "post"
    reason: str = "delete"
    observed_at: datetime | None = None
    source_format: str = ""


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be mapped: where it was and what was wrong, in words a user can act on."""

    file: str
    line: int | None
    reason: str
    detail: str = ""
    raw_text: str = ""


Record = Post | AccountSnapshot | Deletion | Reject


@dataclass(frozen=True, slots=True)
class Event:
    """An engagement event: which hashtags define it and when it happens.

    Exactly one time rule: a fixed UTC window (`start`/`end`), a local rule applied in each participant's
    zone (`local_start` "HH:MM" on `local_date` for `duration_minutes`), or a recurring series
    (`rrule` + `time` + `zone` + `duration_minutes`). `zone` is always the organiser's zone for display.
    """

    slug: str
    name: str
    hashtags: tuple[str, ...]
    kind: str = "tweetathon"
    zone: str = "UTC"
    start: datetime | None = None
    end: datetime | None = None
    local_start: str | None = None
    local_date: str | None = None
    duration_minutes: int | None = None
    rrule: str | None = None
    time: str | None = None
    description: str = ""  # what the organiser tells the public about the event (plain text)


@dataclass(frozen=True, slots=True)
class Participant:
    """A registered account of an event: an agency, an officer, staff or other."""

    event: str
    platform: str
    handle: str
    agency: str = ""
    role: str = "agency"
    address: str = ""
    city: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    zone: str | None = None
    status: str = "pending"
    account_id: str | None = None


@dataclass(frozen=True, slots=True)
class ChatSession:
    """One planned session of a chat series: its local date, UTC window [starts_at, ends_at), theme, host
    (`platform:handle`, as planned) and the host's questions in order."""

    session_date: str
    starts_at: datetime
    ends_at: datetime
    theme: str = ""
    host: str | None = None
    questions: tuple[str, ...] = ()
