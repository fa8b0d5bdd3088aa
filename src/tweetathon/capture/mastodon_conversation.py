"""Mastodon: the threads around participants' event posts, captured even without the hashtag.

Response-time figures need the public's replies to participants and the participants' answers, which rarely
repeat the hashtag. For every event post by an approved participant (store: `participant_posts`, matched by
platform and lower-case `user@instance` handle) served by this instance in the last `hours`, the source fetches
`GET /api/v1/statuses/:id/context` and keeps the thread: `ancestors` (what the post answers) and `descendants`
(the replies, and the replies to those). Ids are local to an instance, so each instance asks about the statuses
it served itself; statuses are deduplicated across instances by their `uri`, like the hashtag sources.

Schedule (`due`): a post is asked about as soon as it is seen, then again whenever a quarter of its age has
passed since the last time (never more often than the poll interval): a fresh post is re-checked every poll,
a day-old one every six hours. A restart asks about every recent post once, so nothing replied while capture
was down is missed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx

from tweetathon.capture.http import Backoff, Fetcher, poll
from tweetathon.capture.mapping import map_payloads
from tweetathon.capture.mastodon_api import UriDeduper
from tweetathon.capture.runner import SourceContext
from tweetathon.store.capture import CaptureBatch, HealthRecord, ParticipantPost

AGE_FRACTION = 0.25

Roots = Callable[[datetime], list[ParticipantPost]]


def due(now: datetime, created_at: datetime, last_checked: datetime | None, poll_seconds: float) -> bool:
    """Whether a post's thread should be fetched again: never checked, or a quarter of its age (at least the
    poll interval) has passed since the last check."""
    if last_checked is None:
        return True
    interval = max(timedelta(seconds=poll_seconds), (now - created_at) * AGE_FRACTION)
    return now - last_checked >= interval


def thread_statuses(context: Any) -> list[dict[str, Any]]:
    """The statuses of a `/context` answer: ancestors then descendants."""
    if not isinstance(context, dict):
        return []
    found = [*(context.get("ancestors") or []), *(context.get("descendants") or [])]
    return [s for s in found if isinstance(s, dict) and s.get("id")]


class MastodonConversationSource:
    platform = "mastodon"

    def __init__(self, client: httpx.Client, instance: str, token: str | None, roots: Roots, dedupe: UriDeduper,
                 poll_seconds: float = 30.0, backoff: Backoff | None = None, hours: float = 48.0) -> None:
        self.client, self.instance, self._token = client, instance.rstrip("/"), token
        self.roots, self.dedupe = roots, dedupe
        self.poll_seconds, self.backoff, self.hours = poll_seconds, backoff or Backoff(), hours
        self.name = f"{self.instance}/conversations"
        self.checked: dict[str, datetime] = {}

    def run(self, ctx: SourceContext) -> None:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        fetcher = Fetcher(self.client, ctx, self.backoff, headers)
        poll(ctx, lambda: self.one_pass(ctx, fetcher), self.poll_seconds)

    def one_pass(self, ctx: SourceContext, fetcher: Fetcher) -> None:
        now = ctx.now()
        recent = self.roots(now - timedelta(hours=self.hours))
        self.checked = {r.post_id: self.checked[r.post_id] for r in recent if r.post_id in self.checked}
        for root in recent:
            if ctx.stopping:
                return
            if due(now, root.created_at, self.checked.get(root.post_id), self.poll_seconds):
                self.fetch(ctx, fetcher, root.post_id)
                self.checked[root.post_id] = now

    def fetch(self, ctx: SourceContext, fetcher: Fetcher, status_id: str) -> None:
        url = f"{self.instance}/api/v1/statuses/{status_id}/context"
        response = fetcher.get(url)
        if response.status_code in (404, 410):  # deleted since: nothing more to follow
            return
        response.raise_for_status()
        now = ctx.now()
        mapped = map_payloads("mastodon", self.dedupe.fresh(thread_statuses(response.json())), url, now)
        errors = [HealthRecord("mastodon", self.name, "error", now, now, f"{r.reason}: {r.detail}"[:500])
                  for r in mapped.rejects]
        if mapped.posts or errors:
            ctx.emit(CaptureBatch("mastodon", self.name, mapped.posts, mapped.snapshots, mapped.deletions,
                                  health=errors))
