"""What the composer works with: drafts, overrides, photos, outbox items, audit entries. Frozen, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tweetathon.privacy.pii.types import Finding  # the checker's own findings, kept on drafts as they are

ROLES: tuple[str, ...] = ("viewer", "editor", "organiser")
APPROVER_ROLES: frozenset[str] = frozenset({"editor", "organiser"})
DEFAULT_TEMPLATE = "#{hashtag} {n}:"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something: a name and a role (organiser > editor > viewer)."""

    name: str
    role: str

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}: one of {', '.join(ROLES)}")


@dataclass(frozen=True, slots=True)
class Override:
    """A finding the author keeps on purpose, with the reason; matched to findings by type and exact text."""

    type: str
    text: str
    reason: str
    by: str
    at: datetime

    def covers(self, finding: Finding) -> bool:
        return finding.type == self.type and finding.text == self.text


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo to attach: the file and its alt text (required)."""

    path: str
    alt: str


@dataclass(frozen=True, slots=True)
class Draft:
    """One numbered post of a live feed. `text` is what goes out: the numbered prefix and the body."""

    id: int
    event: str
    number: int
    prefix: str
    body: str
    status: str
    author: str
    created_at: datetime
    appeal: bool = False
    thread: bool = False
    findings: tuple[Finding, ...] = ()
    overrides: tuple[Override, ...] = ()
    approved_by: str | None = None
    approved_at: datetime | None = None
    targets: tuple[str, ...] = ()
    photos: tuple[Photo, ...] = ()
    publish_at: datetime | None = None

    @property
    def text(self) -> str:
        return f"{self.prefix} {self.body}" if self.prefix else self.body


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One intended post: one part of one draft on one account. Recorded before anything is sent."""

    id: int
    draft_id: int
    account: str
    platform: str
    part: int
    text: str
    state: str
    attempts: int
    created_at: datetime
    platform_id: str | None = None
    url: str | None = None
    response: dict[str, Any] = field(default_factory=dict)
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]
