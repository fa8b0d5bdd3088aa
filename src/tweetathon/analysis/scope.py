"""Who is a participant, which windows apply, and which posts are event posts (docs/figures.md#shared-terms).

Pure functions over `EventData`. Every figure starts from `Scope`: the event posts (distinct by platform and
post id) and the participant index that tells participants from the public.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tweetathon.model import ChatSession, Event
from tweetathon.organise.windows import Window, event_window, fixed_window, local_window
from tweetathon.store.event_data import (
    AUTHOR,
    TIME_ORDER,
    Author,
    EventData,
    ParticipantInfo,
    PostRow,
    is_time_ordered,
)

Windows = tuple[Window, ...] | None  # None: no window, every post counts


def event_windows(event: Event, people: Sequence[ParticipantInfo], sessions: Sequence[ChatSession]) -> Windows:
    """The event window: a chat's session hours, a fixed window, or the union of local windows."""
    if sessions:
        return tuple(Window(s.starts_at, s.ends_at) for s in sessions)
    whole = event_window(event, [p.zone for p in people if p.zone])
    return None if whole is None else (whole,)


def span(windows: Windows) -> tuple[datetime, datetime] | None:
    """From the earliest window start to the latest end (None when there is no window)."""
    if windows is None:
        return None
    return min(w.start for w in windows), max(w.end for w in windows)


def inside(moment: datetime, windows: Windows) -> bool:
    """Is `moment` inside any of the windows (always, when there is no window)?"""
    if windows is None:
        return True
    for window in windows:  # noqa: SIM110 (a loop: no generator per call, and this runs per post)
        if window.start <= moment < window.end:
            return True
    return False


def participant_windows(event: Event, person: ParticipantInfo, whole: Windows,
                        sessions: Sequence[ChatSession]) -> Windows:
    """A participant's own window: their local window under a local rule, else the event window."""
    if not sessions and event.local_start and person.zone and fixed_window(event) is None:
        return (local_window(event, person.zone),)
    return whole


class ParticipantIndex:
    """Tells participants from the public: by platform + lower-case handle, or by account id when known."""

    def __init__(self, people: Sequence[ParticipantInfo], authors: Iterable[Author],
                 account_handles: dict[tuple[str, str], str] | None = None) -> None:
        """`authors`: the (platform, account id, handle) of posts (`AUTHOR(row)`), which bind handles to ids."""
        self.people = tuple(people)
        self.by_handle = {(p.platform, p.handle): p for p in people}
        self.by_id: dict[tuple[str, str], ParticipantInfo] = {
            (p.platform, p.account_id): p for p in people if p.account_id}
        for (platform, account_id), handle in (account_handles or {}).items():
            self._bind(platform, account_id, handle)
        for platform, account_id, author_handle in authors:
            if author_handle:
                self._bind(platform, account_id, author_handle)
        self._of_author: dict[Author, ParticipantInfo | None] = {}

    def _bind(self, platform: str, account_id: str, handle: str) -> None:
        person = self.by_handle.get((platform, handle))
        if person is not None and not person.account_id:
            self.by_id.setdefault((platform, account_id), person)

    def of_account(self, platform: str, account_id: str | None) -> ParticipantInfo | None:
        return None if account_id is None else self.by_id.get((platform, account_id))

    def of_post(self, row: PostRow) -> ParticipantInfo | None:
        """The participant who wrote `row` (None: the public)."""
        return self.of_author(AUTHOR(row))

    def of_author(self, author: Author) -> ParticipantInfo | None:
        """The participant who is (platform, author id, author handle) (None: the public); remembered."""
        try:
            return self._of_author[author]
        except KeyError:
            found = self._of_author[author] = self._find_author(*author)
            return found

    def _find_author(self, platform: str, author_id: str, handle: str | None) -> ParticipantInfo | None:
        found = self.by_id.get((platform, author_id))
        if found is None and handle:
            person = self.by_handle.get((platform, handle))
            if person is not None and not person.account_id:
                return person
        return found

    def of_handle(self, platform: str, handle: str) -> ParticipantInfo | None:
        return self.by_handle.get((platform, handle.lstrip("@").lower()))

    def account_ids(self, person: ParticipantInfo) -> list[tuple[str, str]]:
        return [k for k, p in self.by_id.items() if p is person]


