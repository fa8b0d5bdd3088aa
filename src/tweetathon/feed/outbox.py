"""Publishing exactly once. The intent is recorded first (one outbox row per account and thread part, in the
same transaction that marks the draft as publishing); then each row is sent:

1. a row that was attempted before (the process died after counting an attempt) is first looked for on the
   account (`Publisher.find`: X's recent posts, Mastodon's recent statuses, Bluesky's record at the row's
   record key); if it is there, it is recorded as published, not sent again;
2. otherwise the attempt is counted (committed), then the post is sent, with the platform's idempotency where
   it has one (Mastodon's Idempotency-Key, Bluesky's deterministic record key);
3. the answer, the collected post of the event and the audit entry are written in one transaction.

A crash between any two steps leaves a row that step 1 or 2 completes on the next run, so each post exists
once on each account. `crash_point` names the step boundaries the SIGKILL tests kill at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from tweetathon.enrich.text import extract_hashtags, extract_mentions, extract_urls
from tweetathon.feed.crashpoints import crash_point
from tweetathon.feed.media import CleanPhoto, load_photo
from tweetathon.feed.model import Actor, Draft, OutboxItem
from tweetathon.feed.publish.base import Publisher, PublishError, Sent
from tweetathon.feed.rules import parts, publish_blockers
from tweetathon.feed.store import FeedError, FeedStore
from tweetathon.model import Post


@dataclass(frozen=True, slots=True)
class Target:
    """An account to publish to: its name, platform and (Mastodon) length limit."""

    name: str
    platform: str
    limit: int = 500


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one outbox row in this run."""

    item: OutboxItem
    result: str  # published | reconciled | already | failed | waiting
    message: str = ""


def request_publish(feed: FeedStore, draft: Draft, actor: Actor, targets: Mapping[str, Target],
                    publish_at: datetime | None = None) -> list[OutboxItem]:
    """Record the intent to publish `draft` to its target accounts (now, or at `publish_at`); FeedError with
    every reason when it may not go."""
    if actor.role == "viewer":
        raise FeedError(f"{actor.name} is a viewer: only editors and organisers publish")
    unknown = [t for t in draft.targets if t not in targets]
    if unknown:
        raise FeedError(f"unknown posting account {', '.join(unknown)}: configured accounts are "
                        f"{', '.join(targets) or 'none'} (see docs/feed.md)")
    chosen = [targets[t] for t in draft.targets]
    limit = min([t.limit for t in chosen if t.platform == "mastodon"], default=500)
    platforms = sorted({t.platform for t in chosen})
    problems = publish_blockers(draft, platforms, limit)
    if problems:
        raise FeedError(f"post {draft.number} cannot be published: " + "; ".join(problems))
    texts = parts(draft, platforms, limit)
    rows = [(t.name, t.platform, i, text) for t in chosen for i, text in enumerate(texts, start=1)]
    items = feed.enqueue(draft, rows, actor.name, publish_at)
    crash_point("queued")
    return items


def run_due(feed: FeedStore, slug: str, publishers: Callable[[str], Publisher],
            now: datetime | None = None) -> list[Outcome]:
    """Send every due outbox row of the event (drafts asked to publish now, or whose time has come)."""
    outcomes: list[Outcome] = []
    for draft in feed.due(slug, now or datetime.now(UTC)):
        outcomes += send_draft(feed, draft, publishers)
    return outcomes


def send_draft(feed: FeedStore, draft: Draft, publishers: Callable[[str], Publisher]) -> list[Outcome]:
    """Send the draft's outbox rows, account by account, thread parts in order; the draft is `published` once
    every row is."""
    photos = [load_photo(p.path, p.alt) for p in draft.photos]
    items = feed.outbox(draft.id)
    outcomes: list[Outcome] = []
    for account in sorted({i.account for i in items}):
        outcomes += _send_account(feed, [i for i in items if i.account == account], publishers(account), photos)
    if draft.status != "published" and all(i.state == "published" for i in feed.outbox(draft.id)):
        feed.save(replace(draft, status="published"), "tweetathon", "done",
                  {"accounts": sorted({i.account for i in items})})
    return outcomes


