"""What the live dashboard shows of an event for the time so far, computed from the store in one pass.

    state = live_state(store, "poltwt", now)     # figures, band, latest posts, questions, health
    state.figures["posts"]["total"]              # == `tweetathon figures --json` ["posts"]["total"]

The counters are the figure families of `tweetathon.analysis.figures.family_tasks` (the definitions of
docs/figures.md), computed on the same `Scope`: the dashboard never counts by a second definition. Posts shown
are sanitised into segments (`reports.post_text`), withheld and deleted posts are never shown, and members of
the public are shown under the event's pseudonyms when the event says so (`tweetathon event set`,
`store.privacy.pseudonymiser`); `latest_named` names everyone, for organisers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from tweetathon.analysis import event_scope, missing_languages
from tweetathon.analysis.accounts import posts_per_participant
from tweetathon.analysis.figures import family_tasks
from tweetathon.analysis.questions import Question, answer_questions, find_questions
from tweetathon.analysis.scope import Scope, build_scope
from tweetathon.live.band import Band, follow_the_sun_band
from tweetathon.privacy.pseudonyms import Pseudonymiser, named
from tweetathon.reports.post_text import Segment, segments
from tweetathon.store.event_data import HealthRow, ParticipantInfo, PostRow
from tweetathon.store.live_reads import ShownPost, detected_languages, shown_posts
from tweetathon.store.privacy import pseudonymiser
from tweetathon.store.store import Store

# The figure families the dashboard shows, each exactly as `tweetathon figures --json` computes it.
FAMILIES = ("posts", "participants", "languages", "countries", "potential_reach", "public_questions",
            "capture_health", "posts_per_hour")
LATEST = 20
TOP = 10
WAITING = 50
STOPPED_KINDS = frozenset({"error", "stop"})  # capture-log kinds (store.capture.HEALTH_KINDS) that end a source


@dataclass(frozen=True, slots=True)
class ShownAuthor:
    """How an author is shown: a participant by agency and handle, the public by handle or pseudonym."""

    name: str
    handle: str
    participant: bool


@dataclass(frozen=True, slots=True)
class LivePost:
    platform: str
    post_id: str
    created_at: datetime
    kind: str
    author: ShownAuthor
    segments: tuple[Segment, ...]
    url: str | None


@dataclass(frozen=True, slots=True)
class Waiting:
    """A public question still waiting for an answer, and the participant it is addressed to."""

    post: LivePost
    participant: str
    age_seconds: float


@dataclass(frozen=True, slots=True)
class LiveState:
    """An event's dashboard at one moment (`now`), for public viewers and organisers."""

    slug: str
    name: str
    zone: str
    now: datetime
    registered: int
    figures: dict[str, Any]
    posted: tuple[str, ...]
    top: tuple[tuple[str, str, int], ...]
    band: Band
    latest: tuple[LivePost, ...]
    latest_named: tuple[LivePost, ...]
    waiting: tuple[Waiting, ...]
    failed_sources: tuple[HealthRow, ...]


def live_figures(scope: Scope) -> dict[str, Any]:
    """The dashboard's figure families, by the functions `tweetathon figures` uses on the same scope."""
    tasks = family_tasks(scope)
    return {"event": scope.data.event.slug, **{name: tasks[name]() for name in FAMILIES}}


def posted_participants(scope: Scope) -> tuple[str, ...]:
    """Keys (`platform:handle`) of participants with an event post, in registration order (the map's lit
    points; as many as `participants.participants_posted`)."""
    return tuple(posts_per_participant(scope.event_posts, scope.index))


def top_participants(scope: Scope, limit: int = TOP) -> tuple[tuple[str, str, int], ...]:
    """The participants with most event posts: (key, agency, posts), most first."""
    agencies = {p.key: p.agency for p in scope.data.participants}
    counts = posts_per_participant(scope.event_posts, scope.index)
    return tuple((key, agencies.get(key, ""), n) for key, n in list(counts.items())[:limit])


def waiting_questions(scope: Scope) -> list[Question]:
    """Public questions (docs/figures.md#public_questions) not answered yet, the longest waiting first."""
    rows = scope.posts_in_order()
    asked = find_questions(rows, scope.index, scope.data.parents, scope.windows)
    answered = answer_questions(asked, rows, scope.index, scope.data.parents)
    return sorted((q for q in answered.values() if q.answered_at is None), key=lambda q: q.post.created_at)


def failed_sources(rows: Sequence[HealthRow]) -> tuple[HealthRow, ...]:
    """The latest capture-log entry of each source whose latest entry says it failed (`error`) or stopped
    (`stop`): a source that has not started again since."""
    latest: dict[tuple[str, str], HealthRow] = {}
    for row in sorted(rows, key=lambda r: r.start):
        latest[(row.platform, row.source)] = row
    return tuple(r for r in latest.values() if r.kind in STOPPED_KINDS)


