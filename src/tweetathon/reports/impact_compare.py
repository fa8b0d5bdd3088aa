"""The change between two events' figures: every headline figure side by side, absolute and percentage change.

Pure functions over two `tweetathon figures --json` dictionaries. The percentage change is
(this − other) / other × 100; it is not computed (None) when the other event's value is 0 or unknown. For a rate
(the answer rate) the absolute change is in percentage points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tweetathon.reports import impact_format as fmt

# (path in the figures JSON, label, kind): kind 'count', 'rate' or 'seconds' decides how values are written.
COMPARED: tuple[tuple[str, str, str], ...] = (
    ("posts.total", "Posts", "count"),
    ("posts.originals", "Original posts", "count"),
    ("posts.replies", "Replies", "count"),
    ("posts.quotes", "Quotes", "count"),
    ("posts.reposts", "Reposts", "count"),
    ("participants.participants_posted", "Participants who posted", "count"),
    ("participants.public_accounts", "Public accounts that posted", "count"),
    ("languages.count", "Languages", "count"),
    ("languages.count_min5", "Languages with at least 5 posts", "count"),
    ("countries.count", "Countries", "count"),
    ("potential_reach.total", "Potential reach (theoretical maximum)", "count"),
    ("potential_impressions.total", "Potential impressions (theoretical maximum)", "count"),
    ("measured_impressions.total", "Measured impressions", "count"),
    ("public_questions.questions", "Public questions", "count"),
    ("public_questions.answered", "Questions answered", "count"),
    ("public_questions.answer_rate", "Answer rate", "rate"),
    ("public_questions.response_median_seconds", "Median response time", "seconds"),
    ("public_questions.response_p90_seconds", "90th percentile response time", "seconds"),
    ("peak.hour_posts", "Posts in the busiest hour", "count"),
)


def lookup(figures: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path ('posts.total'); None when any step is missing."""
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


@dataclass(frozen=True, slots=True)
class ChangeRow:
    path: str
    label: str
    kind: str
    this: float | None
    other: float | None
    change: float | None
    change_percent: float | None

    def shown(self, value: float | None) -> str:
        if self.kind == "rate":
            return fmt.percent(value)
        if self.kind == "seconds":
            return fmt.duration(value, unknown="—")
        return fmt.number(value, unknown="not reported")

    @property
    def this_text(self) -> str:
        return self.shown(self.this)

    @property
    def other_text(self) -> str:
        return self.shown(self.other)

    @property
    def change_text(self) -> str:
        if self.kind == "rate":
            return fmt.signed(None if self.change is None else round(self.change * 100, 1), " pts")
        if self.kind == "seconds" and self.change is not None:
            return ("+" if self.change > 0 else "−" if self.change < 0 else "") + fmt.duration(abs(self.change))
        return fmt.signed(self.change)

    @property
    def percent_text(self) -> str:
        return fmt.signed_percent(self.change_percent)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def change_row(path: str, label: str, kind: str, this: Mapping[str, Any], other: Mapping[str, Any]) -> ChangeRow:
    a, b = _number(lookup(this, path)), _number(lookup(other, path))
    change = None if a is None or b is None else a - b
    pct = None if change is None or not b else change / b * 100
    if change is not None and kind == "count":
        change = int(change)
    return ChangeRow(path, label, kind, a, b, change, pct)


@dataclass(frozen=True, slots=True)
class Comparison:
    this_event: str
    other_event: str
    other_name: str
    rows: tuple[ChangeRow, ...]


def compare(this: Mapping[str, Any], other: Mapping[str, Any], other_name: str = "") -> Comparison:
    """Every compared figure of `this` beside `other`, with absolute and percentage change."""
    rows = tuple(change_row(path, label, kind, this, other) for path, label, kind in COMPARED)
    return Comparison(str(this.get("event", "")), str(other.get("event", "")), other_name, rows)
