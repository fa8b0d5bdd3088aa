"""Bluesky capture through a real PDS firehose: tag facets, replies to event posts, the persisted cursor."""

from __future__ import annotations

import uuid

from tests.capture.helpers import add_event, collected_ids, run_until
from tests.capture.pds import create_account, post

from tweetathon.capture.bluesky_api import BlueskyFirehoseSource
from tweetathon.capture.conversation import ConversationTracker
from tweetathon.store.store import Store


def test_firehose_captures_tagged_posts_and_replies_to_them_then_resumes_from_its_cursor(
        pds: str, sqlite_store: Store) -> None:
    tag = f"poltwt{uuid.uuid4().hex[:6]}"
    force = create_account(pds, f"force{uuid.uuid4().hex[:6]}")
    resident = create_account(pds, f"res{uuid.uuid4().hex[:6]}")
    tagged = [post(pds, force, f"Community meeting {i} tonight", tag) for i in range(3)]
    untagged = post(pds, force, "Road closed on the high street")
    question = post(pds, resident, "Which hall is the meeting in?", reply_to=tagged[0])
    post(pds, resident, "How long will it be closed?", reply_to=untagged)   # not about the event
    post(pds, resident, "Unrelated #othertag post", "othertag")

    capture = add_event(sqlite_store, "bsky", tag)
    wanted = {p["uri"] for p in tagged} | {question["uri"]}
    run_until(capture, [BlueskyFirehoseSource(pds, (tag,))], lambda: False, once=True, timeout=30)
    assert set(collected_ids(sqlite_store, "bluesky")) == wanted
    first_cursor = capture.cursor("bluesky", f"firehose {pds.replace('http://', 'ws://')}/xrpc")
    assert first_cursor is not None and int(first_cursor) > 0

    later = [post(pds, force, f"Meeting {i} has started", tag) for i in range(2)]
    answer = post(pds, force, "The town hall, room 2", reply_to=question)   # no hashtag: in the thread
    source = BlueskyFirehoseSource(pds, (tag,), ConversationTracker(capture.event_post_ids("bluesky")))
    run_until(capture, [source], lambda: False, once=True, timeout=30)
    assert set(collected_ids(sqlite_store, "bluesky")) == wanted | {p["uri"] for p in later} | {answer["uri"]}
    second_cursor = capture.cursor("bluesky", f"firehose {pds.replace('http://', 'ws://')}/xrpc")
    assert second_cursor is not None and int(second_cursor) > int(first_cursor)