def live_state(store: Store, slug: str, now: datetime) -> LiveState:
    """The dashboard of event `slug` at `now` (raises `analysis.EventNotFound` for an unknown slug). Languages not
    yet detected for its event posts are detected and stored first, as `tweetathon figures` does."""
    scope = with_languages(store, event_scope(store, slug))
    return state_of(scope, now, lambda keys: shown_posts(store, keys), pseudonymiser(store, slug))


def with_languages(store: Store, scope: Scope) -> Scope:
    """`scope` with the languages of its event posts that had none detected and stored now (as `tweetathon
    figures` does), the rows updated in memory rather than the event read again."""
    missing = missing_languages(scope)
    if not missing:
        return scope
    from tweetathon.enrich.language import detect_and_store

    detect_and_store(store, missing)
    found = detected_languages(store, missing)
    rows = tuple(r._replace(lang_detected=found[r.key]) if r.key in found else r for r in scope.data.posts)
    return build_scope(replace(scope.data, posts=rows))


ShownReader = Callable[[list[tuple[str, str]]], dict[tuple[str, str], ShownPost]]


def state_of(scope: Scope, now: datetime, read_shown: ShownReader, names: Pseudonymiser) -> LiveState:
    """`live_state` over a scope already read; `read_shown` reads the text of the posts to show."""
    event = scope.data.event
    latest_rows = list(scope.event_posts[-3 * LATEST:])
    waiting = waiting_questions(scope)[:WAITING]
    shown = read_shown([r.key for r in latest_rows] + [q.post.key for q in waiting])
    namer = Namer(scope, names)
    plain = Namer(scope, named())
    latest = _latest(latest_rows, shown, namer)
    return LiveState(
        slug=event.slug, name=event.name, zone=event.zone or "UTC", now=now, registered=len(scope.data.participants),
        figures=live_figures(scope), posted=posted_participants(scope), top=top_participants(scope),
        band=follow_the_sun_band(scope, now), latest=latest, latest_named=_latest(latest_rows, shown, plain),
        waiting=tuple(_waiting(q, shown, plain, now) for q in waiting if _showable(shown.get(q.post.key))),
        failed_sources=failed_sources(scope.data.health))


def _showable(found: ShownPost | None) -> bool:
    return found is not None and not found.withheld and not found.deleted


def _latest(rows: Sequence[PostRow], shown: dict[tuple[str, str], ShownPost], namer: Namer) -> tuple[LivePost, ...]:
    """The newest showable rows (newest first), at most `LATEST`."""
    out: list[LivePost] = []
    for row in reversed(rows):
        found = shown.get(row.key)
        if found is not None and _showable(found):
            out.append(namer.post(row, found))
        if len(out) == LATEST:
            break
    return tuple(out)


def _waiting(q: Question, shown: dict[tuple[str, str], ShownPost], namer: Namer, now: datetime) -> Waiting:
    return Waiting(namer.post(q.post, shown[q.post.key]), q.participant.key,
                   max(0.0, (now - q.post.created_at).total_seconds()))


class Namer:
    """Shows authors and mentions: participants by name, the public by handle, or by pseudonym when `names`
    hides them."""

    def __init__(self, scope: Scope, names: Pseudonymiser) -> None:
        self.scope = scope
        self.names = names

    def hidden(self, row: PostRow) -> bool:
        return self.scope.index.of_post(row) is None and self.names.hides(row.platform, row.author_id,
                                                                          row.author_handle)

    def author(self, row: PostRow) -> ShownAuthor:
        person: ParticipantInfo | None = self.scope.index.of_post(row)
        if person is not None:
            return ShownAuthor(person.agency or f"@{person.handle}", f"@{person.handle}", True)
        if self.hidden(row):
            return ShownAuthor(self.names.pseudonym(row.platform, row.author_id, row.author_handle), "", False)
        handle = row.author_handle or row.author_id
        return ShownAuthor(f"@{handle}", f"@{handle}", False)

    def mention(self, platform: str) -> Callable[[str], str | None]:
        def alias(handle: str) -> str | None:
            if self.scope.index.of_handle(platform, handle) is not None:
                return None
            return self.names.mention(platform, handle)
        return alias

    def post(self, row: PostRow, shown: ShownPost) -> LivePost:
        return LivePost(row.platform, row.post_id, row.created_at, row.kind, self.author(row),
                        tuple(segments(shown.text, row.platform, shown.url, self.mention(row.platform))),
                        None if self.hidden(row) else shown.url)
