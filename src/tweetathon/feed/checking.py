"""Every draft goes through the personal-data checker (tweetathon.privacy.pii); its findings are kept on the
draft as the checker gives them. What the event publishes on purpose (its registered participants' handles,
Bluesky domain handles included) is allowed."""

from __future__ import annotations

from collections.abc import Iterable

from tweetathon.privacy import pii
from tweetathon.privacy.pii.types import Finding


def check_text(text: str, handles: Iterable[str] = (), lang: str | None = None) -> tuple[Finding, ...]:
    """The checker's findings on `text`, in order of position; `handles` are the event's own accounts."""
    allow = pii.Allowlist.of(handles=handles)
    found = pii.check(text, lang=lang, allow=allow)
    return tuple(sorted(found, key=lambda f: (f.start, f.end)))
