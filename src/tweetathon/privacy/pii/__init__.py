"""The personal-data checker: `check(draft)` lists the names, addresses, numbers and handles a live-feed post
must not publish, each with its type, exact text, offsets and a reason a person understands.

Offline and rule-based (no model). See docs/privacy-checker.md for what is found and what is deliberately not.
"""

from __future__ import annotations

from tweetathon.privacy.pii.engine import check
from tweetathon.privacy.pii.namelists import preload
from tweetathon.privacy.pii.types import TYPES, Allowlist, Finding

__all__ = ["TYPES", "Allowlist", "Finding", "check", "preload"]
