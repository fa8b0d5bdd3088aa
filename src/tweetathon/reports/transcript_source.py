"""Gather what a transcript is made from out of the store, for the web's transcript pages.

`transcript_input` reads a window's posts, the earlier authors (for first-timers) and the approved
participants; `read_pseudonym_key` reads (or creates) the secret behind the public's pseudonyms, the same file
`tweetathon transcript --pseudonymise-public` uses (the CLI keeps its own copy of these steps for now, to leave
the transcript command to the privacy work under way on it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tweetathon.model import ChatSession, Event
from tweetathon.organise.windows import Window
from tweetathon.reports.transcript import TranscriptInput
from tweetathon.store.store import Store
from tweetathon.store.timeline import approved_participants, earlier_authors, list_sessions, session_posts

KEY_ENV = "TWEETATHON_PSEUDONYM_KEY_FILE"


def default_key_path() -> Path:
    """$TWEETATHON_PSEUDONYM_KEY_FILE, else ~/.config/tweetathon/pseudonym.key."""
    named = os.environ.get(KEY_ENV)
    if named:
        return Path(named)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "tweetathon" / "pseudonym.key"


def read_pseudonym_key(path: Path | None = None) -> tuple[bytes, bool]:
    """The secret behind pseudonyms in `path` (default `default_key_path()`), and whether it was just created
    (random, mode 0600). Raises OSError when it cannot be read or made, ValueError when it is too short."""
    path = path or default_key_path()
    created = False
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile: read theirs
            descriptor = -1
        if descriptor >= 0:
            with os.fdopen(descriptor, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
            created = True
    key = path.read_bytes().strip()
    if len(key) < 16:
        raise ValueError(f"the pseudonym key in {path} is too short ({len(key)} bytes): use at least 16 random bytes")
    return key, created


def transcript_input(store: Store, event: Event, window: Window, zone: str, plan: ChatSession | None = None,
                     host: str | None = None, with_reposts: bool = True,
                     key: bytes | None = None) -> TranscriptInput:
    """The input of the transcript of `event` over `window` (a planned session's `plan` gives its theme, host
    and questions), shown in `zone`; `key` set pseudonymises the public."""
    event_id = store.event_id(event.slug)
    posts = session_posts(store, event, event_id, window.start, window.end)
    earlier = earlier_authors(store, event, event_id, window.start)
    had_session = event_id is not None and any(s.starts_at < window.start for s in list_sessions(store, event_id))
    return TranscriptInput(
        title=event.name or event.slug, posts=posts, window=window, zone=zone, hashtags=event.hashtags,
        theme=plan.theme if plan else "", host=host or (plan.host if plan else None),
        planned_questions=plan.questions if plan else (), participants=approved_participants(store, event_id),
        earlier_authors=earlier if earlier or had_session else None, with_reposts=with_reposts, pseudonym_key=key)
