"""The composer's rules, as pure functions: what still blocks a draft, who may approve it, what an edit undoes.

- Every finding of the personal-data checker is fixed (gone from the text) or overridden with a reason.
- An override, or a post marked as an appeal (missing or wanted person), needs approval by a second person
  with the editor or organiser role: never the author, never a viewer.
- Every photo has alt text; the text fits every target platform, or the draft is posted as a thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from tweetathon.feed.length import MASTODON_LIMIT, measure, split_thread
from tweetathon.feed.model import APPROVER_ROLES, Actor, Draft, Override
from tweetathon.privacy.pii.types import Finding


def unresolved(draft: Draft) -> list[Finding]:
    """Findings neither fixed nor overridden."""
    return [f for f in draft.findings if not any(o.covers(f) for o in draft.overrides)]


def needs_approval(draft: Draft) -> bool:
    return bool(draft.overrides) or draft.appeal


def approval_refusal(draft: Draft, actor: Actor) -> str | None:
    """Why `actor` may not approve `draft`, or None when they may."""
    if actor.role not in APPROVER_ROLES:
        return f"{actor.name} is a {actor.role}: only an editor or an organiser can approve"
    if actor.name == draft.author:
        return f"{actor.name} wrote post {draft.number}: a second person must approve it"
    if not needs_approval(draft):
        return f"post {draft.number} has no override and is not an appeal: it needs no approval"
    return None


def parts(draft: Draft, platforms: Sequence[str], mastodon_limit: int = MASTODON_LIMIT) -> list[str]:
    """The posts this draft becomes: one, or the thread split when the draft is marked as a thread."""
    if draft.thread:
        return split_thread(draft.text, platforms, mastodon_limit)
    return [draft.text]


def length_problems(draft: Draft, platforms: Sequence[str], mastodon_limit: int = MASTODON_LIMIT) -> list[str]:
    """One message per platform the draft does not fit (none when it is posted as a thread)."""
    if draft.thread:
        return []
    fits = [measure(draft.text, p, mastodon_limit) for p in platforms]
    return [f"too long for {f.platform}: {f.length}/{f.limit}" for f in fits if not f.fits]


def publish_blockers(draft: Draft, platforms: Sequence[str], mastodon_limit: int = MASTODON_LIMIT) -> list[str]:
    """Everything that stops the draft being published now; empty when it may go."""
    problems = [f"{f.type} {f.text!r} ({f.reason}): fix it or override it with a reason"
                for f in unresolved(draft)]
    if needs_approval(draft) and not draft.approved_by:
        why = "an appeal" if draft.appeal else "overridden findings"
        problems.append(f"it has {why}: an editor or organiser other than {draft.author} must approve it")
    problems += [f"photo {p.path} has no alt text" for p in draft.photos if not p.alt.strip()]
    problems += [f"{m}; post it as a thread (--thread) or shorten it" for m in length_problems(
        draft, platforms, mastodon_limit)]
    if not draft.targets:
        problems.append("no account to publish to: pass --to ACCOUNT")
    if draft.status in ("published", "publishing", "deleted"):
        problems.append(f"it is already {draft.status}")
    return problems


def after_edit(draft: Draft, body: str, findings: Sequence[Finding]) -> Draft:
    """The draft with a new body and its new findings: overrides of findings that are gone are dropped, and any
    approval is withdrawn (the approver saw another text)."""
    kept = tuple(o for o in draft.overrides if any(o.covers(f) for f in findings))
    return replace(draft, body=body, findings=tuple(findings), overrides=kept, approved_by=None, approved_at=None)


def with_override(draft: Draft, finding_text: str, reason: str, actor: Actor, now: datetime) -> Draft:
    """The draft with the findings whose text is `finding_text` overridden; ValueError if none matches or no
    reason is given. Approval is withdrawn (there is something new to approve)."""
    if not reason.strip():
        raise ValueError("an override needs a reason a reviewer can read")
    matching = [f for f in draft.findings if f.text == finding_text]
    if not matching:
        found = ", ".join(repr(f.text) for f in draft.findings) or "none"
        raise ValueError(f"post {draft.number} has no finding {finding_text!r} (findings: {found})")
    new = tuple(Override(f.type, f.text, reason.strip(), actor.name, now) for f in matching
                if not any(o.covers(f) for o in draft.overrides))
    return replace(draft, overrides=draft.overrides + new, approved_by=None, approved_at=None)
