"""What the console shows of a draft, as plain data (pure functions): the text cut into runs with the findings
marked, the lengths per platform, what still blocks publishing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tweetathon.feed.length import measure
from tweetathon.feed.model import Draft
from tweetathon.feed.rules import needs_approval, publish_blockers, unresolved
from tweetathon.privacy.pii.types import Finding

PLATFORMS = ("x", "mastodon", "bluesky")


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of the text; `finding` is set when the piece is personal data the checker found."""

    text: str
    finding: Finding | None = None
    overridden: bool = False


def runs(text: str, findings: Sequence[Finding], overridden: Sequence[Finding] = ()) -> list[Run]:
    """The text cut at the findings' offsets (overlapping findings: the first one wins)."""
    out: list[Run] = []
    at = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < at:
            continue
        if f.start > at:
            out.append(Run(text[at:f.start]))
        out.append(Run(text[f.start:f.end], f, f in overridden))
        at = f.end
    if at < len(text):
        out.append(Run(text[at:]))
    return out


def lengths(text: str) -> list[dict[str, Any]]:
    return [{"platform": f.platform, "length": f.length, "limit": f.limit, "fits": f.fits}
            for f in (measure(text, p) for p in PLATFORMS)]


def draft_view(draft: Draft) -> dict[str, Any]:
    """Everything the console page shows of a draft."""
    open_findings = unresolved(draft)
    kept = [f for f in draft.findings if f not in open_findings]
    return {"draft": draft, "runs": runs(draft.text, draft.findings, kept), "lengths": lengths(draft.text),
            "open": open_findings, "needs_approval": needs_approval(draft) and not draft.approved_by,
            "blockers": publish_blockers(draft, [])}
