"""Mastodon: the threads around participants' event posts (/api/v1/statuses/:id/context, on mastodon_mock) are
captured without the hashtag, re-checked while recent; on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from mastodon_mock.testing import MockServer

from tests.capture.helpers import add_event, add_participants, collected_ids, event_post_count, run_until
from tweetathon.capture.http import Backoff
from tweetathon.capture.mastodon_api import MastodonHashtagSource, UriDeduper, stream_prefix
from tweetathon.capture.mastodon_conversation import MastodonConversationSource, due, thread_statuses
from tweetathon.store.store import Store

FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


def _post(server: MockServer, who: str, text: str, reply_to: dict[str, Any] | None = None) -> str:
    data = {"status": text, **({"in_reply_to_id": reply_to} if reply_to else {})}
    r = httpx.post(server.base_url + "/api/v1/statuses", headers={"Authorization": f"Bearer {who}_token"},
                   data=data)
    r.raise_for_status()
    return str(r.json()["id"])


def test_threads_around_participants_posts_are_captured_without_the_hashtag(mastodon: MockServer,
                                                                             store: Store) -> None:
    tag = f"chat{uuid.uuid4().hex[:6]}"
    q1, q2 = (_post(mastodon, "alice", f"Question {i} for tonight #{tag}") for i in (1, 2))
    public = _post(mastodon, "bob", f"My view #{tag}")
    plain = _post(mastodon, "alice", "No hashtag: not an event post")
    asks = _post(mastodon, "bob", "When does it start?", reply_to=q1)
    answer = _post(mastodon, "alice", "At eight", reply_to=asks)        # nested: the participant's answer
    _post(mastodon, "carol", "And parking?", reply_to=public)            # bob is only pending: not followed
    _post(mastodon, "carol", "Hello", reply_to=plain)                    # not an event post: not followed
    capture = add_event(store, tag, tag)
    add_participants(store, tag, "mastodon", approved=["@Alice@mock.local"], pending=["bob@mock.local"])
    base = mastodon.base_url
    with httpx.Client() as client:
        dedupe = UriDeduper()
        source = MastodonConversationSource(client, base, None, capture.roots("mastodon", (tag,),
                                            (base + "/", stream_prefix(base))), dedupe, 0.2, FAST)
        sources = [MastodonHashtagSource(client, base, tag, None, dedupe, 0.2, FAST, stream=False), source]
        first = {q1, q2, public, asks, answer}
        late: list[str] = []

        def done() -> bool:
            have = set(collected_ids(store, "mastodon"))
            if first <= have and not late:       # both threads have been asked about once
                late.append(_post(mastodon, "carol", "Is it recorded?", reply_to=q2))
            return bool(late) and late[0] in have

        run_until(capture, sources, done, timeout=20)
        run_until(capture, sources, lambda: False, once=True)   # nothing else may come
    assert set(collected_ids(store, "mastodon")) == first | set(late)
    assert event_post_count(store) == len(first) + 1
    assert not capture.health("error", "mastodon")


def test_recent_threads_are_rechecked_less_often_as_they_age() -> None:
    now = datetime(2025, 5, 1, 12, tzinfo=UTC)
    assert due(now, now, None, 30)                                              # new: at once
    assert not due(now, now - timedelta(minutes=1), now - timedelta(seconds=10), 30)
    assert due(now, now - timedelta(minutes=1), now - timedelta(seconds=30), 30)  # young: every poll
    day_old = now - timedelta(hours=24)
    assert not due(now, day_old, now - timedelta(hours=5), 30)
    assert due(now, day_old, now - timedelta(hours=6), 30)                      # a quarter of its age
    context = {"ancestors": [{"id": "1"}], "descendants": [{"id": "3"}, {"no": "id"}]}
    assert [s["id"] for s in thread_statuses(context)] == ["1", "3"]
