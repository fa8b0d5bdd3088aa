"""Residents' feedback (docs/figures.md#feedback): the sentiment of the public's replies and mentions to
participants. Pure functions over the event's scope and the posts' stored sentiment (`enrich.sentiment`)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from tweetathon.analysis.questions import addressee
from tweetathon.analysis.scope import Scope, inside
from tweetathon.enrich.sentiment import LABELS, Sentiment
from tweetathon.store.event_data import ParticipantInfo, PostRow

Key = tuple[str, str]
SAMPLE_SEED = 14  # the fixed seed of the sample, so the same event gives the same sample
SAMPLE_SIZE = 5


def public_feedback(scope: Scope) -> list[tuple[PostRow, ParticipantInfo]]:
    """The public's feedback: posts inside the event window by non-participants (reposts excepted) that reply to
    a participant's post or mention a participant, each with that participant (as for public questions)."""
    found: list[tuple[PostRow, ParticipantInfo]] = []
    for row in scope.posts_in_order():
        if row.kind == "repost" or scope.index.of_post(row) is not None or not inside(row.created_at, scope.windows):
            continue
        person = addressee(row, scope.index, scope.data.parents)
        if person is not None:
            found.append((row, person))
    return found


def _shares(labels: Sequence[str]) -> dict[str, Any]:
    counts = Counter(labels)
    scored = len(labels) - counts["not_scored"]
    return {"posts": len(labels), **{label: counts[label] for label in LABELS},
            "coverage": round(scored / len(labels), 4) if labels else 0.0,
            "shares_of_scored": {label: round(counts[label] / scored, 4) if scored else 0.0
                                 for label in LABELS[:3]}}


def feedback_shares(items: Sequence[tuple[PostRow, ParticipantInfo]],
                    sentiments: Mapping[Key, Sentiment]) -> dict[str, Any]:
    """Counts of each class (positive, neutral, negative, not_scored) among the public's feedback; `coverage`:
    the share that was scored; `shares_of_scored`: each class's share of the scored posts. Also per participant
    (`per_participant`, keyed platform:handle) and per UTC hour (`per_hour`, ISO hour). Posts without a stored
    sentiment count as not_scored."""
    label = {row.key: sentiments[row.key].label if row.key in sentiments else "not_scored" for row, _ in items}
    by_person: dict[str, list[str]] = {}
    by_hour: dict[str, list[str]] = {}
    for row, person in items:
        by_person.setdefault(person.key, []).append(label[row.key])
        by_hour.setdefault(row.created_at.strftime("%Y-%m-%dT%H:00Z"), []).append(label[row.key])
    return {**_shares([label[row.key] for row, _ in items]),
            "per_participant": {k: _shares(v) for k, v in sorted(by_person.items())},
            "per_hour": {k: _shares(v) for k, v in sorted(by_hour.items())}}


def feedback_sample(items: Sequence[tuple[PostRow, ParticipantInfo]], sentiments: Mapping[Key, Sentiment],
                    size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> dict[str, list[Key]]:
    """A stratified random sample: up to `size` positive and `size` negative posts, each drawn uniformly from
    its class (posts sorted by platform and id first, then `random.Random(seed).sample`), so a report shows
    both sides, not only the best, and the same event always gives the same sample."""
    sample: dict[str, list[Key]] = {}
    for wanted in ("positive", "negative"):
        keys = sorted(row.key for row, _ in items if row.key in sentiments and sentiments[row.key].label == wanted)
        sample[wanted] = sorted(random.Random(seed).sample(keys, min(size, len(keys))))
    return sample


def abusive_for_review(items: Sequence[tuple[PostRow, ParticipantInfo]],
                       sentiments: Mapping[Key, Sentiment]) -> list[dict[str, str]]:
    """Feedback flagged as possibly abusive, for a person to review (never hidden): key and the word found."""
    return [{"platform": row.platform, "post_id": row.post_id, "word": sentiments[row.key].abusive_why}
            for row, _ in items if row.key in sentiments and sentiments[row.key].abusive]
