"""The conversation around an event: replies to event posts are captured even without the hashtag.

Response-time figures need the answers participants give to the public and the questions the public asks in
reply to participants' posts; those replies rarely repeat the hashtag. The tracker remembers the posts
captured for the event (thread roots and parents) and says whether a new post replies into one of them.
Pure: no I/O; the sources feed it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

MAX_TRACKED = 200_000


class ConversationTracker:
    """Ids (or at:// uris) of captured event posts; a post replying to one of them belongs to the event."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids: dict[str, None] = dict.fromkeys(ids)
        self._lock = threading.Lock()

    def add(self, post_id: str) -> None:
        with self._lock:
            self._ids[post_id] = None
            if len(self._ids) > MAX_TRACKED:  # forget the oldest
                del self._ids[next(iter(self._ids))]

    def replies_to(self, parent: str | None, root: str | None = None) -> bool:
        with self._lock:
            return (parent is not None and parent in self._ids) or (root is not None and root in self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def bluesky_post_tags(record: dict[str, Any]) -> set[str]:
    """Lower-case hashtags of a Bluesky post record: its tag facets and its `tags` field."""
    tags = {str(t).lower().lstrip("#") for t in record.get("tags") or []}
    for facet in record.get("facets") or []:
        for feature in facet.get("features") or []:
            if feature.get("$type") == "app.bsky.richtext.facet#tag" and feature.get("tag"):
                tags.add(str(feature["tag"]).lower().lstrip("#"))
    return tags


def conversation_groups(conversation_ids: Iterable[str], max_length: int = 512) -> list[list[str]]:
    """Conversation ids grouped so that each group's query `conversation_id:A OR conversation_id:B ...`
    stays within the API's query length limit (X: 512 characters on Basic, 4096 on Pro)."""
    groups: list[list[str]] = []
    length = 0
    for cid in conversation_ids:
        term = len(f"conversation_id:{cid}")
        if groups and length + len(" OR ") + term <= max_length:
            groups[-1].append(cid)
            length += len(" OR ") + term
        else:
            groups.append([cid])
            length = term
    return groups


def x_conversation_query(conversation_ids: Iterable[str], max_length: int = 512) -> list[str]:
    """Recent-search queries `conversation_id:A OR conversation_id:B ...`, each within the API's length limit."""
    return [" OR ".join(f"conversation_id:{c}" for c in group)
            for group in conversation_groups(conversation_ids, max_length)]
