"""Accuracy of the checker on the labelled set: post recall and precision, span recall, per type.

Definitions (also in docs/privacy-checker.md):
- post recall: of the posts with at least one label, the share where the checker finds anything;
- post precision: of the posts where the checker finds anything, the share that have at least one label;
- span recall: of the labels, the share found exactly (same type, same start and end);
- finding precision: of the findings, the share that overlap a label of the same type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.privacy.labelled import Label, Post
from tweetathon.privacy.pii import Finding


@dataclass
class Score:
    posts_with_pii: int = 0
    flagged_with_pii: int = 0
    flagged: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def post_recall(self) -> float:
        return self.flagged_with_pii / self.posts_with_pii if self.posts_with_pii else 1.0

    @property
    def post_precision(self) -> float:
        return self.flagged_with_pii / self.flagged if self.flagged else 1.0

    def span_recall(self, kind: str | None = None) -> float:
        total = self.labels[kind] if kind else sum(self.labels.values())
        hits = self.exact[kind] if kind else sum(self.exact.values())
        return hits / total if total else 1.0

    def finding_precision(self, kind: str | None = None) -> float:
        total = self.findings[kind] if kind else sum(self.findings.values())
        hits = self.correct[kind] if kind else sum(self.correct.values())
        return hits / total if total else 1.0


def _same(label: Label, f: Finding) -> bool:
    return label.type == f.type and label.start == f.start and label.end == f.end


def _overlap(label: Label, f: Finding) -> bool:
    return label.type == f.type and label.start < f.end and f.start < label.end


def score(posts: list[Post], check: Callable[[Post], list[Finding]]) -> Score:
    """Run `check` over every post and count against the labels."""
    result = Score()
    for post in posts:
        found = check(post)
        result.posts_with_pii += bool(post.labels)
        result.flagged += bool(found)
        result.flagged_with_pii += bool(found) and bool(post.labels)
        for label in post.labels:
            result.labels[label.type] += 1
            if any(_same(label, f) for f in found):
                result.exact[label.type] += 1
            else:
                result.misses.append((post.id, label.type, post.text[label.start:label.end]))
        for f in found:
            result.findings[f.type] += 1
            if any(_overlap(label, f) for label in post.labels):
                result.correct[f.type] += 1
            else:
                result.false.append((post.id, f.type, f.text))
    return result