@dataclass(frozen=True, slots=True)
class Scope:
    """An event's windows, participant index and event posts (in time order)."""

    data: EventData
    windows: Windows
    index: ParticipantIndex
    event_posts: tuple[PostRow, ...]
    in_order: tuple[PostRow, ...] | None = None  # `data.posts`, distinct and in time order (computed once)

    def posts_in_order(self) -> tuple[PostRow, ...]:
        """Every read post (event posts, conversation context, later replies), distinct by (platform, post id),
        in time order (created_at, platform, post id)."""
        return self.in_order if self.in_order is not None else in_time_order(self.data.posts)

    def window_of(self, person: ParticipantInfo | None) -> Windows:
        if person is None:
            return self.windows
        return participant_windows(self.data.event, person, self.windows, self.data.sessions)


def in_time_order(rows: Iterable[PostRow]) -> tuple[PostRow, ...]:
    """`rows` distinct by (platform, post id) (the first kept), sorted by (created_at, platform, post id).
    Rows already so (as `load_event_data` returns them) are checked in one pass and kept as they are."""
    given = tuple(rows)
    if is_time_ordered(given):
        return given
    distinct = {(row.platform, row.post_id): row for row in reversed(given)}
    return tuple(sorted(distinct.values(), key=TIME_ORDER))


def build_scope(data: EventData) -> Scope:
    """Select the event posts: collected, not deleted (already so in `data`), carrying an event hashtag (any
    post when the event has no hashtags), created inside the window that applies to the author."""
    windows = event_windows(data.event, data.participants, data.sessions)
    ordered = in_time_order(data.posts)
    authors = dict.fromkeys(map(AUTHOR, ordered))
    index = ParticipantIndex(data.participants, authors, dict(data.account_handles))
    needles = tuple(f" {t.lstrip('#＃').lower()} " for t in data.event.hashtags)
    applies = _author_windows(data, index, windows, authors)
    if len(needles) == 1:
        tagged = [row for row in ordered if needles[0] in row.hashtags]
    else:
        tagged = [row for row in ordered if not needles or _tagged(row.hashtags, needles)]
    return Scope(data, windows, index, _inside_own_window(tagged, applies), ordered)


def _inside_own_window(rows: Sequence[PostRow],
                       applies: dict[Author, Windows]) -> tuple[PostRow, ...]:
    """The rows created inside the windows that apply to their author (as `inside`; one window per author, the
    common case, compared in line: this runs per post)."""
    if all(w is None for w in applies.values()):
        return tuple(rows)
    if all(w is not None and len(w) == 1 for w in applies.values()):
        bounds = {author: (w[0].start, w[0].end) for author, w in applies.items() if w is not None}
        return tuple(row for row in rows if (b := bounds[AUTHOR(row)])[0] <= row.created_at < b[1])
    return tuple(row for row in rows if inside(row.created_at, applies[AUTHOR(row)]))


def _author_windows(data: EventData, index: ParticipantIndex, windows: Windows,
                    authors: Iterable[Author]) -> dict[Author, Windows]:
    """The windows that apply to each of `authors` (platform, id, handle)."""
    own: dict[int, Windows] = {}
    out: dict[Author, Windows] = {}
    for author in authors:
        person = index.of_author(author)
        if person is None:
            out[author] = windows
            continue
        if id(person) not in own:
            own[id(person)] = participant_windows(data.event, person, windows, data.sessions)
        out[author] = own[id(person)]
    return out


def _tagged(hashtags: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:  # noqa: SIM110 (as in `inside`)
        if needle in hashtags:
            return True
    return False
