"""What every publisher offers, and what it answers: find (reconcile), post, delete."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import httpx

from tweetathon.enrich.text import URL_RE
from tweetathon.feed.media import CleanPhoto
from tweetathon.feed.model import OutboxItem


class PublishError(Exception):
    """The platform refused or could not be reached. `retry` says whether trying again later may work."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True, slots=True)
class Sent:
    """A post that exists on the platform: its id, address, time, author and the platform's answer."""

    platform_id: str
    url: str | None
    created_at: datetime
    author_id: str
    author_handle: str | None
    answer: dict[str, Any]
    refs: dict[str, str] = field(default_factory=dict)  # what a reply to it needs (Bluesky: uri and cid)


class Publisher(Protocol):
    platform: str

    def find(self, item: OutboxItem) -> Sent | None:
        """The post of this outbox item if it is already on the account (after an interrupted attempt)."""

    def post(self, item: OutboxItem, photos: Sequence[CleanPhoto], earlier: Sequence[OutboxItem]) -> Sent:
        """Publish the item (with photos; a reply to the last of `earlier`, the thread's published parts)."""

    def delete(self, item: OutboxItem) -> dict[str, Any]:
        """Delete the published item; the platform's answer."""


def idempotency_key(item: OutboxItem) -> str:
    """A key unique to this outbox row in this database (its id, creation time and text)."""
    seed = f"{item.id}|{item.created_at.isoformat()}|{item.account}|{item.part}|{item.text}"
    return "tweetathon-" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def same_text(posted: str, ours: str) -> bool:
    """Whether a post read back from a platform is ours: NFC, whitespace collapsed, links compared as links
    (platforms shorten or rewrite them)."""
    def norm(text: str) -> str:
        text = URL_RE.sub("<link>", unicodedata.normalize("NFC", text))
        return " ".join(text.split())
    return norm(posted) == norm(ours)


def answer(response: httpx.Response, doing: str) -> Any:
    """The JSON body of a successful response; PublishError (retryable for 429 and 5xx) otherwise."""
    if response.status_code >= 400:
        retry = response.status_code == 429 or response.status_code >= 500
        raise PublishError(f"{doing}: the platform answered {response.status_code} {_snippet(response)}", retry)
    try:
        return response.json()
    except ValueError as exc:
        raise PublishError(f"{doing}: the platform's answer is not JSON", retry=True) from exc


def _snippet(response: httpx.Response) -> str:
    return response.text[:300].replace("\n", " ")


def request(client: httpx.Client, method: str, url: str, doing: str, **kwargs: Any) -> httpx.Response:
    """An HTTP request whose network failure is a retryable PublishError."""
    try:
        return client.request(method, url, **kwargs)
    except httpx.TransportError as exc:
        raise PublishError(f"{doing}: cannot reach {url} ({exc})", retry=True) from exc
