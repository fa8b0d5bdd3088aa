"""Who is a participant, which windows apply, and which posts are event posts (docs/figures.md#shared-terms).

Pure functions over `EventData`. Every figure starts from `Scope`: the event posts (distinct by platform and
post id) and the participant index that tells participants from the public.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tweetathon.model import Event
from tweetathon.organise.windows import Window, event_window, fixed_window, local_window
from tweetathon.store.event_data import ChatSession, EventData, ParticipantInfo, PostRow

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
    return windows is None or any(moment in w for w in windows)


def participant_windows(event: Event, person: ParticipantInfo, whole: Windows,
                        sessions: Sequence[ChatSession]) -> Windows:
    """A participant's own window: their local window under a local rule, else the event window."""
    if not sessions and event.local_start and person.zone and fixed_window(event) is None:
        return (local_window(event, person.zone),)
    return whole


class ParticipantIndex:
    """Tells participants from the public: by platform + lower-case handle, or by account id when known."""

    def __init__(self, people: Sequence[ParticipantInfo], rows: Iterable[PostRow],
                 account_handles: dict[tuple[str, str], str] | None = None) -> None:
        self.people = tuple(people)
        self.by_handle = {(p.platform, p.handle): p for p in people}
        self.by_id: dict[tuple[str, str], ParticipantInfo] = {
            (p.platform, p.account_id): p for p in people if p.account_id}
        for (platform, account_id), handle in (account_handles or {}).items():
            self._bind(platform, account_id, handle)
        for row in rows:
            if row.author_handle:
                self._bind(row.platform, row.author_id, row.author_handle)

    def _bind(self, platform: str, account_id: str, handle: str) -> None:
        person = self.by_handle.get((platform, handle))
        if person is not None and not person.account_id:
            self.by_id.setdefault((platform, account_id), person)

    def of_account(self, platform: str, account_id: str | None) -> ParticipantInfo | None:
        return None if account_id is None else self.by_id.get((platform, account_id))

    def of_post(self, row: PostRow) -> ParticipantInfo | None:
        found = self.by_id.get((row.platform, row.author_id))
        if found is None and row.author_handle:
            person = self.by_handle.get((row.platform, row.author_handle))
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

    def window_of(self, person: ParticipantInfo | None) -> Windows:
        if person is None:
            return self.windows
        return participant_windows(self.data.event, person, self.windows, self.data.sessions)


def build_scope(data: EventData) -> Scope:
    """Select the event posts: collected, not deleted (already so in `data`), carrying an event hashtag (any
    post when the event has no hashtags), created inside the window that applies to the author."""
    windows = event_windows(data.event, data.participants, data.sessions)
    index = ParticipantIndex(data.participants, data.posts, dict(data.account_handles))
    tags = [t.lstrip("#＃").lower() for t in data.event.hashtags]
    own: dict[int, Windows] = {}
    seen: set[tuple[str, str]] = set()
    chosen: list[PostRow] = []
    for row in sorted(data.posts, key=lambda r: (r.created_at, r.platform, r.post_id)):
        if row.key in seen or (tags and not row.has_tag(tags)):
            continue
        person = index.of_post(row)
        if person is None:
            applies = windows
        else:
            if id(person) not in own:
                own[id(person)] = participant_windows(data.event, person, windows, data.sessions)
            applies = own[id(person)]
        if inside(row.created_at, applies):
            seen.add(row.key)
            chosen.append(row)
    return Scope(data, windows, index, tuple(chosen))
