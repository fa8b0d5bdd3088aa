"""Gather what a transcript is made from out of the store, for `tweetathon transcript` and the web alike.

`transcript_input` reads a window's posts, the earlier authors (for first-timers) and the approved
participants; `names` (the event's Pseudonymiser, `store.privacy.pseudonymiser`) decides how the public is shown.
"""

from __future__ import annotations

from tweetathon.model import ChatSession, Event
from tweetathon.organise.windows import Window
from tweetathon.privacy.pseudonyms import Pseudonymiser
from tweetathon.reports.transcript import TranscriptInput
from tweetathon.store.store import Store
from tweetathon.store.timeline import approved_participants, earlier_authors, list_sessions, session_posts


def transcript_input(store: Store, event: Event, window: Window, zone: str, plan: ChatSession | None = None,
                     host: str | None = None, with_reposts: bool = True,
                     names: Pseudonymiser | None = None) -> TranscriptInput:
    """The input of the transcript of `event` over `window` (a planned session's `plan` gives its theme, host
    and questions), shown in `zone`."""
    event_id = store.event_id(event.slug)
    posts = session_posts(store, event, event_id, window.start, window.end)
    earlier = earlier_authors(store, event, event_id, window.start)
    had_session = event_id is not None and any(s.starts_at < window.start for s in list_sessions(store, event_id))
    return TranscriptInput(
        title=event.name or event.slug, posts=posts, window=window, zone=zone, hashtags=event.hashtags,
        theme=plan.theme if plan else "", host=host or (plan.host if plan else None),
        planned_questions=plan.questions if plan else (), participants=approved_participants(store, event_id),
        earlier_authors=earlier if earlier or had_session else None, with_reposts=with_reposts, names=names)