def _send_account(feed: FeedStore, items: Sequence[OutboxItem], publisher: Publisher,
                  photos: Sequence[CleanPhoto]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    earlier: list[OutboxItem] = []
    for item in sorted(items, key=lambda i: i.part):
        outcome = send_item(feed, item, publisher, photos if item.part == 1 else (), earlier)
        outcomes.append(outcome)
        if outcome.result in ("failed", "waiting"):
            break  # a later part would reply to a part that is not there yet
        earlier.append(outcome.item)
    return outcomes


def send_item(feed: FeedStore, item: OutboxItem, publisher: Publisher, photos: Sequence[CleanPhoto],
              earlier: Sequence[OutboxItem]) -> Outcome:
    """Steps 1-3 of the module docstring for one row."""
    if item.state == "published":
        return Outcome(item, "already")
    try:
        if item.attempts > 0:
            found = publisher.find(item)
            crash_point("reconciled")
            if found is not None:
                return _record(feed, item, found, "reconciled", "found on the account after an interrupted "
                               f"attempt ({item.attempts} before); not sent again")
        item = feed.mark_attempt(item)
        crash_point("attempt-recorded")
        sent = publisher.post(item, photos, earlier)
        crash_point("posted")
    except PublishError as exc:
        if not exc.retry:
            feed.record_failure(item, str(exc))
            return Outcome(item, "failed", str(exc))
        feed.add_audit(item.draft_id, "tweetathon", "retry later", {"account": item.account, "error": str(exc)})
        return Outcome(item, "waiting", str(exc))
    how = "sent" if item.attempts == 1 else f"sent (attempt {item.attempts}; not found on the account before)"
    return _record(feed, item, sent, "published", how)


def _record(feed: FeedStore, item: OutboxItem, sent: Sent, result: str, how: str) -> Outcome:
    response = {"answer": sent.answer, "refs": sent.refs}
    feed.record_published(item, to_post(item, sent), response, how)
    crash_point("recorded")
    done = replace(item, state="published", platform_id=sent.platform_id, url=sent.url, response=response)
    return Outcome(done, result, how)


def to_post(item: OutboxItem, sent: Sent) -> Post:
    """The published post as a collected post of the event (so figures and reports count it)."""
    return Post(platform=item.platform, post_id=sent.platform_id, created_at=sent.created_at,
                author_id=sent.author_id, author_handle=sent.author_handle, text=item.text,
                kind="reply" if item.part > 1 else "original", url=sent.url,
                hashtags=extract_hashtags(item.text), mentions=extract_mentions(item.text),
                urls=extract_urls(item.text), observed_at=datetime.now(UTC), source_format="feed",
                raw=sent.answer)


def delete_published(feed: FeedStore, draft: Draft, actor: Actor, reason: str,
                     publishers: Callable[[str], Publisher]) -> list[Outcome]:
    """Delete the draft's posts on every platform, recording why; the collected posts are marked deleted."""
    if actor.role == "viewer":
        raise FeedError(f"{actor.name} is a viewer: only editors and organisers delete posts")
    if not reason.strip():
        raise FeedError("say why the post is deleted (--reason): it goes in the audit log")
    outcomes = []
    for item in feed.outbox(draft.id):
        outcomes.append(_delete_item(feed, item, actor, reason, publishers(item.account)))
    if all(o.result in ("deleted", "never published") for o in outcomes):
        feed.save(replace(draft, status="deleted"), actor.name, "deleted", {"reason": reason})
    return outcomes


def _delete_item(feed: FeedStore, item: OutboxItem, actor: Actor, reason: str, publisher: Publisher) -> Outcome:
    try:
        if item.state in ("pending", "sending"):
            found = publisher.find(item) if item.attempts else None  # an interrupted attempt may have posted
            if found is None:
                feed.set_state(item, "cancelled")
                return Outcome(item, "never published")
            item = replace(item, platform_id=found.platform_id)
        elif item.state != "published":
            return Outcome(item, "never published")
        answer = publisher.delete(item)
    except PublishError as exc:
        feed.add_audit(item.draft_id, actor.name, "delete failed", {"account": item.account, "error": str(exc)})
        return Outcome(item, "failed", str(exc))
    feed.record_deleted(item, actor.name, reason, answer)
    return Outcome(item, "deleted", reason)
