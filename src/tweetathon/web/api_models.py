"""The JSON API's documented shapes (pydantic models; FastAPI publishes them in /openapi.json)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from tweetathon.model import Event
from tweetathon.organise.events import describe_rule


class Problem(BaseModel):
    detail: str = Field(description="What was wrong, in words a user can act on.")


class EventOut(BaseModel):
    slug: str
    name: str
    kind: str
    hashtags: list[str]
    zone: str = Field(description="The organiser's IANA time zone.")
    rule: str = Field(description="The time rule in words.")
    start: datetime | None = None
    end: datetime | None = None
    local_start: str | None = None
    local_date: str | None = None
    duration_minutes: int | None = None
    rrule: str | None = None
    time: str | None = None
    description: str = ""
    url: str

    @classmethod
    def of(cls, event: Event) -> EventOut:
        return cls(slug=event.slug, name=event.name, kind=event.kind, hashtags=list(event.hashtags), zone=event.zone,
                   rule=describe_rule(event), start=event.start, end=event.end, local_start=event.local_start,
                   local_date=event.local_date, duration_minutes=event.duration_minutes, rrule=event.rrule,
                   time=event.time, description=event.description, url=f"/events/{event.slug}")


class ParticipantOut(BaseModel):
    """An approved participant's public fields (no address, no contact)."""

    platform: str
    handle: str
    url: str
    agency: str
    role: str
    city: str
    country: str
    country_name: str
    zone: str | None
    latitude: float | None
    longitude: float | None
    starts_utc: str
    ends_utc: str


class PostOut(BaseModel):
    platform: str
    post_id: str
    url: str | None
    created_at: datetime
    author_id: str
    author_handle: str | None = Field(description="The handle; a member of the public appears under the event's "
                                                  "pseudonym unless the event names the public.")
    text: str
    kind: str
    lang: str | None = Field(description="The language the platform declared.")
    lang_detected: str | None = Field(description="The language tweetathon detected (lingua).")
    in_reply_to_post_id: str | None
    conversation_id: str | None
    hashtags: list[str]
    likes: int | None
    reposts: int | None
    replies: int | None
    quotes: int | None

    @classmethod
    def of(cls, values: dict[str, Any]) -> PostOut:
        """From a published row (`web.published.published_post`)."""
        return cls(**{**values, "hashtags": values["hashtags"].split()})


class PostPage(BaseModel):
    posts: list[PostOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class RegistrationOut(BaseModel):
    """A pending registration with its contact (token holders only)."""

    platform: str
    handle: str
    agency: str
    role: str
    city: str
    country: str
    zone: str | None
    email: str
    confirmed: bool
    submitted_at: datetime


class DecisionOut(BaseModel):
    platform: str
    handle: str
    outcome: str = Field(description="approved, not_found, not_confirmed, no_zone or already_approved")
    mailed: bool
    message: str
