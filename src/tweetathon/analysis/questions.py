"""Public questions, answers and response times (docs/figures.md#public_questions).

A question: a post inside the event window, by a public account, that replies to a participant's post or
mentions a participant, with a question mark. Answered: a participant later posts a reply whose reply chain
(followed upward through stored posts) reaches the question; response time = first such reply − question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tweetathon.analysis.scope import ParticipantIndex, Scope, Windows, inside
from tweetathon.store.event_data import ParticipantInfo, PostRow

Parents = Mapping[tuple[str, str], tuple[str | None, str]]


def median(values: Sequence[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def p90(values: Sequence[float]) -> float | None:
    """Nearest-rank 90th percentile: the value at rank ⌈0.9 × n⌉ of the ascending list (1-based)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(0.9 * len(ordered))) - 1]


@dataclass(frozen=True, slots=True)
class Question:
    """A public question, the participant it is attributed to, and its first answer (if any)."""

    post: PostRow
    participant: ParticipantInfo
    answered_at: datetime | None = None

    @property
    def response_seconds(self) -> float | None:
        if self.answered_at is None:
            return None
        return (self.answered_at - self.post.created_at).total_seconds()


def addressee(row: PostRow, index: ParticipantIndex, parents: Parents) -> ParticipantInfo | None:
    """The participant whose post `row` replies to, else the first participant it mentions."""
    if row.in_reply_to_post_id:
        target = row.in_reply_to_author_id or parents.get((row.platform, row.in_reply_to_post_id), (None, ""))[1]
        person = index.of_account(row.platform, target or None)
        if person is not None:
            return person
    for handle in row.mentions:
        person = index.of_handle(row.platform, handle)
        if person is not None:
            return person
    return None


def find_questions(rows: Sequence[PostRow], index: ParticipantIndex, parents: Parents,
                   windows: Windows) -> dict[tuple[str, str], Question]:
    """Questions among `rows` (distinct posts), keyed by (platform, post id)."""
    found: dict[tuple[str, str], Question] = {}
    for row in [r for r in rows if r.has_question_mark and r.kind != "repost"]:
        if row.key in found or index.of_post(row) is not None:
            continue
        if not inside(row.created_at, windows):
            continue
        person = addressee(row, index, parents)
        if person is not None:
            found[row.key] = Question(row, person)
    return found


def _ancestors(row: PostRow, parents: Parents) -> list[tuple[str, str]]:
    """Posts above `row` on its reply chain, nearest first (cycles and missing posts end the walk)."""
    chain: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = {row.key}
    parent = row.in_reply_to_post_id
    while parent:
        key = (row.platform, parent)
        if key in seen:
            break
        seen.add(key)
        chain.append(key)
        parent = parents.get(key, (None, ""))[0]
    return chain


def answer_questions(questions: dict[tuple[str, str], Question], rows: Sequence[PostRow],
                     index: ParticipantIndex, parents: Parents) -> dict[tuple[str, str], Question]:
    """Each question with the time of the first later participant reply whose chain reaches it."""
    first: dict[tuple[str, str], datetime] = {}
    for row in [r for r in rows if r.in_reply_to_post_id]:
        if index.of_post(row) is None:
            continue
        for key in _ancestors(row, parents):
            asked = questions.get(key)
            if asked is not None and row.created_at > asked.post.created_at and (
                    key not in first or row.created_at < first[key]):
                first[key] = row.created_at
    return {k: Question(q.post, q.participant, first.get(k)) for k, q in questions.items()}


def summarise(questions: Sequence[Question], with_rate: bool = False) -> dict[str, object]:
    times = [q.response_seconds for q in questions if q.response_seconds is not None]
    out: dict[str, object] = {"questions": len(questions), "answered": len(times)}
    if with_rate:
        out["answer_rate"] = round(len(times) / len(questions), 4) if questions else 0.0
    out.update({"response_median_seconds": median(times), "response_p90_seconds": p90(times)})
    return out


def public_questions(scope: Scope) -> dict[str, object]:
    """`questions`, `answered`, `answer_rate` (4 places; 0 when none), median and p90 response seconds, and
    the same per participant (key `platform:handle`, participants with at least one question)."""
    rows = scope.posts_in_order()
    asked = find_questions(rows, scope.index, scope.data.parents, scope.windows)
    answered = list(answer_questions(asked, rows, scope.index, scope.data.parents).values())
    out = summarise(answered, with_rate=True)
    per: dict[str, list[Question]] = {}
    for q in answered:
        per.setdefault(q.participant.key, []).append(q)
    out["per_participant"] = {key: summarise(qs) for key, qs in sorted(per.items())}
    return out

