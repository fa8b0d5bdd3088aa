"""Bluesky capture through a real PDS firehose: tag facets, replies to event posts, the persisted cursor, and
faults injected by a relay in front of it (a dropped connection, a frame that cannot be decoded)."""

from __future__ import annotations

import time
import uuid

from atproto import firehose_models, models, parse_subscribe_repos_message
from websockets.sync.client import ClientConnection, connect

from tests.capture.helpers import add_event, collected_ids, event_post_count, run_until
from tests.capture.pds import create_account, post
from tests.capture.servers.ws_relay import WsRelay, serve_relay
from tweetathon.capture.bluesky_api import BlueskyFirehoseSource
from tweetathon.capture.conversation import ConversationTracker
from tweetathon.capture.http import Backoff
from tweetathon.store.store import Store

FAST = Backoff(base=0.05, cap=0.2, floor=0.02)


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


def test_firehose_drop_and_undecodable_frame_resume_from_the_cursor_losing_nothing(
        pds: str, sqlite_store: Store) -> None:
    tag = f"bsp{uuid.uuid4().hex[:6]}"
    force = create_account(pds, f"unit{uuid.uuid4().hex[:6]}")
    resident = create_account(pds, f"res{uuid.uuid4().hex[:6]}")
    tagged = [post(pds, force, f"Patrol update {i}", tag) for i in range(3)]
    question = post(pds, resident, "Is the road open again?", reply_to=tagged[1])
    capture = add_event(sqlite_store, "bsp", tag)
    relay = WsRelay(pds.replace("http://", "ws://"), faults=[("drop", 5), ("garble", 5)])
    wanted = {p["uri"] for p in tagged} | {question["uri"]}
    later: list[str] = []
    with serve_relay(relay) as url:
        source = BlueskyFirehoseSource(url, (tag,), backoff=FAST)

        def done() -> bool:
            have = set(collected_ids(sqlite_store, "bluesky"))
            if len(relay.connections) >= 3 and wanted <= have and not later:   # live on the third connection
                later.extend([post(pds, force, "Road open again", tag)["uri"],
                              post(pds, force, "Yes, since noon", reply_to=question)["uri"]])
            return bool(later) and wanted | set(later) <= have

        run_until(capture, [source], done, timeout=40)

    assert set(collected_ids(sqlite_store, "bluesky")) == wanted | set(later)
    first, second, third = relay.connections[:3]
    assert first.path.endswith("?cursor=0")
    assert second.path.endswith(f"?cursor={first.seqs[-1]}")       # resumed where the drop left it
    assert second.withheld is not None and second.withheld == second.seqs[4] + 1
    assert third.path.endswith(f"?cursor={second.seqs[4]}")        # the last frame decoded before the bad one
    assert third.seqs[0] == second.withheld                         # so the withheld event is replayed
    reconnects = [r["detail"] for r in capture.health("reconnect", "bluesky")]
    assert len(reconnects) == 2 and "dropped" in reconnects[0] and "undecodable" in reconnects[1]
    gaps = [g["detail"] for g in capture.health("gap", "bluesky")]     # each period without a connection
    assert len(gaps) == 2 and all("the firehose replays what was missed" in g for g in gaps)
    assert "dropped" in gaps[0] and "undecodable" in gaps[1]
    assert [e["detail"].split(" (")[0] for e in capture.health("error", "bluesky")] == \
        ["firehose frame could not be decoded"]
    name = f"firehose {url}/xrpc"
    assert capture.cursor("bluesky", name) == str(relay.connections[-1].seqs[-1])


def test_restart_from_the_default_live_start_loses_nothing_posted_while_capture_was_down(
        pds: str, sqlite_store: Store) -> None:
    """`start = live` (the default): the first capture begins at the firehose's present; a restart must resume
    from the saved cursor, so what was posted while capture was down is replayed, once."""
    tag = f"gmp{uuid.uuid4().hex[:6]}"
    force = create_account(pds, f"live{uuid.uuid4().hex[:6]}")
    resident = create_account(pds, f"res{uuid.uuid4().hex[:6]}")
    with connect(pds.replace("http://", "ws://") + "/xrpc/com.atproto.sync.subscribeRepos") as watcher:
        before = post(pds, force, "Posted before capture began", tag)["uri"]  # not wanted: capture starts live
        wait_for_commit(watcher, before)
    capture = add_event(sqlite_store, "gmp", tag)
    relay = WsRelay(pds.replace("http://", "ws://"))
    first: list[dict[str, str]] = []
    with serve_relay(relay) as url:
        def live_post_captured() -> bool:
            if relay.connections and relay.connections[0].upstream_open and not first:
                time.sleep(0.3)                                  # the PDS has begun streaming to the relay
                first.append(post(pds, force, "Cordon in place on the high street", tag))
            return bool(first) and first[0]["uri"] in collected_ids(sqlite_store, "bluesky")

        run_until(capture, [BlueskyFirehoseSource(url, (tag,), backoff=FAST, start_live=True)], live_post_captured)
        saved = capture.cursor("bluesky", f"firehose {url}/xrpc")
        down = [post(pds, force, f"Update {i} while capture is down", tag)["uri"] for i in range(3)]
        down.append(post(pds, resident, "Is the road still closed?", reply_to=first[0])["uri"])  # no hashtag
        later: list[str] = []

        def all_captured() -> bool:
            have = set(collected_ids(sqlite_store, "bluesky"))
            if set(down) <= have and not later:
                later.append(post(pds, force, "Cordon lifted", tag)["uri"])
            return bool(later) and set(later) <= have

        tracker = ConversationTracker(capture.event_post_ids("bluesky"))
        run_until(capture, [BlueskyFirehoseSource(url, (tag,), tracker, FAST, start_live=True)], all_captured)

    assert saved is not None
    assert "cursor=" not in relay.connections[0].path                  # the first capture began live
    assert relay.connections[1].path.endswith(f"?cursor={saved}")      # the restart honoured the saved cursor
    assert sorted(collected_ids(sqlite_store, "bluesky")) == sorted([first[0]["uri"], *down, *later])
    assert before not in collected_ids(sqlite_store, "bluesky")
    assert event_post_count(sqlite_store) == 1 + len(down) + len(later)             # nothing stored twice


def wait_for_commit(live: ClientConnection, uri: str) -> None:
    """Wait until a live subscriber (opened before the post) receives the commit of `uri`: the PDS has then sent
    it live, so a subscriber connecting live afterwards begins after it (it sequences a commit shortly after
    createRecord answers, and would send it to a subscriber that connected in between)."""
    path = uri.split("/", 3)[3]
    while True:
        frame = firehose_models.Frame.from_bytes(live.recv(timeout=30))
        message = parse_subscribe_repos_message(frame) if isinstance(frame, firehose_models.MessageFrame) else None
        if isinstance(message, models.ComAtprotoSyncSubscribeRepos.Commit) and \
                any(op.path == path for op in message.ops):
            return
