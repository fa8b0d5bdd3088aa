"""The composer's workflow: draft, edit, override, mark as appeal, approve. Each step is checked against the
rules (feed/rules.py) and recorded in the post's audit log.

Who acts is an `Actor` (name and role) passed in by the caller: the CLI takes `--as NAME --role ROLE`, the
console will pass the signed-in user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime

from tweetathon.feed.checking import check_text
from tweetathon.feed.media import load_photo
from tweetathon.feed.model import Actor, Draft, Photo
from tweetathon.feed.rules import after_edit, approval_refusal, with_override
from tweetathon.feed.store import FeedError, FeedStore, draft_values


def _findings_detail(draft: Draft) -> dict[str, object]:
    return {"findings": [asdict(f) for f in draft.findings]}


def create(feed: FeedStore, slug: str, body: str, actor: Actor, targets: Sequence[str] = (),
           photos: Sequence[Photo] = (), appeal: bool = False, thread: bool = False) -> Draft:
    """A new numbered draft, checked; the audit log records who drafted it and what the checker found."""
    if actor.role == "viewer":
        raise FeedError(f"{actor.name} is a viewer: only editors and organisers write posts")
    if not body.strip():
        raise FeedError("the post is empty: write its text")
    for photo in photos:
        load_photo(photo.path, photo.alt)  # PhotoError now, not when publishing, if it cannot be read
    template = feed.template(slug)
    draft = Draft(id=0, event=slug, number=0, prefix=template, body=body.strip(), status="draft",
                  author=actor.name, created_at=datetime.now(UTC), appeal=appeal, thread=thread,
                  targets=tuple(targets), photos=tuple(photos))
    values = draft_values(draft)
    values.pop("body")
    audit = [(actor.name, "drafted", {"body": draft.body, "targets": list(targets), "appeal": appeal})]
    created = feed.create_draft(slug, draft.body, actor.name, values, audit)
    return recheck(feed, created, actor)


def recheck(feed: FeedStore, draft: Draft, actor: Actor) -> Draft:
    """Run the checker on the draft's full text (prefix included) and keep what it found (an approval given
    before is withdrawn: the approver saw other findings)."""
    checked = after_edit(draft, draft.body, check_text(draft.text, feed.own_handles(draft.event)))
    return feed.save(checked, actor.name, "checked", _findings_detail(checked))


def edit(feed: FeedStore, draft: Draft, body: str, actor: Actor) -> Draft:
    """A new text: checked again; overrides of findings that are gone dropped; any approval withdrawn."""
    _editable(draft)
    findings = check_text(replace(draft, body=body.strip()).text, feed.own_handles(draft.event))
    edited = after_edit(draft, body.strip(), findings)
    return feed.save(edited, actor.name, "edited", {"body": edited.body, **_findings_detail(edited)})


def override(feed: FeedStore, draft: Draft, finding_text: str, reason: str, actor: Actor) -> Draft:
    """Keep a finding on purpose, with a reason; the draft then needs a second person's approval."""
    _editable(draft)
    try:
        changed = with_override(draft, finding_text, reason, actor, datetime.now(UTC))
    except ValueError as exc:
        raise FeedError(str(exc)) from None
    return feed.save(changed, actor.name, "overridden", {"finding": finding_text, "reason": reason.strip()})


def mark_appeal(feed: FeedStore, draft: Draft, actor: Actor, reason: str) -> Draft:
    """Mark the post as a missing- or wanted-person appeal: names stay, a second person must approve."""
    _editable(draft)
    changed = replace(draft, appeal=True, approved_by=None, approved_at=None)
    return feed.save(changed, actor.name, "appeal", {"reason": reason})


def approve(feed: FeedStore, draft: Draft, actor: Actor) -> Draft:
    """Approve the overrides and appeal of a draft: only an editor or organiser who is not its author."""
    _editable(draft)
    refusal = approval_refusal(draft, actor)
    if refusal:
        raise FeedError(f"approval refused: {refusal}")
    approved = replace(draft, approved_by=actor.name, approved_at=datetime.now(UTC))
    detail = {"overrides": [{"finding": o.text, "type": o.type, "reason": o.reason, "by": o.by}
                            for o in draft.overrides], "appeal": draft.appeal}
    return feed.save(approved, actor.name, "approved", detail)


def _editable(draft: Draft) -> None:
    if draft.status not in ("draft",):
        raise FeedError(f"post {draft.number} is {draft.status}: it can no longer be changed "
                        "(delete it and write a correction)")
